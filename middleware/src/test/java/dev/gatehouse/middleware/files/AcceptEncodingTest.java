package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {
    @Test
    void prefersBrotliWhenBothAreEquallyWelcome() {
        assertThat(AcceptEncoding.choose("gzip, deflate, br", true, true)).isEqualTo("br");
        assertThat(AcceptEncoding.choose("*", true, true)).isEqualTo("br");
    }

    @Test
    void honoursQValues() {
        assertThat(AcceptEncoding.choose("br;q=0.5, gzip;q=0.8", true, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("br;q=0.8, gzip;q=0.5", true, true)).isEqualTo("br");
        assertThat(AcceptEncoding.choose("br;q=0, gzip", true, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("gzip;q=0, br;q=0", true, true)).isNull();
        assertThat(AcceptEncoding.choose("gzip ; Q=0.001", true, true)).isEqualTo("gzip");
    }

    @Test
    void choosesOnlyWhatExists() {
        assertThat(AcceptEncoding.choose("br, gzip", false, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("br", false, true)).isNull();
        assertThat(AcceptEncoding.choose("br, gzip", false, false)).isNull();
    }

    @Test
    void theStarCoversWhatTheListDoesNotName() {
        assertThat(AcceptEncoding.choose("br;q=0, *", true, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("*;q=0", true, true)).isNull();
        assertThat(AcceptEncoding.choose("gzip, *;q=0", true, true)).isEqualTo("gzip");
    }

    @Test
    void xGzipIsGzip() {
        assertThat(AcceptEncoding.choose("x-gzip", true, true)).isEqualTo("gzip");
    }

    @Test
    void noHeaderOrIdentityMeansNoCoding() {
        assertThat(AcceptEncoding.choose(null, true, true)).isNull();
        assertThat(AcceptEncoding.choose("identity", true, true)).isNull();
        assertThat(AcceptEncoding.choose("", true, true)).isNull();
    }

    @Test
    void malformedWeightsAreIgnored() {
        assertThat(AcceptEncoding.choose("br;q=2, gzip", true, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("br;q=abc, gzip;q=0.1", true, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("br;q=0.1234", true, true)).isNull();
        assertThat(AcceptEncoding.choose("br;level=1", true, true)).isNull();
    }

    @Test
    void codingNamesIgnoreCaseInAnyLocale() {
        assertThat(AcceptEncoding.choose("GZIP", false, true)).isEqualTo("gzip");
        assertThat(AcceptEncoding.choose("BR", true, false)).isEqualTo("br");
    }
}
