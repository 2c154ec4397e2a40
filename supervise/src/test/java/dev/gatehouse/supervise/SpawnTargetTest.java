package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpawnTargetTest {
    @Test
    void readsTheCommandAndTheOptionsAfterTheLastQuestionMark() {
        SpawnTarget t = SpawnTarget.parse("fastcgi+spawn:php-cgi -d display_errors=0?root=/srv/www/&processes=4&max-requests=1000"
                + "&max-lifetime=1h&start-timeout=5s&stop-grace=2s&backoff-min=100ms&backoff-max=10s&max-restarts=5&restart-window=2m"
                + "&connections=2&dir=/srv");
        assertThat(t.protocol()).isEqualTo("fastcgi");
        assertThat(t.command().argv()).containsExactly("php-cgi", "-d", "display_errors=0");
        assertThat(t.command().directory()).isEqualTo(Path.of("/srv"));
        assertThat(t.documentRoot()).isEqualTo("/srv/www");
        SupervisorConfig c = t.config();
        assertThat(c.processes()).isEqualTo(4);
        assertThat(c.connectionsPerProcess()).isEqualTo(2);
        assertThat(c.maxRequests()).isEqualTo(1000);
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(c.startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.backoffMin()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxRestarts()).isEqualTo(5);
        assertThat(c.restartWindow()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withoutOptionsTheDefaultsHold() {
        SpawnTarget t = SpawnTarget.parse("fastcgi+spawn:gatehouse serve --fastcgi fd:0 app:com.example.App");
        assertThat(t.command().argv()).containsExactly("gatehouse", "serve", "--fastcgi", "fd:0", "app:com.example.App");
        assertThat(t.config()).isEqualTo(SupervisorConfig.defaults());
        assertThat(t.documentRoot()).isNull();
    }

    @Test
    void aBareQuestionMarkLetsTheCommandHoldOne() {
        SpawnTarget t = SpawnTarget.parse("scgi+spawn:app --query 'a?b'?");
        assertThat(t.protocol()).isEqualTo("scgi");
        assertThat(t.command().argv()).containsExactly("app", "--query", "a?b");
    }

    @Test
    void rejectsBadSpecsWithAMessageNamingTheProblem() {
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi:php-cgi")).hasMessageContaining("PROTOCOL+spawn:COMMAND");
        assertThatThrownBy(() -> SpawnTarget.parse("+spawn:php-cgi")).hasMessageContaining("PROTOCOL+spawn:COMMAND");
        assertThatThrownBy(() -> SpawnTarget.parse("Fast+spawn:php-cgi")).hasMessageContaining("PROTOCOL+spawn:COMMAND");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:?processes=2")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?processes=+2")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?processes=0")).hasMessageContaining("processes must be between");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?processes=\u0662")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?processes=2&processes=3")).hasMessageContaining("twice");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?colour=red")).hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?root=srv")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?stop-grace=5")).hasMessageContaining("a duration");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?stop-grace=5d")).hasMessageContaining("a duration");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?backoff-min=1m&backoff-max=1s")).hasMessageContaining("below backoffMin");
        assertThatThrownBy(() -> SpawnTarget.parse("fastcgi+spawn:php-cgi?processes")).hasMessageContaining("KEY=VALUE");
    }
}
