package pdf

import (
	"math"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
)

func parseTable(t *testing.T, md string) *outline.Block {
	t.Helper()
	o, err := outline.Parse([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range o.Blocks {
		if b.Kind == outline.Table {
			return b
		}
	}
	t.Fatal("no table")
	return nil
}

// The columns of a register like the one that broke (issue 13): every
// column at least as wide as its widest word and its short header, the
// number columns right-aligned and no wider than their headers need, and
// the text columns sharing the rest in proportion to their text.
func TestColumnsFromContent(t *testing.T) {
	var md strings.Builder
	md.WriteString("| Ref | Risk | Likelihood | Score | Mitigation |\n|---|---|---|---|---|\n")
	for range 6 {
		md.WriteString("| R10 | Partnership Board members cannot agree | 3 | 12 | " +
			"Safeguarding pathway agreed with the Northamptonshire Safeguarding Adults Board; delegated decisions; a timetable fixed at the first meeting of the Partnership Board |\n")
	}
	b := parseTable(t, md.String())
	r := newRenderer(t)
	w := &pdfWriter{reg: r.faces.Regular, bold: r.faces.Bold}
	widths, align := w.columns(b)
	if total := sum(widths); math.Abs(total-textW) > 1e-6 {
		t.Errorf("the columns are %.3f mm together, the text %.3f mm", total, textW)
	}
	need := func(s string, bold bool) float64 { return w.textWidth(s, bold, tableSize) + 2*cellPad }
	for i, word := range []string{"R10", "Partnership", "Likelihood", "Score", "Northamptonshire"} {
		if widths[i] < need(word, i == 2 || i == 3) {
			t.Errorf("column %d is %.1f mm, narrower than %q", i, widths[i], word)
		}
	}
	for _, i := range []int{2, 3} {
		if align[i] != outline.AlignRight {
			t.Errorf("column %d holds numbers and is not right-aligned", i)
		}
	}
	if want := need("Likelihood", true) + fitSlack; math.Abs(widths[2]-want) > 1e-6 {
		t.Errorf("the Likelihood column is %.2f mm, its header needs %.2f", widths[2], want)
	}
	if widths[4] < 2*widths[1] {
		t.Errorf("Mitigation holds over three times Risk's text and gets %.1f mm to Risk's %.1f", widths[4], widths[1])
	}
}

// A word wider than its column can be is hyphenated visibly; a compound
// word breaks after its own hyphen first.
func TestSplitWordHyphenates(t *testing.T) {
	r := newRenderer(t)
	w := &pdfWriter{reg: r.faces.Regular, bold: r.faces.Bold}
	for _, c := range []struct {
		word  string
		width float64
		want  string
	}{
		{"QuaxworthBrackenbridgeCommunityHealthAndWellbeingCollectives", 30, ""},
		{"Northamptonshire-wide", 30, "Northamptonshire-|wide"},
	} {
		pieces := w.splitWord(c.word, false, tableSize, c.width)
		if c.want != "" && strings.Join(pieces, "|") != c.want {
			t.Errorf("%q in %.0f mm: %q, want %q", c.word, c.width, pieces, c.want)
		}
		var joined strings.Builder
		for i, p := range pieces {
			if w.textWidth(p, false, tableSize) > c.width {
				t.Errorf("%q: piece %q is wider than %.0f mm", c.word, p, c.width)
			}
			if i < len(pieces)-1 && !strings.HasSuffix(p, "-") {
				t.Errorf("%q: piece %q ends without a hyphen", c.word, p)
			}
			if i < len(pieces)-1 && !strings.Contains(c.word, p) {
				p = strings.TrimSuffix(p, "-")
			}
			joined.WriteString(p)
		}
		if joined.String() != c.word {
			t.Errorf("%q: the pieces %q make %q", c.word, pieces, joined.String())
		}
	}
}
