package pdf

import (
	"fmt"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

// keepDocument is a document whose heading, paragraph, lead-in, table and
// signature blocks start lower down the page as fillers (one-line
// paragraphs) and shift (two-line ones) grow, so that across the sweep
// each of them meets the foot of a page.
func keepDocument(t *testing.T, fillers, shift int) *outline.Outline {
	t.Helper()
	var md strings.Builder
	md.WriteString("# Keep test\n\n")
	for i := range fillers {
		fmt.Fprintf(&md, "Filler paragraph %d.\n\n", i+1)
	}
	for range shift {
		md.WriteString("A paragraph of two lines that moves what follows it down the page by a little more than a one-line paragraph does, so that each gap is met.\n\n")
	}
	md.WriteString("## Kilo heading {#kilo}\n\n")
	md.WriteString("Alpha begins a paragraph of four lines" + strings.Repeat(" which goes on and on", 14) + " and ends with Omega.\n\n")
	md.WriteString("Leadin: the table follows.\n\n| Colhead | Value |\n|---|--:|\n| first row | 1 |\n| second row | 2 |\n\n")
	md.WriteString("Signed by the parties.\n\n")
	for _, s := range []string{"Sigone", "Sigtwo", "Sigthree", "Sigfour", "Sigfive"} {
		fmt.Fprintf(&md, "> **%s for the partner**\\\n> Signature: ........\\\n> Name: A Person\\\n> Title: Chief Executive\\\n> Date: %send\n\n", s, s)
	}
	o, err := outline.Parse([]byte(md.String()))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// where is the page and line of the first line holding word, and how many
// lines that page has.
func where(pages [][]string, word string) (page, line, lines int) {
	for p, ls := range pages {
		for l, s := range ls {
			if strings.Contains(s, word) {
				return p, l, len(ls)
			}
		}
	}
	return -1, -1, 0
}

// A document built to put a heading, a paragraph's first and last lines, a
// table's lead-in and signature blocks at the foot of a page, one after
// another: the heading is never a page's last line, the paragraph never
// leaves one line alone, the lead-in shares its page with the table's
// header, each signature block is whole and the last is not alone.
func TestKeepTogether(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	r := newRenderer(t)
	const top, bottom = marginTop*ptPerMM - 2, (pageH-marginBottom)*ptPerMM + 2
	m := meta
	m.Draft = false
	seen := map[string]bool{} // the page breaks the sweep met
	for fillers := 14; fillers <= 34; fillers++ {
		for shift := range 2 {
			b, err := r.Render(keepDocument(t, fillers, shift), m)
			if err != nil {
				t.Fatal(err)
			}
			pages := pdftest.Lines(t, b, top, bottom)
			name := fmt.Sprintf("%d fillers, %d shifts", fillers, shift)
			check := func(ok bool, format string, args ...any) {
				if !ok {
					t.Errorf(name+": "+format, args...)
				}
			}
			hp, hl, hn := where(pages, "Kilo")
			check(hp >= 0 && hl < hn-1, "the heading is its page's last line")
			ap, al, an := where(pages, "Alpha")
			check(ap == hp && al == hl+1, "the paragraph does not follow its heading on its page")
			check(al < an-1, "the paragraph's first line is alone at the foot of page %d", ap+1)
			op, ol, _ := where(pages, "Omega")
			check(ol > 0 || op == ap, "the paragraph's last line is alone at the top of page %d", op+1)
			lp, _, _ := where(pages, "Leadin")
			cp, _, _ := where(pages, "Colhead")
			check(lp == cp, "the lead-in is on page %d, its table's header on page %d", lp+1, cp+1)
			fp, _, _ := where(pages, "first row")
			check(fp == cp, "the table's header is on page %d, its first row on page %d", cp+1, fp+1)
			for _, s := range []string{"Sigone", "Sigtwo", "Sigthree", "Sigfour", "Sigfive"} {
				sp, _, _ := where(pages, s+" for")
				ep, _, _ := where(pages, s+"end")
				check(sp == ep, "%s's signature block runs from page %d to %d", s, sp+1, ep+1)
			}
			last, _, _ := where(pages, "Sigfive for")
			four, _, _ := where(pages, "Sigfour for")
			check(last == four, "the last signature block is alone on page %d", last+1)
			one, _, _ := where(pages, "Sigone for")
			seen["heading starts a page"] = seen["heading starts a page"] || hp > 0 && hl == 0
			seen["paragraph split"] = seen["paragraph split"] || op != ap
			seen["lead-in starts a page"] = seen["lead-in starts a page"] || lp > ap
			seen["signatures split"] = seen["signatures split"] || one != last
		}
	}
	// The sweep is only a test if it moved each block over a page break.
	for _, k := range []string{"heading starts a page", "paragraph split", "lead-in starts a page", "signatures split"} {
		if !seen[k] {
			t.Errorf("the sweep never has the %s", k)
		}
	}
}
