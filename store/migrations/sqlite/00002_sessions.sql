-- +goose Up
-- The forms' sessions, shared by every instance that uses the register. Only
-- the SHA-256 of a session's id is stored. Times are Unix microseconds (UTC),
-- so the expiry sweep compares numbers in both dialects.
CREATE TABLE sessions (
    hash          BLOB PRIMARY KEY,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_us    INTEGER NOT NULL,
    last_seen_us  INTEGER NOT NULL
);
CREATE INDEX sessions_last_seen ON sessions (last_seen_us);
CREATE INDEX sessions_created ON sessions (created_us);

-- One-time sign-in links (the first run's administrator): spent when used.
CREATE TABLE sign_in_links (
    hash        BLOB PRIMARY KEY,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    created_us  INTEGER NOT NULL,
    expires_us  INTEGER NOT NULL
);

-- +goose Down
DROP TABLE sign_in_links;
DROP TABLE sessions;
