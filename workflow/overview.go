package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"partnerdocs/partnership"
)

// Overview is the register in figures, for policy's home page.
type Overview struct {
	Total int
	// ByStatus counts partnerships by status, in the contract's order; a
	// partnership with no status is counted under "".
	ByStatus []StatusCount
	// Significant counts the significant partnerships.
	Significant int
	// ReviewsOverdue lists the live partnerships whose next review date
	// has passed, soonest due first.
	ReviewsOverdue []partnership.PartnershipSummary
	// Gaps counts the partnerships lacking each of the six compliance
	// flags, in partnership.ComplianceGapValues' order.
	Gaps []GapCount
}

// GapCount is how many partnerships lack one compliance flag.
type GapCount struct {
	Gap   partnership.ComplianceGap
	Count int
}

// StatusCount is how many partnerships have one status.
type StatusCount struct {
	Status partnership.Status
	Count  int
}

// liveStatuses are the statuses of a partnership whose reviews still matter.
var liveStatuses = []partnership.Status{partnership.StatusApproved, partnership.StatusActive, partnership.StatusUnderReview, partnership.StatusExiting}

// Overview counts the register's current revisions, judged on asOf (zero:
// now). The register counts them (reading every summary took 300 ms with
// 10,000 partnerships); only the overdue are listed.
func (s *Service) Overview(ctx context.Context, actor partnership.Actor, asOf time.Time) (Overview, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return Overview{}, err
	}
	if asOf.IsZero() {
		asOf = s.now()
	}
	byStatus, err := reg.CountPartnerships(ctx)
	if err != nil {
		return Overview{}, err
	}
	counts := map[partnership.Status]int{}
	lacking := make([]int, len(partnership.ComplianceGapValues))
	var o Overview
	for _, c := range byStatus {
		o.Total += c.Count
		counts[c.Status] += c.Count
		if c.Significant {
			o.Significant += c.Count
		}
		for i, n := range c.Lacking {
			lacking[i] += n
		}
	}
	for _, st := range append([]partnership.Status{""}, partnership.StatusValues...) {
		if counts[st] > 0 || st != "" {
			o.ByStatus = append(o.ByStatus, StatusCount{Status: st, Count: counts[st]})
		}
	}
	for i, g := range partnership.ComplianceGapValues {
		o.Gaps = append(o.Gaps, GapCount{Gap: g, Count: lacking[i]})
	}
	o.ReviewsOverdue, err = overdue(ctx, reg, asOf)
	return o, err
}

// overdue lists the live partnerships whose review was due before asOf.
func overdue(ctx context.Context, reg Register, asOf time.Time) ([]partnership.PartnershipSummary, error) {
	day := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC)
	filter := partnership.PartnershipFilter{Status: liveStatuses, ReviewDueBefore: day}
	var due []partnership.PartnershipSummary
	err := eachSummary(ctx, reg, filter, func(p partnership.PartnershipSummary) {
		if p.NextReview != "" {
			due = append(due, p)
		}
	})
	slices.SortStableFunc(due, func(a, b partnership.PartnershipSummary) int {
		return strings.Compare(string(a.NextReview), string(b.NextReview))
	})
	return due, err
}

// eachSummary hands fn every summary matching filter, a page at a time.
func eachSummary(ctx context.Context, reg Register, filter partnership.PartnershipFilter, fn func(partnership.PartnershipSummary)) error {
	filter.Limit = partnership.MaxPageSize
	for {
		page, next, err := reg.ListPartnerships(ctx, filter)
		if err != nil {
			return err
		}
		for _, p := range page {
			fn(p)
		}
		if next == "" {
			return nil
		}
		filter.After = next
	}
}
