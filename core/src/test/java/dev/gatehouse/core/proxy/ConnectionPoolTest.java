package dev.gatehouse.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lease, keep and reuse rules every pooled gateway (FastCGI, HTTP) shares. */
class ConnectionPoolTest {
    /** A connection whose fitness and keepability the test decides. */
    static final class TestConnection implements ConnectionPool.Pooled {
        final int id;
        boolean keepable = true;
        boolean fit = true;
        boolean closed;
        int idled;

        TestConnection(int id) {
            this.id = id;
        }

        @Override
        public boolean keepable() {
            return keepable;
        }

        @Override
        public void markIdle() {
            idled++;
        }

        @Override
        public boolean fitForReuse(Duration maxIdle) {
            return fit && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }

    private final List<TestConnection> made = new ArrayList<>();
    private boolean failOpen;
    private ConnectionPool<TestConnection, Exception> pool = pool(Duration.ofMillis(200));

    private ConnectionPool<TestConnection, Exception> pool(Duration poolWait) {
        return new ConnectionPool<>("backend:1", new ConnectionPool.Limits(2, poolWait, Duration.ofSeconds(60)), "test-pool-watchdog",
                watchdog -> {
                    if (failOpen) throw new IOException("connection refused");
                    TestConnection c = new TestConnection(made.size());
                    made.add(c);
                    return c;
                }, Busy::new) {
        };
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void reusesTheMostRecentlyReleasedConnection() throws Exception {
        TestConnection a = pool.acquire();
        TestConnection b = pool.acquire();
        pool.release(a, true);
        pool.release(b, true);
        assertThat(pool.acquire()).isSameAs(b);
        assertThat(pool.acquire()).isSameAs(a);
        assertThat(pool.opened()).isEqualTo(2);
        assertThat(a.idled).isEqualTo(1);
    }

    @Test
    void closesWhatIsNotReusableOrNotKeepable() throws Exception {
        TestConnection a = pool.acquire();
        TestConnection b = pool.acquire();
        b.keepable = false;
        pool.release(a, false);
        pool.release(b, true);
        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        assertThat(pool.available()).isEqualTo(2);
        assertThat(pool.acquire().id).isEqualTo(2);
    }

    @Test
    void closesKeptConnectionsThatAreNoLongerFitAndOpensANewOne() throws Exception {
        TestConnection a = pool.acquire();
        pool.release(a, true);
        a.fit = false;
        TestConnection next = pool.acquire();
        assertThat(next).isNotSameAs(a);
        assertThat(a.closed).isTrue();
    }

    @Test
    void answersBusyWhenEveryLeaseStaysTakenPastThePoolWait() throws Exception {
        pool.acquire();
        pool.acquire();
        assertThatThrownBy(pool::acquire).isInstanceOf(Busy.class)
                .hasMessage("all 2 connections to backend:1 stayed busy for PT0.2S");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aWaitingRequestGetsTheLeaseAReleaseFrees() throws Exception {
        pool.close();
        pool = pool(Duration.ofSeconds(30)); // a bound, not a timing: the release comes as soon as its thread runs
        TestConnection a = pool.acquire();
        pool.acquire();
        Thread.ofVirtual().start(() -> pool.release(a, true));
        assertThat(pool.acquire()).isSameAs(a);
    }

    @Test
    void aFailedOpenGivesItsLeaseBack() throws Exception {
        failOpen = true;
        assertThatThrownBy(pool::acquire).isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThat(pool.available()).isEqualTo(2);
    }

    @Test
    void closeIdleClosesEveryKeptConnection() throws Exception {
        TestConnection a = pool.acquire();
        TestConnection b = pool.acquire();
        pool.release(a, true);
        pool.release(b, true);
        pool.closeIdle();
        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        assertThat(pool.acquire().id).isEqualTo(2);
    }
}
