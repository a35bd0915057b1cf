package store

import (
	"context"

	"github.com/pressly/goose/v3"
)

// assessmentsVersion is the migration that keeps each revision's
// assessment once per SHA-256 of its JSON, in assessments (see
// insertRevisionSQL). It is Go, not SQL, because SQLite has no SHA-256 to
// name the assessments already stored by. Going down puts each revision's
// assessment back in its row.
const assessmentsVersion = 12

func (db *DB) assessmentsMigration() *goose.Migration {
	return db.txMigration(assessmentsVersion, (*tx).shareAssessments, (*tx).inlineAssessments)
}

// storedAssessment is one revision's assessment, named by its SHA-256.
type storedAssessment struct {
	ref    string
	number int
	sum    string
}

// shareAssessments adds the table and the column, and moves each
// revision's assessment into the table, one copy of each.
func (t *tx) shareAssessments(ctx context.Context) error {
	for _, ddl := range []string{
		`CREATE TABLE assessments (sha256 TEXT PRIMARY KEY, assessment TEXT NOT NULL)`,
		`ALTER TABLE revisions ADD COLUMN assessment_sha256 TEXT`,
	} {
		if _, err := t.exec(ctx, ddl); err != nil {
			return domainError(err, "assessments")
		}
	}
	named, distinct, err := t.inlineAssessmentSums(ctx)
	if err != nil {
		return err
	}
	for sum, aj := range distinct {
		if _, err := t.exec(ctx, insertAssessmentSQL, sum, aj); err != nil {
			return domainError(err, "assessments")
		}
	}
	upd, err := t.prepare(ctx, `UPDATE revisions SET assessment = '', assessment_sha256 = ? WHERE ref = ? AND number = ?`)
	if err != nil {
		return domainError(err, "revisions")
	}
	defer upd.Close()
	for _, a := range named {
		if _, err := upd.ExecContext(ctx, a.sum, a.ref, a.number); err != nil {
			return domainError(t.full.check(err), "revisions")
		}
	}
	return nil
}

// inlineAssessmentSums names each revision's assessment by its SHA-256 and
// answers the different assessments by theirs: only those are held in
// memory.
func (t *tx) inlineAssessmentSums(ctx context.Context) ([]storedAssessment, map[string]string, error) {
	rows, err := t.query(ctx, `SELECT ref, number, assessment FROM revisions WHERE assessment_sha256 IS NULL`)
	if err != nil {
		return nil, nil, domainError(err, "revisions")
	}
	defer rows.Close()
	var named []storedAssessment
	distinct := map[string]string{}
	for rows.Next() {
		var a storedAssessment
		var aj string
		if err := rows.Scan(&a.ref, &a.number, &aj); err != nil {
			return nil, nil, domainError(err, "revisions")
		}
		a.sum = sha256Hex([]byte(aj))
		named, distinct[a.sum] = append(named, a), aj
	}
	return named, distinct, domainError(rows.Err(), "revisions")
}

// inlineAssessments puts each revision's assessment back in its row and
// drops the column and the table.
func (t *tx) inlineAssessments(ctx context.Context) error {
	for _, stmt := range []string{
		`UPDATE revisions SET assessment = (SELECT a.assessment FROM assessments a WHERE a.sha256 = revisions.assessment_sha256)
			WHERE assessment_sha256 IS NOT NULL`,
		`ALTER TABLE revisions DROP COLUMN assessment_sha256`,
		`DROP TABLE assessments`,
	} {
		if _, err := t.exec(ctx, stmt); err != nil {
			return domainError(err, "assessments")
		}
	}
	return nil
}
