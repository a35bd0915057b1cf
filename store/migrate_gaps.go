package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"partnerdocs/partnership"
)

// gapsVersion is the migration that adds each revision's compliance gaps
// (the six flags it lacks, partnership.Compliance.Gaps) as a column, so
// that policy's home page counts them over 10,000 partnerships without
// reading one. It is Go, not SQL, because the flags of the revisions
// already stored are worked out from their partnerships' JSON by
// partnership.ComplianceOf, the one place that decides them.
const gapsVersion = 4

func (db *DB) gapsMigration() *goose.Migration {
	return goose.NewGoMigration(gapsVersion,
		&goose.GoFunc{RunTx: db.addComplianceGaps},
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `ALTER TABLE revisions DROP COLUMN compliance_gaps`)
			return err
		}})
}

// addComplianceGaps adds the column and fills it in for every revision
// stored: about 2 s on a register of 10,000, once.
func (db *DB) addComplianceGaps(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `ALTER TABLE revisions ADD COLUMN compliance_gaps INTEGER NOT NULL DEFAULT 0`); err != nil {
		return err
	}
	type gaps struct {
		ref    string
		number int
		gaps   partnership.ComplianceGap
	}
	var all []gaps
	rows, err := tx.QueryContext(ctx, `SELECT ref, number, partnership FROM revisions`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var g gaps
		var pj string
		var p partnership.Partnership
		if err := rows.Scan(&g.ref, &g.number, &pj); err != nil {
			rows.Close()
			return err
		}
		if err := decodeStored(pj, &p); err != nil {
			rows.Close()
			return fmt.Errorf("partnership %s revision %d: %w", g.ref, g.number, err)
		}
		g.gaps = partnership.ComplianceOf(&p).Gaps()
		all = append(all, g)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, db.dialect.rebind(`UPDATE revisions SET compliance_gaps = ? WHERE ref = ? AND number = ?`))
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, g := range all {
		if _, err := upd.ExecContext(ctx, int(g.gaps), g.ref, g.number); err != nil {
			return err
		}
	}
	return nil
}
