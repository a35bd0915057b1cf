package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"partnerdocs/partnership"
)

// prunableDraft is a superseded draft that no one ever submitted.
type prunableDraft struct {
	id        int64
	ref       string
	kind      string
	format    string
	version   int
	revision  int
	generated time.Time
}

// PruneDrafts deletes, in one transaction, the drafts generated before
// generatedBefore that a newer version of their partnership's kind and format
// has superseded and that were never submitted for review (they have no
// review events), then every stored content no document uses any more.
// Approved copies, anything ever submitted, returned or approved, and the
// latest version of each partnership's kind and format are never deleted.
// Each deleted draft, and the pruning as a whole with its counts, is
// recorded in the audit trail; a pruning that deletes nothing records
// nothing.
func (db *DB) PruneDrafts(ctx context.Context, generatedBefore time.Time, by partnership.Actor) (*partnership.DraftPruning, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	// Taken first, before any row: a document being stored at the same
	// time cannot name a content this sweep is deleting (PostgreSQL; a
	// SQLite write transaction already has the register to itself).
	if t.dialect.lockContents != "" {
		if _, err := t.exec(ctx, t.dialect.lockContents); err != nil {
			return nil, domainError(err, "document contents")
		}
	}
	out := &partnership.DraftPruning{GeneratedBefore: generatedBefore.UTC(), Documents: []int64{}}
	drafts, err := t.prunableDrafts(ctx, generatedBefore)
	if err != nil {
		return nil, err
	}
	if err := t.deleteDrafts(ctx, drafts, by); err != nil {
		return nil, err
	}
	for _, d := range drafts {
		out.Documents = append(out.Documents, d.id)
	}
	if out.Contents, out.Bytes, err = t.deleteUnusedContents(ctx); err != nil {
		return nil, err
	}
	if len(drafts) == 0 && out.Contents == 0 {
		return out, nil
	}
	if err := t.audit(ctx, pruningEntry(out, by)); err != nil {
		return nil, err
	}
	return out, commit(t, "documents")
}

// prunableDrafts lists the superseded drafts never submitted for review
// that have a newer version, generated before generatedBefore, by id. The
// time is compared here, not in SQL, because SQLite keeps timestamps as
// text.
func (t *tx) prunableDrafts(ctx context.Context, generatedBefore time.Time) ([]prunableDraft, error) {
	rows, err := t.query(ctx, `SELECT id, ref, kind, format, version, revision, generated_at FROM documents d
		WHERE status = ? AND approved_of IS NULL
		AND NOT EXISTS (SELECT 1 FROM review_events e WHERE e.document_id = d.id)
		AND EXISTS (SELECT 1 FROM documents n
			WHERE n.ref = d.ref AND n.kind = d.kind AND n.format = d.format AND n.version > d.version)
		ORDER BY id`, string(partnership.DocumentSuperseded))
	if err != nil {
		return nil, domainError(err, "documents")
	}
	defer rows.Close()
	var drafts []prunableDraft
	for rows.Next() {
		var d prunableDraft
		if err := rows.Scan(&d.id, &d.ref, &d.kind, &d.format, &d.version, &d.revision, &d.generated); err != nil {
			return nil, domainError(err, "documents")
		}
		if d.generated.Before(generatedBefore) {
			drafts = append(drafts, d)
		}
	}
	return drafts, domainError(rows.Err(), "documents")
}

// deleteDrafts deletes each draft and records it in the audit trail.
func (t *tx) deleteDrafts(ctx context.Context, drafts []prunableDraft, by partnership.Actor) error {
	if len(drafts) == 0 {
		return nil
	}
	del, err := t.prepare(ctx, `DELETE FROM documents WHERE id = ? AND status = ?`)
	if err != nil {
		return domainError(err, "documents")
	}
	defer del.Close()
	a, err := t.prepareAudit(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, d := range drafts {
		if _, err := del.ExecContext(ctx, d.id, string(partnership.DocumentSuperseded)); err != nil {
			return domainError(err, documentObject(d.id))
		}
		e := entry(by, "document.prune", documentObject(d.id))
		e.FromRevision, e.ToRevision = d.revision, d.revision
		e.Detail = fmt.Sprintf("superseded %s %s version %d of %s, generated %s and never submitted for review, deleted",
			d.kind, d.format, d.version, d.ref, d.generated.UTC().Format(time.RFC3339))
		if err := a.add(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// deleteUnusedContents deletes every stored content no document names,
// then every chunk no content lists, and answers how many contents and
// the bytes freed: those of the contents kept whole and of the chunks.
func (t *tx) deleteUnusedContents(ctx context.Context) (int, int64, error) {
	rows, err := t.query(ctx, `DELETE FROM document_contents
		WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = document_contents.sha256)
		RETURNING LENGTH(bytes)`)
	if err != nil {
		return 0, 0, domainError(err, "document contents")
	}
	var n int
	var size int64
	for rows.Next() {
		var length int64
		if err := rows.Scan(&length); err != nil {
			rows.Close()
			return 0, 0, domainError(err, "document contents")
		}
		n, size = n+1, size+length
	}
	if err := closeRows(rows); err != nil || n == 0 {
		return n, size, domainError(err, "document contents")
	}
	chunks, err := t.deleteUnusedChunks(ctx)
	return n, size + chunks, err
}

// pruningEntry is the audit trail's record of a whole pruning.
func pruningEntry(p *partnership.DraftPruning, by partnership.Actor) partnership.AuditEntry {
	ids := make([]string, len(p.Documents))
	for i, id := range p.Documents {
		ids[i] = documentObject(id)
	}
	e := entry(by, "register.prune", "documents")
	e.Detail = fmt.Sprintf("%d superseded drafts generated before %s and never submitted for review deleted (%s); "+
		"%d stored contents no document used (%d bytes) deleted",
		len(p.Documents), p.GeneratedBefore.Format(time.RFC3339), strings.Join(ids, ", "), p.Contents, p.Bytes)
	return e
}
