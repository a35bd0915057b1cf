package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"partnerdocs/partnership"
)

// TestConcurrentUpdates: 20 writers each read the current revision and
// update on it, retrying a few times when they lose. Exactly the winners'
// revisions exist, every loss was EStale, and no winner's change is missing.
func TestConcurrentUpdates(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		p := sample(t, "waste-partnership.json")
		ref := create(t, r, p).Ref
		const writers, attempts = 20, 3
		var (
			wg             sync.WaitGroup
			mu             sync.Mutex
			won            []string
			stale, failure int
		)
		for w := range writers {
			wg.Go(func() {
				for attempt := range attempts {
					current, err := r.Partnership(ctx, ref)
					if err != nil {
						t.Error(err)
						return
					}
					changed := current.Partnership
					changed.Purpose = fmt.Sprintf("writer %d, attempt %d", w, attempt)
					_, err = r.UpdatePartnership(ctx, ref, current.Number, &changed, assess(&changed), officer)
					mu.Lock()
					switch partnership.ErrorCode(err) {
					case partnership.EInternal:
						if err == nil {
							won = append(won, changed.Purpose)
						} else {
							failure++
							t.Errorf("writer %d: %v", w, err)
						}
					case partnership.EStale:
						stale++
					default:
						failure++
						t.Errorf("writer %d: %v", w, err)
					}
					mu.Unlock()
					if err == nil {
						return
					}
				}
			})
		}
		wg.Wait()
		revs, err := r.Revisions(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 1+len(won) {
			t.Fatalf("%d revisions after %d successful updates", len(revs), len(won))
		}
		// Every writer that never won lost each of its attempts as stale.
		if len(won) == 0 || failure > 0 || stale < (writers-len(won))*attempts {
			t.Errorf("%d won, %d stale, %d failed", len(won), stale, failure)
		}
		purposes := map[string]bool{}
		for n := 2; n <= len(revs); n++ {
			rev, err := r.PartnershipRevision(ctx, ref, n)
			if err != nil {
				t.Fatal(err)
			}
			purposes[rev.Partnership.Purpose] = true
		}
		for _, purpose := range won {
			if !purposes[purpose] {
				t.Errorf("the update %q was lost", purpose)
			}
		}
		t.Logf("%d updates won, %d were stale", len(won), stale)
	})
}
