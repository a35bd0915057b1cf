package partnership_test

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"partnerdocs/partnership"
)

// TestChanges: the fields two versions differ in, in the contract's order,
// in words; an item added to a list has each of its fields listed against
// nothing; the same partnership twice has no changes.
func TestChanges(t *testing.T) {
	before := decodeSample(t, "waste-partnership.json")
	if got := partnership.Changes(before, before); len(got) != 0 {
		t.Fatalf("a partnership against itself: %+v", got)
	}
	after := decodeSample(t, "waste-partnership.json")
	after.Name = "Łódź–Caerdydd waste partnership"
	after.Status = partnership.StatusUnderReview
	after.Contributions[0].AmountPence += 150
	after.Dates.End = "2031-03-31"
	after.Risks = append(after.Risks, partnership.Risk{ID: "R99", Description: "Fire at the depot", Likelihood: 2})
	after.Risks[0].Impact = before.Risks[0].Impact%5 + 1
	got := partnership.Changes(before, after)

	byPath := map[string]partnership.Change{}
	var order []string
	for _, c := range got {
		byPath[c.Path] = c
		order = append(order, c.Path)
	}
	n := len(before.Risks)
	want := []partnership.Change{
		{Path: "name", Before: before.Name, After: after.Name},
		{Path: "status", Before: before.Status.Text(), After: "under review"},
		{Path: "dates.end", Before: partnership.FormatDate(mustParse(t, before.Dates.End)), After: "31 March 2031"},
		{Path: "contributions[0].amount_pence", Before: partnership.FormatMoney(before.Contributions[0].AmountPence),
			After: partnership.FormatMoney(after.Contributions[0].AmountPence)},
		{Path: "risks[0].impact"},
		{Path: riskPath(n, "id"), Before: "", After: "R99"},
		{Path: riskPath(n, "description"), Before: "", After: "Fire at the depot"},
		{Path: riskPath(n, "likelihood"), Before: "", After: "2"},
	}
	for _, w := range want {
		c, ok := byPath[w.Path]
		if !ok {
			t.Errorf("no change at %s; got %v", w.Path, order)
			continue
		}
		if w.Before != "" || w.After != "" {
			if c != w {
				t.Errorf("%s: got %+v, want %+v", w.Path, c, w)
			}
		}
	}
	if c := byPath[riskPath(n, "mitigation")]; c != (partnership.Change{}) {
		t.Errorf("an empty field of the new risk is listed: %+v", c)
	}
	positions := make([]int, 0, len(want))
	for _, w := range want {
		for i, p := range order {
			if p == w.Path {
				positions = append(positions, i)
			}
		}
	}
	for i := 1; i < len(positions); i++ {
		if positions[i] < positions[i-1] {
			t.Errorf("changes not in the contract's order: %v", order)
			break
		}
	}
	if reflect.DeepEqual(before, after) {
		t.Fatal("the sample was changed in place")
	}
}

func riskPath(i int, field string) string {
	return "risks[" + strconv.Itoa(i) + "]." + field
}

func mustParse(t *testing.T, d partnership.Date) time.Time {
	t.Helper()
	at, err := d.Parse()
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// TestComplianceGaps: each flag missing is its own bit, named in words.
func TestComplianceGaps(t *testing.T) {
	if g := (partnership.Compliance{Agreement: true, CommunicationsAgreement: true, ISPOrWaiver: true,
		ExitStrategy: true, RiskAssessment: true, SponsoringOfficer: true}).Gaps(); g != 0 {
		t.Errorf("every flag set: gaps %b", g)
	}
	all := (partnership.Compliance{}).Gaps()
	seen := partnership.ComplianceGap(0)
	for _, g := range partnership.ComplianceGapValues {
		if g&all == 0 || g&seen != 0 || g.Text() == "" {
			t.Errorf("gap %b: in the full mask %v, seen before %v, words %q", g, g&all != 0, g&seen != 0, g.Text())
		}
		seen |= g
	}
	if seen != all || (partnership.Compliance{RiskAssessment: true}).Gaps() != all&^partnership.GapRiskAssessment {
		t.Errorf("masks: all %b, seen %b", all, seen)
	}
}
