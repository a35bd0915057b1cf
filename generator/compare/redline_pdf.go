package compare

import (
	"fmt"
	"strings"

	"partnerdocs/generator/outline"
)

// RedlinePDF is the redline outline for the PDF, for readers without Word:
// a summary of the changes on a page of its own, then the clauses with
// inserted text underlined and deleted text struck through, each stretch
// also named in words ("[inserted: …]", "[deleted: …]") so that neither
// the lines nor colour alone tell it, and a text extracted from the PDF
// still does.
func RedlinePDF(r *Result) *outline.Outline {
	o := Redline(r)
	for _, b := range o.Blocks {
		inWords(b)
	}
	o.Blocks = append(summaryBlocks(r), o.Blocks...)
	return o
}

// inWords names every inserted and deleted stretch of a block in words.
func inWords(b *outline.Block) {
	b.Spans = namedSpans(b.Spans)
	for i := range b.Items {
		b.Items[i] = namedSpans(b.Items[i])
	}
	for _, row := range b.Rows {
		for i := range row {
			row[i] = namedSpans(row[i])
		}
	}
	for _, c := range b.Children {
		inWords(c)
	}
}

// namedSpans opens each run of spans with one Rev with "[inserted: " or
// "[deleted: " and closes it with "]".
func namedSpans(spans []outline.Span) []outline.Span {
	out := make([]outline.Span, 0, len(spans)+2)
	for i, s := range spans {
		if s.Rev != outline.RevNone && (i == 0 || spans[i-1].Rev != s.Rev) {
			out = append(out, outline.Span{Text: revWord(s.Rev), Bold: true})
		}
		out = append(out, s)
		if s.Rev != outline.RevNone && (i == len(spans)-1 || spans[i+1].Rev != s.Rev) {
			out = append(out, outline.Span{Text: "]", Bold: true})
		}
	}
	return out
}

func revWord(rev outline.Rev) string {
	if rev == outline.RevDeleted {
		return "[deleted: "
	}
	return "[inserted: "
}

// summaryBlocks is the summary page: the two versions, the notes, the
// clauses added, removed, changed, moved and renumbered, and the tables'
// rows, then a page break.
func summaryBlocks(r *Result) []*outline.Block {
	s := r.Summary
	bs := []*outline.Block{
		heading("Summary of changes"),
		para(fmt.Sprintf("Older: %s: template %s version %s", r.Old.Label, r.Old.TemplateID, r.Old.TemplateVersion)),
		para(fmt.Sprintf("Newer: %s: template %s version %s", r.New.Label, r.New.TemplateID, r.New.TemplateVersion)),
	}
	for _, n := range s.Notes {
		bs = append(bs, para("Note: "+n))
	}
	if s.TemplateChanged {
		bs = append(bs, para("The template changed between these versions: some changes may come from the template, not from the partnership's details."))
	}
	bs = append(bs, para("How changes are shown: inserted text is underlined and marked [inserted: …]; deleted text is struck through and marked [deleted: …]."))
	if s.Empty() {
		bs = append(bs, para("The text of the two versions is the same."))
	}
	bs = append(bs, clauseList("added", s.Added), clauseList("removed", s.Removed), clauseList("changed", s.Changed),
		clauseList("moved", s.Moved), clauseList("renumbered", s.Renumbered))
	if len(s.Tables) > 0 {
		bs = append(bs, para("Tables:"), tableList(s.Tables))
	}
	return append(bs, &outline.Block{Kind: outline.PageBreak})
}

func heading(text string) *outline.Block {
	return &outline.Block{Kind: outline.Title, Level: 1, Spans: []outline.Span{{Text: text}}}
}

func para(text string) *outline.Block {
	return &outline.Block{Kind: outline.Paragraph, Spans: []outline.Span{{Text: text}}}
}

// clauseList is "Clauses added: 2" and the clauses as a list.
func clauseList(verb string, refs []ClauseRef) *outline.Block {
	b := para(fmt.Sprintf("Clauses %s: %d", verb, len(refs)))
	if len(refs) == 0 {
		return b
	}
	items := make([]string, len(refs))
	for i, c := range refs {
		items[i] = c.Label()
		if c.OldNumber != "" && c.OldNumber != c.Number {
			items[i] += " (was " + c.OldNumber + ")"
		}
	}
	b.Spans[0].Text += ": " + strings.Join(items, "; ")
	return b
}

func tableList(ts []TableCount) *outline.Block {
	b := &outline.Block{Kind: outline.List}
	for _, t := range ts {
		text := t.Clause.Label()
		if t.Of > 0 {
			text += fmt.Sprintf(" (table %d of %d)", t.Nth, t.Of)
		}
		text += ": " + rowCount(t.Added, "added") + ", " + rowCount(t.Removed, "removed") + ", " + rowCount(t.Changed, "changed")
		b.Items = append(b.Items, []outline.Span{{Text: text}})
	}
	return b
}
