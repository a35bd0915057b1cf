package generator

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/templates"
)

// mouSections are the memorandum's clauses and schedules by heading id and
// heading text, in the order DOMAIN.md lists the agreement's.
var mouSections = []struct{ id, heading string }{
	{"parties", "Parties"},
	{"background", "Background"},
	{"status", "Status of this Memorandum"},
	{"definitions", "Definitions and interpretation"},
	{"legal-powers", "Legal powers"},
	{"term", "Duration and review"},
	{"purpose", "Purpose, objectives and outcomes"},
	{"principles", "Principles"},
	{"membership", "Membership"},
	{"representation", "Representation"},
	{"responsibilities", "Responsibilities of each Partner"},
	{"statutory-duties", "Statutory duties"},
	{"lead-body", "Lead Partner"},
	{"governance", "Governance"},
	{"reporting", "Reporting and review"},
	{"finance", "Finance"},
	{"costs", "Costs"},
	{"staff-assets", "Staff and assets"},
	{"intellectual_property", "Intellectual property"},
	{"risk", "Risk, liability and insurance"},
	{"data_protection", "Data protection and information sharing"},
	{"freedom_of_information", "Freedom of information"},
	{"confidentiality", "Confidentiality"},
	{"communications", "Communications"},
	{"complaints", "Complaints"},
	{"disputes", "Disputes"},
	{"variation", "Variation"},
	{"termination", "Withdrawal and termination"},
	{"exit", "Exit and succession"},
	{"no-partnership", "No partnership or agency"},
	{"notices", "Notices"},
	{"successors", "Successors and assignment"},
	{"entire-understanding", "Entire understanding and order of precedence"},
	{"severance", "Severance"},
	{"waiver", "Waiver"},
	{"governing_law", "Governing law"},
	{"signatures", "Signatures"},
	{"schedule-partners", "Partners and contacts"},
	{"schedule-responsibilities", "Responsibilities of each Partner"},
	{"schedule-contributions", "Contributions"},
	{"schedule-targets", "Targets and outcomes"},
	{"schedule-risks", "Risk register"},
	{"schedule-governance", "Governance terms"},
}

// renderEligible renders a document. Every sample is an arrangement the
// rules accept for an MoU, so a refusal fails the test like any error.
func renderEligible(t *testing.T, g *Generator, kind string, p *partnership.Partnership, f Format) *Document {
	t.Helper()
	doc, err := g.Render(context.Background(), Request{Kind: kind, Format: f, Partnership: p, At: genTime})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// htmlHeading is an h2 of the HTML copy.
type htmlHeading struct {
	id, number, text string
	binding          bool // class="binding-clause" and the word "Binding"
}

var h2Pattern = regexp.MustCompile(`<h2 id="([^"]*)"( class="binding-clause")?>(?:<span class="num">([^<]*)</span> )?(.*?)</h2>`)

func htmlHeadings(t *testing.T, page string) map[string]htmlHeading {
	t.Helper()
	out := map[string]htmlHeading{}
	for _, m := range h2Pattern.FindAllStringSubmatch(page, -1) {
		h := htmlHeading{id: m[1], number: m[3], text: strings.TrimSpace(htmlText(m[4]))}
		h.text = strings.Join(strings.Fields(h.text), " ")
		if m[2] != "" {
			if !strings.HasSuffix(h.text, " Binding") {
				t.Errorf("heading #%s has the binding class but not the word Binding: %q", h.id, m[4])
			}
			h.text = strings.TrimSuffix(h.text, " Binding")
			h.binding = true
		} else if strings.Contains(m[4], `class="binding"`) {
			t.Errorf("heading #%s says Binding without the binding-clause class", h.id)
		}
		out[h.id] = h
	}
	return out
}

// htmlSection is the HTML from the h2 with the id to the next h2.
func htmlSection(page, id string) string {
	start := strings.Index(page, `<h2 id="`+id+`"`)
	if start < 0 {
		return ""
	}
	rest := page[start+1:]
	if end := strings.Index(rest, "<h2"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// mouAlwaysBound are the clauses every memorandum makes binding, whatever
// mou.binding_clauses lists (issue 12: the status, definitions and disputes
// clauses, and the mechanics a binding clause needs).
var mouAlwaysBound = []string{"status", "definitions", "disputes", "notices", "successors", "severance", "waiver"}

// mouWantBound is the set of clause ids p's memorandum must mark binding:
// those always bound, those mou.binding_clauses lists and, when a cap is
// given, the limitation of liability.
func mouWantBound(p *partnership.Partnership) map[string]bool {
	want := map[string]bool{}
	for _, id := range mouAlwaysBound {
		want[id] = true
	}
	if p.MoU != nil {
		for _, c := range p.MoU.BindingClauses {
			want[string(c)] = true
		}
	}
	if p.LiabilityCapPence != nil {
		want["liability-cap"] = true
	}
	return want
}

// statusRefPattern is a clause the status clause lists: id, number, heading.
var statusRefPattern = regexp.MustCompile(`<a href="#([^"]+)">clause ([0-9]+)</a> \(([^)]*)\)`)

// checkMoUBinding renders p's memorandum to PDF and HTML and checks that
// the clauses marked binding are exactly those mouWantBound gives, that
// each is marked in both formats, and that the status clause names each
// of them, by its number and heading, in ascending order, and no other.
func checkMoUBinding(t *testing.T, g *Generator, p *partnership.Partnership) {
	t.Helper()
	want := mouWantBound(p)
	pdf := renderEligible(t, g, "mou", p, FormatPDF)
	pdftest.Check(t, pdf.Bytes)
	text := pdftest.Flat(pdftest.Text(t, pdf.Bytes))
	page := string(renderEligible(t, g, "mou", p, FormatHTML).Bytes)
	heads := htmlHeadings(t, page)
	status := htmlSection(page, "status")
	statusText := strings.Join(strings.Fields(htmlText(status)), " ")

	// Each heading once: the contents list names them again.
	if got := strings.Count(pdfWithoutContents(pdfLayoutText(t, pdf.Bytes)), "(Binding)"); got != len(want) {
		t.Errorf("PDF: %d headings marked (Binding), want %d (%v)", got, len(want), want)
	}
	if got := strings.Count(page, `class="binding-clause"`); got != len(want) {
		t.Errorf("HTML: %d binding-clause headings, want %d (%v)", got, len(want), want)
	}
	for id, h := range heads {
		if h.binding != want[id] {
			t.Errorf("HTML: #%s marked binding %v, want %v", id, h.binding, want[id])
		}
		if want[id] && !strings.Contains(text, fmt.Sprintf("%s %s (Binding)", h.number, h.text)) {
			t.Errorf("PDF: no heading %q", fmt.Sprintf("%s %s (Binding)", h.number, h.text))
		}
	}
	listed := map[string]bool{}
	last := 0
	for _, m := range statusRefPattern.FindAllStringSubmatch(status, -1) {
		id, num, heading := m[1], m[2], html.UnescapeString(m[3])
		listed[id] = true
		h := heads[id]
		if !want[id] || h.number != num || h.text != heading {
			t.Errorf("status clause lists #%s as clause %s (%s); heading is %+v, binding wanted %v", id, num, heading, h, want[id])
		}
		if n, _ := strconv.Atoi(num); n <= last {
			t.Errorf("status clause lists clause %d after clause %d", n, last)
		} else {
			last = n
		}
		if !strings.Contains(text, fmt.Sprintf("clause %s (%s)", num, heading)) {
			t.Errorf("PDF: the status clause does not name clause %s (%s)", num, heading)
		}
	}
	for id := range want {
		if _, ok := heads[id]; !ok || !listed[id] {
			t.Errorf("binding clause #%s: heading present %v, listed in the status clause %v", id, ok, listed[id])
		}
	}
	for _, c := range mouClauses {
		if h := heads[string(c.ID)]; h.text != c.Heading {
			t.Errorf("clause #%s is headed %q, but the status clause would name it %q", c.ID, h.text, c.Heading)
		}
	}
	wantText(t, statusText, "it is not intended to be legally binding",
		"This Memorandum is not an Information Sharing Protocol and does not replace one.")
}

func TestMoUEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			if refusedAsExcluded(t, g, "mou", p) {
				return
			}
			doc := renderEligible(t, g, "mou", p, FormatPDF)
			pdftest.Check(t, doc.Bytes)
			text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
			info := pdftest.Info(t, doc.Bytes)
			if info["Title"] != "Memorandum of Understanding — "+p.Name {
				t.Errorf("metadata title %q", info["Title"])
			}
			if doc.TemplateID != "mou" || doc.TemplateVersion != "1.2.0" {
				t.Errorf("template %s %s, want mou 1.2.0", doc.TemplateID, doc.TemplateVersion)
			}
			wantText(t, text, "Memorandum of Understanding", p.Name, g.council.Name, "Template mou v1.2.0")
			for _, partner := range p.Partners {
				wantText(t, text, partner.Name, "Signed for and on behalf of "+partner.Name)
			}
			for _, s := range mouSections {
				wantText(t, text, s.heading)
			}

			page := string(render(t, g, "mou", p, FormatHTML).Bytes)
			heads := htmlHeadings(t, page)
			for _, s := range mouSections {
				if h, ok := heads[s.id]; !ok || h.text != s.heading {
					t.Errorf("HTML: heading #%s is %+v, want %q", s.id, h, s.heading)
				}
			}
			if !strings.Contains(page, "<title>Memorandum of Understanding") {
				t.Error("HTML: no title")
			}
			checkMoUBinding(t, g, p)
		})
	}
}

// Taking a clause off mou.binding_clauses takes its mark and its place in
// the status clause away; adding one puts them back; no list at all leaves
// every clause non-binding.
func TestMoUBindingMarksMatchTheList(t *testing.T) {
	g := newTestGenerator(t)
	base := loadSample(t, "youth-employment-mou.json")
	if base.MoU == nil || len(base.MoU.BindingClauses) < 2 {
		t.Fatal("the sample should list binding clauses")
	}
	cases := []struct {
		name    string
		clauses []partnership.BindingClause
		nilMoU  bool
	}{
		{name: "as entered", clauses: base.MoU.BindingClauses},
		{name: "without costs", clauses: slices.DeleteFunc(slices.Clone(base.MoU.BindingClauses),
			func(c partnership.BindingClause) bool { return c == partnership.BindingClauseCosts })},
		{name: "without governing law", clauses: slices.DeleteFunc(slices.Clone(base.MoU.BindingClauses),
			func(c partnership.BindingClause) bool { return c == partnership.BindingClauseGoverningLaw })},
		{name: "with intellectual property", clauses: append(slices.Clone(base.MoU.BindingClauses), partnership.BindingClauseIntellectualProperty)},
		{name: "only confidentiality", clauses: []partnership.BindingClause{partnership.BindingClauseConfidentiality}},
		{name: "every clause, reversed", clauses: reversed(partnership.BindingClauseValues)},
		{name: "empty list", clauses: []partnership.BindingClause{}},
		{name: "no mou", nilMoU: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := loadSample(t, "youth-employment-mou.json")
			if tc.nilMoU {
				p.MoU = nil
			} else {
				p.MoU = &partnership.MoU{BindingClauses: tc.clauses}
			}
			checkMoUBinding(t, g, p)
		})
	}

	// Removing costs renumbers nothing before it but takes its mark away.
	p := loadSample(t, "youth-employment-mou.json")
	p.MoU.BindingClauses = slices.DeleteFunc(p.MoU.BindingClauses,
		func(c partnership.BindingClause) bool { return c == partnership.BindingClauseCosts })
	text := pdftest.Flat(pdftest.Text(t, render(t, g, "mou", p, FormatPDF).Bytes))
	if strings.Contains(text, "Costs (Binding)") || strings.Contains(text, "(Costs)") {
		t.Error("costs is still marked or listed after it was taken off the list")
	}
	wantText(t, text, "The Partners expect each of them to meet its own costs")
}

func reversed[T any](s []T) []T {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// A memorandum is worded as intention, and binding wording appears only in
// the clauses that bind: with no clause listed, only those that always bind.
func TestMoULanguage(t *testing.T) {
	p := loadSample(t, "youth-employment-mou.json")
	p.MoU = nil
	md := mouMarkdown(t, p)
	for _, want := range []string{
		"The Partners intend to work together",
		"will endeavour to",
		"Except for the Binding Clauses listed below, it is not intended to be legally binding",
		"This Memorandum does not itself grant any licence.",
		"The Partners intend to keep confidential",
		"The Partners intend this Memorandum to be interpreted in accordance with the law of England and Wales.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("non-binding memorandum lacks %q", want)
		}
	}
	for _, c := range partnership.BindingClauseValues {
		if strings.Contains(md, "{#"+string(c)+" .binding}") {
			t.Errorf("memorandum with no clause listed marks %s binding", c)
		}
	}
	if got := strings.Count(md, " .binding}"); got != len(mouAlwaysBound) {
		t.Errorf("memorandum with no clause listed has %d binding clauses, want the %d that always bind", got, len(mouAlwaysBound))
	}
	if strings.Contains(md, "grants the other Partners a non-exclusive") {
		t.Error("memorandum with no clause listed grants a licence")
	}

	p.MoU = &partnership.MoU{BindingClauses: slices.Clone(partnership.BindingClauseValues)}
	md = mouMarkdown(t, p)
	for _, want := range []string{
		"Each Partner bears its own costs",
		"grants the other Partners a non-exclusive, royalty-free licence",
		"Each Partner will keep confidential",
		"does not by itself make information exempt from disclosure",
		"is governed by the law of England and Wales",
		"A Partner may withdraw from this Memorandum by giving at least 3 months' written notice",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("fully binding memorandum lacks %q", want)
		}
	}
}

// The memorandum never stands in for the ISP, whatever the information
// sharing arrangements are.
func TestMoUNeverReplacesTheISP(t *testing.T) {
	for _, tc := range []struct {
		name string
		is   *partnership.InformationSharing
		want string
	}{
		{"ISP", &partnership.InformationSharing{Required: true}, "The ISP is a separate document"},
		{"waived", &partnership.InformationSharing{Required: false, WaiverReason: "No personal data is shared."}, "does not need an Information Sharing Protocol, for the following reason: No personal data is shared"},
		{"not given", nil, "the Partners will agree an ISP consistent with"},
		{"joint controllers", &partnership.InformationSharing{Required: true, ControllerRelationship: partnership.ControllerRelationshipJointControllers}, "That arrangement is made in the ISP, not in this Memorandum."},
		{"processor", &partnership.InformationSharing{Required: true, ControllerRelationship: partnership.ControllerRelationshipControllerProcessor}, "This Memorandum is not that contract."},
	} {
		for _, binding := range []bool{false, true} {
			p := loadSample(t, "youth-employment-mou.json")
			p.InformationSharing = tc.is
			p.MoU = nil
			if binding {
				p.MoU = &partnership.MoU{BindingClauses: []partnership.BindingClause{partnership.BindingClauseDataProtection}}
			}
			md := mouMarkdown(t, p)
			for _, want := range []string{tc.want, "This Memorandum is not an Information Sharing Protocol and does not replace one."} {
				if !strings.Contains(md, want) {
					t.Errorf("%s (binding %v): lacks %q", tc.name, binding, want)
				}
			}
		}
	}
}

// Binds refuses a clause name the contract does not have, so a misspelt id
// in a council's own template fails loudly.
func TestBindsRefusesUnknownClauses(t *testing.T) {
	v := newView(loadSample(t, "youth-employment-mou.json"), partnership.DefaultCouncil(), templates.Meta{ID: "mou"}, testTime, true)
	if ok, err := v.Binds("costs"); err != nil || !ok {
		t.Errorf("Binds(costs) = %v, %v", ok, err)
	}
	if ok, err := v.Binds("intellectual_property"); err != nil || ok {
		t.Errorf("Binds(intellectual_property) = %v, %v", ok, err)
	}
	if _, err := v.Binds("confidentialty"); err == nil {
		t.Error("Binds accepted a misspelt clause")
	}
}

func mouMarkdown(t *testing.T, p *partnership.Partnership) string {
	t.Helper()
	s := agreementSet(t)
	meta, ok := s.Meta("mou")
	if !ok {
		t.Fatal("no mou template")
	}
	var b strings.Builder
	if err := s.Execute(&b, "mou", newView(p, partnership.DefaultCouncil(), meta, testTime, true)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
