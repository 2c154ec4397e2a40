-- Secrets the app generates once and every process shares (CGI starts one per request): the
-- session signing key, unless one is configured.
CREATE TABLE app_secrets (
    name VARCHAR(64) PRIMARY KEY,
    value VARCHAR(128) NOT NULL
);
