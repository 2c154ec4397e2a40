package dev.gatehouse.web.data;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * The statements of one transaction, all on one connection. Handed to the work of
 * {@link Database#transaction}; the {@link Database} methods called on the same thread meanwhile
 * run in it too.
 */
public final class Transaction implements Sql {
    private final Connection connection;
    private final Statements statements;
    private boolean rollbackOnly;
    private Throwable joinedFailure;

    Transaction(Connection connection, Statements statements) {
        this.connection = connection;
        this.statements = statements;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return statements.query(connection, sql, mapper, params);
    }

    @Override
    public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return statements.queryOne(connection, sql, mapper, params);
    }

    @Override
    public <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... params) {
        return statements.optional(connection, sql, mapper, params);
    }

    @Override
    public int update(String sql, Object... params) {
        return statements.update(connection, sql, params);
    }

    @Override
    public long insert(String sql, Object... params) {
        return statements.insert(connection, sql, params);
    }

    Connection connection() {
        return connection;
    }

    /** Makes the transaction roll back at its end even if the work returns normally. */
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** A joined (nested) transaction threw {@code t}: the whole transaction must roll back. */
    void joinedFailed(Throwable t) {
        rollbackOnly = true;
        if (joinedFailure == null) joinedFailure = t;
    }

    Throwable joinedFailure() {
        return joinedFailure;
    }
}
