package compare

import (
	"strings"

	"partnerdocs/generator/outline"
)

// Version is one version of a document as the comparison sees it.
type Version struct {
	Outline *outline.Outline
	Meta    outline.Meta
	// TemplateID and TemplateVersion are those the version records it was
	// made with.
	TemplateID, TemplateVersion string
	// Label names the version to a reader: "version 2 (revision 5)".
	Label string
}

// Change is what happened to a clause, block, list item or table row.
type Change int

// The changes.
const (
	Unchanged Change = iota
	Changed
	Added
	Removed
)

// Op says whether a piece of text is in both versions, or only the newer
// (inserted) or only the older (deleted).
type Op int

// The ops.
const (
	Equal Op = iota
	Inserted
	Deleted
)

// Piece is a stretch of text with one op and one style. Break is a line
// break (its Text is empty).
type Piece struct {
	Op           Op
	Text         string
	Bold, Italic bool
	Break        bool
}

// Result is the comparison of two versions.
type Result struct {
	Old, New Version
	Sections []Section // in the newer version's order; removed ones where they stood
	Summary  Summary
}

// Section is one clause (a heading and what follows it) compared.
type Section struct {
	ID     string // empty for the opening section
	Change Change
	// Moved says the clause stands in a different place among the clauses
	// both versions have.
	Moved                bool
	OldNumber, NewNumber string
	Level                int
	Title                []Piece // the heading's text, compared; nil for the opening
	Blocks               []Block
}

// Block is one block of a clause compared.
type Block struct {
	Kind    outline.Kind
	Change  Change
	Number  string // the newer version's number, or the older's if removed
	Depth   int
	Ordered bool
	Text    []Piece // paragraph, title and signature text
	Items   []Item  // a list's items
	Table   *Table
}

// Item is a list item compared.
type Item struct {
	Change Change
	Text   []Piece
}

// Table is a table compared row by row.
type Table struct {
	Header [][]Piece
	Align  []outline.Alignment
	Rows   []Row
}

// Row is a table row compared cell by cell; Key is what matched it.
type Row struct {
	Change Change
	Moved  bool
	Key    string
	Cells  [][]Piece
}

// Summary is what changed, for the top of a redline.
type Summary struct {
	Added, Removed, Changed, Moved, Renumbered []ClauseRef
	Tables                                     []TableCount
	// TemplateChanged says the versions record different templates or
	// template versions.
	TemplateChanged bool
	// Notes are said to the reader before anything else, e.g. that the
	// comparison used the current templates.
	Notes []string
}

// ClauseRef names a clause in the summary.
type ClauseRef struct {
	ID, Number, OldNumber, Title string
}

// Label is the clause as a reader names it: "7.2 Quorum", "Schedule 2:
// Contributions".
func (c ClauseRef) Label() string {
	switch {
	case c.Number == "":
		return c.Title
	case strings.HasPrefix(c.Number, "Schedule "):
		return c.Number + ": " + c.Title
	}
	return c.Number + " " + c.Title
}

// TableCount is how the rows of one table changed. Nth and Of number the
// table among the changed tables of its clause when there is more than one.
type TableCount struct {
	Clause                  ClauseRef
	Nth, Of                 int
	Added, Removed, Changed int
}

// Empty reports whether nothing changed in the text of the document.
func (s Summary) Empty() bool {
	return len(s.Added)+len(s.Removed)+len(s.Changed)+len(s.Moved)+len(s.Renumbered) == 0
}
