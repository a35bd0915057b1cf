package compare

import (
	"strings"

	"partnerdocs/generator/outline"
)

// sameHeader reports whether two tables have the same columns.
func sameHeader(a, b *outline.Block) bool {
	if len(a.Header) != len(b.Header) {
		return false
	}
	for i := range a.Header {
		if outline.Text(a.Header[i]) != outline.Text(b.Header[i]) {
			return false
		}
	}
	return true
}

// rowKeys keys each row of both tables by its leading cells: the fewest
// that tell every row of each table apart (a partner by name, a target or
// risk by its id, a contribution by year and partner, and by type and
// description when a partner gives more than one a year). Rows no prefix
// short of the whole row tells apart are keyed by the whole row, and
// matchKeys numbers repeats.
func rowKeys(a, b *outline.Block) (ka, kb []string) {
	cols := len(a.Header)
	for n := 1; n <= cols; n++ {
		ka, kb = prefixKeys(a.Rows, n), prefixKeys(b.Rows, n)
		if distinct(ka) && distinct(kb) {
			break
		}
	}
	return ka, kb
}

func prefixKeys(rows [][][]outline.Span, n int) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		parts := make([]string, 0, n)
		for c := 0; c < n && c < len(r); c++ {
			parts = append(parts, strings.TrimSpace(outline.Text(r[c])))
		}
		out[i] = strings.Join(parts, " | ")
	}
	return out
}

func distinct(keys []string) bool {
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// diffTable compares two tables with the same columns row by row.
func (d *differ) diffTable(old, new *outline.Block) *Table {
	t := &Table{Header: headerPieces(new.Header), Align: new.Align}
	ka, kb := rowKeys(old, new)
	for _, m := range d.matchKeys(ka, kb) {
		switch {
		case m.new < 0:
			t.Rows = append(t.Rows, Row{Change: Removed, Key: ka[m.old], Cells: cells(old.Rows[m.old], Deleted)})
		case m.old < 0:
			t.Rows = append(t.Rows, Row{Change: Added, Key: kb[m.new], Cells: cells(new.Rows[m.new], Inserted)})
		default:
			t.Rows = append(t.Rows, d.diffRow(old.Rows[m.old], new.Rows[m.new], kb[m.new], m.moved))
		}
	}
	return t
}

func (d *differ) diffRow(old, new [][]outline.Span, key string, moved bool) Row {
	r := Row{Key: key, Moved: moved}
	for c := range new {
		if c >= len(old) {
			r.Cells = append(r.Cells, mark(new[c], Inserted))
			r.Change = Changed
			continue
		}
		if spansEqual(old[c], new[c]) {
			r.Cells = append(r.Cells, same(new[c]))
			continue
		}
		r.Change = Changed
		r.Cells = append(r.Cells, d.diffWords(old[c], new[c]))
	}
	return r
}

func spansEqual(a, b []outline.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func cells(row [][]outline.Span, op Op) [][]Piece {
	out := make([][]Piece, len(row))
	for i, c := range row {
		out[i] = mark(c, op)
	}
	return out
}

func headerPieces(header [][]outline.Span) [][]Piece {
	out := make([][]Piece, len(header))
	for i, c := range header {
		out[i] = same(c)
	}
	return out
}

// wholeTable is a table all in one state.
func wholeTable(b *outline.Block, c Change, op Op) *Table {
	t := &Table{Header: headerPieces(b.Header), Align: b.Align}
	for _, r := range b.Rows {
		t.Rows = append(t.Rows, Row{Change: c, Cells: cells(r, op)})
	}
	return t
}

// replacedTable is a table whose columns changed: the older rows removed,
// then the newer added, under the newer header.
func replacedTable(old, new *outline.Block) *Table {
	t := wholeTable(new, Added, Inserted)
	gone := wholeTable(old, Removed, Deleted)
	t.Rows = append(gone.Rows, t.Rows...)
	return t
}
