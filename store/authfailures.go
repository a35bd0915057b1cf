package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"
)

// CountAuthFailure records one failed authentication under each key (a
// client address or a token's prefix, see workflow.FailureKeys) in token
// buckets every instance sharing the register sees: each key may fail
// burst times, then once more per every. It answers the fewest failures
// any of the keys has left after this one, so an instance learns that
// others have used a key's allowance. Keys are stored only as their
// SHA-256. Buckets that have refilled are deleted as it goes, so the table
// holds only the keys that failed lately.
func (db *DB) CountAuthFailure(ctx context.Context, keys []string, now time.Time, burst float64, every time.Duration) (float64, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer t.Rollback()
	nowUS, everyUS := now.UnixMicro(), float64(every.Microseconds())
	refilled := nowUS - int64(burst*everyUS)
	if _, err := t.exec(ctx, `DELETE FROM auth_failures WHERE at_us < ?`, refilled); err != nil {
		return 0, fmt.Errorf("store: forgetting old authentication failures: %w", err)
	}
	left := math.Inf(1)
	query := db.countFailureSQL()
	for _, key := range keys {
		sum := sha256.Sum256([]byte(key))
		var n float64
		if err := t.queryRow(ctx, query, hex.EncodeToString(sum[:]), burst-1, nowUS, everyUS, burst).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: counting an authentication failure: %w", t.full.check(err))
		}
		left = min(left, n)
	}
	if err := t.full.check(t.Commit()); err != nil {
		return 0, fmt.Errorf("store: counting an authentication failure: %w", err)
	}
	return left, nil
}

// countFailureSQL takes one failure from a key's bucket after refilling it
// for the time since its last failure (never for a time before it, should
// another instance's clock be ahead), and returns what is left.
func (db *DB) countFailureSQL() string {
	return strings.NewReplacer("LEAST", db.dialect.least, "GREATEST", db.dialect.greatest).Replace(
		`INSERT INTO auth_failures (key_hash, tokens_left, at_us) VALUES (?, ?, ?)
		ON CONFLICT (key_hash) DO UPDATE SET
			tokens_left = GREATEST(LEAST(auth_failures.tokens_left
				+ GREATEST(excluded.at_us - auth_failures.at_us, 0) / CAST(? AS DOUBLE PRECISION), ?) - 1, 0),
			at_us = GREATEST(excluded.at_us, auth_failures.at_us)
		RETURNING tokens_left`)
}
