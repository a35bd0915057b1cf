package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// probeEvery is how often CheckWritable really writes; in between it
// answers what it found last. A load balancer may ask /readyz every second
// on every instance, and each probe is a commit (with an fsync).
const probeEvery = 5 * time.Second

// readyCache is the last probe's answer and when it was found.
type readyCache struct {
	mu  sync.Mutex
	at  time.Time
	err error
}

// CheckWritable reports whether the register can be written (for /readyz):
// it fails while a write has failed for lack of space lately (fullHold);
// otherwise, at most every probeEvery, it rewrites the readiness probe's
// row in a transaction of its own and, on SQLite, checkpoints the WAL,
// whose failures SQLite's automatic checkpoints would not report (the WAL
// would only grow). Between probes it answers the last probe's result.
func (db *DB) CheckWritable(ctx context.Context) error {
	now := time.Now()
	if db.full.recently(now) {
		return &storageFull{cause: fmt.Errorf("a write failed for lack of space within the last %s", fullHold)}
	}
	db.ready.mu.Lock()
	defer db.ready.mu.Unlock()
	if !db.ready.at.IsZero() && now.Sub(db.ready.at) < probeEvery {
		return db.ready.err
	}
	err := db.probe(ctx)
	db.ready.at, db.ready.err = time.Now(), err
	return err
}

// probe writes the probe row and, on SQLite, checkpoints.
func (db *DB) probe(ctx context.Context) error {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return db.full.check(err)
	}
	defer t.Rollback()
	_, err = t.exec(ctx, `INSERT INTO readiness_probe (id, probed_us) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET probed_us = excluded.probed_us`, t.now.UnixMicro())
	if err != nil {
		return fmt.Errorf("store: the readiness probe could not write: %w", err)
	}
	if err := t.full.check(t.Commit()); err != nil {
		return fmt.Errorf("store: the readiness probe could not commit: %w", err)
	}
	if db.dialect != sqliteDialect {
		return nil
	}
	return db.checkpoint(ctx)
}

// checkpoint copies the WAL into the database file as far as readers
// allow (PASSIVE: it never waits for them) and reports SQLite's error.
func (db *DB) checkpoint(ctx context.Context) error {
	var busy, logFrames, checkpointed int
	err := db.write.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &logFrames, &checkpointed)
	if err != nil {
		return fmt.Errorf("store: the WAL checkpoint failed: %w", db.full.check(err))
	}
	return nil
}
