-- Notes: portable DDL, runs on SQLite and PostgreSQL.
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  body VARCHAR(200) NOT NULL
);
