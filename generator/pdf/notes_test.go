package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

// Fill colours as the content streams set them (fpdf writes r g b rg).
const (
	highlightFill = "1.000 0.925 0.549 rg" // a placeholder
	notesFill     = "0.953 0.949 0.945 rg" // the drafting notes box
)

// uncompressed is the PDF with its streams inflated by qpdf, so a test can
// read the drawing operators.
func uncompressed(t *testing.T, pdf []byte) string {
	t.Helper()
	qpdf := pdftest.Tool(t, "qpdf", "qpdf")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func renderMarkdown(t *testing.T, r *Renderer, md string, box *outline.Block) []byte {
	t.Helper()
	o, err := outline.Parse([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if box != nil {
		o.Blocks = append(o.Blocks[:1:1], append([]*outline.Block{box}, o.Blocks[1:]...)...)
	}
	b, err := r.Render(o, outline.Meta{Title: "Test", Council: "Test Council", At: at})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A placeholder is shaded, its brackets and words kept; text without one
// is not shaded.
func TestPlaceholderHighlighted(t *testing.T) {
	r := newRenderer(t)
	with := renderMarkdown(t, r, "# T\n\n## Term {#term}\n\nNotice of [notice period to be confirmed] months, long enough to wrap across the line so that the placeholder's words may fall on two lines of the clause.\n", nil)
	without := renderMarkdown(t, r, "# T\n\n## Term {#term}\n\nNotice of three months.\n", nil)
	if !strings.Contains(uncompressed(t, with), highlightFill) {
		t.Error("the placeholder is not shaded")
	}
	if strings.Contains(uncompressed(t, without), highlightFill) {
		t.Error("text with no placeholder is shaded")
	}
	if text := pdftest.Flat(pdftest.Text(t, with)); !strings.Contains(text, "[notice period to be confirmed]") {
		t.Errorf("the placeholder's brackets or words are lost: %q", text)
	}
}

// The drafting notes box is shaded and bordered, prints its title, text
// and items, and takes no number: the clause after it is still 1.
func TestNotesBox(t *testing.T) {
	r := newRenderer(t)
	box := &outline.Block{Kind: outline.Notes, Children: []*outline.Block{
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Drafting notes", Bold: true}}},
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Left out of the approved copy."}}},
		{Kind: outline.List, Items: [][]outline.Span{{{Text: "First note."}}, {{Text: "[term to be confirmed]: clause 1."}}}},
	}}
	b := renderMarkdown(t, r, "# T\n\n## Term {#term}\n\nThree months.\n", box)
	raw := uncompressed(t, b)
	if !strings.Contains(raw, notesFill) || !strings.Contains(raw, " re B") {
		t.Error("the box is not drawn shaded and bordered")
	}
	text := pdftest.Flat(pdftest.Text(t, b))
	want := "T Drafting notes Left out of the approved copy. • First note. • [term to be confirmed]: clause 1. 1 Term 1.1 Three months."
	if !strings.Contains(text, want) {
		t.Errorf("text %q lacks %q", text, want)
	}
}

// A box longer than a page runs on to the next page, boxed on each.
func TestNotesBoxAcrossPages(t *testing.T) {
	r := newRenderer(t)
	list := &outline.Block{Kind: outline.List}
	for range 90 {
		list.Items = append(list.Items, []outline.Span{{Text: "A note long enough to matter."}})
	}
	box := &outline.Block{Kind: outline.Notes, Children: []*outline.Block{
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Drafting notes", Bold: true}}}, list}}
	b := renderMarkdown(t, r, "# T\n\n## Term {#term}\n\nThree months.\n", box)
	if n := pdftest.Pages(t, b); n < 2 {
		t.Fatalf("%d page(s): the box should run over", n)
	}
	if got := strings.Count(uncompressed(t, b), notesFill); got < 2 {
		t.Errorf("the box is shaded on %d page(s), want each", got)
	}
	if got := strings.Count(pdftest.Text(t, b), "A note long enough to matter."); got != 90 {
		t.Errorf("%d of 90 notes printed", got)
	}
}
