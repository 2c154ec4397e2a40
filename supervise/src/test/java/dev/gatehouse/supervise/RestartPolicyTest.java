package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    private static final long SECOND = 1_000_000_000L;

    private static RestartPolicy policy(long minMillis, long maxMillis, int maxRestarts, Duration window) {
        return new RestartPolicy(SupervisorConfig.defaults().withBackoff(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis))
                .withRestartLimit(maxRestarts, window));
    }

    @Test
    void restartsAtOnceAfterTheFirstFailureThenDoublesUpToTheMaximum() {
        RestartPolicy p = policy(250, 3000, 10, Duration.ofMinutes(1));
        assertThat(p.backoff(1)).isZero();
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.backoff(5)).isEqualTo(Duration.ofMillis(2000));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofMillis(3000));
        assertThat(p.backoff(7)).isEqualTo(Duration.ofMillis(3000));
        assertThat(p.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void aMaximumThatIsNoPowerOfTwoOfTheMinimumIsStillTheCap() {
        RestartPolicy p = policy(300, 1000, 10, Duration.ofMinutes(1));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(1000));
        RestartPolicy same = policy(500, 500, 10, Duration.ofMinutes(1));
        assertThat(same.backoff(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(same.backoff(30)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void holdsRestartsBackOnceTheWindowHoldsMoreFailuresThanAllowed() {
        RestartPolicy p = policy(250, 3000, 3, Duration.ofSeconds(60));
        long t0 = 1_000 * SECOND;
        assertThat(p.recordFailure(t0)).isZero();
        assertThat(p.recordFailure(t0 + SECOND)).isZero();
        assertThat(p.recordFailure(t0 + 2 * SECOND)).isZero();
        assertThat(p.limited(t0 + 2 * SECOND)).isFalse();
        // the fourth within 60 s: held until the first leaves the window
        assertThat(p.recordFailure(t0 + 10 * SECOND)).isEqualTo(Duration.ofSeconds(50));
        assertThat(p.limited(t0 + 10 * SECOND)).isTrue();
        assertThat(p.failuresInWindow(t0 + 10 * SECOND)).isEqualTo(4);
        // once the first failure is 60 s old, three are left: within the limit again
        assertThat(p.limited(t0 + 60 * SECOND)).isFalse();
        assertThat(p.failuresInWindow(t0 + 60 * SECOND)).isEqualTo(3);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        RestartPolicy p = policy(250, 3000, 2, Duration.ofSeconds(10));
        long t0 = 5 * SECOND;
        p.recordFailure(t0);
        p.recordFailure(t0 + SECOND);
        assertThat(p.recordFailure(t0 + 20 * SECOND)).isZero();
        assertThat(p.failuresInWindow(t0 + 20 * SECOND)).isEqualTo(1);
    }
}
