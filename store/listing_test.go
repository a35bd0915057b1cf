package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"partnerdocs/partnership"
)

// hostileNames are partnership names full of SQL and LIKE metacharacters.
var hostileNames = []string{
	"'; DROP TABLE partnerships; --",
	"100% Recycling",
	"Under_score Trust",
	`O'Brien "Quoted" Alliance`,
	`Back\slash\\ Partnership`,
	"Exclaim! Bang!! Group",
}

func TestListingFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		refs := map[string]string{}
		for _, name := range []string{"waste-partnership.json", "community-safety-partnership.json",
			"health-alliance.json", "youth-employment-mou.json", "minimal-proposal.json"} {
			p := sample(t, name)
			refs[name] = create(t, r, p).Ref
		}
		for i, name := range hostileNames {
			p := sample(t, "minimal-proposal.json")
			p.Ref, p.Name = fmt.Sprintf("PP-2030-%03d", i+1), name
			p.ServiceArea = name
			refs[name] = create(t, r, p).Ref
		}
		all := listRefs(t, r, partnership.PartnershipFilter{Limit: partnership.MaxPageSize})
		if len(all) != 5+len(hostileNames) {
			t.Fatalf("listed %d partnerships, want %d", len(all), 5+len(hostileNames))
		}
		yes := true
		waste := sample(t, "waste-partnership.json")
		lead := leadOf(sample(t, "community-safety-partnership.json"))
		if lead.ID == "" {
			t.Fatal("the community safety sample has no lead partner")
		}
		cases := []struct {
			name   string
			filter partnership.PartnershipFilter
			want   func(p *partnership.Revision) bool
		}{
			{"status", partnership.PartnershipFilter{Status: []partnership.Status{partnership.StatusActive, partnership.StatusProposed}},
				func(p *partnership.Revision) bool {
					return p.Partnership.Status == partnership.StatusActive || p.Partnership.Status == partnership.StatusProposed
				}},
			{"significant", partnership.PartnershipFilter{Significant: &yes},
				func(p *partnership.Revision) bool { return p.Assessment.Significant }},
			{"service area", partnership.PartnershipFilter{ServiceArea: waste.ServiceArea},
				func(p *partnership.Revision) bool { return p.Partnership.ServiceArea == waste.ServiceArea }},
			{"lead partner id", partnership.PartnershipFilter{LeadPartner: lead.ID},
				func(p *partnership.Revision) bool { return leadOf(&p.Partnership).ID == lead.ID }},
			{"lead partner name", partnership.PartnershipFilter{LeadPartner: lead.Name},
				func(p *partnership.Revision) bool { return leadOf(&p.Partnership).Name == lead.Name }},
			{"review due", partnership.PartnershipFilter{ReviewDueBefore: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)},
				func(p *partnership.Revision) bool {
					return p.Partnership.Dates != nil && p.Partnership.Dates.NextReview != "" && p.Partnership.Dates.NextReview < "2027-06-01"
				}},
			{"classification", partnership.PartnershipFilter{Classification: partnership.ClassPartnership},
				func(p *partnership.Revision) bool { return p.Assessment.Classification == partnership.ClassPartnership }},
			{"name", partnership.PartnershipFilter{NameContains: "WASTE"},
				func(p *partnership.Revision) bool { return containsFold(p.Partnership.Name, "waste") }},
		}
		for _, metachar := range []string{"'", "%", "_", `\`, "!", "--", `"`, "; DROP TABLE partnerships; --"} {
			cases = append(cases, struct {
				name   string
				filter partnership.PartnershipFilter
				want   func(p *partnership.Revision) bool
			}{"name " + metachar, partnership.PartnershipFilter{NameContains: metachar},
				func(p *partnership.Revision) bool { return containsFold(p.Partnership.Name, metachar) }})
		}
		for _, name := range hostileNames {
			cases = append(cases, struct {
				name   string
				filter partnership.PartnershipFilter
				want   func(p *partnership.Revision) bool
			}{"service area " + name, partnership.PartnershipFilter{ServiceArea: name, LeadPartner: "", Status: nil},
				func(p *partnership.Revision) bool { return p.Partnership.ServiceArea == name }})
		}
		for _, c := range cases {
			var want []string
			for _, ref := range all {
				rev, err := r.Partnership(ctx, ref)
				if err != nil {
					t.Fatal(err)
				}
				if c.want(rev) {
					want = append(want, ref)
				}
			}
			c.filter.Limit = partnership.MaxPageSize
			if got := listRefs(t, r, c.filter); !slices.Equal(got, want) {
				t.Errorf("%s: listed %v, want %v", c.name, got, want)
			}
		}
		if got := listRefs(t, r, partnership.PartnershipFilter{Limit: partnership.MaxPageSize}); len(got) != len(all) {
			t.Errorf("after the hostile filters the register lists %d, want %d", len(got), len(all))
		}
	})
}

func TestListingPages(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		const total = 120
		for range total {
			p := sample(t, "minimal-proposal.json")
			p.Ref = ""
			create(t, r, p)
		}
		var refs []string
		filter := partnership.PartnershipFilter{Limit: 50}
		pages := 0
		for {
			page, next, err := r.ListPartnerships(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, s := range page {
				refs = append(refs, s.Ref)
				if s.Revision != 1 || !s.UpdatedAt.Equal(start) {
					t.Errorf("%s: revision %d updated %v", s.Ref, s.Revision, s.UpdatedAt)
				}
			}
			if next == "" {
				break
			}
			filter.After = next
		}
		if pages != 3 || len(refs) != total || !slices.IsSorted(refs) || refs[0] != "PP-2026-001" || refs[total-1] != "PP-2026-120" {
			t.Errorf("%d pages, %d refs from %s to %s", pages, len(refs), refs[0], refs[len(refs)-1])
		}
		page, _, err := r.ListPartnerships(ctx, partnership.PartnershipFilter{})
		if err != nil || len(page) != partnership.DefaultPageSize {
			t.Errorf("default page has %d rows (%v)", len(page), err)
		}
		page, _, err = r.ListPartnerships(ctx, partnership.PartnershipFilter{Limit: 10 * partnership.MaxPageSize})
		if err != nil || len(page) != total {
			t.Errorf("an oversized limit gave %d rows (%v)", len(page), err)
		}
	})
}

func listRefs(t *testing.T, r register, f partnership.PartnershipFilter) []string {
	t.Helper()
	page, next, err := r.ListPartnerships(context.Background(), f)
	if err != nil {
		t.Fatalf("ListPartnerships(%+v): %v", f, err)
	}
	if next != "" {
		t.Fatalf("ListPartnerships(%+v): more than one page", f)
	}
	var refs []string
	for _, s := range page {
		refs = append(refs, s.Ref)
	}
	return refs
}

func leadOf(p *partnership.Partnership) partnership.Partner {
	for _, partner := range p.Partners {
		if partner.IsLead {
			return partner
		}
	}
	return partnership.Partner{}
}

// TestListingSavedBy: the partnerships a person has saved any revision
// of, whoever saved the current one; a name that is only a prefix of
// theirs, or a LIKE pattern, finds nothing.
func TestListingSavedBy(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a := create(t, r, sample(t, "waste-partnership.json"))
		b := create(t, r, sample(t, "minimal-proposal.json"))
		p := b.Partnership
		p.Name += " (revised)"
		if _, err := r.UpdatePartnership(ctx, b.Ref, b.Number, &p, assess(&p), admin); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			by   string
			want []string
		}{
			{officer.Name, []string{a.Ref, b.Ref}},
			{admin.Name, []string{b.Ref}},
			{officer.Name[:2], nil},
			{"%", nil},
		} {
			got := listRefs(t, r, partnership.PartnershipFilter{SavedBy: c.by, Limit: partnership.MaxPageSize})
			if !slices.Equal(got, c.want) {
				t.Errorf("saved by %q: %v, want %v", c.by, got, c.want)
			}
		}
	})
}

// TestComplianceGaps: the partnerships whose current revision lacks each
// compliance flag are counted as partnership.ComplianceOf judges them, both
// for revisions stored now and for those the migration fills in.
func TestComplianceGaps(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		want := make([]int, len(partnership.ComplianceGapValues))
		for _, name := range []string{"waste-partnership.json", "minimal-proposal.json", "health-alliance.json",
			"youth-employment-mou.json", "community-partnership.json"} {
			rev := create(t, r, sample(t, name))
			gaps := partnership.ComplianceOf(&rev.Partnership).Gaps()
			for i, g := range partnership.ComplianceGapValues {
				if gaps&g != 0 {
					want[i]++
				}
			}
		}
		if want[0]+want[4]+want[5] == 0 {
			t.Fatal("the samples lack nothing: the test would prove nothing")
		}
		got, err := lacking(ctx, r)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("gaps %v, %v; want %v", got, err, want)
		}
		if err := r.MigrateDownTo(ctx, 3); err != nil {
			t.Fatal(err)
		}
		if err := r.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got, err := lacking(ctx, r); err != nil || !slices.Equal(got, want) {
			t.Errorf("after the migration filled them in: gaps %v, %v; want %v", got, err, want)
		}
	})
}

// lacking adds up CountPartnerships' counts of the partnerships lacking
// each compliance flag.
func lacking(ctx context.Context, r register) ([]int, error) {
	counts, err := r.CountPartnerships(ctx)
	total := make([]int, len(partnership.ComplianceGapValues))
	for _, c := range counts {
		for i, n := range c.Lacking {
			total[i] += n
		}
	}
	return total, err
}
