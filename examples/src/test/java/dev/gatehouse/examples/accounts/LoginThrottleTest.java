package dev.gatehouse.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Migrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin login throttle on SQLite, its clock moved by the test. */
class LoginThrottleTest {
    private TempDir dir;
    private Database db;
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");
    private Duration elapsed = Duration.ZERO;
    private LoginThrottle throttle;

    @BeforeEach
    void open() throws Exception {
        dir = TempDir.create();
        db = Database.open("jdbc:sqlite:" + dir.resolve("accounts.db"));
        Migrations.fromClasspath(AccountsApp.MIGRATIONS, AccountsApp.class.getClassLoader()).migrate(db);
        throttle = throttleAt(elapsed);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        dir.close();
    }

    /** The throttle as a request {@code elapsed} after the start sees it: a fixed clock, the same database. */
    private LoginThrottle throttleAt(Duration at) {
        return new LoginThrottle(db, Clock.fixed(START.plus(at), ZoneOffset.UTC), 3, Duration.ofMinutes(10));
    }

    private void advance(Duration by) {
        elapsed = elapsed.plus(by);
        throttle = throttleAt(elapsed);
    }

    private int rows() {
        return db.queryOne("SELECT COUNT(*) AS n FROM login_failures", row -> row.getLong("n")).intValue();
    }

    @Test
    void refusesAnAddressAtItsThirdFailureUntilTheOldestLeavesTheWindow() {
        throttle.failed("192.0.2.1");
        advance(Duration.ofMinutes(2));
        throttle.failed("192.0.2.1");
        assertThat(throttle.wait("192.0.2.1")).isZero();
        advance(Duration.ofMinutes(1));
        throttle.failed("192.0.2.1");
        assertThat(throttle.wait("192.0.2.1")).isEqualTo(Duration.ofMinutes(7));
        assertThat(throttle.wait("192.0.2.2")).as("another address").isZero();
        advance(Duration.ofMinutes(7));
        assertThat(throttle.wait("192.0.2.1")).isZero();
    }

    @Test
    void aSuccessClearsOnlyThatAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("192.0.2.1");
            throttle.failed("2001:db8::1");
        }
        throttle.succeeded("192.0.2.1");
        assertThat(throttle.wait("192.0.2.1")).isZero();
        assertThat(throttle.wait("2001:db8::1")).isPositive();
    }

    @Test
    void forgetsFailuresOlderThanTheWindowSoTheTableStaysSmall() {
        for (int i = 0; i < 5; i++) throttle.failed("198.51.100." + i);
        assertThat(rows()).isEqualTo(5);
        advance(Duration.ofMinutes(11));
        throttle.failed("203.0.113.9");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void anOverlongOrMissingAddressIsStillCounted() {
        String huge = "x".repeat(10_000);
        for (int i = 0; i < 3; i++) {
            throttle.failed(huge);
            throttle.failed(null);
        }
        assertThat(throttle.wait(huge)).isPositive();
        assertThat(throttle.wait(null)).isPositive();
    }
}
