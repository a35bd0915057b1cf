package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

// clauses is an outline of n clauses of a few paragraphs each.
func clauses(t *testing.T, n int) *outline.Outline {
	t.Helper()
	var md strings.Builder
	md.WriteString("# Test Agreement\n\nA title block paragraph.\n\n")
	for i := range n {
		fmt.Fprintf(&md, "## Clause %d {#c%d}\n\n", i+1, i+1)
		for range 3 {
			md.WriteString(strings.Repeat("The Partners shall work together in good faith to the ends this clause names. ", 5) + "\n\n")
		}
	}
	o, err := outline.Parse([]byte(md.String()))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestContentsOverEightPages: a document has a contents list exactly when,
// laid out without one, it runs over eight pages, near the limit too,
// where layout's guess from the length of the text cannot settle it.
func TestContentsOverEightPages(t *testing.T) {
	pdftest.Require(t, "qpdf")
	r := newRenderer(t)
	faces, err := r.parsed()
	if err != nil {
		t.Fatal(err)
	}
	near := 0
	for n := 14; n <= 32; n++ {
		o := clauses(t, n)
		plain := r.draw(o, meta, faces, nil).pdf.PageNo()
		b, err := r.Render(o, meta)
		if err != nil {
			t.Fatal(err)
		}
		listed := slices.Contains(pdftest.Outline(t, b), "Contents")
		if listed != (plain > maxUnlisted) {
			t.Errorf("%d clauses, %d pages without a contents list: listed %v", n, plain, listed)
		}
		if plain >= maxUnlisted-1 && plain <= maxUnlisted+2 {
			near++
		}
		t.Logf("%d clauses: %d pages without a list, listed %v, guessed %v", n, plain, listed, likelyListed(o))
	}
	if near < 3 {
		t.Errorf("only %d documents near the limit", near)
	}
}
