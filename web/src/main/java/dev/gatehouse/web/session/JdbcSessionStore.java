package dev.gatehouse.web.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Sessions in a database table, through plain JDBC: SQLite and PostgreSQL (the SQL used is
 * common to both: {@code CREATE TABLE IF NOT EXISTS}, {@code INSERT ... ON CONFLICT}). The table
 * is created if absent. Expired rows are never returned and are deleted at most once per
 * {@link #PURGE_INTERVAL}, by whichever save comes first. Thread-safe.
 */
public final class JdbcSessionStore implements SessionStore {
    public static final String DEFAULT_TABLE = "gatehouse_sessions";
    /** The largest encoded session kept, in characters. */
    public static final int MAX_DATA_CHARS = 64 * 1024;
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);

    private final DataSource dataSource;
    private final String table;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);

    public JdbcSessionStore(DataSource dataSource) throws SQLException {
        this(dataSource, DEFAULT_TABLE, Clock.systemUTC());
    }

    public JdbcSessionStore(DataSource dataSource, String table, Clock clock) throws SQLException {
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("table name must be a plain SQL identifier: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.clock = clock;
        createTable();
    }

    private void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (id VARCHAR(64) PRIMARY KEY, data TEXT NOT NULL, expires_at BIGINT NOT NULL)");
            st.execute("CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_at)");
        }
    }

    @Override
    public Stored load(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT data, expires_at FROM " + table + " WHERE id = ? AND expires_at > ?")) {
            ps.setString(1, id);
            ps.setLong(2, clock.instant().getEpochSecond());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                try {
                    return new Stored(SessionData.decode(rs.getString(1)), Instant.ofEpochSecond(rs.getLong(2)));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
    }

    @Override
    public void save(String id, Map<String, String> data, Instant expires) throws SQLException {
        String encoded = SessionData.encode(data);
        if (encoded.length() > MAX_DATA_CHARS) {
            throw new SessionTooLargeException("session " + encoded.length() + " characters encoded, over the "
                    + MAX_DATA_CHARS + "-character limit of JdbcSessionStore: keep less in the session");
        }
        purgeIfDue();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, data, expires_at) VALUES (?, ?, ?)"
                     + " ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at")) {
            ps.setString(1, id);
            ps.setString(2, encoded);
            ps.setLong(3, expires.getEpochSecond());
            ps.executeUpdate();
        }
    }

    @Override
    public void touch(String id, Instant expires) throws SQLException {
        update("UPDATE " + table + " SET expires_at = ? WHERE id = ?", expires.getEpochSecond(), id);
    }

    @Override
    public void delete(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    /** Deletes every expired session now; returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
            ps.setLong(1, clock.instant().getEpochSecond());
            return ps.executeUpdate();
        }
    }

    private void purgeIfDue() throws SQLException {
        long now = clock.millis();
        long last = lastPurge.get();
        if (last != Long.MIN_VALUE && now - last < PURGE_INTERVAL.toMillis()) return;
        if (lastPurge.compareAndSet(last, now)) purgeExpired();
    }

    private void update(String sql, long expires, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, expires);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }
}
