package dev.gatehouse.web.data;

import java.util.List;
import java.util.Optional;

/**
 * The statements a {@link Database} and a {@link Transaction} run. Values always travel as
 * parameters bound to {@code ?} placeholders, never inside the SQL text: there is no method that
 * takes a value to splice into SQL, so user input cannot change a statement's meaning.
 */
public interface Sql {
    /** Every row of {@code sql}, each mapped by {@code mapper}. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    /** The one row of {@code sql}; a {@link DataException} when there is none or more than one. */
    <T> T queryOne(String sql, RowMapper<T> mapper, Object... params);

    /** The row of {@code sql} if there is one; a {@link DataException} when there are several. */
    <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... params);

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; the number of rows it changed. */
    int update(String sql, Object... params);

    /**
     * Runs an INSERT and returns the key the database generated: the column named {@code id} when
     * the driver reports several (PostgreSQL), else the one it reports (SQLite's rowid).
     */
    long insert(String sql, Object... params);
}
