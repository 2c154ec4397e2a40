package dev.gatehouse.web.data;

import java.sql.SQLException;

/**
 * A database error, unchecked. The message names the SQL that failed but never the parameter
 * values (they may be passwords or personal data): where the driver's message quotes a value
 * (PostgreSQL's "invalid input syntax for type integer: "x""), it is replaced by {@code ?}, and
 * the cause is a copy of the driver's exception with that same cleaned message.
 */
public final class DataException extends RuntimeException {
    private static final int SQLITE_CONSTRAINT = 19;
    private final String sql;
    private final String sqlState;
    private final boolean constraintViolation;

    public DataException(String message, String sql, Throwable cause) {
        this(message, sql, cause, cause instanceof SQLException e ? e.getSQLState() : null, false);
    }

    private DataException(String message, String sql, Throwable cause, String sqlState, boolean constraintViolation) {
        super(sql == null ? message : message + " [SQL: " + sql + "]", cause);
        this.sql = sql;
        this.sqlState = sqlState;
        this.constraintViolation = constraintViolation || (sqlState != null && sqlState.startsWith("23"));
    }

    /** Wraps the driver's {@code e} from running {@code sql} with {@code params}, keeping the values out of every message. */
    static DataException of(String what, String sql, SQLException e, Object[] params) {
        String driverMessage = redact(String.valueOf(e.getMessage()), params);
        SQLException clean = new SQLException(driverMessage, e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        boolean sqliteConstraint = e.getClass().getName().startsWith("org.sqlite.") && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
        return new DataException(what + ": " + driverMessage, sql, clean, e.getSQLState(), sqliteConstraint);
    }

    private static String redact(String message, Object[] params) {
        if (params == null) return message;
        String out = message;
        for (Object p : params) {
            if (p == null || p instanceof Number || p instanceof Boolean) continue;
            String text = p instanceof byte[] ? null : p.toString();
            if (text != null && !text.isEmpty()) out = out.replace(text, "?");
        }
        return out;
    }

    /** The SQL statement that failed, or null when the failure was not in a statement. */
    public String sql() {
        return sql;
    }

    /** The SQLSTATE the driver reported, or null. */
    public String sqlState() {
        return sqlState;
    }

    /**
     * True when a constraint (unique, foreign key, not null, check) refused the statement: on
     * PostgreSQL a SQLSTATE of class 23, on SQLite the result code SQLITE_CONSTRAINT.
     */
    public boolean isConstraintViolation() {
        return constraintViolation;
    }
}
