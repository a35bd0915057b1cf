-- +goose Up
-- Failed authentication counted for every instance of the server that
-- shares this register (DB.CountAuthFailure): one token bucket per key,
-- a client address or a token's prefix, stored only as its SHA-256 so
-- that no part of a token is kept. Times are Unix microseconds (UTC).
CREATE TABLE auth_failures (
    key_hash    TEXT PRIMARY KEY,
    tokens_left DOUBLE PRECISION NOT NULL,
    at_us       BIGINT NOT NULL
);
CREATE INDEX auth_failures_at ON auth_failures (at_us);

-- +goose Down
DROP TABLE auth_failures;
