package generator

import (
	"bytes"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"partnerdocs/partnership"
)

// nastyStrings are texts that Markdown would otherwise turn into something
// else: emphasis, tables, entities, HTML, links, headings, lists, code, line
// breaks and template actions.
var nastyStrings = []string{
	"*Acme | Ltd_",
	"Smith & Sons <Trading> [UK] #1",
	"{{.Name}}",
	`back\slash \\ and \* and a trailing \`,
	"`code` and ``more``",
	"1. item",
	"1) item",
	"- item",
	"+ item",
	"# x",
	"## Heading {#id .unnumbered}",
	"&amp; &#169; &copy;",
	"> quoted",
	"***",
	"---",
	"=== under",
	"[](#exit)",
	"[link](http://example.com) <http://example.com> www.example.com",
	"![img](x.png)",
	"~~strike~~ __bold__ **bold** _em_",
	"<!-- comment --> <script>alert(1)</script>",
	"| a | b |",
	"a\\",
	"Łódź Ştefan Ŵyn Ἀθῆναι Москва £12 € “quoted”",
	"100% of £5.00 - 10 = ?",
	"    indented code",
	"~~~",
	"```go",
	"<div>",
	"Acme {.binding}",
}

var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithParserOptions(parser.WithAttribute()))

var tagRE = regexp.MustCompile(`<[^>]*>`)

// renderedText converts Markdown to HTML with goldmark and returns its text.
func renderedText(t *testing.T, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := mdParser.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(strings.TrimSpace(tagRE.ReplaceAllString(b.String(), "")))
}

var cellRE = regexp.MustCompile(`(?s)<td>(.*?)</td>`)

// cellText returns the text of the first body cell of a one-column table.
func cellText(t *testing.T, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := mdParser.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	m := cellRE.FindStringSubmatch(b.String())
	if m == nil {
		return "(no table cell in " + b.String() + ")"
	}
	return html.UnescapeString(tagRE.ReplaceAllString(m[1], ""))
}

func TestEscapeMarkdownRoundTrip(t *testing.T) {
	for _, s := range nastyStrings {
		esc := escapeMarkdown(s)
		want := strings.TrimSpace(s)
		if got := renderedText(t, esc); got != want {
			t.Errorf("paragraph %q: escaped %q renders %q", s, esc, got)
		}
		// The same inside a sentence, a bold span, a list item and a table cell.
		if got := renderedText(t, "Name: **"+esc+"** end"); got != "Name: "+want+" end" {
			t.Errorf("bold %q: renders %q", s, got)
		}
		if got := renderedText(t, "- "+esc); got != want {
			t.Errorf("list item %q: renders %q", s, got)
		}
		if got := cellText(t, "| h |\n|---|\n| "+esc+" |\n"); got != want {
			t.Errorf("table cell %q: renders %q", s, got)
		}
		if got := renderedText(t, "> "+esc+"\\\n> next"); got != want+"\nnext" {
			t.Errorf("signature block %q: renders %q", s, got)
		}
	}
}

func TestEscapeMarkdownWhitespace(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  plain  ", "plain"},
		{"a\tb", "a b"},
		{"line one\nline two", "line one line two"},
		{"para one\n\npara two", "para one  \npara two"},
		{"para one\n\n\n\n  para two  \n", "para one  \npara two"},
		{"para one\n   \t \npara two", "para one  \npara two"},
		{"a\r\nb\r\rc", "a b  \nc"},
		{"x\n===", `x \=\=\=`},
		{"    code", "code"},
		{"Acme Ltd.", `Acme Ltd\.`},
		{`ends in \`, `ends in &#92;`},
	}
	for _, c := range cases {
		if got := escapeMarkdown(c.in); got != c.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Paragraphs become line breaks inside the template's paragraph, never
	// paragraphs (numbered clauses) of their own.
	var b bytes.Buffer
	if err := mdParser.Convert([]byte(escapeMarkdown("*one*\n\n\n# two")), &b); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "<p>*one*<br>\n# two</p>\n"; got != want {
		t.Errorf("paragraphs render %q, want %q", got, want)
	}
}

func TestEscapedCopy(t *testing.T) {
	actual := 4.5
	p := &partnership.Partnership{
		Ref:         "PP-2026-014",
		Name:        "*Acme | Ltd_",
		Purpose:     "Reduce waste",
		Objectives:  []string{"1. recycle", "plain"},
		CouncilRole: partnership.CouncilRoleLead,
		Partners: []partnership.Partner{{
			ID: "acme_ltd", Name: "Smith & Sons", Type: partnership.PartnerTypeNhsBody,
			Signatory: &partnership.Signatory{Name: "A_B", Title: "CEO"},
		}},
		Dates:   &partnership.Dates{Start: partnership.Date("2026-04-01")},
		Targets: []partnership.Target{{ID: "T1", Outcome: "x", Results: []partnership.TargetResult{{FinancialYear: "2026/27", Actual: &actual, RAG: partnership.RAGGreen}}}},
		InformationSharing: &partnership.InformationSharing{
			ControllerRelationship: partnership.ControllerRelationshipJointControllers,
			Purposes:               []string{"#1 purpose"},
		},
	}
	before := deepClone(t, p)

	e := escapedCopy(p)
	if !reflect.DeepEqual(p, before) {
		t.Fatal("escapedCopy modified its input")
	}
	checks := []struct{ got, want string }{
		{e.Ref, `PP\-2026\-014`},
		{e.Name, `\*Acme \| Ltd\_`},
		{e.Objectives[0], `1\. recycle`},
		{e.Objectives[1], "plain"},
		{e.Partners[0].ID, `acme\_ltd`},
		{e.Partners[0].Name, `Smith \& Sons`},
		{e.Partners[0].Signatory.Name, `A\_B`},
		{e.InformationSharing.Purposes[0], `\#1 purpose`},
		{string(e.CouncilRole), "lead"},                            // enumerations untouched
		{string(e.Dates.Start), "2026-04-01"},                      // dates untouched
		{string(e.Targets[0].Results[0].FinancialYear), "2026/27"}, // financial years untouched
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %q, want %q", i, c.got, c.want)
		}
	}
	// Nothing is shared: changing the copy leaves the input alone.
	e.Partners[0].Signatory.Title = "changed"
	*e.Targets[0].Results[0].Actual = 99
	e.Objectives[1] = "changed"
	if !reflect.DeepEqual(p, before) {
		t.Error("the copy shares memory with the input")
	}
	// With nothing to escape, the copy equals the input field for field, so
	// no field is dropped by the reflection walk.
	plain := &partnership.Partnership{
		Name: "Plain", Purpose: "Plain purpose", Objectives: []string{"one"},
		Partners:     []partnership.Partner{{ID: "p1", Name: "P One", CommsContact: &partnership.CommsContact{Name: "C"}}},
		Governance:   &partnership.Governance{Body: "Board", Quorum: 3, VotingRule: partnership.VotingRuleConsensus},
		Exit:         &partnership.Exit{Strategy: "Wind down", WithdrawalNoticeMonths: 6},
		MoU:          &partnership.MoU{BindingClauses: []partnership.BindingClause{partnership.BindingClauseCosts}},
		Targets:      []partnership.Target{{ID: "T1", Results: []partnership.TargetResult{{Actual: nil}}}},
		Significance: &partnership.Significance{PolicyAndResources: true},
	}
	if got := escapedCopy(plain); !reflect.DeepEqual(got, plain) {
		t.Errorf("escapedCopy of plain text differs:\n got %+v\nwant %+v", got, plain)
	}
	if escapedCopy(nil) != nil {
		t.Error("escapedCopy(nil) is not nil")
	}

	c := partnership.DefaultCouncil()
	ec := escapedCouncil(c)
	if ec.Address == c.Address || !strings.Contains(ec.Address, `Square\,`) || ec.Name != c.Name {
		t.Errorf("escapedCouncil: %+v", ec)
	}
}

// deepClone copies p without the code under test.
func deepClone(t *testing.T, p *partnership.Partnership) *partnership.Partnership {
	t.Helper()
	c := *p
	c.Objectives = append([]string(nil), p.Objectives...)
	c.Partners = append([]partnership.Partner(nil), p.Partners...)
	for i := range c.Partners {
		if s := p.Partners[i].Signatory; s != nil {
			cp := *s
			c.Partners[i].Signatory = &cp
		}
	}
	d := *p.Dates
	c.Dates = &d
	c.Targets = append([]partnership.Target(nil), p.Targets...)
	for i := range c.Targets {
		c.Targets[i].Results = append([]partnership.TargetResult(nil), p.Targets[i].Results...)
		for j := range c.Targets[i].Results {
			if a := p.Targets[i].Results[j].Actual; a != nil {
				v := *a
				c.Targets[i].Results[j].Actual = &v
			}
		}
	}
	is := *p.InformationSharing
	is.Purposes = append([]string(nil), p.InformationSharing.Purposes...)
	c.InformationSharing = &is
	return &c
}
