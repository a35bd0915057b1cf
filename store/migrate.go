package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// migrations holds each dialect's schema changes, in goose's SQL format.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrate applies every migration not yet applied. Open calls it; the
// `partnerdocs migrate` command calls it alone.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.migrationProvider()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrating the %s register: %w", db.dialect.name, err)
	}
	return nil
}

// migrationProvider is goose's migrator for this database, over the
// embedded files of its dialect (no goose global state).
func (db *DB) migrationProvider() (*goose.Provider, error) {
	gooseDialect := goose.DialectSQLite3
	if db.dialect == postgresDialect {
		gooseDialect = goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrations, "migrations/"+db.dialect.name)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	p, err := goose.NewProvider(gooseDialect, db.write, fsys, goose.WithGoMigrations(db.gapsMigration(), db.chunksMigration(), db.assessmentsMigration()))
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}
