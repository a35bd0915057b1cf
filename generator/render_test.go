package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

var genTime = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func newTestGenerator(t testing.TB) *Generator {
	t.Helper()
	g, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func loadSample(t testing.TB, name string) *partnership.Partnership {
	t.Helper()
	b, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func render(t testing.TB, g *Generator, kind string, p *partnership.Partnership, f Format) *Document {
	t.Helper()
	doc, err := g.Render(context.Background(), Request{Kind: kind, Format: f, Partnership: p, At: genTime})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// agreementSections are the sections DOMAIN.md requires of every agreement.
var agreementSections = []string{
	"Definitions", "Legal powers", "Term", "Purpose", "Principles", "Membership",
	"Representation", "Statutory duties", "Governance", "Reporting", "Finance",
	"Intellectual property", "Risk", "Information sharing", "Freedom of information",
	"Communications", "Complaints", "Disputes", "Variation", "Exit",
	"No partnership", "Governing law", "Signatures",
}

func TestAgreementPDFEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			if refusedAsExcluded(t, g, "agreement", p) {
				return
			}
			doc := render(t, g, "agreement", p, FormatPDF)
			pdftest.Check(t, doc.Bytes)
			text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
			info := pdftest.Info(t, doc.Bytes)
			pages := pdftest.Pages(t, doc.Bytes)
			if info["Title"] != "Partnership Agreement — "+p.Name || info["Author"] != g.council.Name {
				t.Errorf("metadata: title %q, author %q", info["Title"], info["Author"])
			}
			if pages < 3 {
				t.Errorf("only %d pages: not a realistic agreement", pages)
			}
			wantText(t, text, fmt.Sprintf("Page 1 of %d", pages), fmt.Sprintf("Page %d of %d", pages, pages),
				"DRAFT", p.Name, g.council.Name)
			for _, partner := range p.Partners {
				wantText(t, text, partner.Name)
			}
			for _, s := range agreementSections {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
					t.Errorf("no section %q", s)
				}
			}
			if !bytes.Contains(doc.Bytes, []byte("/Lang (en-GB)")) {
				t.Error("catalogue has no /Lang (en-GB)")
			}
		})
	}
}

func wantText(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, pdftest.Flat(w)) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

// Every heading the outline holds is printed with its number and has a
// bookmark, and every cross-reference names a clause that exists.
func TestAgreementHeadingsBookmarksAndReferences(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
	if err != nil {
		t.Fatal(err)
	}
	doc := render(t, g, "agreement", p, FormatPDF)
	text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
	marks := strings.Join(pdftest.Outline(t, doc.Bytes), "\n")
	numbers := map[string]bool{}
	for _, b := range o.Blocks {
		if b.Number != "" {
			numbers[b.Number] = true
		}
		if b.Kind != outline.Heading {
			continue
		}
		wantText(t, text, b.HeadingText())
		if !strings.Contains(marks, b.HeadingText()) {
			t.Errorf("no bookmark for %q", b.HeadingText())
		}
	}
	for id, label := range o.Labels {
		n := strings.TrimPrefix(label, "clause ")
		if strings.HasPrefix(label, "clause ") && !numbers[n] {
			t.Errorf("#%s is labelled %q but no clause has that number", id, label)
		}
	}
}

func TestPDFIsDeterministic(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "community-partnership.json")
	a := render(t, g, "agreement", p, FormatPDF)
	b := render(t, g, "agreement", p, FormatPDF)
	if !bytes.Equal(a.Bytes, b.Bytes) || a.SHA256 != b.SHA256 {
		t.Fatal("same input and time gave different PDFs")
	}
	p.Partners[0].Name += " Ltd"
	c := render(t, g, "agreement", p, FormatPDF)
	if bytes.Equal(a.Bytes, c.Bytes) || a.InputFingerprint == c.InputFingerprint {
		t.Fatal("a changed partner name gave the same PDF or fingerprint")
	}
}

// Names in Polish, Romanian, Welsh, Irish, Greek and Cyrillic, with £, €
// and curly quotes, print exactly as entered, with no warning.
func TestNonEnglishNamesPrint(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "community-partnership.json")
	doc := render(t, g, "agreement", p, FormatPDF)
	for _, w := range doc.Warnings {
		if w.Path != "legal_instrument" { // the sample records an MoU: that warning is right
			t.Errorf("unexpected warning: %+v", w)
		}
	}
	text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
	for _, want := range []string{"ł", "ż", "ș", "ț", "ŵ", "ŷ", "Ó", "Γ", "Ол", "£", "€", "“", "’"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, partner := range p.Partners {
		wantText(t, text, partner.Name)
		if partner.Signatory != nil {
			wantText(t, text, partner.Signatory.Name)
		}
	}
}

// Text the PDF cannot show is never dropped silently: the document carries a
// warning naming the field.
func TestUnprintableCharactersWarn(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	p.Partners[0].Name = "جمعية الخير Trust"
	p.Purpose += " 日本語"
	doc := render(t, g, "agreement", p, FormatPDF)
	paths := map[string]bool{}
	for _, w := range doc.Warnings {
		paths[w.Path] = true
	}
	if !paths["partners[0].name"] || !paths["purpose"] {
		t.Fatalf("warnings %+v do not name partners[0].name and purpose", doc.Warnings)
	}
}

func TestMarkdownMetacharactersPrintAsWritten(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "awkward-names.json")
	for _, f := range []Format{FormatPDF, FormatHTML} {
		doc := render(t, g, "agreement", p, f)
		var text string
		if f == FormatPDF {
			text = pdftest.Flat(pdftest.Text(t, doc.Bytes))
		} else {
			text = pdftest.Flat(htmlText(string(doc.Bytes)))
		}
		for _, partner := range p.Partners {
			if !strings.Contains(text, pdftest.Flat(partner.Name)) {
				t.Errorf("%s lacks %q", f, partner.Name)
			}
		}
	}
}

func TestUnknownKindAndFormat(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	_, err := g.Render(context.Background(), Request{Kind: "nonsense", Partnership: p})
	if partnership.ErrorCode(err) != partnership.ENotFound {
		t.Errorf("unknown kind: %v", err)
	}
	_, err = g.Render(context.Background(), Request{Kind: "agreement", Format: "odt", Partnership: p})
	if partnership.ErrorCode(err) != partnership.EInvalid {
		t.Errorf("unknown format: %v", err)
	}
}

// refusedAsExcluded reports whether §3 excludes the arrangement, and then
// checks that kind is refused with a 422 that says why in words (no raw
// enumeration value) and names the field that decided it.
func refusedAsExcluded(t *testing.T, g *Generator, kind string, p *partnership.Partnership) bool {
	t.Helper()
	a := g.Assess(p, genTime)
	if !a.Classification.Excluded() {
		return false
	}
	_, err := g.Render(context.Background(), Request{Kind: kind, Partnership: p, At: genTime})
	var perr *partnership.Error
	switch {
	case !errors.As(err, &perr) || perr.Code != partnership.EUnprocessable:
		t.Errorf("%s for an arrangement §3 excludes (%s): error %v, want it refused as unprocessable", kind, a.Classification, err)
	case strings.Contains(perr.Message, string(a.Classification)) || !strings.Contains(perr.Message, a.Reason):
		t.Errorf("the refusal does not give §3's reason in words: %s", perr.Message)
	case len(perr.Problems) != 1 || perr.Problems[0].Path != "legal_instrument" && !strings.HasPrefix(perr.Problems[0].Path, "arrangement"):
		t.Errorf("the refusal names %+v, want the field that decided it", perr.Problems)
	}
	return true
}
