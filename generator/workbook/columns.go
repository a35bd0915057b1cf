package workbook

import (
	"slices"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// One column table per large sheet (sheets.go) is the only place a column
// is described: its header, width, kind of cell, whether officers fill it
// in, its drop-down list, what the Definitions sheet says of it, how its
// cell is made from the partnership and, for an officer's column, how the
// returned cell is applied back. The writer, the return reader, the
// dashboard's formulas (by column letter, looked up by header) and the
// Definitions sheet are all derived from the tables, so a column can be
// moved, added or removed in its table alone.

// column is one column of a sheet whose rows are of type R.
type column[R any] struct {
	header     string
	width      float64
	kind       cellKind
	editable   bool     // officers fill it in: unlocked, and read back from a return
	key        bool     // with Ref, identifies the row in a return (read-only)
	list       []string // the drop-down's values, if any
	rag        bool     // coloured by its RAG word
	definition string   // the Definitions sheet's meaning; "" for none
	// maxChars is the most characters an officer's cell may hold (the
	// contract's limit for the field); 0 is a cell's own limit.
	maxChars int
	// value is the cell for row r, written on sheet row n: nil (blank), a
	// string, a number, a time.Time or an excelize.Cell (a formula).
	value func(r *R, n int) any
	// set applies an officer's returned cell (which differs from what was
	// exported) to r, or says what is wrong with it.
	set func(r *R, cell string) string
	// field is the contract path of the column's value under its row's
	// path (an editable column), so that a problem partnership.Validate
	// finds there is reported on this column's cell.
	field string
}

// sheet is one large sheet: a table with a row for each of a revision's
// rows of type R (each target, risk, ...).
type sheet[R any] struct {
	name, table string
	cols        []column[R]
	// rows hands each of the revision's rows to yield.
	rows func(rev *partnership.Revision, yield func(r *R) error) error
	// finish, for a sheet officers fill in, checks a row whose officer
	// cells were set from a return and applies it to p, the copy of the
	// partnership the return makes; it answers the row's contract path
	// (for Validate's problems) and a problem by column header, if any.
	finish func(r *R, p *partnership.Partnership) (path string, problems []colProblem)
	// letters caches each column's letter by header, once the table is
	// settled (the first row is written).
	letters map[string]string
}

// colProblem is a problem with one of a row's cells, by its column.
type colProblem struct {
	header, message string
}

// index is the 0-based position of the column headed header, or -1.
func (s *sheet[R]) index(header string) int {
	return slices.IndexFunc(s.cols, func(c column[R]) bool { return c.header == header })
}

// letter is the column letter of the column headed header ("" when the
// sheet has none, which a test of the tables catches).
func (s *sheet[R]) letter(header string) string {
	if l, ok := s.letters[header]; ok {
		return l
	}
	i := s.index(header)
	if i < 0 {
		return ""
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// spec is the sheet's set-up as the writer and Definitions need it.
func (s *sheet[R]) spec() wbSheet {
	out := wbSheet{name: s.name, table: s.table, ragCol: -1, lists: map[int][]string{}}
	for i, c := range s.cols {
		out.cols = append(out.cols, wbColumn{header: c.header, width: c.width, kind: c.kind, officer: c.editable, definition: c.definition})
		if c.list != nil {
			out.lists[i] = c.list
		}
		if c.rag {
			out.ragCol = i
		}
	}
	return out
}

// writeRows writes the revision's rows: each column's value, and a text a
// cell cannot hold exactly as a locked note (see cellText).
func (s *sheet[R]) writeRows(w *rowWriter, styles lockedStyles, rev *partnership.Revision) error {
	if s.letters == nil {
		s.letters = make(map[string]string, len(s.cols))
		for i, c := range s.cols {
			s.letters[c.header], _ = excelize.ColumnNumberToName(i + 1)
		}
	}
	values := w.values[:0]
	for range s.cols {
		values = append(values, nil)
	}
	w.values = values
	return s.rows(rev, func(r *R) error {
		n := w.next()
		for i, c := range s.cols {
			values[i] = c.value(r, n)
			if str, ok := values[i].(string); ok {
				if text, exact := cellText(str); !exact {
					values[i] = excelize.Cell{Value: text, StyleID: styles[c.kind]}
				}
			}
		}
		return w.emit(values...)
	})
}

// lockedStyles is the locked style of each kind of cell.
type lockedStyles = [kindInt + 1]int

// wbColumn is one column as the writer and Definitions see it.
type wbColumn struct {
	header     string
	width      float64
	kind       cellKind
	officer    bool // officers fill it in: unlocked
	definition string
}

// wbSheet is a large sheet as the writer sees it: a table over all its
// rows.
type wbSheet struct {
	name, table string
	cols        []wbColumn
	lists       map[int][]string // drop-down values by 0-based column
	ragCol      int              // 0-based column coloured by RAG word, or -1
}

// largeSheet is a sheet of any row type, for the writer.
type largeSheet interface {
	spec() wbSheet
	writeRows(w *rowWriter, styles lockedStyles, rev *partnership.Revision) error
}

// sheetSet is the workbook's large sheets, made for one year and council.
type sheetSet struct {
	register       *sheet[registerRow]
	targets        *sheet[targetRow]
	risks          *sheet[riskRow]
	representation *sheet[representationRow]
	reviews        *sheet[reviewRow]
}

// all is the large sheets in the workbook's order.
func (ss *sheetSet) all() []largeSheet {
	return []largeSheet{ss.register, ss.targets, ss.risks, ss.representation, ss.reviews}
}
