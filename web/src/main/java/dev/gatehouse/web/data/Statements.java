package dev.gatehouse.web.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one parameterized statement on a given connection; every SQLException leaves as a {@link DataException}. */
final class Statements {
    /** A query returning more rows than this fails instead of filling memory; page with LIMIT. */
    static final int MAX_ROWS = 1_000_000;
    private final int queryTimeoutSeconds;

    Statements(int queryTimeoutSeconds) {
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object[] params) {
        return queryAtMost(c, sql, mapper, params, MAX_ROWS);
    }

    <T> Optional<T> optional(Connection c, String sql, RowMapper<T> mapper, Object[] params) {
        List<T> rows = queryAtMost(c, sql, mapper, params, 2);
        if (rows.size() > 1) throw new DataException("expected at most one row, got several", sql, null);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    <T> T queryOne(Connection c, String sql, RowMapper<T> mapper, Object[] params) {
        List<T> rows = queryAtMost(c, sql, mapper, params, 2);
        if (rows.size() != 1) throw new DataException("expected one row, got " + (rows.isEmpty() ? "none" : "several"), sql, null);
        return rows.get(0);
    }

    int update(Connection c, String sql, Object[] params) {
        try (PreparedStatement st = prepare(c, sql, params, false)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw DataException.of("update failed", sql, e, params);
        }
    }

    long insert(Connection c, String sql, Object[] params) {
        try (PreparedStatement st = prepare(c, sql, params, true)) {
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (keys == null || !keys.next()) throw new DataException("insert generated no key", sql, null);
                long key = keys.getLong(keyColumn(keys.getMetaData()));
                if (keys.wasNull()) throw new DataException("insert generated a null key", sql, null);
                return key;
            }
        } catch (SQLException e) {
            throw DataException.of("insert failed", sql, e, params);
        }
    }

    private static int keyColumn(ResultSetMetaData meta) throws SQLException {
        for (int i = 1; i <= meta.getColumnCount(); i++) if (meta.getColumnLabel(i).equalsIgnoreCase("id")) return i;
        return 1;
    }

    private <T> List<T> queryAtMost(Connection c, String sql, RowMapper<T> mapper, Object[] params, int limit) {
        try (PreparedStatement st = prepare(c, sql, params, false)) {
            st.setMaxRows(limit == MAX_ROWS ? MAX_ROWS + 1 : limit);
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) {
                    if (out.size() == MAX_ROWS) throw new DataException("query returned more than " + MAX_ROWS + " rows", sql, null);
                    out.add(mapper.map(row));
                }
                return out;
            }
        } catch (SQLException e) {
            throw DataException.of("query failed", sql, e, params);
        }
    }

    private PreparedStatement prepare(Connection c, String sql, Object[] params, boolean keys) throws SQLException {
        PreparedStatement st = keys ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS) : c.prepareStatement(sql);
        try {
            if (queryTimeoutSeconds > 0) st.setQueryTimeout(queryTimeoutSeconds);
            int expected = st.getParameterMetaData().getParameterCount();
            if (expected != params.length) {
                throw new DataException("statement has " + expected + " parameter(s), " + params.length + " given", sql, null);
            }
            for (int i = 0; i < params.length; i++) st.setObject(i + 1, bindable(params[i]));
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** Enums go as their name; everything else as the driver binds it. */
    private static Object bindable(Object value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }
}
