package generator

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"slices"
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
	{"governing_law", "Governing law"},
	{"signatures", "Signatures"},
	{"schedule-partners", "Partners and contacts"},
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

// checkMoUBinding renders p's memorandum to PDF and HTML and checks that
// the clauses marked binding are exactly those mou.binding_clauses lists,
// that each is marked in both formats, and that the status clause names
// each of them, by its number and heading, and no other.
func checkMoUBinding(t *testing.T, g *Generator, p *partnership.Partnership) {
	t.Helper()
	var listed []partnership.BindingClause
	if p.MoU != nil {
		listed = p.MoU.BindingClauses
	}
	pdf := renderEligible(t, g, "mou", p, FormatPDF)
	pdftest.Check(t, pdf.Bytes)
	text := pdftest.Flat(pdftest.Text(t, pdf.Bytes))
	page := string(renderEligible(t, g, "mou", p, FormatHTML).Bytes)
	heads := htmlHeadings(t, page)
	status := htmlSection(page, "status")
	statusText := strings.Join(strings.Fields(htmlText(status)), " ")

	if got := strings.Count(text, "(Binding)"); got != len(listed) {
		t.Errorf("PDF: %d headings marked (Binding), want %d (%v)", got, len(listed), listed)
	}
	if got := strings.Count(page, `class="binding-clause"`); got != len(listed) {
		t.Errorf("HTML: %d binding-clause headings, want %d (%v)", got, len(listed), listed)
	}
	for _, c := range mouClauses {
		id := string(c.ID)
		h, ok := heads[id]
		if !ok {
			t.Errorf("no clause #%s", id)
			continue
		}
		if h.text != c.Heading {
			t.Errorf("clause #%s is headed %q, but the status clause would name it %q", id, h.text, c.Heading)
		}
		ref := fmt.Sprintf(`<a href="#%s">clause %s</a> (%s)`, id, h.number, html.EscapeString(c.Heading))
		want := slices.Contains(listed, c.ID)
		switch {
		case want && !h.binding:
			t.Errorf("HTML: #%s is listed but not marked binding", id)
		case !want && h.binding:
			t.Errorf("HTML: #%s is not listed but is marked binding", id)
		case want && !strings.Contains(text, fmt.Sprintf("%s %s (Binding)", h.number, c.Heading)):
			t.Errorf("PDF: no heading %q", fmt.Sprintf("%s %s (Binding)", h.number, c.Heading))
		case !want && strings.Contains(text, c.Heading+" (Binding)"):
			t.Errorf("PDF: %q is marked (Binding) but not listed", c.Heading)
		}
		if want != strings.Contains(status, ref) {
			t.Errorf("status clause lists #%s as %q: %v, want %v", id, ref, !want, want)
		}
		if want && !strings.Contains(text, fmt.Sprintf("clause %s (%s)", h.number, c.Heading)) {
			t.Errorf("PDF: the status clause does not name clause %s (%s)", h.number, c.Heading)
		}
	}
	if len(listed) == 0 {
		wantText(t, statusText, "It is not legally binding: no clause of it is intended to create legal relations")
	} else {
		wantText(t, statusText, "it is not intended to be legally binding")
	}
	wantText(t, statusText, "This Memorandum is not an Information Sharing Protocol and does not replace one.")
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
			if doc.TemplateID != "mou" || doc.TemplateVersion != "1.0.0" {
				t.Errorf("template %s %s, want mou 1.0.0", doc.TemplateID, doc.TemplateVersion)
			}
			wantText(t, text, "Memorandum of Understanding", p.Name, g.council.Name, "Template mou v1.0.0")
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
// the clauses that bind.
func TestMoULanguage(t *testing.T) {
	p := loadSample(t, "youth-employment-mou.json")
	p.MoU = nil
	md := mouMarkdown(t, p)
	for _, want := range []string{
		"The Partners intend to work together",
		"will endeavour to",
		"It is not legally binding",
		"This Memorandum does not itself grant any licence.",
		"The Partners intend to keep confidential",
		"The Partners intend this Memorandum to be interpreted in accordance with the law of England and Wales.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("non-binding memorandum lacks %q", want)
		}
	}
	for _, bad := range []string{".binding}", "Binding Clause", "grants the other Partners a non-exclusive"} {
		if strings.Contains(md, bad) {
			t.Errorf("non-binding memorandum contains %q", bad)
		}
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
