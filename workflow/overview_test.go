package workflow_test

import (
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

func TestOverviewCountsTheRegister(t *testing.T) {
	flow, _ := newService(t)
	ctx := t.Context()
	add := func(name string, status partnership.Status, review string) {
		p := sample(t, "minimal-proposal.json")
		p.Name, p.Status = name, status
		if review != "" {
			p.Dates = &partnership.Dates{NextReview: partnership.Date(review)}
		}
		if _, err := flow.CreatePartnership(ctx, officer, p); err != nil {
			t.Fatal(err)
		}
	}
	add("A", partnership.StatusActive, "2026-03-01") // overdue
	add("B", partnership.StatusActive, "2026-01-15") // overdue, sooner
	add("C", partnership.StatusActive, "2026-09-01") // not yet due
	add("D", partnership.StatusClosed, "2025-01-01") // closed: no review due
	add("E", partnership.StatusProposed, "")         // no date
	o, err := flow.Overview(ctx, policy, time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[partnership.Status]int{}
	for _, c := range o.ByStatus {
		counts[c.Status] = c.Count
	}
	if o.Total != 5 || counts[partnership.StatusActive] != 3 || counts[partnership.StatusClosed] != 1 ||
		counts[partnership.StatusProposed] != 1 || len(o.ByStatus) != len(partnership.StatusValues) {
		t.Errorf("overview %+v", o)
	}
	if len(o.ReviewsOverdue) != 2 || o.ReviewsOverdue[0].Name != "B" || o.ReviewsOverdue[1].Name != "A" {
		t.Errorf("overdue %+v, want B then A", o.ReviewsOverdue)
	}
}

func TestReturnedDrafts(t *testing.T) {
	flow, reg := newService(t)
	ctx := t.Context()
	rev, err := flow.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := flow.GenerateDocument(ctx, officer, rev.Ref, "mou", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := flow.SubmitDocument(ctx, officer, doc.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got, err := workflow.ReturnedDrafts(ctx, reg, officer); err != nil || len(got) != 0 {
		t.Fatalf("before the return: %v, %v", got, err)
	}
	if _, err := flow.ReturnDocument(ctx, lawyer, doc.ID, "Clause 4 needs the lead partner"); err != nil {
		t.Fatal(err)
	}
	got, err := workflow.ReturnedDrafts(ctx, reg, officer)
	if err != nil || len(got) != 1 || got[0].ID != doc.ID {
		t.Fatalf("returned drafts %+v, %v", got, err)
	}
	other := partnership.Actor{Name: "Someone Else", Role: partnership.RoleOfficer}
	if got, err := workflow.ReturnedDrafts(ctx, reg, other); err != nil || len(got) != 0 {
		t.Errorf("another officer's returned drafts: %v, %v", got, err)
	}
	_, err = workflow.ReturnedDrafts(ctx, reg, lawyer)
	wantCode(t, err, partnership.EForbidden)
}

var policy = partnership.Actor{Name: "Pat Policy", Role: partnership.RolePolicy}
