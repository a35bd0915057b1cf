package generator

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"partnerdocs/partnership"
	"partnerdocs/templates"
)

const probeFront = "---\nid: agreement\nkind: agreement\ntitle: Partnership Agreement\nversion: 9.9.9\n---\n"

// A council's own template that refers to a field that does not exist, or
// does not parse, is refused at start-up with its file and line.
func TestBrokenTemplatesAreRefusedWithFileAndLine(t *testing.T) {
	probe := loadSample(t, "waste-partnership.json")
	cases := []struct{ name, body, want string }{
		{"missing field", "# T\n\n## A {#a}\n\nText {{.P.Nonexistent}}.\n", "agreement/document.md.tmpl:11"},
		{"syntax", "# T\n\n{{if .P.Name}}unclosed\n", "agreement/document.md.tmpl:10"},
		{"dangling reference", "# T\n\n## A {#a}\n\nSee [](#nowhere).\n", "#nowhere"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"agreement/document.md.tmpl": {Data: []byte(probeFront + c.body)}}
			_, err := New(Options{Templates: fsys, Probes: []*partnership.Partnership{probe}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error naming %q", err, c.want)
			}
		})
	}
}

func TestEmbeddedTemplatesPassTheProbe(t *testing.T) {
	var probes []*partnership.Partnership
	for _, name := range []string{"waste-partnership.json", "minimal-proposal.json", "awkward-names.json"} {
		probes = append(probes, loadSample(t, name))
	}
	if _, err := New(Options{Probes: probes}); err != nil {
		t.Fatal(err)
	}
}

// The generator parses the embedded templates a kind at a time, when first
// rendered; this parses every kind of them now, so that a fault in any,
// even one no other test renders, fails the tests.
func TestEmbeddedTemplatesParse(t *testing.T) {
	s, err := templates.Load(templates.Embedded(), funcMap())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"agreement", "checklist", "communications-agreement", "information-sharing-protocol", "mou", "policy-statement"}
	if !slices.Equal(s.Kinds(), want) {
		t.Errorf("kinds %v, want %v", s.Kinds(), want)
	}
}

// A council's own templates are parsed whole at start-up, probes or none: a
// fault in a partial of a kind is refused by New with its file and line.
func TestCouncilTemplatesParsedAtStartUp(t *testing.T) {
	fsys := fstest.MapFS{
		"agreement/document.md.tmpl": {Data: []byte(probeFront + "# T\n")},
		"mou/document.md.tmpl":       {Data: []byte("---\nid: mou\nkind: mou\ntitle: MoU\nversion: 1\n---\n# M\n")},
		"mou/terms.md.tmpl":          {Data: []byte("{{define \"mou/terms\"}}\n\n{{if .P.Name}}unclosed{{end}}")},
	}
	_, err := New(Options{Templates: fsys})
	if err == nil || !strings.Contains(err.Error(), "mou/terms.md.tmpl:3") {
		t.Fatalf("got %v, want an error naming mou/terms.md.tmpl:3", err)
	}
}

// An agreement or MoU for an arrangement the protocol excludes is refused
// with the reason; the checklist still renders.
func TestExcludedArrangementsGetNoAgreement(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	p.Arrangement = &partnership.Arrangement{CouncilProcuresService: true}
	a := g.Assess(p, genTime)
	if a.Classification != partnership.ClassExcludedContract {
		t.Fatalf("the rules classify a procured service as %q, not excluded_contract", a.Classification)
	}
	for _, kind := range []string{"agreement", "mou"} {
		if !slices.Contains(g.Kinds(), kind) {
			continue
		}
		_, err := g.Render(context.Background(), Request{Kind: kind, Partnership: p, At: genTime})
		if partnership.ErrorCode(err) != partnership.EUnprocessable || !strings.Contains(err.Error(), a.Reason) {
			t.Errorf("%s: got %v, want not_eligible with the reason", kind, err)
		}
	}
	if slices.Contains(g.Kinds(), "checklist") {
		render(t, g, "checklist", p, FormatPDF)
	}
}
