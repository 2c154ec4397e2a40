package dev.gatehouse.web.data;

import java.sql.SQLException;

/** Turns the current row of a result into a value, e.g. {@code row -> new Person(row.getLong("id"), row.getString("name"))}. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row) throws SQLException;
}
