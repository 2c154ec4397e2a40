package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTest {
    @Test
    void ofGivesTheStandardReasonPhrase() {
        assertThat(Status.of(404)).isEqualTo(Status.NOT_FOUND);
        assertThat(Status.of(413).reason()).isEqualTo("Content Too Large");
        assertThat(Status.of(299).reason()).isEqualTo("Unknown");
    }

    @Test
    void parsesCodeAndReason() {
        assertThat(Status.parse("404 Not Found")).isEqualTo(new Status(404, "Not Found"));
        assertThat(Status.parse("200 Very OK Indeed")).isEqualTo(new Status(200, "Very OK Indeed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"204", "204 "})
    void parsesAnEmptyReason(String line) {
        assertThat(Status.parse(line)).isEqualTo(new Status(204, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20", "2000", "20x OK", "200-OK", "abc def", " 200 OK", "\u0662\u0660\u0660 OK"})
    void rejectsMalformedStatusLines(String line) {
        assertThatThrownBy(() -> Status.parse(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsParsedCodeBelow100() {
        assertThatThrownBy(() -> Status.parse("099 Too Low")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 1000})
    void rejectsCodesThatAreNotThreeDigits(int code) {
        assertThatThrownBy(() -> new Status(code, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void treatsANullReasonAsEmpty() {
        assertThat(new Status(200, null).reason()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 199, 204, 304})
    void knowsWhichStatusesForbidABody(int code) {
        assertThat(Status.of(code).forbidsBody()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 205, 206, 301, 404, 500})
    void knowsWhichStatusesAllowABody(int code) {
        assertThat(Status.of(code).forbidsBody()).isFalse();
    }

    @Test
    void printsAsAStatusLine() {
        assertThat(Status.NOT_FOUND).hasToString("404 Not Found");
        assertThat(new Status(299, "")).hasToString("299");
    }
}
