-- One row per request. A login or email is taken while a request for it is pending or approved;
-- a rejected request frees both (the partial unique indexes below leave rejected rows out).
CREATE TABLE account_requests (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    login VARCHAR(16) NOT NULL,
    email VARCHAR(254) NOT NULL,
    reason TEXT NOT NULL,
    sponsor VARCHAR(16),
    status VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at VARCHAR(40) NOT NULL,
    decided_at VARCHAR(40),
    decided_by VARCHAR(64)
);
CREATE UNIQUE INDEX account_requests_live_login ON account_requests (login) WHERE status <> 'rejected';
CREATE UNIQUE INDEX account_requests_live_email ON account_requests (lower(email)) WHERE status <> 'rejected';
CREATE INDEX account_requests_by_status ON account_requests (status, requested_at);
