package generator

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
)

var (
	contentsHeading = regexp.MustCompile(`(?m)^[ \t]*Contents[ \t]*$`)
	contentsEntry   = regexp.MustCompile(`^(.*\S) (\d+)$`)
	endsInPage      = regexp.MustCompile(`(?m)^.*\S[ \t]+(\d+)[ \t]*$`)
)

// pdfWithoutContents is a PDF's text as pdftotext -layout gives it (pages
// parted by form feeds) without its contents list, which repeats the
// headings: from the "Contents" line to the end of the page before the one
// its first entry names, where the body starts. Text without a list is
// returned as it is.
func pdfWithoutContents(text string) string {
	pages := strings.Split(text, "\f")
	for i, page := range pages {
		at := contentsHeading.FindStringIndex(page)
		if at == nil {
			continue
		}
		m := endsInPage.FindStringSubmatch(page[at[1]:])
		if m == nil {
			return text
		}
		body, _ := strconv.Atoi(m[1])
		if body <= i+1 || body > len(pages) {
			return text
		}
		kept := append(slices.Clone(pages[:i]), page[:at[0]])
		return strings.Join(append(kept, pages[body-1:]...), "\f")
	}
	return text
}

// tocLine is an entry of a contents list as the PDF prints it.
type tocLine struct {
	text string // the heading, number first
	page int
}

// contentsList reads a PDF's contents list from its pages' body lines
// (pageLines): its entries, and the pages it is printed on (from 1); no
// entries and 0, 0 when it has none.
func contentsList(t *testing.T, pages [][]string) (entries []tocLine, first, last int) {
	t.Helper()
	for i, lines := range pages {
		at := slices.Index(lines, "Contents")
		if at < 0 {
			continue
		}
		first = i + 1
		wrapped := ""
		for p := i; p < len(pages); p++ {
			if len(entries) > 0 && p+1 >= entries[0].page {
				break // the body
			}
			from := 0
			if p == i {
				from = at + 1
			}
			for _, l := range pages[p][from:] {
				m := contentsEntry.FindStringSubmatch(l)
				if m == nil {
					wrapped += l + " " // a long heading's first line
					continue
				}
				n, _ := strconv.Atoi(m[2])
				entries = append(entries, tocLine{text: wrapped + m[1], page: n})
				wrapped = ""
			}
			last = p + 1
		}
		if wrapped != "" {
			t.Errorf("the contents list ends with %.80q, which names no page", wrapped)
		}
		return entries, first, last
	}
	return nil, 0, 0
}

// TestPDFContentsList: the longest agreement opens with a contents list
// after its title block and drafting notes, naming the headings the Word
// copy's contents do, in order, each with the page pdftotext finds it
// printed on (the page whose footer says so), each a link to that page.
func TestPDFContentsList(t *testing.T) {
	pdftest.Require(t, "pdftotext", "pdfinfo", "qpdf")
	g := newTestGenerator(t)
	p := loadSample(t, longestSample)
	doc := render(t, g, "agreement", p, FormatPDF)
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, b := range o.Blocks {
		if b.InContents() {
			want = append(want, pdftest.Flat(printedHeading(b)))
		}
	}
	pages := pageLines(t, doc.Bytes)
	entries, first, last := contentsList(t, pages)
	var got []string
	for _, e := range entries {
		got = append(got, e.text)
	}
	if len(want) < 30 || !slices.Equal(got, want) {
		t.Fatalf("the contents list names\n%q\nwant\n%q", got, want)
	}
	if first != 1 || !slices.Contains(pages[0], "Drafting notes") {
		t.Errorf("the list starts on page %d, not after the notes on page 1", first)
	}
	// Each page's text as pdftotext -layout reads it, footer and all.
	texts := strings.Split(pdfLayoutText(t, doc.Bytes), "\f")
	for _, e := range entries {
		checkPrintedOn(t, texts, pages, e, last)
	}
	checkContentsLinks(t, doc.Bytes, entries, first, last)
	// The list's tags are checkTagged's (TestTaggedPDFEveryKindAndSample).
}

// checkPrintedOn: the heading e names is printed on page e.page, whose
// footer gives that number, and on no other page after the list.
func checkPrintedOn(t *testing.T, texts []string, pages [][]string, e tocLine, last int) {
	t.Helper()
	if e.page <= last || e.page > len(pages) || e.page > len(texts) {
		t.Errorf("%q: page %d is not a page of the body", e.text, e.page)
		return
	}
	text := texts[e.page-1]
	if !strings.Contains(text, "Page "+strconv.Itoa(e.page)+" of ") {
		t.Errorf("page %d does not say it is page %d", e.page, e.page)
	}
	heads := func(lines []string) bool {
		for _, l := range lines {
			l = pdftest.Flat(l)
			if l == e.text || (len(l) > 8 && strings.HasPrefix(e.text, l+" ")) {
				return true
			}
		}
		return false
	}
	if !heads(strings.Split(text, "\n")) {
		t.Errorf("%q is not printed on page %d:\n%s", e.text, e.page, text)
	}
	for n := last + 1; n <= len(pages); n++ {
		if n != e.page && heads(pages[n-1]) {
			t.Errorf("%q is printed on page %d, and listed on page %d", e.text, n, e.page)
		}
	}
}

// checkContentsLinks: every entry is a link annotation on the list's
// pages, reaching from the entry's number to the right margin, to the
// page the entry names.
func checkContentsLinks(t *testing.T, pdf []byte, entries []tocLine, first, last int) {
	t.Helper()
	const rightMargin = (210 - 22.0) * 72 / 25.4
	o := pdftest.ReadObjects(t, pdf)
	pages := o.Pages(t)
	var targets []int
	for n := first; n <= last; n++ {
		page := o.Dict(t, pages[n-1])
		if page["/Annots"] == nil {
			continue
		}
		for _, a := range o.Array(t, page["/Annots"]) {
			annot := o.Dict(t, a)
			rect := o.Array(t, annot["/Rect"])
			if annot["/Subtype"] != "/Link" || math.Abs(rect[2].(float64)-rightMargin) > 0.5 {
				continue // a cross-reference in the notes
			}
			if annot["/StructParent"] == nil {
				t.Errorf("a link on page %d is not tagged", n)
			}
			dest := o.Array(t, annot["/Dest"])
			targets = append(targets, slices.Index(pages, dest[0].(string))+1)
		}
	}
	if len(targets) != len(entries) {
		t.Fatalf("%d links on the list's pages, for %d entries", len(targets), len(entries))
	}
	for i, e := range entries {
		if targets[i] != e.page {
			t.Errorf("%q links to page %d, not %d", e.text, targets[i], e.page)
		}
	}
}

// TestPDFShortDocumentHasNoContents: a document of eight pages or fewer
// (the checklist) has no contents list, nor its heading or bookmark (nor
// TOC element: see checkTagged).
func TestPDFShortDocumentHasNoContents(t *testing.T) {
	pdftest.Require(t, "pdftotext", "pdfinfo", "qpdf")
	g := newTestGenerator(t)
	doc := render(t, g, "checklist", loadSample(t, longestSample), FormatPDF)
	if n := pdftest.Pages(t, doc.Bytes); n > 8 || n < 2 {
		t.Fatalf("the checklist has %d pages; the test wants a short document", n)
	}
	if entries, first, _ := contentsList(t, pageLines(t, doc.Bytes)); first != 0 || len(entries) > 0 {
		t.Errorf("a contents list on page %d", first)
	}
	if slices.Contains(pdftest.Outline(t, doc.Bytes), "Contents") {
		t.Error("a Contents bookmark")
	}
}

// TestWithoutContents: the text the tests read the clauses from leaves
// the contents list out, and only it.
func TestWithoutContents(t *testing.T) {
	text := "Title\n\nContents\n1   Purpose   3\n\f2   More   4\n\f1   Purpose\n\fSchedule 1: Money\n"
	if got, want := pdfWithoutContents(text), "Title\n\n\f1   Purpose\n\fSchedule 1: Money\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	plain := "Title\n\n1   Purpose\n"
	if got := pdfWithoutContents(plain); got != plain {
		t.Errorf("text without a list became %q", got)
	}
}
