package compare

import (
	"strings"

	"partnerdocs/generator/outline"
)

// Redline is the comparison as an outline for the paged renderers: the
// newer version's clauses in its order, with what the older version had
// and the newer has not put back where it stood, every inserted or deleted
// stretch of text, paragraph, list item and table row marked with its Rev.
// generator/docx writes the marks as Word's tracked changes and
// generator/pdf draws them (underlined and struck through, and named in
// words). A moved clause stands where the newer version has it, unmarked.
func Redline(r *Result) *outline.Outline {
	o := &outline.Outline{}
	for _, s := range r.Sections {
		if s.Title != nil {
			o.Blocks = append(o.Blocks, redlineHeading(s))
		}
		for _, b := range s.Blocks {
			o.Blocks = append(o.Blocks, redlineBlock(b))
		}
	}
	return o
}

// revOf is the Rev of a change to a whole block, item or row.
func revOf(c Change) outline.Rev {
	switch c {
	case Added:
		return outline.RevInserted
	case Removed:
		return outline.RevDeleted
	}
	return outline.RevNone
}

// revSpans turns pieces into spans, each keeping its op as a Rev.
func revSpans(pieces []Piece) []outline.Span {
	out := make([]outline.Span, 0, len(pieces))
	for _, p := range pieces {
		rev := outline.Rev(p.Op) // Equal, Inserted, Deleted line up with RevNone, RevInserted, RevDeleted
		if p.Break {
			out = append(out, outline.Span{BR: true, Rev: rev})
			continue
		}
		out = append(out, outline.Span{Text: p.Text, Bold: p.Bold, Italic: p.Italic, Rev: rev})
	}
	return out
}

// redlineHeading is a clause's heading: its number the newer version's, or
// the older's if the clause was removed. The binding mark is already in
// the title's words.
func redlineHeading(s Section) *outline.Block {
	n := s.NewNumber
	if s.Change == Removed {
		n = s.OldNumber
	}
	return &outline.Block{Kind: outline.Heading, Level: s.Level, Number: n, ID: s.ID,
		Schedule: strings.HasPrefix(n, "Schedule "), Spans: revSpans(s.Title), Rev: revOf(s.Change)}
}

func redlineBlock(b Block) *outline.Block {
	out := &outline.Block{Kind: b.Kind, Number: b.Number, Depth: b.Depth, Ordered: b.Ordered, Rev: revOf(b.Change)}
	switch b.Kind {
	case outline.List:
		for _, it := range b.Items {
			out.Items = append(out.Items, revSpans(it.Text))
			out.ItemRevs = append(out.ItemRevs, revOf(it.Change))
		}
	case outline.Table:
		redlineTable(out, b.Table)
	case outline.Quote:
		out.Children = []*outline.Block{{Kind: outline.Paragraph, Spans: revSpans(b.Text), Rev: out.Rev}}
	default:
		out.Spans = revSpans(b.Text)
	}
	return out
}

func redlineTable(out *outline.Block, t *Table) {
	if t == nil {
		return
	}
	out.Align = t.Align
	for _, c := range t.Header {
		out.Header = append(out.Header, revSpans(c))
	}
	for _, r := range t.Rows {
		row := make([][]outline.Span, len(r.Cells))
		for i, c := range r.Cells {
			row[i] = revSpans(c)
		}
		out.Rows = append(out.Rows, row)
		out.RowRevs = append(out.RowRevs, revOf(r.Change))
	}
}
