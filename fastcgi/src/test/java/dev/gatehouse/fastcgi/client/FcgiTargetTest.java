package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FcgiTargetTest {
    @Test
    void parsesTcpTargets() {
        FcgiTarget t = FcgiTarget.parse("fastcgi://127.0.0.1:9000");
        assertThat(t.address().host()).isEqualTo("127.0.0.1");
        assertThat(t.address().port()).isEqualTo(9000);
        assertThat(t.documentRoot()).isNull();
        assertThat(FcgiTarget.parse("fastcgi://[::1]:9000").address().host()).isEqualTo("::1");
    }

    @Test
    void parsesUnixTargetsWithARoot() {
        FcgiTarget t = FcgiTarget.parse("fastcgi:unix:/run/php/fpm.sock?root=/srv/php/");
        assertThat(t.address().unixPath()).isEqualTo(Path.of("/run/php/fpm.sock"));
        assertThat(t.documentRoot()).isEqualTo("/srv/php");
        assertThat(t).hasToString("fastcgi:unix:/run/php/fpm.sock?root=/srv/php");
    }

    @Test
    void rejectsWhatIsNoTarget() {
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi:127.0.0.1:9000")).hasMessageContaining("expected fastcgi://HOST:PORT");
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://host:0")).hasMessageContaining("port 0");
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://h:9000?root=relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://h:9000?index=x")).hasMessageContaining("root=DIR and pool=N");
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://h:9000?root=/a&root=/b")).hasMessageContaining("each once");
        assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://h:99999")).hasMessageContaining("out of range");
    }

    @Test
    void parsesAPoolSizeBesideTheRoot() {
        FcgiTarget t = FcgiTarget.parse("fastcgi:unix:/run/php/fpm.sock?root=/srv/php&pool=4");
        assertThat(t.poolSize()).isEqualTo(4);
        assertThat(t.documentRoot()).isEqualTo("/srv/php");
        assertThat(t).hasToString("fastcgi:unix:/run/php/fpm.sock?root=/srv/php&pool=4");
        assertThat(FcgiTarget.parse("fastcgi://127.0.0.1:9000?pool=2").poolSize()).isEqualTo(2);
        assertThat(FcgiTarget.parse("fastcgi://127.0.0.1:9000").poolSize()).isZero();
    }

    @Test
    void rejectsPoolSizesThatAreNotAPositiveNumber() {
        for (String bad : new String[] {"0", "-1", "+2", "x", "", "10001", "1234567", "\u0661"}) {
            assertThatThrownBy(() -> FcgiTarget.parse("fastcgi://h:9000?pool=" + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool must be");
        }
    }
}
