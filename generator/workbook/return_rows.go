package workbook

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// readSheet reads an officers' sheet of a return: its header, then each
// row on its own (the cell lengths and characters, the row's partnership
// and key, duplicates), kept compactly by partnership for Revise, with the
// problems it finds in problems. Sheets are read at the same time, each
// into its own map and problems.
func readSheet[R any](rt *Return, s *sheet[R], into map[string][]returnedRow, problems *problemList) {
	ref, keys := s.index("Ref"), keyColumns(s)
	seen := map[string]bool{}
	err := rt.x.eachSheetRow(s.name, func(n int, cells []string, over []int) bool {
		if n == 1 {
			return headerOK(s.name, headers(s), cells, problems)
		}
		if blankRow(cells) && len(over) == 0 {
			return true
		}
		cells = padCells(cells, len(s.cols))
		ok := cellsOK(s, n, cells, over, problems)
		id := strings.TrimSpace(cells[ref])
		key := rowKey(cells, keys)
		switch {
		case id == "":
			problems.problem(s.name, ref+1, n, "The partnership reference is missing")
		case seen[id+"\x00"+key]:
			problems.problem(s.name, ref+1, n, "A second row for %s %s: each appears once", id, strings.ReplaceAll(key, "\x00", " "))
		case ok:
			seen[id+"\x00"+key] = true
			into[id] = append(into[id], compact(rt, s, n, key, cells))
		default:
			seen[id+"\x00"+key] = true
		}
		return true
	})
	var long *CellTooLongError
	var bad *CellError
	switch {
	case errors.Is(err, errSheetMissing):
		problems.problem(s.name, 0, 0, "The sheet %s is missing", s.name)
	case errors.As(err, &long):
		*problems = append(*problems, CellProblem{Sheet: s.name, Cell: long.Cell, Message: fmt.Sprintf(
			"This cell is far longer than a cell can hold (%s characters); the rest of the sheet was not read", thousands(maxCellChars))})
	case errors.As(err, &bad):
		*problems = append(*problems, CellProblem{Sheet: s.name, Cell: bad.Cell, Message: fmt.Sprintf(
			"This cell could not be read (%v); the rest of the sheet was not read", bad.Err)})
	case err != nil:
		problems.problem(s.name, 0, 0, "The sheet could not be read: %v", err)
	}
}

func headers[R any](s *sheet[R]) []string {
	out := make([]string, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.header
	}
	return out
}

func headerOK(sheet string, want, cells []string, problems *problemList) bool {
	cells = padCells(cells, len(want))
	ok := true
	for i, h := range want {
		if strings.TrimSpace(cells[i]) != h {
			problems.problem(sheet, i+1, 1, "This header should read %q: columns must not be moved, renamed or removed", h)
			ok = false
		}
	}
	return ok
}

// keyColumns are the columns that, with Ref, identify a row.
func keyColumns[R any](s *sheet[R]) []int {
	var out []int
	for i, c := range s.cols {
		if c.key {
			out = append(out, i)
		}
	}
	return out
}

func rowKey(cells []string, keys []int) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strings.TrimSpace(cells[k])
	}
	return strings.Join(parts, "\x00")
}

// cellsOK checks each cell on its own: not longer than a cell (or, in an
// officer's column, the contract) allows, and only characters the register
// may hold.
func cellsOK[R any](s *sheet[R], n int, cells []string, over []int, problems *problemList) bool {
	ok := true
	for _, col := range over {
		problems.problem(s.name, col, n, "This cell holds more than a cell can (%s characters)", thousands(maxCellChars))
		ok = false
	}
	for i, c := range s.cols {
		v := cells[i]
		if k := utf8.RuneCountInString(v); c.maxChars > 0 && k > c.maxChars {
			problems.problem(s.name, i+1, n, "Must be %s characters or fewer (it is %s)", thousands(c.maxChars), thousands(k))
			ok = false
			continue
		}
		if at, r := badChar(v); at > 0 {
			problems.problem(s.name, i+1, n, "Contains a character (U+%04X) at character %d that the register cannot hold; remove it", r, at)
			ok = false
		}
	}
	return ok
}

// badChar is the position (from 1) and value of the first character in s
// that XML cannot carry or the register refuses, or 0.
func badChar(s string) (int, rune) {
	at := 0
	for _, r := range s {
		at++
		if !xmlChar(r) || (r >= 0x7f && r <= 0x9f) {
			return at, r
		}
	}
	return 0, 0
}

// compact keeps a checked row as Revise needs it: the hash of every cell's
// value in its column's form, and an officer's cell's text.
func compact[R any](rt *Return, s *sheet[R], n int, key string, cells []string) returnedRow {
	r := returnedRow{n: n, key: key, hashes: make([]uint64, len(s.cols)), texts: make([]string, len(s.cols))}
	for i, c := range s.cols {
		r.hashes[i] = rt.hash(canonical(c.kind, cells[i]))
		if c.editable {
			r.texts[i] = strings.Clone(cells[i])
		}
	}
	return r
}

func (rt *Return) hash(s string) uint64 { return maphash.String(rt.seed, s) }

// thousands writes n with commas, as the contract's messages do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Revise compares the return's rows for one partnership with its current
// revision: every read-only cell must read as the register has it, an
// officer's cell equal to what was exported changes nothing, and any other
// is applied. It answers the change, nil when the return changes nothing
// (or its cells have problems, which Problems then lists). A change is
// valid under the contract: what partnership.Validate finds in it is a
// problem named by the cell it came from. Revise may be called for
// several partnerships at once.
func (rt *Return) Revise(cur *partnership.Revision) *ReturnChange {
	trows, vrows := rt.targets[cur.Ref], rt.reviews[cur.Ref]
	if trows == nil && vrows == nil {
		return nil
	}
	var problems problemList
	ch := rt.apply(cur, trows, vrows, &problems)
	if ch != nil {
		if found := partnership.Validate(ch.Partnership); len(found) > 0 {
			problems = append(problems, ch.cellProblems(found)...)
		}
	}
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.revised[cur.Ref] = true
	if len(problems) > 0 {
		rt.problems = append(rt.problems, problems...)
		return nil
	}
	return ch
}

// HasProblems reports whether Revise has found problems so far, or
// reading the return did: the return will be refused.
func (rt *Return) HasProblems() bool {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return len(rt.problems) > 0
}

// apply compares and applies the return's rows for one partnership,
// adding the problems it finds to problems; nil when there are any, or
// the rows change nothing.
func (rt *Return) apply(cur *partnership.Revision, trows, vrows []returnedRow, problems *problemList) *ReturnChange {
	base, ok := rt.base[cur.Ref]
	if !ok {
		base = cur.Number
	}
	p := cur.Partnership
	ch := &ReturnChange{Ref: cur.Ref, Base: base, Partnership: &p, cells: map[string]cellPlace{}}
	changed := reviseSheet(rt, rt.set.targets, cur, trows, ch, problems)
	changed = reviseSheet(rt, rt.set.reviews, cur, vrows, ch, problems) || changed
	if len(*problems) > 0 || !changed {
		return nil
	}
	return ch
}

// reviseSheet compares and applies one sheet's rows of a partnership, and
// reports whether they changed it.
func reviseSheet[R any](rt *Return, s *sheet[R], cur *partnership.Revision, rows []returnedRow, ch *ReturnChange, problems *problemList) bool {
	if len(rows) == 0 {
		return false
	}
	keys := keyColumns(s)
	byKey := map[string]*R{}
	s.rows(cur, func(r *R) error {
		byKey[registerKey(s, keys, r)] = r
		return nil
	})
	changed := false
	for i := range rows {
		rr := &rows[i]
		r := byKey[rr.key]
		if r == nil {
			problems.problem(s.name, keys[0]+1, rr.n, "This column is read-only: %s has no %s %q for %s",
				cur.Ref, strings.ToLower(s.cols[keys[0]].header), strings.ReplaceAll(rr.key, "\x00", " "), rt.year)
			continue
		}
		if !compareRow(rt, s, rr, r, problems) {
			continue
		}
		path, found := s.finish(r, ch.Partnership)
		for _, pr := range found {
			problems.problem(s.name, s.index(pr.header)+1, rr.n, "%s", pr.message)
		}
		if path != "" {
			changed = true
			record(ch, s, path, rr.n)
		}
	}
	return changed
}

func registerKey[R any](s *sheet[R], keys []int, r *R) string {
	cells := make([]string, len(s.cols))
	for _, k := range keys {
		cells[k] = canonical(s.cols[k].kind, exportedRaw(s.cols[k].value(r, 0)))
	}
	return rowKey(cells, keys)
}

// compareRow compares each cell of a returned row with what was exported
// for it, and sets the officer's cells that differ; false when a cell has
// a problem.
func compareRow[R any](rt *Return, s *sheet[R], rr *returnedRow, r *R, problems *problemList) bool {
	ok := true
	for i, c := range s.cols {
		if c.key || c.header == "Ref" {
			continue
		}
		v := c.value(r, rr.n)
		want := exportedRaw(v)
		if rr.hashes[i] == rt.hash(canonical(c.kind, want)) {
			continue
		}
		switch {
		case !c.editable:
			problems.problem(s.name, i+1, rr.n, "This column is read-only: the register has %q; put that back, or change it in the register", shorten(want))
			ok = false
		case !exact(v):
			problems.problem(s.name, i+1, rr.n, "This cell is read-only: the register's text cannot be shown whole in a cell; change it in the register, through the API or the forms")
			ok = false
		default:
			if msg := c.set(r, rr.texts[i]); msg != "" {
				problems.problem(s.name, i+1, rr.n, "%s", msg)
				ok = false
			}
		}
	}
	return ok
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 200 {
		return s
	}
	return truncateUTF16(s, 200) + "…"
}

// record notes the cells a row's contract path came from: each officer
// column's field under it, and the row itself at its first officer cell.
func record[R any](ch *ReturnChange, s *sheet[R], path string, n int) {
	for i, c := range s.cols {
		if !c.editable {
			continue
		}
		at := cellPlace{s.name, cellName(i+1, n)}
		if _, ok := ch.cells[path]; !ok {
			ch.cells[path] = at
		}
		if ch.first.sheet == "" {
			ch.first = at
		}
		ch.cells[path+"."+c.field] = at
	}
}

// cellProblems names each of Validate's problems by the cell its contract
// path came from: the path itself, or the nearest path above it a cell set
// (targets[2].results[0] for targets[2].results[0].rag); a problem
// elsewhere in the partnership is named at the first cell the return
// changed, with its path.
func (ch *ReturnChange) cellProblems(problems []partnership.Problem) []CellProblem {
	out := make([]CellProblem, 0, len(problems))
	for _, pr := range problems {
		at, found := ch.cellOf(pr.Path)
		msg := pr.Message
		if !found {
			msg = fmt.Sprintf("%s %s: %s (change it in the register)", ch.Ref, pr.Path, pr.Message)
		}
		out = append(out, CellProblem{Sheet: at.sheet, Cell: at.cell, Message: msg})
	}
	return out
}

func (ch *ReturnChange) cellOf(path string) (cellPlace, bool) {
	for p := path; p != ""; p = parentPath(p) {
		if at, ok := ch.cells[p]; ok {
			return at, true
		}
	}
	return ch.first, false
}

// parentPath is the contract path one step up: a.b[2].c -> a.b[2] -> a.b -> a.
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}
