package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"partnerdocs/partnership"
)

// assignRef takes the next number of the year from the counter and skips
// any ref a client already chose. On PostgreSQL the counter row stays
// locked until the transaction ends, so concurrent creates take turns.
func (t *tx) assignRef(ctx context.Context) (string, error) {
	year := t.now.Year()
	for {
		var n int
		err := t.queryRow(ctx, `INSERT INTO ref_counters (year, last) VALUES (?, 1)
			ON CONFLICT (year) DO UPDATE SET last = ref_counters.last + 1
			RETURNING last`, year).Scan(&n)
		if err != nil {
			return "", domainError(err, "ref counter")
		}
		ref := fmt.Sprintf("PP-%d-%03d", year, n)
		var taken int
		err = t.queryRow(ctx, `SELECT COUNT(*) FROM partnerships WHERE ref = ?`, ref).Scan(&taken)
		if err != nil {
			return "", domainError(err, "partnership "+ref)
		}
		if taken == 0 {
			return ref, nil
		}
	}
}

// lockPartnership returns the partnership's current revision, locking its
// row on PostgreSQL until the transaction ends (SQLite's IMMEDIATE
// transaction already holds the only write lock).
func (t *tx) lockPartnership(ctx context.Context, ref string) (int, error) {
	var current int
	err := t.queryRow(ctx, `SELECT revision FROM partnerships WHERE ref = ?`+t.dialect.forUpdate, ref).Scan(&current)
	return current, domainError(err, "partnership "+ref)
}

// A revision's assessment is stored once per SHA-256 of its JSON, in
// assessments, and the revision names it by assessment_sha256: editing a
// partnership seldom changes its assessment, so most revisions share one.
// A revision stored before (migration 12) whose assessment_sha256 is NULL
// keeps its assessment in its own row. Readers select assessmentColumn
// from revisions r joined with assessmentJoin.
const (
	insertRevisionSQL = `INSERT INTO revisions (ref, number, partnership, assessment, assessment_sha256,
		name, name_folded, status, service_area, significant, classification, next_review,
		lead_partner_id, lead_partner_name, compliance_gaps, created_at, created_by)
		VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertAssessmentSQL = `INSERT INTO assessments (sha256, assessment) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING`
	assessmentColumn    = `COALESCE(a.assessment, r.assessment)`
	assessmentJoin      = ` LEFT JOIN assessments a ON a.sha256 = r.assessment_sha256`
)

// insertRevision stores revision n of ref with the columns listings filter
// on, and returns it as stored.
func (t *tx) insertRevision(ctx context.Context, ref string, n int, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error) {
	rev := new(partnership.Revision)
	ins := revisionInserter{t: t}
	if err := ins.insert(ctx, rev, ref, n, p, a, by); err != nil {
		return nil, err
	}
	return rev, nil
}

// revisionInserter stores revisions, with prepared statements and one
// encoding buffer for a transaction's many (stmt nil: the statements are
// prepared by the call, for one revision).
type revisionInserter struct {
	t          *tx
	stmt       *sql.Stmt
	assessStmt *sql.Stmt
	assessed   map[string]bool // the assessments this inserter has stored, by SHA-256
	buf        bytes.Buffer
}

// prepareInsertRevision prepares the INSERTs of a revision and its
// assessment once for the transaction; Close it when done.
func (t *tx) prepareInsertRevision(ctx context.Context) (*revisionInserter, error) {
	stmt, err := t.prepare(ctx, insertRevisionSQL)
	if err != nil {
		return nil, domainError(err, "revisions")
	}
	assessStmt, err := t.prepare(ctx, insertAssessmentSQL)
	if err != nil {
		stmt.Close()
		return nil, domainError(err, "assessments")
	}
	return &revisionInserter{t: t, stmt: stmt, assessStmt: assessStmt, assessed: map[string]bool{}}, nil
}

func (ins *revisionInserter) Close() error {
	return errors.Join(ins.stmt.Close(), ins.assessStmt.Close())
}

// insert stores revision n of ref and fills in rev as stored.
func (ins *revisionInserter) insert(ctx context.Context, rev *partnership.Revision, ref string, n int, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) error {
	*rev = partnership.Revision{Ref: ref, Number: n, Partnership: *p, Assessment: a, CreatedAt: ins.t.now, CreatedBy: by.Name}
	rev.Partnership.Ref = ref
	e, err := encodeRevision(&rev.Partnership, &rev.Assessment, &ins.buf)
	if err != nil {
		return err
	}
	return ins.insertEncoded(ctx, n, e, by)
}

// encodedRevision is a revision made ready to store: its partnership and
// assessment as JSON, the assessment's SHA-256, and the columns listings
// filter on.
type encodedRevision struct {
	ref    string
	pj, aj string
	asum   string
	c      columns
}

// encodeRevision encodes p, whose ref is set, and a, using buf.
func encodeRevision(p *partnership.Partnership, a *partnership.Assessment, buf *bytes.Buffer) (encodedRevision, error) {
	pj, err := encodeJSON(p, buf)
	if err != nil {
		return encodedRevision{}, fmt.Errorf("store: encoding partnership %s: %w", p.Ref, err)
	}
	aj, err := encodeJSON(a, buf)
	if err != nil {
		return encodedRevision{}, fmt.Errorf("store: encoding the assessment of %s: %w", p.Ref, err)
	}
	return encodedRevision{ref: p.Ref, pj: pj, aj: aj, asum: sha256Hex([]byte(aj)), c: columnsOf(p, *a)}, nil
}

// insertEncoded stores e as revision n of its partnership.
func (ins *revisionInserter) insertEncoded(ctx context.Context, n int, e encodedRevision, by partnership.Actor) error {
	t, c := ins.t, e.c
	if err := ins.insertAssessment(ctx, e); err != nil {
		return err
	}
	args := []any{e.ref, n, e.pj, e.asum, c.name, c.nameFolded, c.status, c.serviceArea, c.significant,
		c.classification, c.nextReview, c.leadID, c.leadName, int(c.gaps), t.now, by.Name}
	var err error
	if ins.stmt != nil {
		_, err = ins.stmt.ExecContext(ctx, args...)
		err = t.full.check(err)
	} else {
		_, err = t.exec(ctx, insertRevisionSQL, args...)
	}
	if err != nil {
		return domainError(err, fmt.Sprintf("revision %d of partnership %s", n, e.ref))
	}
	return nil
}

// insertAssessment stores e's assessment under its SHA-256 unless this
// inserter or an earlier transaction has.
func (ins *revisionInserter) insertAssessment(ctx context.Context, e encodedRevision) error {
	if ins.assessed[e.asum] {
		return nil
	}
	var err error
	if ins.assessStmt != nil {
		_, err = ins.assessStmt.ExecContext(ctx, e.asum, e.aj)
		err = ins.t.full.check(err)
		ins.assessed[e.asum] = err == nil
	} else {
		_, err = ins.t.exec(ctx, insertAssessmentSQL, e.asum, e.aj)
	}
	return domainError(err, "the assessment of partnership "+e.ref)
}

// encodeJSON is json.Marshal of v, made in buf, as a string.
func encodeJSON(v any, buf *bytes.Buffer) (string, error) {
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return "", err
	}
	// Encode ends with a newline that Marshal does not write.
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// revision reads one revision with query, which selects ref, number,
// partnership, assessment, created_at and created_by.
func (t *tx) revision(ctx context.Context, ref, query string, args ...any) (*partnership.Revision, error) {
	var rev partnership.Revision
	var pj, aj string
	err := t.queryRow(ctx, query, args...).Scan(&rev.Ref, &rev.Number, &pj, &aj, &rev.CreatedAt, &rev.CreatedBy)
	if err != nil {
		return nil, domainError(err, "partnership "+ref)
	}
	if err := decodeStored(pj, &rev.Partnership); err != nil {
		return nil, fmt.Errorf("store: partnership %s revision %d: %w", ref, rev.Number, err)
	}
	if err := decodeStored(aj, &rev.Assessment); err != nil {
		return nil, fmt.Errorf("store: assessment of %s revision %d: %w", ref, rev.Number, err)
	}
	rev.CreatedAt = rev.CreatedAt.UTC()
	return &rev, nil
}

// partnershipExists is ENotFound unless ref is in the register.
func (t *tx) partnershipExists(ctx context.Context, ref string) error {
	var current int
	err := t.queryRow(ctx, `SELECT revision FROM partnerships WHERE ref = ?`, ref).Scan(&current)
	return domainError(err, "partnership "+ref)
}
