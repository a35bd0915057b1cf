package store

import (
	"context"
	"fmt"
	"strings"

	"partnerdocs/partnership"
)

// assignAttempts bounds the retries of a create whose assigned ref was
// taken meanwhile by a create that named it.
const assignAttempts = 3

// CreatePartnership stores revision 1. An empty ref is assigned as
// PP-<year>-<NNN>, the next free number for the year; a ref already in the
// register is EConflict.
func (db *DB) CreatePartnership(ctx context.Context, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error) {
	if p == nil {
		return nil, errorf(partnership.EInvalid, "no partnership given")
	}
	if p.Ref != "" {
		if err := checkRef(p.Ref); err != nil {
			return nil, err
		}
		return db.createPartnership(ctx, p, a, by)
	}
	var err error
	for range assignAttempts {
		var rev *partnership.Revision
		if rev, err = db.createPartnership(ctx, p, a, by); partnership.ErrorCode(err) != partnership.EConflict {
			return rev, err
		}
	}
	return nil, err
}

func (db *DB) createPartnership(ctx context.Context, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	ref := p.Ref
	if ref == "" {
		if ref, err = t.assignRef(ctx); err != nil {
			return nil, err
		}
	}
	object := "partnership:" + ref
	if _, err := t.exec(ctx, `INSERT INTO partnerships (ref, revision, created_at, updated_at)
		VALUES (?, 1, ?, ?)`, ref, t.now, t.now); err != nil {
		return nil, domainError(err, object)
	}
	rev, err := t.insertRevision(ctx, ref, 1, p, a, by)
	if err != nil {
		return nil, err
	}
	e := entry(by, "partnership.create", object)
	e.ToRevision = 1
	if err := t.audit(ctx, e); err != nil {
		return nil, err
	}
	return rev, commit(t, object)
}

// UpdatePartnership stores a new revision when base is the current one;
// otherwise it is EStale and the message names the current revision.
func (db *DB) UpdatePartnership(ctx context.Context, ref string, base int, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error) {
	if p == nil {
		return nil, errorf(partnership.EInvalid, "no partnership given")
	}
	if p.Ref != "" && p.Ref != ref {
		return nil, errorf(partnership.EInvalid, "the partnership's ref %q is not %q; a ref cannot change", p.Ref, ref)
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	current, err := t.lockPartnership(ctx, ref)
	if err != nil {
		return nil, err
	}
	if current != base {
		return nil, errorf(partnership.EStale, "partnership %s is at revision %d, not %d; reload it and make the change again", ref, current, base)
	}
	object := "partnership:" + ref
	rev, err := t.insertRevision(ctx, ref, base+1, p, a, by)
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, `UPDATE partnerships SET revision = ?, updated_at = ? WHERE ref = ?`,
		base+1, t.now, ref); err != nil {
		return nil, domainError(err, object)
	}
	e := entry(by, "partnership.update", object)
	e.FromRevision, e.ToRevision = base, base+1
	if err := t.audit(ctx, e); err != nil {
		return nil, err
	}
	return rev, commit(t, object)
}

// Partnership returns the current revision.
func (db *DB) Partnership(ctx context.Context, ref string) (*partnership.Revision, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	return t.revision(ctx, ref, `SELECT r.ref, r.number, r.partnership, `+assessmentColumn+`, r.created_at, r.created_by
		FROM revisions r JOIN partnerships p ON p.ref = r.ref AND p.revision = r.number`+assessmentJoin+`
		WHERE r.ref = ?`, ref)
}

// PartnershipRevision returns revision n.
func (db *DB) PartnershipRevision(ctx context.Context, ref string, n int) (*partnership.Revision, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	rev, err := t.revision(ctx, ref, `SELECT r.ref, r.number, r.partnership, `+assessmentColumn+`, r.created_at, r.created_by
		FROM revisions r`+assessmentJoin+` WHERE r.ref = ? AND r.number = ?`, ref, n)
	if partnership.ErrorCode(err) == partnership.ENotFound {
		return nil, errorf(partnership.ENotFound, "partnership %s has no revision %d", ref, n)
	}
	return rev, err
}

// Revisions lists every revision of a partnership, oldest first, with its
// assessment but without the partnership itself.
func (db *DB) Revisions(ctx context.Context, ref string) ([]partnership.Revision, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT r.ref, r.number, `+assessmentColumn+`, r.created_at, r.created_by
		FROM revisions r`+assessmentJoin+` WHERE r.ref = ? ORDER BY r.number`, ref)
	if err != nil {
		return nil, domainError(err, "partnership "+ref)
	}
	defer rows.Close()
	var revs []partnership.Revision
	for rows.Next() {
		var rev partnership.Revision
		var assessment string
		if err := rows.Scan(&rev.Ref, &rev.Number, &assessment, &rev.CreatedAt, &rev.CreatedBy); err != nil {
			return nil, domainError(err, "partnership "+ref)
		}
		if err := decodeStored(assessment, &rev.Assessment); err != nil {
			return nil, fmt.Errorf("store: partnership %s revision %d: %w", ref, rev.Number, err)
		}
		rev.CreatedAt = rev.CreatedAt.UTC()
		revs = append(revs, rev)
	}
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "partnership "+ref)
	}
	if len(revs) == 0 {
		return nil, errorf(partnership.ENotFound, "partnership %s does not exist", ref)
	}
	return revs, nil
}

// checkRef refuses a ref given by a client that could not be a ref: blank,
// padded with spaces, or absurdly long.
func checkRef(ref string) error {
	if strings.TrimSpace(ref) != ref || len(ref) > 64 || strings.ContainsFunc(ref, isControl) {
		return errorf(partnership.EInvalid, "%q is not a usable ref", ref)
	}
	return nil
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

// commit commits t, naming object if that fails.
func commit(t *tx, object string) error {
	return domainError(t.full.check(t.Commit()), object)
}
