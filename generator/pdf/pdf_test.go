package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

var at = time.Date(2026, time.April, 1, 9, 30, 0, 0, time.UTC)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	faces, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return New(faces)
}

// document is a short outline with a table long enough to run over a page.
func document(t testing.TB) *outline.Outline {
	t.Helper()
	var md strings.Builder
	md.WriteString("# Test Agreement\n\n## Parties {#parties}\n\nThe parties are named in [](#money).\n\n")
	md.WriteString("## Money {#money .schedule}\n\n| Partner | Share |\n|:--|--:|\n")
	for i := range 120 {
		fmt.Fprintf(&md, "| Partner number %d | £%d |\n", i+1, 1000*(i+1))
	}
	o, err := outline.Parse([]byte(md.String()))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var meta = outline.Meta{Title: "Test Agreement", Subject: "The Test Partnership", Keywords: "test; partnership",
	Council: "Test Council", Ref: "TP-1", Footer: "Template test v1.0.0", Draft: true, At: at}

func TestRender(t *testing.T) {
	pdftest.Require(t, "pdftotext", "pdfinfo", "qpdf")
	b, err := newRenderer(t).Render(document(t), meta)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, b)
	info := pdftest.Info(t, b)
	for k, want := range map[string]string{"Title": meta.Title + " — " + meta.Subject, "Author": meta.Council, "Subject": meta.Subject, "Keywords": meta.Keywords} {
		if info[k] != want {
			t.Errorf("%s is %q, want %q", k, info[k], want)
		}
	}
	pages := pdftest.Pages(t, b)
	if pages < 3 {
		t.Fatalf("%d pages: the schedule's table should start a page and run over another", pages)
	}
	text := pdftest.Text(t, b)
	flat := pdftest.Flat(text)
	for _, want := range []string{
		"1 Parties", "The parties are named in Schedule 1.", "Schedule 1: Money",
		"Test Council", "Test Agreement — DRAFT, not approved", "Template test v1.0.0", "TP-1",
		fmt.Sprintf("Page 1 of %d", pages), fmt.Sprintf("Page %d of %d", pages, pages), "Partner number 120 £120000",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the text lacks %q", want)
		}
	}
	// The header row is repeated on every page the table runs onto.
	if n := strings.Count(flat, "Partner Share"); n != pages-1 {
		t.Errorf("the table's header row is printed %d times over %d pages of table", n, pages-1)
	}
	marks := strings.Join(pdftest.Outline(t, b), "\n")
	for _, want := range []string{"Test Agreement", "1 Parties", "Schedule 1: Money"} {
		if !strings.Contains(marks, want) {
			t.Errorf("no bookmark %q in %q", want, marks)
		}
	}
}

// The same outline and metadata give the same bytes, from one renderer
// used twice and from two renderers.
func TestRenderIsDeterministic(t *testing.T) {
	r := newRenderer(t)
	first, err := r.Render(document(t), meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Renderer{r, newRenderer(t)} {
		again, err := r.Render(document(t), meta)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("two renderings of the same outline differ")
		}
	}
}

func TestApprovedCopyHasNoDraftMark(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	m := meta
	m.Draft = false
	b, err := newRenderer(t).Render(document(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, b); strings.Contains(text, "DRAFT") {
		t.Error("the approved copy says DRAFT")
	}
}

func TestPrintable(t *testing.T) {
	r := newRenderer(t)
	for c, want := range map[rune]bool{
		'A': true, 'é': true, 'Ł': true, 'Ж': true, '€': true,
		'ש': false, // Liberation Sans has Hebrew, but fpdf does not order it right to left
		'م': false, 0x4E2D: false, 0x1F600: false,
	} {
		if got := r.Printable(c); got != want {
			t.Errorf("Printable(%q) = %v, want %v", c, got, want)
		}
	}
}

// The faces are parsed once and shared by every document (fpdf's
// AddUTF8FontParsed). Two documents drawn at once with different characters
// must each come out exactly as when drawn alone: a subset that took the
// other document's characters, or lost its own, would differ.
func TestConcurrentDocumentsShareFacesSafely(t *testing.T) {
	r := newRenderer(t)
	docs := []string{
		"# Πρωτόκολλο\n\n## Μέρη\n\nΟι Εταίροι: Αθηνά Παπαδοπούλου και Ελένη Γεωργίου.\n",
		"# Protocol\n\n## Parties\n\nThe Partners: Zoë Brontë and Łukasz Żółć, **Ørsted & Æsir**.\n",
	}
	alone := make([][]byte, len(docs))
	outlines := make([]*outline.Outline, len(docs))
	for i, md := range docs {
		o, err := outline.Parse([]byte(md))
		if err != nil {
			t.Fatal(err)
		}
		outlines[i] = o
		if alone[i], err = r.Render(o, meta); err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Equal(alone[0], alone[1]) {
		t.Fatal("the two documents should differ")
	}
	errs := make(chan error, 8*len(docs))
	for range 8 {
		for i := range docs {
			go func() {
				b, err := r.Render(outlines[i], meta)
				if err == nil && !bytes.Equal(b, alone[i]) {
					err = fmt.Errorf("document %d drawn alongside others differs from the same document drawn alone", i)
				}
				errs <- err
			}()
		}
	}
	for range 8 * len(docs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Text is written to the page by a patched fpdf (third_party/fpdf/text.go)
// that encodes and escapes in one pass: the characters a PDF string must
// escape, and characters whose UTF-16 bytes are those characters (Ĩ is
// U+0128, a "(" byte; ĩ and Щ hold ")", Ŝ a backslash, č a carriage
// return), read back as written.
func TestTextThatNeedsEscapingReadsBack(t *testing.T) {
	pdftest.Require(t, "pdftotext", "qpdf")
	line := `Fees (net) \ gross: £1,000 — “agreed”, Ĩĩ Ŝ Ščepanović Щука`
	o, err := outline.Parse([]byte("# Escapes\n\n" + line + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := newRenderer(t).Render(o, meta)
	if err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, b)
	text := pdftest.Text(t, b)
	if !strings.Contains(text, line) {
		t.Errorf("the PDF's text lacks %q:\n%s", line, text)
	}
}
