package dev.gatehouse.web.data;

import java.time.Duration;

/**
 * The bounds of a {@link Database}: pool size and timeouts.
 *
 * @param maxPoolSize the most connections open at once; 0 picks by database (4 for SQLite, 10 otherwise)
 * @param connectionTimeout how long a caller waits for a free connection before a {@link DataException}
 * @param idleTimeout how long an unused connection above the first stays open
 * @param maxLifetime connections are replaced after this age (0: never)
 * @param queryTimeout a statement running longer than this is cancelled (whole seconds; 0: none). Not
 *     applied on SQLite, whose driver would turn it into the busy timeout instead
 * @param sqliteBusyTimeout how long a SQLite connection waits for the write lock held by another one
 */
public record DatabaseOptions(int maxPoolSize, Duration connectionTimeout, Duration idleTimeout, Duration maxLifetime,
        Duration queryTimeout, Duration sqliteBusyTimeout) {
    public static final int SQLITE_POOL_SIZE = 4;
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseOptions {
        if (maxPoolSize < 0 || maxPoolSize > 1000) throw new IllegalArgumentException("maxPoolSize must be 0 (auto) to 1000, was " + maxPoolSize);
        if (connectionTimeout.toMillis() < 250) throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was " + connectionTimeout);
        if (idleTimeout.toMillis() < 10_000) throw new IllegalArgumentException("idleTimeout must be at least 10 s, was " + idleTimeout);
        if (!maxLifetime.isZero() && maxLifetime.toMillis() < 30_000) throw new IllegalArgumentException("maxLifetime must be 0 or at least 30 s, was " + maxLifetime);
        if (queryTimeout.isNegative()) throw new IllegalArgumentException("queryTimeout must not be negative, was " + queryTimeout);
        if (sqliteBusyTimeout.isNegative()) throw new IllegalArgumentException("sqliteBusyTimeout must not be negative, was " + sqliteBusyTimeout);
    }

    /** Pool sized by database, 10 s to get a connection, idle 10 min, lifetime 30 min, 30 s per query, 5 s SQLite busy wait. */
    public static DatabaseOptions defaults() {
        return new DatabaseOptions(0, Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public DatabaseOptions withMaxPoolSize(int size) {
        return new DatabaseOptions(size, connectionTimeout, idleTimeout, maxLifetime, queryTimeout, sqliteBusyTimeout);
    }

    public DatabaseOptions withConnectionTimeout(Duration timeout) {
        return new DatabaseOptions(maxPoolSize, timeout, idleTimeout, maxLifetime, queryTimeout, sqliteBusyTimeout);
    }

    public DatabaseOptions withQueryTimeout(Duration timeout) {
        return new DatabaseOptions(maxPoolSize, connectionTimeout, idleTimeout, maxLifetime, timeout, sqliteBusyTimeout);
    }

    public DatabaseOptions withSqliteBusyTimeout(Duration timeout) {
        return new DatabaseOptions(maxPoolSize, connectionTimeout, idleTimeout, maxLifetime, queryTimeout, timeout);
    }
}
