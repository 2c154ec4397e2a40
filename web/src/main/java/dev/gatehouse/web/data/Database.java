package dev.gatehouse.web.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A pooled JDBC database: SQLite ({@code jdbc:sqlite:app.db}) embedded by default, PostgreSQL
 * ({@code jdbc:postgresql://host/db}) through the same code. Statements take their values as
 * parameters only. Thread-safe; open one per app and close it at shutdown.
 *
 * <pre>{@code
 * Database db = Database.open("jdbc:sqlite:data/app.db", null, null, DatabaseOptions.defaults());
 * long id = db.insert("INSERT INTO people(name) VALUES (?)", name);
 * List<String> names = db.query("SELECT name FROM people ORDER BY name", row -> row.getString("name"));
 * db.transaction(tx -> { tx.update("UPDATE accounts SET n = n - 1 WHERE id = ?", a); ... });
 * }</pre>
 */
public final class Database implements Sql, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final int SQLITE_BUSY = 5;
    private final HikariDataSource pool;
    private final Statements statements;
    private final String description;
    /** The transaction this thread is in, so nested calls and plain db calls join it. */
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private Database(HikariDataSource pool, Statements statements, String description) {
        this.pool = pool;
        this.statements = statements;
        this.description = description;
    }

    /** Opens a pool on {@code url}; fails at once (a {@link DataException}) when the database cannot be reached. */
    public static Database open(String url, String user, String password, DatabaseOptions options) {
        String description = withoutQuery(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-db-" + POOLS.incrementAndGet());
        config.setJdbcUrl(url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setIdleTimeout(options.idleTimeout().toMillis());
        config.setMaxLifetime(options.maxLifetime().toMillis());
        config.setMinimumIdle(1);
        if (SqliteUrl.is(url)) {
            config.setDataSourceProperties(SqliteUrl.connectionProperties(options.sqliteBusyTimeout().toMillis()));
            if (SqliteUrl.inMemory(url)) {
                // Each connection would see its own empty database: keep exactly one, for ever.
                config.setMaximumPoolSize(1);
                config.setMaxLifetime(0);
            } else {
                config.setMaximumPoolSize(options.maxPoolSize() == 0 ? DatabaseOptions.SQLITE_POOL_SIZE : options.maxPoolSize());
            }
        } else {
            config.setMaximumPoolSize(options.maxPoolSize() == 0 ? DatabaseOptions.DEFAULT_POOL_SIZE : options.maxPoolSize());
            if (url.startsWith("jdbc:postgresql:")) {
                // The server's DETAIL line quotes row values ("Key (email)=(a@b.c) already exists").
                config.addDataSourceProperty("logServerErrorDetail", "false");
            }
        }
        try {
            HikariDataSource pool = SqliteUrl.is(url) ? startSqlitePool(config, options.sqliteBusyTimeout()) : new HikariDataSource(config);
            return new Database(pool, new Statements(
                    // sqlite-jdbc implements setQueryTimeout by overwriting the busy timeout, so SQLite gets none.
                    SqliteUrl.is(url) ? 0 : (int) options.queryTimeout().toSeconds()), description);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DataException("cannot open database " + description + ": " + cause.getMessage(), null, e);
        }
    }

    /**
     * Starts a pool on a SQLite file, trying again while the first connection fails with
     * SQLITE_BUSY, within the busy timeout. Every first connection switches the file to WAL; on a
     * new file that takes the file for itself, and when two processes (CGI requests arriving
     * together) do it at once, SQLite fails one at once rather than let them deadlock: the busy
     * timeout does not cover it. Once the file is in WAL the switch is a no-op.
     */
    private static HikariDataSource startSqlitePool(HikariConfig config, Duration busyTimeout) {
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        while (true) {
            try {
                return new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                if (!sqliteBusy(e) || System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 50)); // apart, so the racers do not meet again
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** SQLITE_BUSY or one of its extended codes (the primary code is the low byte). */
    private static boolean sqliteBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_BUSY) return true;
        }
        return false;
    }

    /** Opens {@code url} without credentials and with {@link DatabaseOptions#defaults()}. */
    public static Database open(String url) {
        return open(url, null, null, DatabaseOptions.defaults());
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return onConnection(sql, params, c -> statements.query(c, sql, mapper, params));
    }

    @Override
    public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return onConnection(sql, params, c -> statements.queryOne(c, sql, mapper, params));
    }

    @Override
    public <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... params) {
        return onConnection(sql, params, c -> statements.optional(c, sql, mapper, params));
    }

    @Override
    public int update(String sql, Object... params) {
        return onConnection(sql, params, c -> statements.update(c, sql, params));
    }

    @Override
    public long insert(String sql, Object... params) {
        return onConnection(sql, params, c -> statements.insert(c, sql, params));
    }

    /** Runs one statement on this thread's transaction, if it is in one, else on a connection of its own. */
    private <T> T onConnection(String sql, Object[] params, Function<Connection, T> statement) {
        Transaction tx = current.get();
        if (tx != null) return statement.apply(tx.connection());
        try (Connection c = borrow(sql)) {
            return statement.apply(c);
        } catch (SQLException e) {
            throw DataException.of("closing connection failed", sql, e, params);
        }
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws
     * (the exception is re-thrown; a checked one wrapped in a {@link DataException}). Called while
     * this thread is already in a transaction, the work joins it: it commits or rolls back with
     * the outer one, and if it throws, the outer one rolls back even if the exception is caught.
     */
    public void transaction(TransactionWork work) {
        inTransaction(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** {@link #transaction}, returning what {@code work} returns. */
    public <T> T inTransaction(TransactionFunction<T> work) {
        Transaction outer = current.get();
        if (outer != null) return runJoined(outer, work);
        Connection c = borrow("BEGIN");
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(c);
            throw DataException.of("cannot begin transaction", "BEGIN", e, null);
        }
        Transaction tx = new Transaction(c, statements);
        current.set(tx);
        try {
            T result;
            try {
                result = work.apply(tx);
            } catch (Throwable t) {
                rollback(c, t);
                throw rethrowable(t);
            }
            if (tx.isRollbackOnly()) {
                rollback(c, null);
                if (tx.joinedFailure() != null) {
                    throw new DataException("transaction rolled back: a nested transaction failed and its exception was caught", null, tx.joinedFailure());
                }
                return result;
            }
            try {
                // Leaving manual-commit mode commits (JDBC); unlike commit(), it does not make
                // sqlite-jdbc begin the next transaction at once, taking the write lock again.
                c.setAutoCommit(true);
            } catch (SQLException e) {
                rollback(c, e);
                throw DataException.of("commit failed", "COMMIT", e, null);
            }
            return result;
        } finally {
            current.remove();
            try {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool resets or evicts the connection on return anyway
            }
            closeQuietly(c);
        }
    }

    private static <T> T runJoined(Transaction outer, TransactionFunction<T> work) {
        try {
            return work.apply(outer);
        } catch (Throwable t) {
            outer.joinedFailed(t);
            throw rethrowable(t);
        }
    }

    /** The most connections this pool opens. */
    public int maxPoolSize() {
        return pool.getMaximumPoolSize();
    }

    /** The URL without its query part (which may hold a password), for messages. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }

    private Connection borrow(String sql) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new DataException("no connection from " + description + " (pool of " + pool.getMaximumPoolSize()
                    + ") within " + pool.getConnectionTimeout() + " ms: " + e.getMessage(), sql, e);
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            if (failure != null) failure.addSuppressed(e);
        }
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new DataException("transaction failed: " + t, null, t);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // returning to the pool failed: the pool has dropped it
        }
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
