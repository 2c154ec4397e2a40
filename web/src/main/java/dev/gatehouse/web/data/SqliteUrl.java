package dev.gatehouse.web.data;

import java.util.Properties;

/** What {@link Database} does differently for SQLite URLs. */
final class SqliteUrl {
    private SqliteUrl() {}

    static boolean is(String url) {
        return url.startsWith("jdbc:sqlite:");
    }

    /** An in-memory database lives and dies with its one connection. */
    static boolean inMemory(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        return rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory");
    }

    /**
     * The connection settings sqlite-jdbc applies to every new connection: WAL (readers do not
     * block the writer nor it them), a busy timeout (a writer waits for the lock instead of failing
     * with SQLITE_BUSY), foreign keys enforced (off by default in SQLite), and transactions begun
     * IMMEDIATE: taking the write lock at BEGIN means two transactions queue on the busy timeout,
     * where deferred ones could both read and then fail on upgrading to write.
     */
    static Properties connectionProperties(long busyTimeoutMillis) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("busy_timeout", Long.toString(busyTimeoutMillis));
        p.setProperty("foreign_keys", "true");
        p.setProperty("transaction_mode", "IMMEDIATE");
        return p;
    }
}
