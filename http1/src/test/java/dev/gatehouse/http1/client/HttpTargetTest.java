package dev.gatehouse.http1.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.net.ListenAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTargetTest {

    @Test
    void parsesHostPortAndPrefix() {
        HttpTarget t = HttpTarget.parse("http://127.0.0.1:8081/prefix");
        assertThat(t.address()).isEqualTo(ListenAddress.tcp("127.0.0.1", 8081));
        assertThat(t.hostHeader()).isEqualTo("127.0.0.1:8081");
        assertThat(t.pathPrefix()).isEqualTo("/prefix");
        assertThat(t.poolSize()).isZero();
    }

    @Test
    void dropsTrailingSlashesOfThePrefix() {
        assertThat(HttpTarget.parse("http://b:81/v1/").pathPrefix()).isEqualTo("/v1");
        assertThat(HttpTarget.parse("http://b:81/").pathPrefix()).isEmpty();
        assertThat(HttpTarget.parse("http://b:81").pathPrefix()).isEmpty();
    }

    @Test
    void leavesPort80OutOfTheHostHeaderAsNginxDoes() {
        HttpTarget t = HttpTarget.parse("http://backend.internal/app");
        assertThat(t.address()).isEqualTo(ListenAddress.tcp("backend.internal", 80));
        assertThat(t.hostHeader()).isEqualTo("backend.internal");
        assertThat(HttpTarget.parse("http://backend.internal:80").hostHeader()).isEqualTo("backend.internal");
    }

    @Test
    void parsesIpv6InBrackets() {
        HttpTarget t = HttpTarget.parse("http://[::1]:8080/x");
        assertThat(t.address()).isEqualTo(ListenAddress.tcp("::1", 8080));
        assertThat(t.hostHeader()).isEqualTo("[::1]:8080");
        assertThat(HttpTarget.parse("http://[::1]").address()).isEqualTo(ListenAddress.tcp("::1", 80));
    }

    @Test
    void parsesUnixSocketsWithAnOptionalPrefixAfterAColon() {
        HttpTarget t = HttpTarget.parse("http:unix:/run/app.sock");
        assertThat(t.address()).isEqualTo(ListenAddress.unix(Path.of("/run/app.sock")));
        assertThat(t.hostHeader()).isEqualTo("localhost");
        assertThat(t.pathPrefix()).isEmpty();
        assertThat(HttpTarget.parse("http:unix:/run/app.sock:/api/").pathPrefix()).isEqualTo("/api");
    }

    @Test
    void parsesOptions() {
        HttpTarget t = HttpTarget.parse("http://10.0.0.5:9000/v2?pool=8&host=app.example");
        assertThat(t.poolSize()).isEqualTo(8);
        assertThat(t.hostHeader()).isEqualTo("app.example");
        assertThat(t.pathPrefix()).isEqualTo("/v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8081", "http://127.0.0.1:8081/prefix", "http://[::1]:8080/a%20b", "http://b:80/x",
        "http:unix:/run/app.sock", "http:unix:/run/app.sock:/api", "http://b:81/v?host=example.org:8443", "http://b:81?pool=3",
        "http:unix:/s?host=svc&pool=2"})
    void toStringRoundTrips(String spec) {
        HttpTarget t = HttpTarget.parse(spec);
        assertThat(HttpTarget.parse(t.toString())).isEqualTo(t);
        assertThat(t.toString()).startsWith("http:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://b:81", "fastcgi://b:81", "http:/b:81", "http://", "http://:81", "http://b:0", "http://b:99999",
        "http://b:x", "http://user@b:81", "http://::1:8080", "http://[::1:8080", "http://b:81/a b", "http://b:81/%zz",
        "http://b:81/a#b", "http://b:81?pool=0", "http://b:81?pool=x", "http://b:81?pool=1&pool=2", "http://b:81?other=1",
        "http://b:81?host=", "http://b:81?host=a/b", "http:unix:", "http:unix:/s:api", "http://unix:/s"})
    void rejectsMalformedTargets(String spec) {
        assertThatThrownBy(() -> HttpTarget.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
