package pdf

import (
	"strings"
	"unicode"

	"partnerdocs/generator/outline"
)

// missingGlyph is what the PDF prints for a character its fonts lack: a
// visible mark, never nothing. The generator names each field holding one
// in a warning (generator.coverage), and the HTML and Word copies show it.
const missingGlyph = '?'

// drawable reports whether both faces have a glyph for c and fpdf can
// place it: fpdf keeps glyph widths in a table of the Basic Multilingual
// Plane, and a character beyond it (an emoji, a mathematical letter, a
// rare CJK ideograph) made it panic with "index out of range [65536]".
func (r *Renderer) drawable(c rune) bool {
	return c <= 0xFFFF && r.faces.Regular.Has(c) && r.faces.Bold.Has(c)
}

// substituted is s with every character the PDF cannot draw replaced by
// missingGlyph, except the invisible ones (format characters such as the
// tags of a flag emoji, and variation selectors), which are left out
// (spaces and controls are left to the layout).
func (r *Renderer) substituted(s string) string {
	if !strings.ContainsFunc(s, r.undrawable) {
		return s
	}
	return strings.Map(func(c rune) rune {
		switch {
		case !r.undrawable(c):
			return c
		case unicode.In(c, unicode.Cf, unicode.Variation_Selector):
			return -1
		}
		return missingGlyph
	}, s)
}

// undrawable reports whether c is a character the PDF must replace; ASCII,
// spaces and controls are the layout's.
func (r *Renderer) undrawable(c rune) bool {
	return c >= 0x80 && !unicode.IsSpace(c) && !unicode.IsControl(c) && !r.drawable(c)
}

// drawableOutline is o with every text the PDF draws made drawable: o
// itself when nothing needs replacing (nearly always), else a copy, so the
// caller's outline is never changed.
func (r *Renderer) drawableOutline(o *outline.Outline, m outline.Meta) (*outline.Outline, outline.Meta) {
	// The metadata too: fpdf writes it as UTF-16 without surrogate pairs,
	// so a character beyond the BMP came out as another character.
	for _, s := range []*string{&m.Title, &m.Subject, &m.Keywords, &m.Council, &m.Footer, &m.Ref} {
		*s = r.substituted(*s)
	}
	if !r.outlineNeeds(o.Blocks) {
		return o, m
	}
	c := *o
	c.Blocks = r.blocks(o.Blocks)
	return &c, m
}

func (r *Renderer) outlineNeeds(blocks []*outline.Block) bool {
	for _, b := range blocks {
		needs := r.spansNeed(b.Spans) || r.cellsNeed(b.Items) || r.cellsNeed(b.Header) || r.outlineNeeds(b.Children)
		for _, row := range b.Rows {
			needs = needs || r.cellsNeed(row)
		}
		if needs || strings.ContainsFunc(b.Number, r.undrawable) {
			return true
		}
	}
	return false
}

func (r *Renderer) spansNeed(spans []outline.Span) bool {
	for _, s := range spans {
		if strings.ContainsFunc(s.Text, r.undrawable) {
			return true
		}
	}
	return false
}

func (r *Renderer) cellsNeed(cells [][]outline.Span) bool {
	for _, c := range cells {
		if r.spansNeed(c) {
			return true
		}
	}
	return false
}

func (r *Renderer) blocks(in []*outline.Block) []*outline.Block {
	out := make([]*outline.Block, len(in))
	for i, b := range in {
		c := *b
		c.Number = r.substituted(b.Number)
		c.Spans = r.spans(b.Spans)
		c.Items = r.cells(b.Items)
		c.Header = r.cells(b.Header)
		if b.Rows != nil {
			c.Rows = make([][][]outline.Span, len(b.Rows))
			for j, row := range b.Rows {
				c.Rows[j] = r.cells(row)
			}
		}
		c.Children = r.blocks(b.Children)
		out[i] = &c
	}
	return out
}

func (r *Renderer) cells(in [][]outline.Span) [][]outline.Span {
	if in == nil {
		return nil
	}
	out := make([][]outline.Span, len(in))
	for i, c := range in {
		out[i] = r.spans(c)
	}
	return out
}

func (r *Renderer) spans(in []outline.Span) []outline.Span {
	if in == nil {
		return nil
	}
	out := make([]outline.Span, len(in))
	for i, s := range in {
		s.Text = r.substituted(s.Text)
		out[i] = s
	}
	return out
}
