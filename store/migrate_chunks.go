package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
)

// chunksVersion is the migration that splits into chunks (store/chunks.go)
// every document content stored whole, after migration 10 made room for
// them. It is Go, not SQL, because the chunks' boundaries are found by
// the store's own chunking. Going down joins each content's chunks back
// into its bytes.
const chunksVersion = 11

func (db *DB) chunksMigration() *goose.Migration {
	return db.txMigration(chunksVersion, (*tx).splitContents, (*tx).joinContents)
}

// txMigration is a Go migration whose steps, up and down, run in goose's
// transaction as the package's own.
func (db *DB) txMigration(version int64, up, down func(*tx, context.Context) error) *goose.Migration {
	step := func(f func(*tx, context.Context) error) *goose.GoFunc {
		return &goose.GoFunc{RunTx: func(ctx context.Context, sqlTx *sql.Tx) error {
			return f(&tx{Tx: sqlTx, dialect: db.dialect, now: db.now().UTC(), full: &db.full}, ctx)
		}}
	}
	return goose.NewGoMigration(version, step(up), step(down))
}

// splitContents stores each content kept whole as chunks, one content at
// a time (a register's documents need not fit in memory together), and
// reads it back before going on: a content whose chunks do not give back
// its SHA-256 stops the migration.
func (t *tx) splitContents(ctx context.Context) error {
	sums, err := t.contentSums(ctx, `SELECT sha256 FROM document_contents WHERE chunks IS NULL ORDER BY sha256`)
	if err != nil {
		return err
	}
	for _, sum := range sums {
		b, err := t.content(ctx, sum)
		if err != nil {
			return err
		}
		chunks, list := chunksOf(b)
		if err := t.storeChunks(ctx, chunks, list); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE document_contents SET bytes = ?, chunks = ? WHERE sha256 = ?`, []byte{}, list, sum); err != nil {
			return domainError(err, "document content "+sum)
		}
		if _, err := t.content(ctx, sum); err != nil {
			return fmt.Errorf("splitting into chunks: %w", err)
		}
	}
	return nil
}

// joinContents keeps each content stored as chunks whole again and
// deletes the chunks.
func (t *tx) joinContents(ctx context.Context) error {
	sums, err := t.contentSums(ctx, `SELECT sha256 FROM document_contents WHERE chunks IS NOT NULL ORDER BY sha256`)
	if err != nil {
		return err
	}
	for _, sum := range sums {
		b, err := t.content(ctx, sum)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE document_contents SET bytes = ?, chunks = NULL WHERE sha256 = ?`, b, sum); err != nil {
			return domainError(err, "document content "+sum)
		}
	}
	_, err = t.exec(ctx, `DELETE FROM content_chunks`)
	return domainError(err, "document chunks")
}

// contentSums lists the SHA-256s query selects from document_contents.
func (t *tx) contentSums(ctx context.Context, query string) ([]string, error) {
	rows, err := t.query(ctx, query)
	if err != nil {
		return nil, domainError(err, "document contents")
	}
	defer rows.Close()
	var sums []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, domainError(err, "document contents")
		}
		sums = append(sums, s)
	}
	return sums, domainError(rows.Err(), "document contents")
}
