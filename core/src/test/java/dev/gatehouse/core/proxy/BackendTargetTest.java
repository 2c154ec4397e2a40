package dev.gatehouse.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.net.ListenAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackendTargetTest {
    @Test
    void parsesHostAndPort() {
        BackendTarget t = BackendTarget.parse("scgi", "scgi://127.0.0.1:4000");
        assertThat(t.scheme()).isEqualTo("scgi");
        assertThat(t.address()).isEqualTo(ListenAddress.tcp("127.0.0.1", 4000));
    }

    @Test
    void parsesABracketedIpv6Host() {
        assertThat(BackendTarget.parse("uwsgi", "uwsgi://[::1]:3031").address()).isEqualTo(ListenAddress.tcp("::1", 3031));
    }

    @Test
    void parsesAUnixSocket() {
        assertThat(BackendTarget.parse("uwsgi", "uwsgi:unix:/run/app.sock").address()).isEqualTo(ListenAddress.unix(Path.of("/run/app.sock")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scgi://127.0.0.1:4000", "scgi://[::1]:4000", "scgi://backend.local:65535", "scgi:unix:/run/app.sock", "scgi:unix:relative.sock"})
    void roundTripsThroughToString(String spec) {
        BackendTarget t = BackendTarget.parse("scgi", spec);
        assertThat(t.toString()).isEqualTo(spec);
        assertThat(BackendTarget.parse("scgi", t.toString())).isEqualTo(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "scgi", "scgi:", "scgi:/", "scgi://", "uwsgi://127.0.0.1:4000", "SCGI://127.0.0.1:4000",
            "scgi:127.0.0.1:4000", "scgi://127.0.0.1", "scgi://127.0.0.1:", "scgi://:4000", "scgi://127.0.0.1:4000/path",
            "scgi://127.0.0.1:4000?x=1", "scgi://user@host:4000", "scgi://host name:4000", "scgi://unix:/run/app.sock",
            "scgi:unix:", "scgi:unix", "scgi://[::1:4000", "scgi://127.0.0.1:８０"})
    void refusesOtherFormsNamingTheExpectedOnes(String spec) {
        assertThatThrownBy(() -> BackendTarget.parse("scgi", spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scgi://HOST:PORT").hasMessageContaining("scgi:unix:PATH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scgi://127.0.0.1:+80", "scgi://127.0.0.1:-1", "scgi://127.0.0.1:65536", "scgi://127.0.0.1:123456"})
    void refusesBadPorts(String spec) {
        assertThatThrownBy(() -> BackendTarget.parse("scgi", spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @Test
    void refusesPortZero() {
        assertThatThrownBy(() -> BackendTarget.parse("scgi", "scgi://127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 0");
        assertThatThrownBy(() -> new BackendTarget("scgi", ListenAddress.tcp("127.0.0.1", 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesABadScheme() {
        assertThatThrownBy(() -> BackendTarget.parse("", "://x:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackendTarget.parse("Scgi", "Scgi://x:1")).isInstanceOf(IllegalArgumentException.class);
    }
}
