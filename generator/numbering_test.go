package generator

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// A template with a conditional clause in the middle and cross-references to
// clauses on both sides of it: the renderer must renumber, leave no gap, and
// make every reference follow.
const numberingTemplate = `---
id: numbering
kind: numbering
title: Numbering Test
version: 0.0.1
---
# Numbering Test

## Definitions {#definitions}

Words have the meanings in this clause. Notice is given under [](#exit); money is in [](#schedule-money).

{{if .P.Exit}}
## Withdrawal notice {#notice}

A partner may leave on notice.

### Notice in writing {#notice-writing}

Notice is given in writing.

Notice takes effect at the end of the period.
{{end}}
## Exit {#exit}

Exit follows [](#definitions){{if .P.Exit}} and [](#notice-writing){{end}}.

## Money {#schedule-money .schedule}

Amounts are in pounds.
`

func TestNumberingFollowsConditionalClauses(t *testing.T) {
	fsys := fstest.MapFS{"numbering/document.md.tmpl": {Data: []byte(numberingTemplate)}}
	g, err := New(Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	with := loadSample(t, "waste-partnership.json")
	if with.Exit == nil {
		t.Fatal("the sample needs an exit strategy for this test")
	}
	without := *with
	without.Exit = nil
	cases := []struct {
		name string
		p    *partnership.Partnership
	}{{"with-notice", with}, {"without-notice", &without}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := render(t, g, "numbering", c.p, FormatPDF)
			got := bodyLines(pdftest.Text(t, doc.Bytes))
			golden(t, filepath.Join("testdata", "numbering-"+c.name+".txt"), got)
		})
	}
}

// bodyLines drops the running header and footer, which carry the page
// count and the template version.
func bodyLines(text string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "Page ") || strings.HasPrefix(l, "Template ") || strings.Contains(l, "DRAFT") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n") + "\n"
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(go test -update rewrites it)", path, i+1, gl, wl)
		}
	}
}
