package store

import "context"

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
