package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.data.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows password guessing on the admin login: after {@code maxFailures} wrong passwords from one
 * client address within {@code window}, that address is refused (429) until the oldest of them is
 * older than the window. A right password clears the address's failures. The count lives in the
 * database, so it holds under CGI too, where every request is a new process.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Longer addresses (never a real IPv4 or IPv6 text) are cut, so a row stays small. */
    private static final int MAX_ADDRESS_CHARS = 64;

    private final Database db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(Database db, Clock clock, int maxFailures, Duration window) {
        this.db = db;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    LoginThrottle(Database db, Clock clock) {
        this(db, clock, MAX_FAILURES, WINDOW);
    }

    /** How long {@code address} must wait before its next try: zero when it may try now. */
    Duration wait(String address) {
        long since = clock.millis() - window.toMillis();
        Long oldest = db.optional("""
                SELECT failed_at FROM login_failures WHERE address = ? AND failed_at > ?
                ORDER BY failed_at DESC LIMIT 1 OFFSET ?""", row -> row.getLong("failed_at"), key(address), since, maxFailures - 1)
                .orElse(null);
        if (oldest == null) return Duration.ZERO;
        return Duration.ofMillis(Math.max(1000, oldest - since));
    }

    /** Counts a wrong password from {@code address}, and forgets failures older than the window. */
    void failed(String address) {
        long now = clock.millis();
        db.transaction(tx -> {
            tx.update("DELETE FROM login_failures WHERE failed_at <= ?", now - window.toMillis());
            tx.update("INSERT INTO login_failures (address, failed_at) VALUES (?, ?)", key(address), now);
        });
    }

    /** A right password: the address starts over. */
    void succeeded(String address) {
        db.update("DELETE FROM login_failures WHERE address = ?", key(address));
    }

    private static String key(String address) {
        if (address == null || address.isEmpty()) return "unknown";
        return address.length() > MAX_ADDRESS_CHARS ? address.substring(0, MAX_ADDRESS_CHARS) : address;
    }
}
