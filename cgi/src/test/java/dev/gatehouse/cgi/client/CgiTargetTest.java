package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CgiTargetTest {
    @Test
    void parsesADirectoryAlone() {
        CgiTarget t = CgiTarget.parse("cgi:/srv/cgi-bin");
        assertThat(t.directory()).isEqualTo(Path.of("/srv/cgi-bin"));
        assertThat(t.timeout()).isNull();
        assertThat(t.maxScripts()).isZero();
        assertThat(t.passAuthorization()).isFalse();
        assertThat(t.effectiveDocumentRoot()).isEqualTo(Path.of("/srv/cgi-bin"));
        assertThat(t.configure(CgiClientConfig.defaults())).isEqualTo(CgiClientConfig.defaults());
        assertThat(t).hasToString("cgi:/srv/cgi-bin");
    }

    @Test
    void parsesEveryOptionAndAppliesThemToTheConfiguration() {
        CgiTarget t = CgiTarget.parse("cgi:/srv/cgi-bin/?timeout=1500ms&max=8&auth=pass&docroot=/srv/www&spawn=direct");
        assertThat(t.directory()).isEqualTo(Path.of("/srv/cgi-bin"));
        assertThat(t.documentRoot()).isEqualTo(Path.of("/srv/www"));
        CgiClientConfig c = t.configure(CgiClientConfig.defaults());
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.maxScripts()).isEqualTo(8);
        assertThat(c.passAuthorization()).isTrue();
        assertThat(c.spawn()).isEqualTo(CgiClientConfig.Spawn.DIRECT);
        assertThat(CgiTarget.parse(t.toString())).isEqualTo(t);
        assertThat(CgiTarget.parse("cgi:/x?timeout=2m").timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(CgiTarget.parse("cgi:/x?timeout=30s").timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsMalformedTargets() {
        for (String bad : new String[] {"cgi:", "cgi:relative/dir", "cgi://host/x", "fastcgi:/x", "/srv/cgi-bin", "cgi:/x?timeout=30",
                "cgi:/x?timeout=-1s", "cgi:/x?timeout=0s", "cgi:/x?timeout=+5s", "cgi:/x?max=0", "cgi:/x?max=-1", "cgi:/x?max=1e3",
                "cgi:/x?max=\u0661", "cgi:/x?auth=yes", "cgi:/x?docroot=www", "cgi:/x?spawn=fork", "cgi:/x?nope=1", "cgi:/x?max=1&max=2",
                "cgi:/x?", "cgi:/x?timeout=1s&timeout=2s"}) {
            assertThatThrownBy(() -> CgiTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
