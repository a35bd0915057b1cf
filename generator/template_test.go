package generator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// agreementHeadings are the agreement's clauses and schedules, in the order
// DOMAIN.md lists them, by heading id.
var agreementHeadings = []string{
	"parties", "background", "definitions", "legal-powers", "term", "purpose", "principles", "responsibilities",
	"membership", "representation", "statutory-duties", "lead-body", "governance", "reporting",
	"finance", "staff-assets-ip", "risk", "information-sharing", "foi", "communications",
	"complaints", "disputes", "variation", "exit", "no-partnership", "notices", "assignment",
	"entire-agreement", "severance", "waiver", "governing-law", "signatures",
	"schedule-partners", "schedule-contributions", "schedule-targets", "schedule-risks", "schedule-governance",
	"schedule-responsibilities",
}

// agreementHeadingsFor is agreementHeadings with the clauses the data adds:
// safeguarding after the statutory duties, and a joint committee's
// schedule of delegated functions at the end.
func agreementHeadingsFor(p *partnership.Partnership) []string {
	v := newView(p, partnership.DefaultCouncil(), templates.Meta{}, testTime, true)
	var out []string
	for _, id := range agreementHeadings {
		out = append(out, id)
		if id == "statutory-duties" && v.Safeguarding() {
			out = append(out, "safeguarding")
		}
	}
	if v.IsJointCommittee() {
		out = append(out, "schedule-functions")
	}
	return out
}

var (
	setOnce sync.Once
	testSet *templates.Set
	setErr  error
)

func agreementSet(t testing.TB) *templates.Set {
	t.Helper()
	setOnce.Do(func() { testSet, setErr = templates.Load(templates.Embedded(), funcMap()) })
	if setErr != nil {
		t.Fatal(setErr)
	}
	return testSet
}

var testTime = time.Date(2026, time.November, 25, 10, 30, 0, 0, time.UTC)

// agreementMarkdown executes the embedded agreement template.
func agreementMarkdown(t testing.TB, p *partnership.Partnership, draft bool) string {
	t.Helper()
	s := agreementSet(t)
	meta, ok := s.Meta("agreement")
	if !ok {
		t.Fatal("no agreement template")
	}
	var b bytes.Buffer
	if err := s.Execute(&b, "agreement", newView(p, partnership.DefaultCouncil(), meta, testTime, draft)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fullPartnership has every field filled in, with awkward punctuation.
func fullPartnership() *partnership.Partnership {
	actual := 41.5
	return &partnership.Partnership{
		Ref:             "PP-2026-014",
		Name:            "Nene Valley *Recycling* Partnership",
		Purpose:         "To reduce household waste.\n\nTo raise recycling to 50% by 2029.",
		Objectives:      []string{"Run a food waste trial.", "1. Harmonise collections"},
		ServiceArea:     "Place Directorate",
		Status:          partnership.StatusProposed,
		LegalInstrument: partnership.LegalInstrumentBindingAgreement,
		LegalPower:      "Localism Act 2011, s1",
		CouncilRole:     partnership.CouncilRoleMember,
		Partners: []partnership.Partner{
			{ID: "acme", Name: "*Acme | Ltd_", Type: partnership.PartnerTypeCompany, RegistrationNumber: "01234567",
				Address: "1 High St\nNorthampton", IsLead: true, FOIPublicAuthority: false,
				Signatory:             &partnership.Signatory{Name: "Anna Kowalska", Title: "Director"},
				CommsContact:          &partnership.CommsContact{Name: "Ștefan Popescu", Role: "Press", Email: "press@acme.example", Phone: "01604 000000"},
				DataProtectionContact: &partnership.ContactPerson{Name: "Gwyneth Ŵyn", Email: "dpo@acme.example"}},
			{ID: "nhs_trust", Name: "Smith & Sons <Trading> [UK] #1", Type: partnership.PartnerTypeNhsBody, FOIPublicAuthority: true},
			{ID: "charity", Name: "{{.Name}}", Type: partnership.PartnerTypeVoluntarySector},
		},
		SponsoringOfficer: &partnership.SponsoringOfficer{Name: "Sam Head", Post: "Head of Waste", Email: "sam@council.example"},
		Representatives: []partnership.Representative{
			{Name: "Cllr Jane Smith", Kind: partnership.RepresentativeKindCouncillor, Role: partnership.RepresentativeRoleMember, Post: "Cabinet Member"},
			{Name: "Raj Patel", Kind: partnership.RepresentativeKindOfficer, Role: partnership.RepresentativeRoleSubstitute, Post: "Waste Manager",
				RepresentsOtherOrg: true, Consent: partnership.ConsentChiefExecutive},
		},
		Governance: &partnership.Governance{Body: "Waste Partnership Board", Chair: "the Council's Cabinet Member",
			Quorum: 3, VotingRule: partnership.VotingRuleSimpleMajority, MeetingFrequency: "quarterly", Reporting: "Annual report to each partner"},
		Dates: &partnership.Dates{Start: "2026-04-01", End: "2029-03-31", NextReview: "2027-03-31"},
		Contributions: []partnership.Contribution{
			{Partner: "acme", FinancialYear: "2027/28", Type: partnership.ContributionTypeCash, AmountPence: 500000, WithinBudget: true},
			{Partner: "council", FinancialYear: "2026/27", Type: partnership.ContributionTypeCash, AmountPence: 1234500, Description: "Core | funding", WithinBudget: true},
			{Partner: "acme", FinancialYear: "2026/27", Type: partnership.ContributionTypeStaff, AmountPence: 250050, Description: "0.5 FTE officer", WithinBudget: false},
			{Partner: "council", FinancialYear: "2027/28", Type: partnership.ContributionTypeInKind, AmountPence: 100, WithinBudget: true},
		},
		Risks: []partnership.Risk{
			{ID: "R1", Description: "Funding *withdrawn*", Category: partnership.RiskCategoryFinancial, Phase: partnership.RiskPhaseInLife, Likelihood: 3, Impact: 4, Mitigation: "Annual budget review", Owner: "Lead Partner"},
			{ID: "R2", Description: "Data breach", Category: partnership.RiskCategoryInformationGovernance, Phase: partnership.RiskPhasePreEntry, Likelihood: 2, Impact: 5},
		},
		Targets: []partnership.Target{
			{ID: "T1", Outcome: "Higher recycling", Indicator: "NI 192", Unit: "%", Polarity: partnership.PolarityHigherIsBetter, Baseline: 43.8, Target: 50,
				Results: []partnership.TargetResult{{FinancialYear: "2026/27", Actual: &actual, RAG: partnership.RAGAmber}}},
		},
		InformationSharing: &partnership.InformationSharing{Required: true, ControllerRelationship: partnership.ControllerRelationshipJointControllers,
			BreachNotificationHours: 24, DPIA: &partnership.DPIA{CompletedOn: "2026-02-01", Outcome: "Low risk"}},
		Communications: &partnership.Communications{LeadPartner: "acme", ApprovalTurnaroundHours: 48, Branding: partnership.BrandingPartnershipLogo,
			LogoJustification: "Established brand with residents"},
		Exit: &partnership.Exit{Strategy: "Wind down over six months.\n\nStaff return to employers.", Succession: "Transfer to the new unitary councils", WithdrawalNoticeMonths: 6},
	}
}

// minimalPartnership has only what validation requires of a proposal.
func minimalPartnership() *partnership.Partnership {
	return &partnership.Partnership{
		Name:     "Minimal Partnership",
		Purpose:  "Work together.",
		Partners: []partnership.Partner{{ID: "p1", Name: "Other Council", Type: partnership.PartnerTypeLocalAuthority}},
	}
}

func TestAgreementHandBuilt(t *testing.T) {
	p := fullPartnership()
	md := agreementMarkdown(t, p, true)
	checkAgreement(t, "full", p, md)

	for _, want := range []string{
		"This is a draft for discussion. It is not binding until approved and signed.",
		"starts on 1 April 2026", "until 31 March 2029", "completed by 31 March 2027",
		"at least 6 months' written notice",
		"3 Partners are present",
		"simple majority",
		"£12,345.00", "£2,500.50", "£19,846.50", // amounts and the overall total
		"registered number 01234567",
		"within 24 hours",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("full agreement lacks %q", want)
		}
	}
	text := renderedText(t, md)
	for _, want := range []string{
		"*Acme | Ltd_", "Smith & Sons <Trading> [UK] #1", "{{.Name}}", "Nene Valley *Recycling* Partnership",
		"Signed for and on behalf of *Acme | Ltd_", "Signed for and on behalf of Northamptonshire County Council",
		"Core | funding", "Name: Anna Kowalska", "Name: [name to be confirmed]",
		"Localism Act 2011, s1. It also relies", // one full stop, not two
		"Run a food waste trial;",               // the objective's own stop gives way to the semicolon
		"Total for 2026/27", "Total for 2027/28",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered full agreement lacks %q", want)
		}
	}
	if strings.Contains(text, "Ltd..") || strings.Contains(text, "s1..") {
		t.Error("double full stop after an entered value")
	}
	if strings.Contains(agreementMarkdown(t, p, false), "This is a draft") {
		t.Error("the draft note appears in an approved agreement")
	}

	m := minimalPartnership()
	md = agreementMarkdown(t, m, true)
	checkAgreement(t, "minimal", m, md)
	for _, want := range []string{
		"[legal power to be confirmed by Legal and Democratic Services]",
		"[date to be confirmed]", "[notice period to be confirmed]", "[quorum to be confirmed]",
		"[voting rule to be confirmed]", "[Contributions to be confirmed]", "[Lead Partner to be confirmed]",
		"[sponsoring officer to be confirmed]", "[exit strategy to be confirmed]", "[Risk register to be completed]",
		"[information sharing arrangements to be confirmed]", "[Targets and outcomes to be confirmed]",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("minimal agreement lacks the placeholder %q", want)
		}
	}
}

// TestAgreementConditionalClauses switches each conditional clause on and
// off from the same partnership.
func TestAgreementConditionalClauses(t *testing.T) {
	type variant struct {
		name   string
		change func(p *partnership.Partnership)
		marker string // text present only with the clause
		want   bool
	}
	variants := []variant{
		{"cash gives the pooled fund", func(p *partnership.Partnership) {}, "Pooled Fund", true},
		{"no cash, no pooled fund", func(p *partnership.Partnership) {
			for i := range p.Contributions {
				p.Contributions[i].Type = partnership.ContributionTypeInKind
			}
		}, "ooled", false},
		{"no contributions, no pooled fund", func(p *partnership.Partnership) { p.Contributions = nil }, "ooled", false},
		{"councillors give the councillor clause", func(p *partnership.Partnership) {}, "section 27 of the Localism Act 2011", true},
		{"officers only, no councillor clause", func(p *partnership.Partnership) {
			p.Representatives = p.Representatives[1:]
		}, "Councillors who represent", false},
		{"no councillor clause without representatives", func(p *partnership.Partnership) { p.Representatives = nil }, "Councillors who represent", false},
		{"dual role gives the consent clause", func(p *partnership.Partnership) {}, "also represents another organisation, with the consent of the Chief Executive", true},
		{"no dual role, no consent clause", func(p *partnership.Partnership) { p.Representatives[1].RepresentsOtherOrg = false }, "also represents another organisation", false},
		{"joint controllers give Article 26", func(p *partnership.Partnership) {}, "Article 26", true},
		{"separate controllers, no Article 26", func(p *partnership.Partnership) {
			p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipSeparateControllers
		}, "Article 26", false},
		{"processor gives Article 28", func(p *partnership.Partnership) {
			p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipControllerProcessor
		}, "Article 28", true},
		{"waiver prints its reason", func(p *partnership.Partnership) {
			p.InformationSharing = &partnership.InformationSharing{Required: false, WaiverReason: "No personal data is shared."}
		}, `does not need an Information Sharing Protocol, for the following reason: No personal data is shared\. No Personal Data`, true},
		{"waiver without reason has a placeholder", func(p *partnership.Partnership) {
			p.InformationSharing = &partnership.InformationSharing{Required: false}
		}, "for the following reason: [reason to be confirmed].", true},
		{"an ISP means no waiver", func(p *partnership.Partnership) {}, "does not need an Information Sharing Protocol", false},
		{"council as lead", func(p *partnership.Partnership) {
			p.Partners[0].IsLead = false
			p.CouncilRole = partnership.CouncilRoleLead
		}, "The Council is the Lead Partner", true},
		{"partner as lead", func(p *partnership.Partnership) {}, `\*Acme \| Ltd\_ is the Lead Partner`, true},
		{"authority beyond the constitution", func(p *partnership.Partnership) { p.NeedsAuthorityBeyondConstitution = true }, "This Agreement will not bind the Council until it has been approved in accordance with the Council's Constitution", true},
		{"no end date", func(p *partnership.Partnership) { p.Dates.End = "" }, "continues until it ends under [](#exit)", true},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			p := fullPartnership()
			v.change(p)
			md := agreementMarkdown(t, p, true)
			checkAgreement(t, v.name, p, md)
			if got := strings.Contains(md, v.marker); got != v.want {
				t.Errorf("contains %q = %v, want %v", v.marker, got, v.want)
			}
		})
	}
}

func TestAgreementEverySample(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "samples", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		// No samples yet: say so, and fall back to our own fixtures so the
		// test still exercises the template.
		t.Log("no samples/*.json yet; checking the hand-built fixtures only")
		for name, p := range map[string]*partnership.Partnership{"full": fullPartnership(), "minimal": minimalPartnership()} {
			checkAgreement(t, name, p, agreementMarkdown(t, p, true))
		}
		return
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			var p partnership.Partnership
			if err := dec.Decode(&p); err != nil {
				t.Fatalf("decoding: %v", err)
			}
			md := agreementMarkdown(t, &p, true)
			checkAgreement(t, f, &p, md)

			hasCash := false
			for _, c := range p.Contributions {
				hasCash = hasCash || c.Type == partnership.ContributionTypeCash
			}
			hasCouncillor := false
			for _, r := range p.Representatives {
				hasCouncillor = hasCouncillor || r.Kind == partnership.RepresentativeKindCouncillor
			}
			joint := p.InformationSharing != nil && p.InformationSharing.ControllerRelationship == partnership.ControllerRelationshipJointControllers
			for _, c := range []struct {
				marker string
				want   bool
			}{
				{"### Pooled Fund", hasCash},
				{"Councillors who represent the Council", hasCouncillor},
				{"Article 26", joint},
			} {
				if got := strings.Contains(md, c.marker); got != c.want {
					t.Errorf("contains %q = %v, want %v", c.marker, got, c.want)
				}
			}
		})
	}
}

var crossRefRE = regexp.MustCompile(`\[\]\(#([a-z0-9-]+)\)`)

// checkAgreement checks what every agreement must be: no template action
// left, Markdown that goldmark parses, every required heading in order with
// its id, every cross-reference pointing at a heading, schedules marked as
// schedules, and every party's name printed as entered.
func checkAgreement(t *testing.T, name string, p *partnership.Partnership, md string) {
	t.Helper()
	if strings.Contains(md, "{{") || strings.Contains(md, "}}") {
		t.Errorf("%s: raw template braces in the Markdown", name)
	}
	if strings.Contains(md, "<no value>") {
		t.Errorf("%s: <no value> in the Markdown", name)
	}
	if strings.Contains(md, "\n\n\n") {
		t.Errorf("%s: three newlines in a row (a template leaves stray blank lines)", name)
	}
	src := []byte(md)
	doc := mdParser.Parser().Parse(text.NewReader(src))

	type heading struct {
		level     int
		id, class string
	}
	var headings []heading
	ids := map[string]bool{}
	tables := 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			h := heading{level: n.Level}
			if v, ok := n.AttributeString("id"); ok {
				h.id = string(v.([]byte))
			}
			if v, ok := n.AttributeString("class"); ok {
				h.class = string(v.([]byte))
			}
			if h.id != "" {
				if ids[h.id] {
					t.Errorf("%s: heading id %q used twice", name, h.id)
				}
				ids[h.id] = true
			}
			headings = append(headings, h)
		default:
			if n.Kind().String() == "Table" {
				tables++
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(headings) == 0 || headings[0].level != 1 {
		t.Fatalf("%s: the document does not start with a title", name)
	}
	var level2 []heading
	for _, h := range headings {
		if h.level == 2 {
			level2 = append(level2, h)
		}
	}
	want := agreementHeadingsFor(p)
	if len(level2) != len(want) {
		t.Errorf("%s: %d clause headings, want %d", name, len(level2), len(want))
	}
	for i, id := range want {
		if i >= len(level2) {
			t.Errorf("%s: missing heading #%s", name, id)
			continue
		}
		if level2[i].id != id {
			t.Errorf("%s: clause heading %d is #%s, want #%s", name, i+1, level2[i].id, id)
		}
		wantClass := ""
		switch {
		case strings.HasPrefix(id, "schedule-"):
			wantClass = "schedule"
		case id == "parties" || id == "signatures":
			wantClass = "unnumbered"
		}
		if level2[i].class != wantClass {
			t.Errorf("%s: heading #%s has class %q, want %q", name, id, level2[i].class, wantClass)
		}
	}
	for _, m := range crossRefRE.FindAllStringSubmatch(md, -1) {
		if !ids[m[1]] {
			t.Errorf("%s: cross-reference to #%s, which no heading has", name, m[1])
		}
	}
	if tables < 3 {
		t.Errorf("%s: %d tables, want at least 3 (partners, contacts, governance terms)", name, tables)
	}

	text := renderedText(t, md)
	flat := strings.Join(strings.Fields(text), " ")
	names := []string{partnership.DefaultCouncil().Name}
	for _, pt := range p.Partners {
		names = append(names, pt.Name)
	}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if !strings.Contains(flat, n) {
			t.Errorf("%s: the rendered agreement does not show %q as entered", name, n)
		}
		if c := strings.Count(flat, "Signed for and on behalf of "+n); c < 1 {
			t.Errorf("%s: no signature block for %q", name, n)
		}
	}
	if c := strings.Count(md, "> **Signed for and on behalf of"); c != len(p.Partners)+1 {
		t.Errorf("%s: %d signature blocks, want %d", name, c, len(p.Partners)+1)
	}
}

func TestNoDanglingPlaceholders(t *testing.T) {
	// A placeholder is always bracketed and says what is missing; a
	// sentence never ends in "of ." or ", ." when a value is empty.
	for _, p := range []*partnership.Partnership{minimalPartnership(), fullPartnership()} {
		md := agreementMarkdown(t, p, true)
		for _, bad := range []string{" .", " ,", "( ", " )", ",,", ", .", "of .", "is .", "[]", "[ ", "&#92;&#92;"} {
			for _, line := range strings.Split(md, "\n") {
				if strings.HasPrefix(line, "|") || strings.HasPrefix(line, "#") || strings.Contains(line, "....") {
					continue // table cells, heading attributes and signature lines
				}
				if strings.Contains(stripRefs(line), bad) {
					t.Errorf("%s: %q in line %q", p.Name, bad, line)
				}
			}
		}
	}
}

func stripRefs(s string) string { return crossRefRE.ReplaceAllString(s, "clause 1") }

func BenchmarkAgreementMarkdown(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "health-alliance.json"))
	p := fullPartnership()
	if err == nil {
		var s partnership.Partnership
		if json.Unmarshal(data, &s) == nil {
			p = &s
		}
	}
	set := agreementSet(b)
	meta, _ := set.Meta("agreement")
	council := partnership.DefaultCouncil()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := set.Execute(&buf, "agreement", newView(p, council, meta, testTime, true)); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
