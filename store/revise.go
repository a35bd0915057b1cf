package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"partnerdocs/partnership"
)

// reviseBatch is how many current revisions ReviseEach reads at a time.
const reviseBatch = 32

// ReviseEach stores a new revision of each partnership in bases (its ref,
// and the revision the change was made from), with an audit entry
// "partnership.return" each, all in one transaction: every one is stored
// or none is. A base that is no longer the current revision makes the whole
// batch EStale, naming the ref and its current revision, before revise is
// called; an unknown ref is ENotFound. The current revisions are read in
// the transaction a few at a time, in ref order, and each handed to
// revise, which answers the new partnership and its assessment; its error
// stores nothing. So a batch of any size never holds more than a few
// partnerships. The answer is each new revision's ref, number, time and
// author, in ref order, without the partnership.
func (db *DB) ReviseEach(ctx context.Context, bases map[string]int, revise func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error), by partnership.Actor) ([]partnership.Revision, error) {
	refs := slices.Sorted(maps.Keys(bases))
	changes := make([]partnership.RevisionChange, len(refs))
	for i, ref := range refs {
		changes[i] = partnership.RevisionChange{Ref: ref, Base: bases[ref], Partnership: &partnership.Partnership{}}
	}
	if err := checkChanges(changes); err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return []partnership.Revision{}, nil
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	current, err := t.lockPartnerships(ctx, changes)
	if err != nil {
		return nil, err
	}
	if err := staleChanges(changes, current); err != nil {
		return nil, err
	}
	w, err := t.newReviser(ctx)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	out := make([]partnership.Revision, 0, len(refs))
	for batch := range slices.Chunk(refs, reviseBatch) {
		revs, err := t.currentRevisions(ctx, batch)
		if err != nil {
			return nil, err
		}
		for i := range revs {
			rev, err := w.revise(ctx, &revs[i], revise, by)
			if err != nil {
				return nil, err
			}
			out = append(out, rev)
		}
	}
	return out, commit(t, "the return")
}

// currentRevisions reads the current revisions of refs in the transaction.
func (t *tx) currentRevisions(ctx context.Context, refs []string) ([]partnership.Revision, error) {
	list, err := json.Marshal(refs)
	if err != nil {
		return nil, fmt.Errorf("store: encoding the refs: %w", err)
	}
	rows, err := t.query(ctx, `SELECT r.ref, r.number, r.partnership, r.assessment, r.created_at, r.created_by
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision
		WHERE p.ref IN (`+t.dialect.jsonStrings+`) ORDER BY p.ref`+t.dialect.byteOrder, string(list))
	if err != nil {
		return nil, domainError(err, "current revisions")
	}
	defer rows.Close()
	var raw []rawRevision
	for rows.Next() {
		var r rawRevision
		if err := rows.Scan(&r.rev.Ref, &r.rev.Number, &r.pj, &r.aj, &r.rev.CreatedAt, &r.rev.CreatedBy); err != nil {
			return nil, domainError(err, "current revisions")
		}
		raw = append(raw, r)
	}
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "current revisions")
	}
	d := decodeRows(raw)
	return d.revs, d.err
}

// reviseStatements are the prepared statements of one ReviseEach.
type reviseStatements struct {
	t   *tx
	ins *revisionInserter
	upd *sql.Stmt
	aud *auditor
}

func (t *tx) newReviser(ctx context.Context) (*reviseStatements, error) {
	ins, err := t.prepareInsertRevision(ctx)
	if err != nil {
		return nil, err
	}
	upd, err := t.prepare(ctx, `UPDATE partnerships SET revision = ?, updated_at = ? WHERE ref = ?`)
	if err != nil {
		ins.Close()
		return nil, domainError(err, "partnerships")
	}
	aud, err := t.prepareAudit(ctx)
	if err != nil {
		ins.Close()
		upd.Close()
		return nil, err
	}
	return &reviseStatements{t: t, ins: ins, upd: upd, aud: aud}, nil
}

func (w *reviseStatements) Close() {
	w.ins.Close()
	w.upd.Close()
	w.aud.Close()
}

// revise stores the revision revise makes from cur, and answers it
// without its partnership.
func (w *reviseStatements) revise(ctx context.Context, cur *partnership.Revision, revise func(*partnership.Revision) (*partnership.Partnership, partnership.Assessment, error), by partnership.Actor) (partnership.Revision, error) {
	p, a, err := revise(cur)
	if err != nil {
		return partnership.Revision{}, err
	}
	var rev partnership.Revision
	object, next := "partnership:"+cur.Ref, cur.Number+1
	if err := w.ins.insert(ctx, &rev, cur.Ref, next, p, a, by); err != nil {
		return partnership.Revision{}, err
	}
	if _, err := w.upd.ExecContext(ctx, next, w.t.now, cur.Ref); err != nil {
		return partnership.Revision{}, domainError(err, object)
	}
	e := entry(by, "partnership.return", object)
	e.FromRevision, e.ToRevision = cur.Number, next
	if err := w.aud.add(ctx, e); err != nil {
		return partnership.Revision{}, err
	}
	return partnership.Revision{Ref: rev.Ref, Number: rev.Number, CreatedAt: rev.CreatedAt, CreatedBy: rev.CreatedBy}, nil
}
