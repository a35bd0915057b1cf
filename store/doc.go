// Package store is the council's register of partnerships (§4(d)): every
// revision of every partnership, the documents generated from them, their
// legal review, the audit trail and the API's tokens. It implements the API's
// Register interface on SQLite (modernc.org/sqlite, the embedded default) and
// PostgreSQL (jackc/pgx through database/sql), with the same schema in each
// dialect's own words, migrated at Open by goose.
//
// Every method runs in its own transaction and appends its audit entry in
// that transaction, so a change and its record are stored together or not at
// all. Errors are *partnership.Error: ENotFound, EConflict, EInvalid and
// EStale (a base revision that is no longer current).
//
// On SQLite, writes go through a pool of one connection whose transactions
// begin IMMEDIATE, so writers queue in Go instead of failing with
// SQLITE_BUSY when a read lock would need upgrading; reads use a separate,
// read-only pool and see a consistent snapshot thanks to WAL. On PostgreSQL
// one pool serves both, and writes lock the partnership's row
// (SELECT ... FOR UPDATE) before checking its revision.
package store
