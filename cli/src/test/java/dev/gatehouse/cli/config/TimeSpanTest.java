package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpanTest {
    @ParameterizedTest
    @CsvSource({"30, PT30S, 30s", "30s, PT30S, 30s", "2m, PT2M, 2m", "1h, PT1H, 1h", "500ms, PT0.5S, 500ms",
            "90s, PT1M30S, 90s", "120s, PT2M, 2m", "0, PT0S, 0s"})
    void readsSecondsAndUnits(String text, Duration duration, String shortest) {
        TimeSpan span = TimeSpan.parse(text);
        assertThat(span.duration()).isEqualTo(duration);
        assertThat(span).hasToString(shortest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1d", "-1s", "1.5s", "30 s", "1234567890s"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> TimeSpan.parse(text)).hasMessageContaining("is not a duration");
    }
}
