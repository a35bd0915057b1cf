package workflow_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// registerClock is the register's clock, moved by hand.
type registerClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *registerClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *registerClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newServiceAt is newService over a register whose clock the test moves.
func newServiceAt(t *testing.T, at time.Time) (*workflow.Service, *store.DB, *registerClock) {
	t.Helper()
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := &registerClock{now: at}
	reg, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "register.db"), store.WithNow(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	s, err := workflow.New(gen, reg, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, reg, clock
}

// TestDraftIsDatedByItsRevision: a draft says the day its revision was
// saved, whenever it is generated, so generating it again from the same
// revision gives the same bytes; a new revision gives a draft of its day.
func TestDraftIsDatedByItsRevision(t *testing.T) {
	saved := time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)
	s, _, clock := newServiceAt(t, saved)
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(40 * 24 * time.Hour)
	first, err := s.GenerateDocument(ctx, officer, rev.Ref, "agreement", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	again, err := s.GenerateDocument(ctx, officer, rev.Ref, "agreement", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if !first.DatedAt.Equal(saved) || first.SHA256 != again.SHA256 || !again.DatedAt.Equal(saved) {
		t.Fatalf("drafts of revision %d (saved %s) dated %s and %s, SHA-256 %s and %s; want its date and the same bytes",
			rev.Number, saved, first.DatedAt, again.DatedAt, first.SHA256, again.SHA256)
	}
	if made := saved.Add(40 * 24 * time.Hour); !first.GeneratedAt.Equal(made) || !again.GeneratedAt.Equal(made.Add(time.Hour)) {
		t.Errorf("drafts generated at %s and %s, want when they were made", first.GeneratedAt, again.GeneratedAt)
	}
	stored, err := s.Document(ctx, officer, first.ID)
	if err != nil || !bytes.Contains(stored.Bytes, []byte("Prepared on 14 March 2026")) {
		t.Errorf("the draft does not say it was prepared on the revision's day (%v)", err)
	}

	cur := rev.Partnership
	cur.Purpose = "A purpose agreed later."
	next, err := s.UpdatePartnership(ctx, officer, rev.Ref, rev.Number, &cur)
	if err != nil {
		t.Fatal(err)
	}
	later, err := s.GenerateDocument(ctx, officer, rev.Ref, "agreement", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if !later.DatedAt.Equal(next.CreatedAt) || !later.DatedAt.Equal(clock.Now()) || later.SHA256 == first.SHA256 {
		t.Errorf("the draft of revision %d is dated %s, want %s, with new bytes", next.Number, later.DatedAt, next.CreatedAt)
	}
	if _, err := s.SubmitDocument(ctx, officer, later.ID, ""); err != nil {
		t.Fatal(err)
	}
	clock.Advance(24 * time.Hour)
	approved, err := s.ApproveDocument(ctx, lawyer, later.ID, "")
	if err != nil || !approved.DatedAt.Equal(later.DatedAt) || !approved.GeneratedAt.Equal(clock.Now()) {
		t.Errorf("approved copy %+v, %v; want dated as its draft, %s, and generated now", approved, err, later.DatedAt)
	}
}

// TestDraftRetention: only an administrator prunes, only with a positive
// retention, counted back from the clock; the server's pruning is
// recorded as the system's, and runs at every tick, and not after its
// context ends.
func TestDraftRetention(t *testing.T) {
	s, reg, clock := newServiceAt(t, time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC))
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.GenerateDocument(ctx, officer, rev.Ref, "checklist", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.GenerateDocument(ctx, officer, rev.Ref, "checklist", workflow.FormatHTML); err != nil {
		t.Fatal(err)
	}
	retention := workflow.DraftRetention{Store: reg, Keep: 90 * 24 * time.Hour, Now: clock.Now}
	if _, err := retention.Prune(ctx, officer); partnership.ErrorCode(err) != partnership.EForbidden {
		t.Errorf("an officer pruning: %v, want forbidden", err)
	}
	if _, err := (workflow.DraftRetention{Store: reg}).Prune(ctx, admin); partnership.ErrorCode(err) != partnership.EInvalid {
		t.Errorf("pruning with no retention: %v, want invalid", err)
	}

	ticks := make(chan time.Time)
	reports := make(chan *partnership.DraftPruning)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		retention.PruneEvery(runCtx, ticks, func(p *partnership.DraftPruning, err error) {
			if err != nil {
				t.Errorf("pruning: %v", err)
			}
			reports <- p
		})
	}()
	ticks <- clock.Now()
	if p := <-reports; len(p.Documents) != 0 {
		t.Errorf("pruned %v before any draft was 90 days old", p.Documents)
	}
	clock.Advance(91 * 24 * time.Hour)
	ticks <- clock.Now()
	if p := <-reports; !slices.Equal(p.Documents, []int64{old.ID}) {
		t.Errorf("pruned %v at the tick, want the superseded draft %d", p.Documents, old.ID)
	}
	cancel()
	<-done

	entries, err := s.Audit(ctx, admin, 0, 1)
	if err != nil || len(entries) != 1 || entries[0].Action != "register.prune" || entries[0].Actor != workflow.SystemName {
		t.Errorf("the pruning's audit entry: %+v, %v; want register.prune by %s", entries, err, workflow.SystemName)
	}
}
