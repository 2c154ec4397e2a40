package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderTest {
    @Test
    void comparesNamesIgnoringCase() {
        assertThat(Header.of("Content-Type", "text/plain").is("content-type")).isTrue();
        assertThat(Header.of("Content-Type", "text/plain").is("Content-Length")).isFalse();
    }

    @Test
    void findsTheFirstValueOfAName() {
        List<Header> headers = List.of(Header.of("Set-Cookie", "a=1"), Header.of("set-cookie", "b=2"));
        assertThat(Header.find(headers, "SET-COOKIE")).isEqualTo("a=1");
        assertThat(Header.find(headers, "Location")).isNull();
    }

    @Test
    void rejectsNullNameOrValue() {
        assertThatThrownBy(() -> Header.of(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Header.of("X", null)).isInstanceOf(NullPointerException.class);
    }
}
