package outline

import "strings"

// Outline is a parsed document.
type Outline struct {
	Blocks []*Block
	// Labels holds, for every heading with an id, what a cross-reference to
	// it prints: "clause 7.2", "Schedule 2", or the heading's text when it
	// is unnumbered.
	Labels map[string]string
}

// Kind is what a block is.
type Kind int

// The kinds of block.
const (
	Title Kind = iota
	Heading
	Paragraph
	List
	Table
	Quote // a signature block: its Children are printed in a box
	PageBreak
	// Notes is the drafting notes box a draft opens with: its Children (a
	// bold title paragraph, paragraphs and a bulleted list) are printed in
	// a box. It is not a clause: it has no number, no id, and the
	// generator adds it to a draft's outline only after numbering and
	// cross-references are settled, and never to an outline it compares.
	Notes
	// RiskMatrix is a 5×5 risk matrix, its content in Matrix (matrix.go).
	RiskMatrix
)

// Alignment is a table column's alignment.
type Alignment int

// Column alignments, as a GFM table's delimiter row sets them.
const (
	AlignNone Alignment = iota
	AlignLeft
	AlignRight
	AlignCenter
)

// Span is a stretch of inline text in one style.
type Span struct {
	Text   string
	Bold   bool
	Italic bool
	// Ref is the id of the heading a cross-reference points at; Text is
	// then that heading's label.
	Ref string
	// BR says a line break follows.
	BR bool
	// Rev marks the text as inserted or deleted in a redline.
	Rev Rev
}

// Rev is a tracked revision: what a redline marks as inserted or deleted.
// A document's own outline has none; generator/compare's redline outline
// marks its spans, blocks, list items and table rows with them.
type Rev int

// The revisions.
const (
	RevNone Rev = iota
	RevInserted
	RevDeleted
)

// Block is one block of the document. Which fields mean something depends
// on its Kind.
type Block struct {
	Kind Kind
	// Level is a heading's Markdown level: 1 for the title, then 2, 3, ...
	Level int
	// Number is what the block prints as its number: "7", "7.2", "7.2.1",
	// "Schedule 2"; empty when it is unnumbered.
	Number   string
	ID       string // a heading's id, which cross-references name
	Schedule bool   // a heading that starts a schedule
	Binding  bool   // a heading marked binding
	// Depth is a paragraph's level: 0 unnumbered, 1 under a clause, 2
	// under a sub-clause.
	Depth    int
	Spans    []Span     // title, heading and paragraph text
	Ordered  bool       // a list lettered (a), (b), ... rather than bulleted
	Items    [][]Span   // a list's items
	Header   [][]Span   // a table's header cells
	Rows     [][][]Span // a table's body rows
	Align    []Alignment
	Children []*Block // a quote's content
	Matrix   *Matrix  // a risk matrix's content
	// Rev marks the whole block (its paragraph mark, or every row of a
	// table or box) inserted or deleted in a redline; ItemRevs and RowRevs
	// mark a list's items and a table's rows, when not nil. The text's own
	// marks are its spans': a marked block's spans carry the same Rev.
	Rev      Rev
	ItemRevs []Rev
	RowRevs  []Rev
}

// HeadingText is the heading as printed, without its number.
func (b *Block) HeadingText() string {
	t := Text(b.Spans)
	if b.Binding {
		t += " (Binding)"
	}
	return t
}

// InContents says whether a document's contents list names the block: a
// heading of level 2 or 3 (a clause, a schedule, or a heading under one),
// as the Word copy's TOC field lists its styles Heading 1 and Heading 2.
func (b *Block) InContents() bool {
	return b.Kind == Heading && b.Level <= 3
}

// ItemLabel is the label the paged copies print before item i (from 0) of
// a list: "(a)", "(b)", ... "(z)", "(aa)" for an ordered list, a bullet
// otherwise.
func (b *Block) ItemLabel(i int) string {
	if !b.Ordered {
		return "•"
	}
	return "(" + letter(i) + ")"
}

// letter numbers list items a, b, ... z, aa, ab ...
func letter(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('a'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

// Text is the text of spans, run together.
func Text(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}
