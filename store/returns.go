package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"partnerdocs/partnership"
)

// staleNamed bounds how many stale partnerships an EStale message names.
const staleNamed = 5

// decodeBatch is how many rows CurrentRevisions hands a decoder at once.
const decodeBatch = 64

// CurrentRevisions returns every partnership's current revision with its
// stored assessment, in ref order (byte order, the same on both
// databases). It is one query on one snapshot. Decoding the JSON is most
// of the work, so rows are handed as they stream in, in batches, to a
// decoder per CPU; only the batches in flight are held besides the result.
func (db *DB) CurrentRevisions(ctx context.Context) ([]partnership.Revision, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT r.ref, r.number, r.partnership, r.assessment, r.created_at, r.created_by
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision
		ORDER BY p.ref`+t.dialect.byteOrder)
	if err != nil {
		return nil, domainError(err, "current revisions")
	}
	defer rows.Close()
	d := newDecoders(runtime.GOMAXPROCS(0))
	b := &rawBatch{}
	var pj, aj sql.RawBytes
	for rows.Next() {
		var rev partnership.Revision
		if err := rows.Scan(&rev.Ref, &rev.Number, &pj, &aj, &rev.CreatedAt, &rev.CreatedBy); err != nil {
			d.close()
			return nil, domainError(err, "current revisions")
		}
		b.rows = append(b.rows, rawRevision{rev: rev, pj: bytes.Clone(pj), aj: bytes.Clone(aj)})
		if len(b.rows) == decodeBatch {
			d.send(b)
			b = &rawBatch{n: b.n + 1}
		}
	}
	if len(b.rows) > 0 {
		d.send(b)
	}
	revs, decodeErr := d.close()
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "current revisions")
	}
	return revs, decodeErr
}

// rawRevision is a row read but not yet decoded.
type rawRevision struct {
	rev    partnership.Revision
	pj, aj []byte
}

// rawBatch is the nth batch of rows, in query order.
type rawBatch struct {
	n    int
	rows []rawRevision
}

// decoders decode batches of rows concurrently and put them back in order.
type decoders struct {
	jobs    chan *rawBatch
	wg      sync.WaitGroup
	mu      sync.Mutex
	done    map[int][]partnership.Revision
	count   int
	err     error
	stopped atomic.Bool
}

func newDecoders(n int) *decoders {
	d := &decoders{jobs: make(chan *rawBatch, n), done: map[int][]partnership.Revision{}}
	for range n {
		d.wg.Go(d.work)
	}
	return d
}

func (d *decoders) send(b *rawBatch) { d.jobs <- b }

func (d *decoders) work() {
	for b := range d.jobs {
		if d.stopped.Load() {
			continue
		}
		out := make([]partnership.Revision, len(b.rows))
		for i := range b.rows {
			if err := decodeRevision(&b.rows[i], &out[i]); err != nil {
				d.mu.Lock()
				d.err = cmp.Or(d.err, err)
				d.mu.Unlock()
				d.stopped.Store(true)
				break
			}
		}
		d.mu.Lock()
		d.done[b.n] = out
		d.count += len(out)
		d.mu.Unlock()
	}
}

// close waits for every batch sent and returns the revisions in order.
func (d *decoders) close() ([]partnership.Revision, error) {
	close(d.jobs)
	d.wg.Wait()
	if d.err != nil {
		return nil, d.err
	}
	revs := make([]partnership.Revision, 0, d.count)
	for n := range len(d.done) {
		revs = append(revs, d.done[n]...)
	}
	return revs, nil
}

func decodeRevision(raw *rawRevision, rev *partnership.Revision) error {
	*rev = raw.rev
	if err := json.Unmarshal(raw.pj, &rev.Partnership); err != nil {
		return fmt.Errorf("store: partnership %s revision %d: %w", rev.Ref, rev.Number, err)
	}
	if err := json.Unmarshal(raw.aj, &rev.Assessment); err != nil {
		return fmt.Errorf("store: assessment of %s revision %d: %w", rev.Ref, rev.Number, err)
	}
	rev.CreatedAt = rev.CreatedAt.UTC()
	raw.pj, raw.aj = nil, nil
	return nil
}

// ApplyRevisions stores a new revision of every changed partnership, with
// an audit entry "partnership.return" for each, all in one transaction:
// every change is applied or none is. A change whose Base is no longer the
// current revision makes the whole batch EStale, naming the ref and its
// current revision; an unknown ref is ENotFound; a ref given twice or a
// change without a partnership is EInvalid. The new revisions are returned
// in the order of changes.
func (db *DB) ApplyRevisions(ctx context.Context, changes []partnership.RevisionChange, by partnership.Actor) ([]partnership.Revision, error) {
	if err := checkChanges(changes); err != nil {
		return nil, err
	}
	if len(changes) == 0 {
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
	ins, err := t.prepareInsertRevision(ctx)
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	upd, err := t.prepare(ctx, `UPDATE partnerships SET revision = ?, updated_at = ? WHERE ref = ?`)
	if err != nil {
		return nil, domainError(err, "partnerships")
	}
	defer upd.Close()
	aud, err := t.prepareAudit(ctx)
	if err != nil {
		return nil, err
	}
	defer aud.Close()
	revs := make([]partnership.Revision, len(changes))
	for i, ch := range changes {
		object := "partnership:" + ch.Ref
		next := ch.Base + 1
		if err := ins.insert(ctx, &revs[i], ch.Ref, next, ch.Partnership, ch.Assessment, by); err != nil {
			return nil, err
		}
		if _, err := upd.ExecContext(ctx, next, t.now, ch.Ref); err != nil {
			return nil, domainError(err, object)
		}
		e := entry(by, "partnership.return", object)
		e.FromRevision, e.ToRevision = ch.Base, next
		if err := aud.add(ctx, e); err != nil {
			return nil, err
		}
	}
	return revs, commit(t, "the return")
}

// checkChanges refuses a batch that could never apply, before any
// transaction starts.
func checkChanges(changes []partnership.RevisionChange) error {
	seen := make(map[string]bool, len(changes))
	for _, ch := range changes {
		if err := checkRef(ch.Ref); err != nil {
			return err
		}
		switch {
		case ch.Partnership == nil:
			return errorf(partnership.EInvalid, "the change to partnership %s has no partnership", ch.Ref)
		case ch.Partnership.Ref != "" && ch.Partnership.Ref != ch.Ref:
			return errorf(partnership.EInvalid, "the partnership's ref %q is not %q; a ref cannot change", ch.Partnership.Ref, ch.Ref)
		case ch.Base < 1:
			return errorf(partnership.EInvalid, "the change to partnership %s names no base revision", ch.Ref)
		case seen[ch.Ref]:
			return errorf(partnership.EInvalid, "partnership %s is changed twice in one batch", ch.Ref)
		}
		seen[ch.Ref] = true
	}
	return nil
}

// lockPartnerships returns the current revision of every changed
// partnership, locking their rows on PostgreSQL in ref order (so two
// batches never wait on each other crosswise) until the transaction ends.
// An unknown ref is ENotFound.
func (t *tx) lockPartnerships(ctx context.Context, changes []partnership.RevisionChange) (map[string]int, error) {
	refs := make([]string, len(changes))
	for i, ch := range changes {
		refs[i] = ch.Ref
	}
	slices.Sort(refs)
	list, err := json.Marshal(refs)
	if err != nil {
		return nil, fmt.Errorf("store: encoding the refs: %w", err)
	}
	// One query for the whole batch: the refs go as one JSON array.
	rows, err := t.query(ctx, `SELECT ref, revision FROM partnerships WHERE ref IN (`+t.dialect.jsonStrings+`)
		ORDER BY ref`+t.dialect.byteOrder+t.dialect.forUpdate, string(list))
	if err != nil {
		return nil, domainError(err, "partnerships")
	}
	defer rows.Close()
	current := make(map[string]int, len(refs))
	for rows.Next() {
		var ref string
		var n int
		if err := rows.Scan(&ref, &n); err != nil {
			return nil, domainError(err, "partnerships")
		}
		current[ref] = n
	}
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "partnerships")
	}
	for _, ref := range refs {
		if _, ok := current[ref]; !ok {
			return nil, errorf(partnership.ENotFound, "partnership %s does not exist", ref)
		}
	}
	return current, nil
}

// staleChanges is EStale when any change's base is not its partnership's
// current revision, naming the first few in the order given.
func staleChanges(changes []partnership.RevisionChange, current map[string]int) error {
	var stale []string
	n := 0
	for _, ch := range changes {
		if cur := current[ch.Ref]; cur != ch.Base {
			n++
			if len(stale) < staleNamed {
				stale = append(stale, fmt.Sprintf("partnership %s is at revision %d, not %d", ch.Ref, cur, ch.Base))
			}
		}
	}
	if n == 0 {
		return nil
	}
	msg := strings.Join(stale, "; ")
	if n > len(stale) {
		msg += fmt.Sprintf(" (and %d more)", n-len(stale))
	}
	return errorf(partnership.EStale, "%s; nothing was applied: reload and make the changes again", msg)
}
