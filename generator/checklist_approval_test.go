package generator

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// Tests for issue 12's points 2, 4, 5 and 6 in the checklist and the
// policy statement, each reading the rendered PDF (and HTML) text back.

// unescapeMarkdown undoes escapeMarkdown for one line: the text as a
// reader sees it.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.ReplaceAll(b.String(), "&#92;", `\`)
}

// rawToken is an enumeration value or a JSON path as the contract writes
// it ("excluded_hybrid", "information_sharing.controller_relationship",
// "partners[].lawful_basis"), standing as a word of its own.
var rawToken = regexp.MustCompile(`(?:^|[\s(“"'])([a-z]+(?:_[a-z0-9]+)+|[a-z_]+(?:\[\d*\])?\.[a-z_]+)(?:$|[\s),.;:”"'])`)

// westNorthants is the current example council profile.
func westNorthants(t *testing.T) *Generator {
	t.Helper()
	f, err := os.Open("../samples/councils/west-northamptonshire.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := partnership.DecodeCouncil(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// Point 4: neither document prints an enumeration value or a JSON path,
// nor the "§" sign, for any sample; every finding's field is in words.
func TestChecklistAndPolicyPrintNoRawValues(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			for _, kind := range []string{"checklist", "policy-statement"} {
				r := renderBoth(t, g, kind, p)
				if m := rawToken.FindStringSubmatch(r.pdf); m != nil {
					t.Errorf("%s prints %q", kind, m[1])
				}
				r.wantNeither(t, "§", "excluded_", "not_recorded", "to_confirm")
			}
			for _, f := range g.Assess(p, genTime).Findings {
				if f.Field != "" && strings.ContainsAny(f.Field, "_.[") && checklistHolds(t, g, p, f.Field) {
					t.Errorf("the checklist prints the field %q", f.Field)
				}
			}
		})
	}
}

func checklistHolds(t *testing.T, g *Generator, p *partnership.Partnership, s string) bool {
	t.Helper()
	return strings.Contains(string(render(t, g, "checklist", p, FormatHTML).Bytes), s)
}

// Point 5: where the record is silent the answer is "not recorded", never
// "no"; "no" is kept for what the record says, in a handful of items.
func TestChecklistNeverNoForMissingData(t *testing.T) {
	g := newTestGenerator(t)
	m := loadSample(t, "minimal-proposal.json")
	c := checklistView(g, m).Checklist()
	notRecorded := 0
	for i, row := range c.Rows() {
		if row.Answer == answerNo {
			t.Errorf("minimal proposal: %q answers no: %s", checklistItems[i], row.Evidence)
		}
		if row.Answer == answerNotRecorded {
			notRecorded++
		}
	}
	r := renderBoth(t, g, "checklist", m)
	if got := strings.Count(r.pdf, "not recorded"); got < notRecorded {
		t.Errorf("the PDF says %q %d times, for %d items", "not recorded", got, notRecorded)
	}
	for _, name := range samples.Names() {
		c := checklistView(g, loadSample(t, name)).Checklist()
		for i, row := range c.Rows() {
			if row.Answer == answerNo && !strings.Contains(noAllowed, checklistItems[i]) {
				t.Errorf("%s: %q answers no (%s)", name, checklistItems[i], row.Evidence)
			}
		}
	}
}

// noAllowed are the items whose "no" the record itself can give.
var noAllowed = strings.Join([]string{checklistItems[0], checklistItems[3], checklistItems[10], checklistItems[15],
	checklistItems[16], checklistItems[19], checklistItems[30]}, "\n")

// Point 5: a legal power is the officer's text, for Legal to confirm; the
// evaluation's answers are printed, and without it each is not recorded.
func TestChecklistEvaluationAndLegalPower(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "early-help-safeguarding.json")
	ev := *p.Evaluation
	r := renderBoth(t, g, "checklist", p)
	r.wantBoth(t, "recorded — Legal to confirm", "Legal and Democratic Services was consulted on 14 October 2026",
		ev.AlternativesConsidered, ev.EqualityAnalysis, ev.Insurance, ev.Capacity)
	c := checklistView(g, p).Checklist()
	for _, row := range []checkRow{c.Alternatives, c.LegalConsulted, c.StatutoryDuties, c.Insurance, c.Capacity} {
		if row.Answer != answerYes {
			t.Errorf("with the evaluation: %+v", row)
		}
	}
	if c.LegalPower.Answer != answerToConfirm {
		t.Errorf("legal power: %+v", c.LegalPower)
	}

	p.Evaluation = nil
	c = checklistView(g, p).Checklist()
	for _, row := range []checkRow{c.Alternatives, c.LegalConsulted, c.StatutoryDuties, c.Insurance, c.Capacity} {
		if row.Answer != answerNotRecorded || !strings.HasPrefix(row.Evidence, "Not recorded") {
			t.Errorf("without the evaluation: %+v", row)
		}
	}
	renderBoth(t, g, "checklist", p).wantNeither(t, ev.Insurance, "was consulted on")
}

// Point 5: the ISP row and the joint_controllers_without_arrangement
// finding say the same: the Article 26 arrangement is not shown yet.
func TestChecklistISPRowAgreesWithArticle26Finding(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "health-alliance.json")
	var finding string
	for _, f := range checklistView(g, p).Findings() {
		if strings.HasPrefix(f.Message, "The partners are joint controllers") {
			finding = unescapeMarkdown(f.Message)
		}
	}
	if !strings.Contains(finding, "Nothing in the record shows it yet") {
		t.Fatalf("the health alliance's joint controllers raise no finding: %q", finding)
	}
	r := renderBoth(t, g, "checklist", p)
	r.wantBoth(t, "nothing in the record shows it yet", finding)
	r.wantNeither(t, "includes the Article 26 arrangement", "the ISP ", "DPIA")
}

// Point 5: the §4(b) and §4(d) items. Procurement follows the money: n/a
// when every contribution is in kind, the Procurement Act 2023 when the
// Council pays cash to a partnership another party leads.
func TestChecklistProcurementAndConstitution(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "community-safety-partnership.json")
	r := renderBoth(t, g, "checklist", p)
	r.wantBoth(t, "in cash to the party that leads or holds the funds", "Procurement Act 2023", "subsidy control")
	for i := range p.Contributions {
		p.Contributions[i].Type = partnership.ContributionTypeStaff
	}
	if c := checklistView(g, p).Checklist(); c.Procurement.Answer != answerNA {
		t.Errorf("staff only: %+v", c.Procurement)
	}
	h := loadSample(t, "health-alliance.json") // resources outside budget
	c := checklistView(g, h).Checklist()
	if c.Constitution.Answer != answerNo || !strings.Contains(c.Constitution.Evidence, "Budget and Policy Framework") {
		t.Errorf("resources outside budget: %+v", c.Constitution)
	}
	for _, row := range c.Rows() { // the findings' own words are package partnership's
		if strings.Contains(row.Evidence, "where the Constitution requires it") {
			t.Errorf("%q names a decision-maker as though the Constitution did not decide", row.Evidence)
		}
	}
	renderBoth(t, g, "checklist", h).wantBoth(t, "Budget approval yes: resources outside approved budgets need approval in accordance with the Council's Constitution")
}

// Point 2: a section 75 hybrid is referred to Legal, with no approve or
// not-approve block, and says what governs it; an ineligible party brings
// the s75_party_not_eligible finding, its field in words.
func TestChecklistHybridGoesToLegal(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "better-care-s75.json")
	r := renderBoth(t, g, "checklist", p)
	r.wantBoth(t, "Referred to "+g.council.LegalServices, "NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000",
		"No approval is needed under the Partnership Protocol", "Does not apply: the arrangement is not a partnership (section 3).")
	r.wantNeither(t, "approved / not approved", "Approver", "Approved; status")

	extra := p.Partners[0]
	extra.ID, extra.Name, extra.Type = "carers", "Carers Voice Northamptonshire", partnership.PartnerTypeVoluntarySector
	p.Partners = append(p.Partners, extra)
	var msg string
	for _, f := range g.Assess(p, genTime).Findings {
		if f.Code == partnership.FindingS75PartyNotEligible {
			msg = f.Message
		}
	}
	if msg == "" {
		t.Fatal("no s75_party_not_eligible finding for a voluntary body")
	}
	r = renderBoth(t, g, "checklist", p)
	r.wantBoth(t, msg, "Carers Voice Northamptonshire: type of organisation")
	r.wantNeither(t, "partners[1].type")
}

// Point 6: the abolished default council is named near the top of both
// documents; the current example profile is not.
func TestToolkitAbolishedCouncilNote(t *testing.T) {
	g := newTestGenerator(t)
	wn := westNorthants(t)
	p := loadSample(t, "waste-partnership.json")
	for _, kind := range []string{"checklist", "policy-statement"} {
		// The draft says it once, in its drafting notes; the approved copy,
		// which has none, in its own note. Either way near the top.
		old := renderBoth(t, g, kind, p)
		old.wantBoth(t, "was abolished on 1 April 2021")
		approved := pdftest.Flat(pdftest.Text(t, renderApproved(t, g, kind, p, FormatPDF).Bytes))
		for copyName, text := range map[string]string{"draft": old.pdf, "approved copy": approved} {
			if n := strings.Count(text, "abolished"); n != 1 {
				t.Errorf("%s, %s: says %d times that the council was abolished, want once", kind, copyName, n)
			}
			if i := strings.Index(text, "abolished"); i < 0 || i > 800 {
				t.Errorf("%s, %s: the note is not near the top (at %d)", kind, copyName, i)
			}
		}
		renderBoth(t, wn, kind, p).wantNeither(t, "abolished")
		want := map[string]string{"checklist": "1.1.1", "policy-statement": "1.1.0"}[kind]
		if doc := render(t, g, kind, p, FormatPDF); doc.TemplateVersion != want {
			t.Errorf("%s: template version %s, want %s", kind, doc.TemplateVersion, want)
		}
	}
}

// Point 6: the policy statement is the Council's standing policy, with its
// version and approval from the profile (placeholders when absent), and
// says that "no" is not open for statutory partnerships.
func TestPolicyStatementStandingPolicy(t *testing.T) {
	p := loadSample(t, "community-safety-partnership.json")
	r := renderBoth(t, westNorthants(t), "policy-statement", p)
	r.wantBoth(t, "Version 2.0", "Approved by Cabinet, in accordance with the Council's Constitution", "Approved on 12 November 2025",
		"Statutory partnerships", "sections 5 and 17 of the Crime and Disorder Act 1998",
		"section 194 of the Health and Social Care Act 2012", "Children Act 2004", "section 43 of the Care Act 2014",
		"Saying no is not open to the Council", "in accordance with the Council's Constitution (including its Budget and Policy Framework and Financial Procedure Rules)")
	r.wantNeither(t, "where the Constitution requires it")

	d := renderBoth(t, newTestGenerator(t), "policy-statement", p)
	d.wantBoth(t, "Version July 2009", "[approving body to be confirmed]", "[date of approval to be confirmed]")
}

// plainWords writes the assessment's paths, values, "§" and abbreviations
// in words, and leaves what it does not know (a name) as written.
func TestPlainWords(t *testing.T) {
	for in, want := range map[string]string{
		"Under §4(e) the council":   "Under section 4(e) the Council",
		"(partners[].lawful_basis)": "(each partner's lawful basis)",

		"the ISP and the DPIA":                  "the Information Sharing Protocol and the data protection impact assessment",
		"Acme_Widgets and a council's":          "Acme_Widgets and a council's",
		"information_sharing.retention is late": "information sharing: how long data is kept is late",
	} {
		if got := unescapeMarkdown(plainWords(escapeMarkdown(in))); got != want {
			t.Errorf("plainWords(%q) = %q, want %q", in, got, want)
		}
	}
	v := &view{P: &partnership.Partnership{Partners: []partnership.Partner{{Name: "Acme"}}}, raw: &partnership.Partnership{}}
	if got := v.fieldWords(escapeMarkdown("partners[0].lawful_basis")); got != "Acme: lawful basis" {
		t.Errorf("fieldWords = %q", got)
	}
}
