package workbook

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// Limits on a returned workbook, checked on the zip directory before any
// part is opened, so that a zip bomb is refused unread. A returned
// workbook of 10,000 partnerships is about 10 MiB, 150 MiB unzipped and a
// few dozen parts.
const (
	MaxReturnBytes    = 64 << 20  // the file itself
	maxReturnUnzipped = 512 << 20 // all parts, unzipped
	maxReturnEntries  = 1000      // parts in the zip
	maxReturnProblems = 500       // problems listed before "and more"
)

// CellProblem is one thing wrong with a cell of a returned workbook.
type CellProblem struct {
	Sheet   string `json:"sheet"`
	Cell    string `json:"cell"` // e.g. "F12"; empty for the sheet as a whole
	Message string `json:"message"`
}

// ReturnChange is what a return changes in one partnership: the updated copy
// (the year's target results and reviews set from the workbook) and the
// revision the workbook was made from. The copy shares unchanged slices with
// the current revision; treat both as read-only.
type ReturnChange struct {
	Ref         string
	Base        int
	Partnership *partnership.Partnership
}

// ReadReturn reads a filled-in annual workbook for year and checks every
// cell of its Targets and Reviews sheets against the register's current
// revisions (by ref). It answers the changes, one per partnership whose
// officer cells differ from the register, or, when any cell is wrong, every
// problem and no changes. A file that is not a workbook, is too large or
// unzips too far is an error.
func ReadReturn(r io.Reader, size int64, year partnership.FinancialYear, current map[string]*partnership.Revision) ([]ReturnChange, []CellProblem, error) {
	if _, err := year.StartYear(); err != nil {
		return nil, nil, &partnership.Error{Code: partnership.EInvalid, Message: err.Error()}
	}
	data, err := readReturnBytes(r, size)
	if err != nil {
		return nil, nil, err
	}
	zr, err := checkReturnZip(data)
	if err != nil {
		return nil, nil, err
	}
	x, err := openXLSX(zr)
	if err != nil {
		return nil, nil, notWorkbook("it could not be opened: " + err.Error())
	}
	rd := &returnReader{x: x, year: year, current: current, changed: map[string]*partnership.Partnership{}}
	rd.readExport()
	rd.readTargets()
	rd.readReviews()
	if len(rd.problems) > 0 {
		return nil, rd.cappedProblems(), nil
	}
	return rd.changes(), nil, nil
}

func notWorkbook(why string) error {
	return &partnership.Error{Code: partnership.EInvalid, Message: "The file is not an annual workbook: " + why}
}

func readReturnBytes(r io.Reader, size int64) ([]byte, error) {
	if size > MaxReturnBytes {
		return nil, &partnership.Error{Code: partnership.ETooLarge, Message: fmt.Sprintf("The workbook is over %d MiB", MaxReturnBytes>>20)}
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxReturnBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxReturnBytes {
		return nil, &partnership.Error{Code: partnership.ETooLarge, Message: fmt.Sprintf("The workbook is over %d MiB", MaxReturnBytes>>20)}
	}
	return data, nil
}

// checkReturnZip refuses anything but a plausible .xlsx: a zip with a
// workbook part, few parts and a bounded unzipped size. archive/zip refuses
// a part that unzips past its declared size, so the declared sizes can be
// trusted.
func checkReturnZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, notWorkbook("it is not an Excel .xlsx file")
	}
	if len(zr.File) > maxReturnEntries {
		return nil, notWorkbook(fmt.Sprintf("it has %d parts (at most %d)", len(zr.File), maxReturnEntries))
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		hasWorkbook = hasWorkbook || zf.Name == "xl/workbook.xml"
	}
	if total > maxReturnUnzipped {
		return nil, notWorkbook(fmt.Sprintf("it unzips to more than %d MiB", maxReturnUnzipped>>20))
	}
	if !hasWorkbook {
		return nil, notWorkbook("it has no workbook part")
	}
	return zr, nil
}

// returnReader carries one return while its sheets are read.
type returnReader struct {
	x        *xlsxPackage
	year     partnership.FinancialYear
	current  map[string]*partnership.Revision
	base     map[string]int
	problems []CellProblem
	changed  map[string]*partnership.Partnership
	seen     map[string]bool // sheet + key of each row, to catch duplicates
}

func (rd *returnReader) problem(sheet string, col, row int, format string, args ...any) {
	cell := ""
	if col > 0 {
		cell, _ = excelize.CoordinatesToCellName(col, row)
	}
	rd.problems = append(rd.problems, CellProblem{Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

func (rd *returnReader) cappedProblems() []CellProblem {
	if len(rd.problems) <= maxReturnProblems {
		return rd.problems
	}
	out := slices.Clone(rd.problems[:maxReturnProblems])
	return append(out, CellProblem{Message: fmt.Sprintf("and %d more problems", len(rd.problems)-maxReturnProblems)})
}

// eachRow calls fn for every data row of a sheet, raw values (dates as
// serial numbers), after checking the header row. Blank rows are skipped.
// fn must not keep the cells slice.
func (rd *returnReader) eachRow(sheet string, cols []wbColumn, fn func(row int, cells []string)) {
	err := rd.x.eachSheetRow(sheet, func(n int, cells []string) bool {
		if n == 1 {
			return rd.headerOK(sheet, cols, cells)
		}
		if !blankRow(cells) {
			fn(n, padCells(cells, len(cols)))
		}
		return true
	})
	switch {
	case errors.Is(err, errSheetMissing):
		rd.problem(sheet, 0, 0, "The sheet %s is missing", sheet)
	case err != nil:
		rd.problem(sheet, 0, 0, "The sheet could not be read: %v", err)
	}
}

func (rd *returnReader) headerOK(sheet string, cols []wbColumn, cells []string) bool {
	cells = padCells(cells, len(cols))
	ok := true
	for i, c := range cols {
		if strings.TrimSpace(cells[i]) != c.header {
			rd.problem(sheet, i+1, 1, "This header should read %q: columns must not be moved, renamed or removed", c.header)
			ok = false
		}
	}
	return ok
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func padCells(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells
}

// readExport reads the very hidden Export sheet: the year and the revision
// of each partnership the workbook was made from.
func (rd *returnReader) readExport() {
	rd.base = map[string]int{}
	rows, err := rd.exportRows()
	if err != nil || len(rows) < 2 || len(rows[0]) < 2 {
		rd.problem(SheetExport, 0, 0, "The workbook was not made by the register (its Export sheet is missing)")
		return
	}
	if rows[0][1] != string(rd.year) {
		rd.problem(SheetExport, 2, 1, "The workbook is for %s, not %s", rows[0][1], rd.year)
	}
	for _, r := range rows[2:] {
		if len(r) >= 2 {
			if n, err := strconv.Atoi(r[1]); err == nil {
				rd.base[r[0]] = n
			}
		}
	}
}

// exportRows reads the Export sheet as excelize's GetRows would: every row
// up to the last with a value, an unreadable part ending the rows early.
func (rd *returnReader) exportRows() ([][]string, error) {
	var rows [][]string
	err := rd.x.eachSheetRow(SheetExport, func(n int, cells []string) bool {
		if len(cells) > 0 {
			rows = append(rows, make([][]string, n-1-len(rows))...)
			rows = append(rows, slices.Clone(cells))
		}
		return true
	})
	if errors.Is(err, errSheetMissing) || errors.Is(err, excelize.ErrMaxRows) {
		return nil, err
	}
	return rows, nil
}

// revision finds the row's partnership, or records why not.
func (rd *returnReader) revision(sheet string, row int, ref string) *partnership.Revision {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		rd.problem(sheet, 1, row, "The partnership reference is missing")
		return nil
	}
	rev := rd.current[ref]
	if rev == nil {
		rd.problem(sheet, 1, row, "No partnership %s is in the register", ref)
	}
	return rev
}

// readOnly reports a read-only cell whose value differs from the register.
func (rd *returnReader) readOnly(sheet string, row, col int, got, want string) {
	if got != want {
		rd.problem(sheet, col, row, "This column is read-only: it reads %q but the register has %q", got, want)
	}
}

func (rd *returnReader) readOnlyNumber(sheet string, row, col int, got string, want float64) {
	v, err := strconv.ParseFloat(strings.TrimSpace(got), 64)
	if err != nil || v != want {
		rd.problem(sheet, col, row, "This column is read-only: it reads %q but the register has %s", got, strconv.FormatFloat(want, 'f', -1, 64))
	}
}

// duplicate reports a second row for the same target or review.
func (rd *returnReader) duplicate(sheet string, row int, key string) bool {
	if rd.seen == nil {
		rd.seen = map[string]bool{}
	}
	k := sheet + "\x00" + key
	if rd.seen[k] {
		rd.problem(sheet, 1, row, "A second row for %s: each appears once", strings.ReplaceAll(key, "\x00", " "))
		return true
	}
	rd.seen[k] = true
	return false
}

// partnershipFor returns the copy a change is made on, made the first time
// one of the partnership's rows changes something.
func (rd *returnReader) partnershipFor(rev *partnership.Revision) *partnership.Partnership {
	if p := rd.changed[rev.Ref]; p != nil {
		return p
	}
	p := rev.Partnership
	p.Targets = slices.Clone(p.Targets)
	for i := range p.Targets {
		p.Targets[i].Results = slices.Clone(p.Targets[i].Results)
	}
	p.Reviews = slices.Clone(p.Reviews)
	rd.changed[rev.Ref] = &p
	return &p
}

func (rd *returnReader) changes() []ReturnChange {
	out := make([]ReturnChange, 0, len(rd.changed))
	for ref, p := range rd.changed {
		base, ok := rd.base[ref]
		if !ok {
			base = rd.current[ref].Number
		}
		out = append(out, ReturnChange{Ref: ref, Base: base, Partnership: p})
	}
	slices.SortFunc(out, func(a, b ReturnChange) int { return cmp.Compare(a.Ref, b.Ref) })
	return out
}

// parseNumber reads an officer's number; blank is nil.
func parseNumber(s string) (*float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, false
	}
	return &v, true
}

// parseDateCell reads a date cell: an Excel serial number, or text written
// 2027-03-31 or 31/03/2027.
func parseDateCell(s string) (partnership.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	var t time.Time
	var err error
	if v, perr := strconv.ParseFloat(s, 64); perr == nil {
		t, err = excelize.ExcelDateToTime(v, false)
	} else if t, err = time.Parse(time.DateOnly, s); err != nil {
		t, err = time.Parse("02/01/2006", s)
	}
	if err != nil || t.Year() < 1990 || t.Year() > 2100 {
		return "", false
	}
	return partnership.Date(t.Format(time.DateOnly)), true
}
