package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"partnerdocs/partnership"
)

// documentColumns are the columns scanDocument reads: a document's record,
// without its bytes (tx.content reads them).
const documentColumns = `id, ref, kind, format, version, revision, template_id, template_version,
	template_hash, profile_hash, sha256, fingerprint, generated_at, dated_at, generated_by, status, approved_of`

// AddDocument stores a generated document as the next version of its kind
// and format for the partnership, with status draft; older drafts, returned
// and in-review versions of that kind and format become superseded. The
// SHA-256 is computed here (a given one must match); GeneratedAt is kept when
// given, otherwise it is now, and DatedAt (the date the document bears) is
// GeneratedAt when not given. Its bytes are stored once per SHA-256,
// shared with any document that has the same.
func (db *DB) AddDocument(ctx context.Context, d *partnership.Document, by partnership.Actor) (*partnership.Document, error) {
	if err := checkDocument(d); err != nil {
		return nil, err
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	if err := t.checkRevision(ctx, d.Ref, d.Revision); err != nil {
		return nil, err
	}
	stored, err := t.insertDocument(ctx, d, partnership.DocumentDraft, by)
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, `UPDATE documents SET status = ?
		WHERE ref = ? AND kind = ? AND format = ? AND id <> ? AND status IN (?, ?, ?)`,
		string(partnership.DocumentSuperseded), d.Ref, d.Kind, d.Format, stored.ID,
		string(partnership.DocumentDraft), string(partnership.DocumentInReview), string(partnership.DocumentReturned)); err != nil {
		return nil, domainError(err, "documents of "+d.Ref)
	}
	e := entry(by, "document.generate", documentObject(stored.ID))
	e.ToRevision = stored.Revision
	e.Detail = fmt.Sprintf("%s %s version %d of %s", stored.Kind, stored.Format, stored.Version, stored.Ref)
	if err := t.audit(ctx, e); err != nil {
		return nil, err
	}
	return stored, commit(t, documentObject(stored.ID))
}

// Document returns one document with its bytes and review history.
func (db *DB) Document(ctx context.Context, id int64) (*partnership.Document, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	return t.document(ctx, id)
}

// Documents lists a partnership's documents, newest first, without bytes.
func (db *DB) Documents(ctx context.Context, ref string) ([]partnership.Document, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	if err := t.partnershipExists(ctx, ref); err != nil {
		return nil, err
	}
	return t.documents(ctx, `SELECT `+documentColumns+` FROM documents WHERE ref = ? ORDER BY id DESC`, ref)
}

// ReviewQueue lists documents in review, oldest first, without bytes.
func (db *DB) ReviewQueue(ctx context.Context) ([]partnership.Document, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	return t.documents(ctx, `SELECT `+documentColumns+` FROM documents WHERE status = ? ORDER BY id`,
		string(partnership.DocumentInReview))
}

func checkDocument(d *partnership.Document) error {
	switch {
	case d == nil:
		return errorf(partnership.EInvalid, "no document given")
	case d.Ref == "" || d.Kind == "" || d.Format == "":
		return errorf(partnership.EInvalid, "a document needs its partnership's ref, a kind and a format")
	case len(d.Bytes) == 0:
		return errorf(partnership.EInvalid, "the %s %s for %s is empty", d.Kind, d.Format, d.Ref)
	case d.SHA256 != "" && d.SHA256 != sha256Hex(d.Bytes):
		return errorf(partnership.EInvalid, "the %s %s for %s does not match its SHA-256", d.Kind, d.Format, d.Ref)
	}
	return nil
}

// checkRevision makes sure ref exists and has revision n, and locks the
// partnership on PostgreSQL so versions are numbered one at a time.
func (t *tx) checkRevision(ctx context.Context, ref string, n int) error {
	current, err := t.lockPartnership(ctx, ref)
	if err != nil {
		return err
	}
	if n < 1 || n > current {
		return errorf(partnership.EInvalid, "partnership %s has no revision %d (it is at %d)", ref, n, current)
	}
	return nil
}

// insertDocument stores d as the next version of its kind and format. Its
// bytes are stored once per SHA-256: when another document already has
// them, the two share that copy.
func (t *tx) insertDocument(ctx context.Context, d *partnership.Document, status partnership.DocumentStatus, by partnership.Actor) (*partnership.Document, error) {
	stored := *d
	stored.Status, stored.GeneratedBy, stored.SHA256, stored.Reviews = status, by.Name, sha256Hex(d.Bytes), nil
	if stored.GeneratedAt.IsZero() {
		stored.GeneratedAt = t.now
	}
	stored.GeneratedAt = stored.GeneratedAt.UTC().Truncate(time.Microsecond)
	if stored.DatedAt.IsZero() {
		stored.DatedAt = stored.GeneratedAt
	}
	stored.DatedAt = stored.DatedAt.UTC().Truncate(time.Microsecond)
	err := t.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM documents
		WHERE ref = ? AND kind = ? AND format = ?`, d.Ref, d.Kind, d.Format).Scan(&stored.Version)
	if err != nil {
		return nil, domainError(err, "documents of "+d.Ref)
	}
	if err := t.storeContent(ctx, stored.SHA256, stored.Bytes); err != nil {
		return nil, err
	}
	approvedOf := sql.NullInt64{Int64: d.ApprovedOf, Valid: d.ApprovedOf != 0}
	stored.ID, err = t.insertID(ctx, `INSERT INTO documents (ref, kind, format, version, revision,
		template_id, template_version, template_hash, profile_hash, sha256, fingerprint, generated_at, dated_at,
		generated_by, status, approved_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		stored.Ref, stored.Kind, stored.Format, stored.Version, stored.Revision, stored.TemplateID,
		stored.TemplateVersion, stored.TemplateHash, stored.ProfileHash, stored.SHA256, stored.InputFingerprint, stored.GeneratedAt,
		stored.DatedAt, stored.GeneratedBy, string(stored.Status), approvedOf)
	if err != nil {
		return nil, domainError(err, fmt.Sprintf("%s %s version %d of %s", d.Kind, d.Format, stored.Version, d.Ref))
	}
	return &stored, nil
}

// document reads one document with its bytes and review history.
func (t *tx) document(ctx context.Context, id int64) (*partnership.Document, error) {
	d, err := scanDocument(t.queryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if err != nil {
		return nil, domainError(err, documentObject(id))
	}
	if d.Bytes, err = t.content(ctx, d.SHA256); err != nil {
		return nil, fmt.Errorf("%w (of %s)", err, documentObject(id))
	}
	if d.Reviews, err = t.reviews(ctx, id); err != nil {
		return nil, err
	}
	return d, nil
}

func (t *tx) documents(ctx context.Context, query string, args ...any) ([]partnership.Document, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, domainError(err, "documents")
	}
	defer rows.Close()
	docs := []partnership.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, domainError(err, "documents")
		}
		docs = append(docs, *d)
	}
	return docs, domainError(rows.Err(), "documents")
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanDocument(row scanner) (*partnership.Document, error) {
	var d partnership.Document
	var approvedOf sql.NullInt64
	dest := []any{&d.ID, &d.Ref, &d.Kind, &d.Format, &d.Version, &d.Revision, &d.TemplateID,
		&d.TemplateVersion, &d.TemplateHash, &d.ProfileHash, &d.SHA256, &d.InputFingerprint, &d.GeneratedAt, &d.DatedAt, &d.GeneratedBy, &d.Status, &approvedOf}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	d.ApprovedOf, d.GeneratedAt, d.DatedAt = approvedOf.Int64, d.GeneratedAt.UTC(), d.DatedAt.UTC()
	return &d, nil
}

func documentObject(id int64) string { return "document:" + strconv.FormatInt(id, 10) }

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
