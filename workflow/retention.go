package workflow

import (
	"context"
	"time"

	"partnerdocs/partnership"
)

// SystemName is who the audit trail names for what the server does by
// itself, such as pruning superseded drafts.
const SystemName = "system"

// SystemActor is the server acting by itself, as an administrator.
func SystemActor() partnership.Actor {
	return partnership.Actor{Name: SystemName, Role: partnership.RoleAdmin}
}

// DraftStore is where superseded drafts are pruned; the Register is one.
// Pruning needs no generator, so these use cases take the store alone.
type DraftStore interface {
	// PruneDrafts deletes, in one transaction, the superseded drafts
	// generated before generatedBefore that were never submitted for review,
	// and every stored content no document uses any more, recording each
	// in the audit trail. Approved copies, anything ever submitted, and
	// the latest version of each partnership's kind and format stay.
	PruneDrafts(ctx context.Context, generatedBefore time.Time, by partnership.Actor) (*partnership.DraftPruning, error)
}

// DraftRetention is the rule for superseded drafts that no one ever sent
// for review: they are kept for Keep after they were stored, then pruned.
// Nothing reviewed or approved, and no partnership's latest draft of a
// kind, is ever pruned.
type DraftRetention struct {
	Store DraftStore
	Keep  time.Duration
	// Now is the clock the age of a draft is measured by; nil is time.Now.
	Now func() time.Time
}

// Prune applies the rule once, as actor (an administrator: the command
// line, or the server itself).
func (r DraftRetention) Prune(ctx context.Context, actor partnership.Actor) (*partnership.DraftPruning, error) {
	if err := Authorize(actor, ActionOperate); err != nil {
		return nil, err
	}
	if r.Keep <= 0 {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(1),
			Problems: []partnership.Problem{{Path: "keep_drafts", Message: "Must be a positive duration, such as 90d"}}}
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	return r.Store.PruneDrafts(ctx, now().Add(-r.Keep), actor)
}

// PruneEvery applies the rule as the server (SystemActor) at every tick,
// until ctx is cancelled; report hears each pruning's result, except for
// one cut short by ctx. It returns when ctx is done.
func (r DraftRetention) PruneEvery(ctx context.Context, ticks <-chan time.Time, report func(*partnership.DraftPruning, error)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		pruned, err := r.Prune(ctx, SystemActor())
		if ctx.Err() != nil {
			return
		}
		report(pruned, err)
	}
}
