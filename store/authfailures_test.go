package store_test

import (
	"testing"
	"time"
)

// Failures are counted per key in buckets that refill with time, are kept
// only as hashes, and are forgotten once refilled.
func TestCountAuthFailure(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := t.Context()
		now := start
		count := func(keys ...string) float64 {
			t.Helper()
			left, err := r.CountAuthFailure(ctx, keys, now, 3, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return left
		}
		for _, want := range []float64{2, 1, 0, 0} {
			if got := count("address 192.0.2.1"); got != want {
				t.Fatalf("left %v, want %v", got, want)
			}
		}
		if got := count("address 192.0.2.2", "token pd_abcdefgh"); got != 2 {
			t.Errorf("another address and a new prefix: left %v, want 2", got)
		}
		if got := count("address 192.0.2.2", "address 192.0.2.1"); got != 0 {
			t.Errorf("the fewest left of two keys: %v, want 0", got)
		}
		now = now.Add(90 * time.Second) // one and a half failures' worth refilled
		if got := count("address 192.0.2.1"); got != 0.5 {
			t.Errorf("after 90 s: left %v, want 0.5", got)
		}
		now = now.Add(time.Hour)
		if got := count("address 192.0.2.1"); got != 2 {
			t.Errorf("an hour later: left %v, want a fresh bucket's 2", got)
		}
	})
}
