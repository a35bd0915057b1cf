package compare

import (
	"partnerdocs/generator/outline"
)

// clause is a heading and the blocks after it up to the next heading; the
// opening clause has no heading (the title is its first block).
type clause struct {
	head   *outline.Block
	blocks []*outline.Block
}

func (c clause) id() string {
	if c.head == nil {
		return ""
	}
	return c.head.ID
}

// key is what matches a clause across versions: its id, or its heading's
// text for a heading a council's own template left without one.
func (c clause) key() string {
	switch {
	case c.head == nil:
		return "\x00opening"
	case c.head.ID != "":
		return "#" + c.head.ID
	}
	return "\x00heading " + c.head.HeadingText()
}

// clauses splits an outline into its clauses.
func clauses(o *outline.Outline) []clause {
	out := []clause{{}}
	for _, b := range o.Blocks {
		if b.Kind == outline.Heading {
			out = append(out, clause{head: b})
			continue
		}
		out[len(out)-1].blocks = append(out[len(out)-1].blocks, asText(b))
	}
	return out
}

// asText is a block as the comparison sees it: a risk matrix is compared,
// and shown in a redline, as the paragraph its description in words is;
// its every risk's place is in it.
func asText(b *outline.Block) *outline.Block {
	if b.Kind != outline.RiskMatrix || b.Matrix == nil {
		return b
	}
	return &outline.Block{Kind: outline.Paragraph, Spans: []outline.Span{{Text: b.Matrix.Alt()}}}
}

// Compare compares two versions of a document, older first.
func Compare(old, new Version) *Result {
	d := newDiffer()
	ca, cb := clauses(old.Outline), clauses(new.Outline)
	ka, kb := make([]string, len(ca)), make([]string, len(cb))
	for i, c := range ca {
		ka[i] = c.key()
	}
	for i, c := range cb {
		kb[i] = c.key()
	}
	r := &Result{Old: old, New: new}
	for _, m := range d.matchKeys(ka, kb) {
		var s Section
		switch {
		case m.new < 0:
			s = wholeSection(ca[m.old], Removed)
		case m.old < 0:
			s = wholeSection(cb[m.new], Added)
		default:
			s = d.diffSection(ca[m.old], cb[m.new], m.moved)
		}
		r.Sections = append(r.Sections, s)
	}
	r.Summary = summarise(r.Sections)
	r.Summary.TemplateChanged = old.TemplateID != new.TemplateID || old.TemplateVersion != new.TemplateVersion
	return r
}

func wholeSection(c clause, ch Change) Section {
	op := Inserted
	if ch == Removed {
		op = Deleted
	}
	s := Section{ID: c.id(), Change: ch}
	if c.head != nil {
		s.Level, s.Title = c.head.Level, mark(headingSpans(c.head), op)
		if ch == Removed {
			s.OldNumber = c.head.Number
		} else {
			s.NewNumber = c.head.Number
		}
	}
	for _, b := range c.blocks {
		s.Blocks = append(s.Blocks, whole(b, ch))
	}
	return s
}

// headingSpans is a heading's text with its binding mark in words.
func headingSpans(h *outline.Block) []outline.Span {
	if !h.Binding {
		return h.Spans
	}
	return append(append([]outline.Span(nil), h.Spans...), outline.Span{Text: " (Binding)", Bold: true})
}

func (d *differ) diffSection(old, new clause, moved bool) Section {
	s := Section{ID: new.id(), Moved: moved}
	if new.head != nil {
		s.Level, s.OldNumber, s.NewNumber = new.head.Level, old.head.Number, new.head.Number
		a, b := headingSpans(old.head), headingSpans(new.head)
		if spansEqual(a, b) {
			s.Title = same(b)
		} else {
			s.Title, s.Change = d.diffWords(a, b), Changed
		}
	}
	s.Blocks = d.diffBlocks(old.blocks, new.blocks)
	for _, b := range s.Blocks {
		if b.Change != Unchanged {
			s.Change = Changed
		}
	}
	return s
}
