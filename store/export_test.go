package store

import (
	"context"
	"database/sql"
)

// MigrateDownTo undoes the migrations after version, for tests of a
// migration's own work.
func (db *DB) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := db.migrationProvider()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}

// ExecSQL runs one statement (with ? placeholders) on the register as it
// stands, for tests that write rows of an older schema by hand.
func (db *DB) ExecSQL(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.dialect.rebind(query), args...)
	return err
}

// QueryRowSQL runs one query (with ? placeholders) on the register as it
// stands, for tests that read what the package's methods do not show.
func (db *DB) QueryRowSQL(ctx context.Context, query string, args ...any) *sql.Row {
	return db.write.QueryRowContext(ctx, db.dialect.rebind(query), args...)
}
