package generator

import (
	"reflect"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/templates"
)

func TestNewView(t *testing.T) {
	p := fullPartnership()
	before := fullPartnership() // an independent copy to compare against
	v := newView(p, partnership.DefaultCouncil(), templates.Meta{ID: "agreement"}, testTime, true)
	if !reflect.DeepEqual(p, before) {
		t.Fatal("newView modified the partnership")
	}

	if v.P.Name != `Nene Valley \*Recycling\* Partnership` || v.Council.Name != "Northamptonshire County Council" {
		t.Errorf("P and Council are not escaped copies: %q, %q", v.P.Name, v.Council.Name)
	}
	if !v.HasLead || v.CouncilIsLead || v.Lead.Name != `\*Acme \| Ltd\_` {
		t.Errorf("lead = %+v, council lead %v", v.Lead, v.CouncilIsLead)
	}
	if len(v.Parties) != 4 || !v.Parties[0].IsCouncil || v.Parties[1].ID != "acme" || v.Parties[3].Name != `\{\{\.Name\}\}` {
		t.Errorf("parties not council first then as entered: %+v", v.PartyNames)
	}
	if got := v.Parties[1].Registration; got != "registered number 01234567" {
		t.Errorf("registration = %q", got)
	}
	if got := v.Parties[3].Registration; got != "registered number [to be confirmed]" {
		t.Errorf("missing charity number = %q", got)
	}
	if got := v.Parties[2].Registration; got != "" {
		t.Errorf("NHS body registration = %q, want none", got)
	}

	// Contributions: by year, then council first, then partners as entered.
	if len(v.ContributionYears) != 2 {
		t.Fatalf("%d years, want 2", len(v.ContributionYears))
	}
	y0, y1 := v.ContributionYears[0], v.ContributionYears[1]
	if y0.Year != "2026/27" || y1.Year != "2027/28" {
		t.Errorf("years %s, %s", y0.Year, y1.Year)
	}
	if y0.Rows[0].Contributor != "Northamptonshire County Council" || y0.Rows[1].Contributor != `\*Acme \| Ltd\_` {
		t.Errorf("2026/27 rows %+v", y0.Rows)
	}
	if y0.Total != 1234500+250050 || y1.Total != 500000+100 || v.ContributionsTotal != 1984650 || v.CashTotal != 1734500 {
		t.Errorf("totals %d, %d, %d, cash %d", y0.Total, y1.Total, v.ContributionsTotal, v.CashTotal)
	}
	if !v.HasCash || !v.HasNonCash || len(v.OutsideBudget) != 1 || v.OutsideBudget[0].AmountPence != 250050 {
		t.Errorf("cash %v, non-cash %v, outside budget %+v", v.HasCash, v.HasNonCash, v.OutsideBudget)
	}
	wantTotals := []contributorTotal{{"Northamptonshire County Council", 1234600}, {`\*Acme \| Ltd\_`, 750050}}
	if !reflect.DeepEqual(v.ContributorTotals, wantTotals) {
		t.Errorf("contributor totals %+v", v.ContributorTotals)
	}

	if v.ContributorName("council") != "Northamptonshire County Council" || v.ContributorName("nhs_trust") != v.Parties[2].Name ||
		v.ContributorName(`nhs\_trust`) != v.Parties[2].Name || v.ContributorName("nobody") != "[unknown partner nobody]" {
		t.Error("ContributorName does not resolve ids")
	}
	if v.CommsLeadName != `\*Acme \| Ltd\_` {
		t.Errorf("comms lead %q", v.CommsLeadName)
	}

	if len(v.Risks) != 2 || v.Risks[0].Score != 12 || v.Risks[1].Score != 10 || v.Risks[0].ID != "R1" {
		t.Errorf("risks %+v", v.Risks)
	}
	if !v.HasCouncillors || !v.HasOfficers || len(v.Councillors.Members) != 1 || len(v.Officers.Substitutes) != 1 || len(v.OtherOrgReps) != 1 {
		t.Errorf("representation %+v %+v", v.Councillors, v.Officers)
	}
	if !v.ISPRequired || v.ISPWaived || !v.JointControllers {
		t.Error("information sharing flags")
	}
	if len(v.FOIAuthorities) != 2 || v.FOIAuthorities[0] != "Northamptonshire County Council" {
		t.Errorf("FOI authorities %q", v.FOIAuthorities)
	}
}

func TestNewViewLeadAndEmpty(t *testing.T) {
	m := minimalPartnership()
	v := newView(m, partnership.DefaultCouncil(), templates.Meta{}, testTime, false)
	if v.HasLead || v.Lead != nil || v.HasContributions || v.HasCash || v.Dates != (partnership.Dates{}) {
		t.Errorf("minimal view: %+v", v)
	}

	for _, role := range []partnership.CouncilRole{partnership.CouncilRoleLead, partnership.CouncilRoleHost} {
		m.CouncilRole = role
		v = newView(m, partnership.DefaultCouncil(), templates.Meta{}, testTime, false)
		if !v.CouncilIsLead || v.Lead == nil || !v.Lead.IsCouncil || !v.Parties[0].IsLead {
			t.Errorf("council role %s: not the lead", role)
		}
	}
	// A partner marked as lead wins over the council's host role; only the
	// first of two is treated as lead.
	m.Partners = append(m.Partners, partnership.Partner{ID: "p2", Name: "Second", Type: partnership.PartnerTypeOther, IsLead: true},
		partnership.Partner{ID: "p3", Name: "Third", Type: partnership.PartnerTypeOther, IsLead: true})
	v = newView(m, partnership.DefaultCouncil(), templates.Meta{}, testTime, false)
	if v.CouncilIsLead || v.Lead == nil || v.Lead.Name != "Second" || v.Parties[3].IsLead {
		t.Errorf("lead = %+v", v.Lead)
	}
}
