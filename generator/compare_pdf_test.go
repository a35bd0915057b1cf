package generator

import (
	"context"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
)

// TestComparePDF: the PDF redline of a known pair (see redlinePair) opens
// with the summary and holds the inserted and deleted words, each named in
// words, as pdftotext reads them; qpdf finds the file sound.
func TestComparePDF(t *testing.T) {
	g := newTestGenerator(t)
	req := redlinePair(t)
	req.Format = FormatPDF
	doc, err := g.Compare(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if doc.ContentType != "application/pdf" {
		t.Errorf("content type %q", doc.ContentType)
	}
	pdftest.Check(t, doc.Bytes)
	text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
	summary := strings.Index(text, "Summary of changes")
	if summary < 0 {
		t.Fatalf("no summary in the PDF redline:\n%s", text)
	}
	for _, want := range []string{
		"Older: Version 1", "Newer: Version 2", "Clauses removed: 1", "Clauses renumbered:",
		"[deleted: 5][inserted: 4]", "[inserted: Rushden Town Council",
		"[deleted: Contributions of staff, assets and other resources in kind",
	} {
		i := strings.Index(text, want)
		switch {
		case i < 0:
			t.Errorf("the PDF redline does not say %q", want)
		case i < summary:
			t.Errorf("%q comes before the summary", want)
		}
	}
	again, err := g.Compare(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Bytes) != string(doc.Bytes) {
		t.Error("the PDF redline is not the same twice")
	}
}
