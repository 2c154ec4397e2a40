package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Row;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The account requests in the database: what the form and the admin page read and write. Every
 * value travels as a statement parameter. A login or email counts as taken while a request for it
 * is pending or approved; the database enforces the same rule with partial unique indexes, so two
 * submissions racing past the form's check cannot both be stored.
 */
final class AccountRequests {
    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    /** The admin page lists at most this many decided requests (the newest). */
    static final int DECIDED_SHOWN = 100;

    private static final String COLUMNS = "id, name, login, email, reason, sponsor, status, requested_at, decided_at";

    private final Database db;
    private final Clock clock;

    AccountRequests(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a pending request and returns its id; a taken login or email is a constraint violation. */
    long add(NewAccountRequest r) {
        return db.insert("INSERT INTO account_requests (name, login, email, reason, sponsor, status, requested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.name(), r.login(), r.email(), r.reason(), r.sponsor(), PENDING, now());
    }

    boolean loginTaken(String login) {
        return count("SELECT COUNT(*) AS n FROM account_requests WHERE login = ? AND status <> 'rejected'", login) > 0;
    }

    boolean emailTaken(String email) {
        return count("SELECT COUNT(*) AS n FROM account_requests WHERE lower(email) = lower(?) AND status <> 'rejected'", email) > 0;
    }

    /** True when {@code login} belongs to an approved account: only those may sponsor. */
    boolean isApprovedAccount(String login) {
        return count("SELECT COUNT(*) AS n FROM account_requests WHERE login = ? AND status = 'approved'", login) > 0;
    }

    /** The pending requests, oldest first: the admin's queue. */
    List<AccountRequest> pending() {
        return db.query("SELECT " + COLUMNS + " FROM account_requests WHERE status = 'pending' ORDER BY requested_at, id", AccountRequests::map);
    }

    /** The latest decided requests, newest decision first. */
    List<AccountRequest> decided() {
        return db.query("SELECT " + COLUMNS + " FROM account_requests WHERE status <> 'pending' ORDER BY decided_at DESC, id DESC LIMIT "
                + DECIDED_SHOWN, AccountRequests::map);
    }

    /** The logins of approved accounts, for the sponsor list. */
    List<String> approvedLogins() {
        return db.query("SELECT login FROM account_requests WHERE status = 'approved' ORDER BY login LIMIT 1000", row -> row.getString("login"));
    }

    /**
     * Approves or rejects a pending request; false when there is no pending request with that id
     * (decided already, by another admin or another tab).
     */
    boolean decide(long id, String status, String admin) {
        if (!status.equals(APPROVED) && !status.equals(REJECTED)) throw new IllegalArgumentException("not a decision: " + status);
        return db.update("UPDATE account_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'",
                status, now(), admin, id) == 1;
    }

    private int count(String sql, Object param) {
        return db.queryOne(sql, row -> row.getInt("n"), param);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static AccountRequest map(Row row) throws SQLException {
        return new AccountRequest(row.getLong("id"), row.getString("name"), row.getString("login"), row.getString("email"),
                row.getString("reason"), row.getString("sponsor"), row.getString("status"), row.getString("requested_at"),
                row.getString("decided_at"));
    }
}
