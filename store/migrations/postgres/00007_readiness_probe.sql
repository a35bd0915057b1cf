-- +goose Up
-- The row /readyz writes (DB.CheckWritable) to learn whether the register
-- can still be written: one row, rewritten at most every few seconds. The
-- time is Unix microseconds (UTC), as the sessions' are.
CREATE TABLE readiness_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    probed_us  BIGINT NOT NULL
);

-- +goose Down
DROP TABLE readiness_probe;
