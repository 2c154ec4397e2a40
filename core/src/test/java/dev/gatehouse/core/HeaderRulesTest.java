package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "x", "X-Custom_1", "!#$%&'*+-.^_`|~", "0"})
    void acceptsTokens(String s) {
        assertThat(HeaderRules.isToken(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a:b", "a\tb", "a\r", "(x)", "a/b", "a\"b", "caf\u00e9", "\u0130", "a\u0000"})
    void rejectsNonTokens(String s) {
        assertThat(HeaderRules.isToken(s)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/html; charset=utf-8", "a\tb", " leading and trailing ", "caf\u00e9", "\u00ff"})
    void acceptsFieldValuesWithTabAndObsText(String s) {
        assertThat(HeaderRules.isFieldValue(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\u007fb", "a\u001bb", "\u0100", "\u20ac"})
    void rejectsControlCharactersAndCharactersBeyondOneByte(String s) {
        assertThat(HeaderRules.isFieldValue(s)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "KEEP-ALIVE", "proxy-authenticate", "Proxy-Authorization", "te", "Trailer",
            "transfer-encoding", "Upgrade"})
    void recognisesHopByHopFieldsInAnyCase(String name) {
        assertThat(HeaderRules.isHopByHop(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "Trailers", "Connection-Id", "Proxy-Connection-Extra-Long-Name", "tE2"})
    void doesNotMistakeOtherFieldsForHopByHop(String name) {
        assertThat(HeaderRules.isHopByHop(name)).isFalse();
    }

    @Test
    void lowersOnlyAsciiLetters() {
        assertThat(HeaderRules.asciiLower("Content-TYPE")).isEqualTo("content-type");
        assertThat(HeaderRules.asciiLower("\u0130\u00c9X")).isEqualTo("\u0130\u00c9x");
        String lower = "already-lower";
        assertThat(HeaderRules.asciiLower(lower)).isSameAs(lower);
    }

    @Test
    void acceptsAWellFormedHead() {
        assertThatCode(() -> HeaderRules.check(Status.OK, List.of(Header.of("Content-Type", "text/plain"),
                Header.of("Set-Cookie", "a=1"), Header.of("Set-Cookie", "b=2")))).doesNotThrowAnyException();
    }

    @Test
    void namesTheBrokenRule() {
        assertThatThrownBy(() -> HeaderRules.check(null, List.of())).hasMessage("status is null");
        assertThatThrownBy(() -> HeaderRules.check(Status.OK, null)).hasMessage("headers list is null");
        assertThatThrownBy(() -> HeaderRules.check(Status.OK, Arrays.asList((Header) null)))
                .hasMessage("null header in the list");
        assertThatThrownBy(() -> HeaderRules.check(Status.OK, List.of(Header.of("X Y", "1"))))
                .hasMessage("header name is not a token: \"X Y\"");
        assertThatThrownBy(() -> HeaderRules.check(Status.OK, List.of(Header.of("X", "1\r\n"))))
                .hasMessageContaining("CR, LF, NUL");
        assertThatThrownBy(() -> HeaderRules.check(Status.OK, List.of(Header.of("Keep-Alive", "5"))))
                .hasMessageContaining("hop-by-hop header Keep-Alive");
    }

    @Test
    void rejectsControlCharactersInTheReasonAndShowsThemEscaped() {
        assertThatThrownBy(() -> HeaderRules.check(new Status(200, "OK\r\nX: 1"), List.of()))
                .isInstanceOf(ContractViolationException.class)
                .hasMessage("status reason contains control characters: \"OK\\x0d\\x0aX: 1\"");
    }

    @Test
    void parsesContentLengthStrictly() {
        assertThat(HeaderRules.parseLength("0")).isZero();
        assertThat(HeaderRules.parseLength("007")).isEqualTo(7);
        assertThat(HeaderRules.parseLength("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+5", "-1", " 5", "5 ", "1e3", "0x10", "\u0661", "\uff15", "1234567890123456789"})
    void rejectsContentLengthThatIsNotPlainAsciiDigits(String s) {
        assertThat(HeaderRules.parseLength(s)).isEqualTo(-2);
    }
}
