package generator

import (
	"context"
	"slices"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// pageLines is each page's body lines (without the running header and
// footer), top to bottom.
func pageLines(t *testing.T, pdf []byte) [][]string {
	t.Helper()
	const top, bottom = 24.0*72/25.4 - 2, (297-22.0)*72/25.4 + 2
	return pdftest.Lines(t, pdf, top, bottom)
}

// printedHeading is a heading as the PDF prints it, number first.
func printedHeading(b *outline.Block) string {
	switch {
	case b.Schedule:
		return b.Number + ": " + b.HeadingText()
	case b.Number != "":
		return b.Number + " " + b.HeadingText()
	}
	return b.HeadingText()
}

// quoteText is a signature block's text as one line.
func quoteText(b *outline.Block) string {
	var s strings.Builder
	for _, c := range b.Children {
		for _, sp := range c.Spans {
			s.WriteString(sp.Text)
			if sp.BR {
				s.WriteString(" ")
			}
		}
		s.WriteString(" ")
	}
	return pdftest.Flat(s.String())
}

// flowed is a paragraph or list item's text, as the line breaker flows it.
type flowed struct {
	text   string // flattened
	leadIn bool   // a paragraph a table follows
}

// TestPDFPagesReadWell renders every kind of every sample and reads each
// page back: no page ends with a heading or with a table's lead-in (the
// table would start the next page), none ends with the first line of a
// paragraph or list item alone or starts with its last line alone, every
// signature and decision block is whole on one page, and a document that
// ends with one does not leave it alone on the last page.
func TestPDFPagesReadWell(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	g := newTestGenerator(t)
	checked := 0
	for _, kind := range g.Kinds() {
		meta, _ := g.templates.Meta(kind)
		for _, name := range samples.Names() {
			p := loadSample(t, name)
			doc, err := g.Render(context.Background(), Request{Kind: kind, Format: FormatPDF, Partnership: p, At: genTime})
			if partnership.ErrorCode(err) == partnership.EUnprocessable {
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", kind, name, err)
			}
			o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(kind+"/"+strings.TrimSuffix(name, ".json"), func(t *testing.T) {
				checkPages(t, o, doc.Bytes)
			})
			checked++
		}
	}
	if checked < 30 {
		t.Errorf("only %d documents checked", checked)
	}
}

func checkPages(t *testing.T, o *outline.Outline, pdf []byte) {
	t.Helper()
	var headings []string
	var texts []flowed
	var quotes []string
	for i, b := range o.Blocks {
		switch b.Kind {
		case outline.Heading:
			headings = append(headings, pdftest.Flat(printedHeading(b)))
		case outline.Paragraph:
			lead := i+1 < len(o.Blocks) && o.Blocks[i+1].Kind == outline.Table
			texts = append(texts, flowed{text: pdftest.Flat(outline.Text(b.Spans)), leadIn: lead})
		case outline.List:
			for _, item := range b.Items {
				texts = append(texts, flowed{text: pdftest.Flat(outline.Text(item))})
			}
		case outline.Quote:
			quotes = append(quotes, quoteText(b))
		}
	}
	pages := pageLines(t, pdf)
	for n, lines := range pages {
		if len(lines) == 0 {
			t.Errorf("page %d is empty", n+1)
			continue
		}
		last := lines[len(lines)-1]
		// The heading whole, number and all, at the page's foot (over up to
		// three lines, as a long one wraps): a table cell that repeats its
		// words, as a schedule's "See clause 12.6" row does, is not one.
		tail := pdftest.Flat(strings.Join(lines[max(0, len(lines)-3):], " "))
		for _, h := range headings {
			if strings.HasSuffix(tail, h) {
				t.Errorf("page %d ends with the heading %q", n+1, h)
			}
		}
		for _, f := range texts {
			body := stripLabel(last, f.text)
			switch {
			case f.leadIn && strings.HasSuffix(f.text, last) && len(last) > 8:
				t.Errorf("page %d ends with the lead-in %q; its table starts the next page", n+1, f.text)
			case n+1 < len(pages) && len(pages[n+1]) > 0 && body != "" && strings.HasPrefix(f.text, body) &&
				len(f.text) > len(body) && strings.Contains(f.text, pages[n+1][0]) && len(body) > 8:
				t.Errorf("page %d ends with the first line of %q alone", n+1, f.text)
			}
			if first := lines[0]; n > 0 && strings.HasSuffix(f.text, first) && len(f.text) > len(first) && len(first) > 8 &&
				len(pages[n-1]) > 0 && strings.Contains(f.text, stripLabel(pages[n-1][len(pages[n-1])-1], f.text)) {
				t.Errorf("page %d starts with the last line of %q alone", n+1, f.text)
			}
		}
	}
	raw := strings.Split(pdftest.Text(t, pdf), "\f")
	for _, q := range quotes {
		if !slices.ContainsFunc(raw, func(page string) bool { return strings.Contains(pdftest.Flat(page), q) }) {
			t.Errorf("the signature block %q is not whole on one page", q)
		}
	}
	if lastBlock := o.Blocks[len(o.Blocks)-1]; lastBlock.Kind == outline.Quote && len(pages) > 1 {
		lines := pages[len(pages)-1]
		own := 0
		for _, c := range lastBlock.Children {
			own++
			for _, sp := range c.Spans {
				if sp.BR {
					own++
				}
			}
		}
		if len(lines) <= own {
			t.Errorf("the last page holds only the last signature block: %q", lines)
		}
	}
}

// stripLabel is line without the clause number or list label it starts
// with, when text does not start so.
func stripLabel(line, text string) string {
	first, rest, ok := strings.Cut(line, " ")
	if ok && !strings.HasPrefix(text, first) {
		return rest
	}
	return line
}
