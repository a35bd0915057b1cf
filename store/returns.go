package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"

	"partnerdocs/partnership"
)

// decodeBatch is how many rows EachCurrentRevision hands a decoder at once.
const decodeBatch = 32

// CurrentRevisions returns every partnership's current revision with its
// stored assessment, in ref order (byte order, the same on both
// databases), read in one query on one snapshot.
func (db *DB) CurrentRevisions(ctx context.Context) ([]partnership.Revision, error) {
	revs := []partnership.Revision{}
	err := db.EachCurrentRevision(ctx, func(r *partnership.Revision) error {
		revs = append(revs, *r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return revs, nil
}

// EachCurrentRevision hands every partnership's current revision, with its
// stored assessment, to fn in ref order (byte order), from one query on one
// snapshot, and stops at fn's first error, returning it. The revision is
// fn's only until fn returns.
//
// Decoding the JSON is most of the work, so rows are handed as they stream
// in, in batches, to a decoder per CPU, while fn works through the batch
// before: only the few batches in flight are ever held, however large the
// register.
func (db *DB) EachCurrentRevision(ctx context.Context, fn func(*partnership.Revision) error) error {
	t, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT r.ref, r.number, r.partnership, `+assessmentColumn+`, r.created_at, r.created_by
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision`+assessmentJoin+`
		ORDER BY p.ref`+t.dialect.byteOrder)
	if err != nil {
		return domainError(err, "current revisions")
	}
	defer rows.Close()
	p := newDecodePipeline(runtime.GOMAXPROCS(0))
	go p.read(rows)
	fnErr := p.each(fn)
	if readErr := <-p.readErr; fnErr == nil && readErr != nil {
		return domainError(readErr, "current revisions")
	}
	return fnErr
}

// rawRevision is a row read but not yet decoded.
type rawRevision struct {
	rev    partnership.Revision
	pj, aj string
}

// decoded is a batch of revisions decoded, or the error that stopped it.
type decoded struct {
	revs []partnership.Revision
	err  error
}

type decodeJob struct {
	rows []rawRevision
	out  chan<- decoded
}

// decodePipeline reads rows in one goroutine, decodes batches of them in
// as many workers, and hands them on in query order: each batch's result
// channel is queued, in order, before the batch goes to a worker.
type decodePipeline struct {
	jobs    chan decodeJob
	pending chan chan decoded // result channels, in query order
	stop    chan struct{}     // closed when the consumer gives up
	readErr chan error
	workers sync.WaitGroup
}

func newDecodePipeline(n int) *decodePipeline {
	p := &decodePipeline{jobs: make(chan decodeJob, n), pending: make(chan chan decoded, n),
		stop: make(chan struct{}), readErr: make(chan error, 1)}
	for range n {
		p.workers.Go(func() {
			for j := range p.jobs {
				j.out <- decodeRows(j.rows)
			}
		})
	}
	return p
}

// read scans the rows into batches and queues them, until the rows end or
// the consumer stops; it then reports the rows' error on readErr.
func (p *decodePipeline) read(rows *sql.Rows) {
	defer close(p.pending)
	defer close(p.jobs)
	batch := make([]rawRevision, 0, decodeBatch)
	send := func() bool {
		out := make(chan decoded, 1)
		select {
		case <-p.stop:
			return false
		default:
		}
		select {
		case p.pending <- out:
		case <-p.stop:
			return false
		}
		p.jobs <- decodeJob{rows: batch, out: out}
		batch = make([]rawRevision, 0, decodeBatch)
		return true
	}
	var pj, aj string
	for rows.Next() {
		var rev partnership.Revision
		if err := rows.Scan(&rev.Ref, &rev.Number, &pj, &aj, &rev.CreatedAt, &rev.CreatedBy); err != nil {
			p.readErr <- err
			return
		}
		batch = append(batch, rawRevision{rev: rev, pj: pj, aj: aj})
		if len(batch) == decodeBatch && !send() {
			p.readErr <- nil
			return
		}
	}
	if len(batch) > 0 {
		send()
	}
	p.readErr <- rows.Err()
}

// each hands the decoded revisions to fn in order. After an error it stops
// the reader and drains what is in flight, so every goroutine ends.
func (p *decodePipeline) each(fn func(*partnership.Revision) error) error {
	var err error
	for out := range p.pending {
		d := <-out
		if err != nil {
			continue
		}
		err = d.err
		for i := 0; err == nil && i < len(d.revs); i++ {
			err = fn(&d.revs[i])
		}
		if err != nil {
			close(p.stop)
		}
	}
	p.workers.Wait()
	return err
}

func decodeRows(rows []rawRevision) decoded {
	revs := make([]partnership.Revision, len(rows))
	for i := range rows {
		if err := decodeRevision(&rows[i], &revs[i]); err != nil {
			return decoded{err: err}
		}
	}
	return decoded{revs: revs}
}

func decodeRevision(raw *rawRevision, rev *partnership.Revision) error {
	*rev = raw.rev
	if err := decodeStored(raw.pj, &rev.Partnership); err != nil {
		return fmt.Errorf("store: partnership %s revision %d: %w", rev.Ref, rev.Number, err)
	}
	if err := decodeStored(raw.aj, &rev.Assessment); err != nil {
		return fmt.Errorf("store: assessment of %s revision %d: %w", rev.Ref, rev.Number, err)
	}
	rev.CreatedAt = rev.CreatedAt.UTC()
	raw.pj, raw.aj = "", ""
	return nil
}
