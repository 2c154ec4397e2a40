package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorConfigTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        SupervisorConfig d = SupervisorConfig.defaults();
        assertThat(d.processes()).isEqualTo(2);
        assertThat(d.connectionsPerProcess()).isEqualTo(1);
        assertThat(d.maxRequests()).isZero();
        assertThat(d.maxLifetime()).isZero();
        assertThat(d.startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.readyWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.backoffMin()).isEqualTo(Duration.ofMillis(250));
        assertThat(d.backoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxRestarts()).isEqualTo(10);
        assertThat(d.restartWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.stopGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsLimitsThatMakeNoSense() {
        SupervisorConfig d = SupervisorConfig.defaults();
        assertThatThrownBy(() -> d.withProcesses(0)).hasMessageContaining("processes must be between 1 and 1024");
        assertThatThrownBy(() -> d.withProcesses(1025)).hasMessageContaining("processes must be between 1 and 1024");
        assertThatThrownBy(() -> d.withConnectionsPerProcess(0)).hasMessageContaining("connectionsPerProcess");
        assertThatThrownBy(() -> d.withMaxRequests(-1)).hasMessageContaining("maxRequests");
        assertThatThrownBy(() -> d.withMaxLifetime(Duration.ofSeconds(-1))).hasMessageContaining("maxLifetime");
        assertThatThrownBy(() -> d.withStartTimeout(Duration.ZERO)).hasMessageContaining("startTimeout must be positive");
        assertThatThrownBy(() -> d.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("below backoffMin");
        assertThatThrownBy(() -> d.withRestartLimit(0, Duration.ofMinutes(1))).hasMessageContaining("maxRestarts");
        assertThatThrownBy(() -> d.withStopGrace(Duration.ofMillis(-1))).hasMessageContaining("stopGrace");
        assertThat(d.withStopGrace(Duration.ZERO).stopGrace()).isZero();
    }

    @Test
    void durationsAreShownForPeople() {
        assertThat(Durations.human(Duration.ofMillis(20))).isEqualTo("20 ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.human(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Durations.human(Duration.ofSeconds(600))).isEqualTo("600 s");
        assertThat(Durations.human(Duration.ofMillis(599_001))).isEqualTo("600 s");
    }
}
