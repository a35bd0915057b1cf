package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"partnerdocs/partnership"
)

// revisePage is how many current revisions ReviseAll reads at a time.
const revisePage = 256

// ReviseAll reads every partnership's current revision, in ref order, in
// one write transaction, and hands each to revise, which answers its new
// partnership and assessment, or a nil partnership to leave it as it is.
// Each new revision is stored with an audit entry "partnership.return", in
// ref order. When every partnership has been seen, done is called. An
// error from revise or done stores nothing at all: every revision is
// stored or none. On PostgreSQL each page of partnerships read stays
// locked until the end.
//
// The register is read once, never more than two pages of it held: while
// one page's new revisions are written, the next page is decoded, revised
// and encoded on the other cores. So revise is called from several
// goroutines at once, for different partnerships, and must be safe for
// that; it is never called once ReviseAll has returned. It is given the
// current partnership without its assessment, which it makes anew.
func (db *DB) ReviseAll(ctx context.Context, revise func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error), done func() error, by partnership.Actor) ([]partnership.Revision, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	w, err := t.newReviser(ctx)
	if err != nil {
		return nil, err
	}
	defer w.Close()
	page, err := t.currentPage(ctx, "")
	if err != nil {
		return nil, err
	}
	next := prepareAsync(page, revise)
	defer func() { <-next }() // the goroutines in flight end before ReviseAll does
	out := []partnership.Revision{}
	for len(page) > 0 {
		if page, err = t.currentPage(ctx, page[len(page)-1].rev.Ref); err != nil {
			return nil, err
		}
		ready := <-next
		next = prepareAsync(page, revise)
		if ready.err != nil {
			return nil, ready.err
		}
		if out, err = w.storeAll(ctx, ready.revs, by, out); err != nil {
			return nil, err
		}
	}
	if err := done(); err != nil {
		return nil, err
	}
	return out, commit(t, "the return")
}

// currentPage reads the current revisions of the partnerships after the
// ref after, in ref order, undecoded, locking them on PostgreSQL.
func (t *tx) currentPage(ctx context.Context, after string) ([]rawRevision, error) {
	rows, err := t.query(ctx, `SELECT r.ref, r.number, r.partnership, r.created_at, r.created_by
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision
		WHERE p.ref`+t.dialect.byteOrder+` > ? ORDER BY p.ref`+t.dialect.byteOrder+` LIMIT ?`+t.dialect.forUpdate, after, revisePage)
	if err != nil {
		return nil, domainError(err, "current revisions")
	}
	defer rows.Close()
	var raw []rawRevision
	for rows.Next() {
		var r rawRevision
		if err := rows.Scan(&r.rev.Ref, &r.rev.Number, &r.pj, &r.rev.CreatedAt, &r.rev.CreatedBy); err != nil {
			return nil, domainError(err, "current revisions")
		}
		raw = append(raw, r)
	}
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "current revisions")
	}
	return raw, nil
}

// prepared is a page of new revisions ready to store, in ref order, or
// the first error that stopped it.
type prepared struct {
	revs []preparedRevision
	err  error
}

// preparedRevision is the revision revise made from the current one.
type preparedRevision struct {
	from int // the current revision's number
	enc  encodedRevision
}

// prepareAsync decodes rows, hands each to revise and encodes what it
// answers, in as many goroutines as there are cores, and sends the page's
// new revisions, in order, on the channel it answers.
func prepareAsync(rows []rawRevision, revise func(*partnership.Revision) (*partnership.Partnership, partnership.Assessment, error)) <-chan prepared {
	out := make(chan prepared, 1)
	go func() {
		cores := runtime.GOMAXPROCS(0)
		parts := slices.Collect(slices.Chunk(rows, max(1, (len(rows)+cores-1)/cores)))
		results := make([]prepared, len(parts))
		var wg sync.WaitGroup
		for i, part := range parts {
			wg.Go(func() { results[i] = prepareRows(part, revise) })
		}
		wg.Wait()
		var all prepared
		for _, r := range results {
			if r.err != nil {
				out <- prepared{err: r.err}
				return
			}
			all.revs = append(all.revs, r.revs...)
		}
		out <- all
	}()
	return out
}

func prepareRows(rows []rawRevision, revise func(*partnership.Revision) (*partnership.Partnership, partnership.Assessment, error)) prepared {
	var out prepared
	var buf bytes.Buffer
	for i := range rows {
		raw := &rows[i]
		cur := raw.rev
		if err := decodeStored(raw.pj, &cur.Partnership); err != nil {
			return prepared{err: fmt.Errorf("store: partnership %s revision %d: %w", cur.Ref, cur.Number, err)}
		}
		cur.CreatedAt = cur.CreatedAt.UTC()
		raw.pj = ""
		p, a, err := revise(&cur)
		switch {
		case err != nil:
			return prepared{err: err}
		case p == nil:
			continue
		case p.Ref != "" && p.Ref != cur.Ref:
			return prepared{err: errorf(partnership.EInvalid, "the partnership's ref %q is not %q; a ref cannot change", p.Ref, cur.Ref)}
		}
		next := *p
		next.Ref = cur.Ref
		enc, err := encodeRevision(&next, &a, &buf)
		if err != nil {
			return prepared{err: err}
		}
		out.revs = append(out.revs, preparedRevision{from: cur.Number, enc: enc})
	}
	return out
}

// reviseStatements are the prepared statements of one ReviseAll.
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

// storeAll stores each of revs as the revision after the one it was made
// from, with its audit entry, appending each to out without its
// partnership.
func (w *reviseStatements) storeAll(ctx context.Context, revs []preparedRevision, by partnership.Actor, out []partnership.Revision) ([]partnership.Revision, error) {
	for _, r := range revs {
		ref := r.enc.ref
		object, next := "partnership:"+ref, r.from+1
		if err := w.ins.insertEncoded(ctx, next, r.enc, by); err != nil {
			return nil, err
		}
		if _, err := w.upd.ExecContext(ctx, next, w.t.now, ref); err != nil {
			return nil, domainError(w.t.full.check(err), object)
		}
		e := entry(by, "partnership.return", object)
		e.FromRevision, e.ToRevision = r.from, next
		if err := w.aud.add(ctx, e); err != nil {
			return nil, err
		}
		out = append(out, partnership.Revision{Ref: ref, Number: next, CreatedAt: w.t.now, CreatedBy: by.Name})
	}
	return out, nil
}
