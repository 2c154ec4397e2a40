-- Failed admin logins, by client address, for the login throttle. Kept in the database rather than
-- in memory so that it holds under CGI (one process per request) and across restarts; rows older
-- than the throttle's window are deleted as new failures come.
CREATE TABLE login_failures (
    address VARCHAR(64) NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_address ON login_failures (address, failed_at);
