package dev.gatehouse.web.data;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current row of a query, read by column name (case-insensitive, as the driver matches it).
 * The number getters return null for SQL NULL instead of JDBC's 0. Valid only inside the
 * {@link RowMapper} call it was passed to.
 */
public final class Row {
    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String getString(String column) throws SQLException {
        return rs.getString(column);
    }

    public Long getLong(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public Integer getInt(String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public Double getDouble(String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** SQLite has no boolean type: 0 and 1 read as false and true. */
    public Boolean getBoolean(String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    public byte[] getBytes(String column) throws SQLException {
        return rs.getBytes(column);
    }

    /** The value as the driver represents it (SQLite: Integer, Long, Double, String or byte[]). */
    public Object getObject(String column) throws SQLException {
        return rs.getObject(column);
    }

    /** The value converted by the driver, e.g. {@code get("day", LocalDate.class)} on PostgreSQL. */
    public <T> T get(String column, Class<T> type) throws SQLException {
        return rs.getObject(column, type);
    }

    public boolean isNull(String column) throws SQLException {
        rs.getObject(column);
        return rs.wasNull();
    }

    /** Every column by its label, in select order (handy as a template model). */
    public Map<String, Object> toMap() throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) map.put(meta.getColumnLabel(i), rs.getObject(i));
        return map;
    }
}
