package workbook

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// Limits on a returned workbook. The file's size and the zip directory are
// checked before any part is opened, so that a zip bomb is refused unread;
// archive/zip refuses a part that unzips past its declared size, so the
// declared sizes can be trusted. The parts themselves are streamed, no
// cell's text held past a cell's limit (see xlsxread.go).
const (
	// MaxReturnBytes is the largest return accepted, by the API and the
	// command line alike. The workbook of 10,000 partnerships (5 targets,
	// 8 risks and 3 representatives each) is 10.4 MiB as the register
	// writes it and smaller once a spreadsheet saves it again, so 32 MiB
	// leaves room for three times that while bounding what is read.
	MaxReturnBytes    = 32 << 20
	maxReturnUnzipped = 512 << 20 // all parts, unzipped (10,000 partnerships: about 150 MiB)
	maxReturnEntries  = 1000      // parts in the zip
	maxReturnProblems = 500       // problems listed before "and more"
)

// CellProblem is one thing wrong with a cell of a returned workbook.
type CellProblem struct {
	Sheet   string `json:"sheet"`
	Cell    string `json:"cell"` // e.g. "F12"; empty for the sheet as a whole
	Message string `json:"message"`
}

// Path is the problem's place as Excel writes a reference: Sheet!Cell, or
// the sheet alone.
func (p CellProblem) Path() string {
	if p.Cell == "" {
		return p.Sheet
	}
	return p.Sheet + "!" + p.Cell
}

// ReturnChange is what a return changes in one partnership: the updated copy
// (the year's target results and reviews set from the workbook) and the
// revision the workbook was made from. The copy shares unchanged slices with
// the current revision; treat both as read-only.
type ReturnChange struct {
	Ref         string
	Base        int
	Partnership *partnership.Partnership
	cells       map[string]cellPlace // the cell each contract path it set came from
	first       cellPlace
}

// cellPlace is a cell of the workbook.
type cellPlace struct{ sheet, cell string }

// Return is a returned workbook, read: its Targets and Reviews rows by
// partnership, compactly (an officer's cell as its text, a read-only cell
// as a hash of its value), waiting to be compared with the register's
// current revisions one at a time (Revise), so that a return is checked
// against a register of any size without holding the register.
type Return struct {
	year     partnership.FinancialYear
	set      *sheetSet
	x        *xlsxPackage
	seed     maphash.Seed
	base     map[string]int // the revision each partnership's rows were made from
	targets  map[string][]returnedRow
	reviews  map[string][]returnedRow
	mu       sync.Mutex // Revise is called for several partnerships at once
	problems problemList
	revised  map[string]bool
}

// returnedRow is one row of a return, by column: the hash of every cell's
// value in the form it is compared in, and the text of each officer cell.
type returnedRow struct {
	n      int
	key    string
	hashes []uint64
	texts  []string
}

// OpenReturn reads a filled-in annual workbook for year: the size and
// shape of the file, the Export sheet, and every cell of the Targets and
// Reviews sheets on its own (its length, its characters, its column's
// header). A file that is not a workbook, is too large or unzips too far
// is an error; problems in cells are collected (Problems).
func OpenReturn(r io.ReaderAt, size int64, year partnership.FinancialYear) (*Return, error) {
	return openReturn(r, size, year, newSheets(year, partnership.Council{}))
}

// openReturn reads a return of a workbook written with the column tables
// set.
func openReturn(r io.ReaderAt, size int64, year partnership.FinancialYear, set *sheetSet) (*Return, error) {
	if _, err := year.StartYear(); err != nil {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: err.Error()}
	}
	if size > MaxReturnBytes {
		return nil, &partnership.Error{Code: partnership.ETooLarge, Message: fmt.Sprintf("The workbook is over %d MiB", MaxReturnBytes>>20)}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, notWorkbook("it is not an Excel .xlsx file")
	}
	if err := checkReturnZip(zr); err != nil {
		return nil, err
	}
	x, err := openXLSX(zr)
	if err != nil {
		return nil, notWorkbook("it could not be opened: " + err.Error())
	}
	rt := &Return{year: year, set: set, x: x, seed: maphash.MakeSeed(),
		targets: map[string][]returnedRow{}, reviews: map[string][]returnedRow{}, revised: map[string]bool{}}
	rt.readExport()
	var targets, reviews problemList
	var wg sync.WaitGroup
	wg.Go(func() { readSheet(rt, rt.set.targets, rt.targets, &targets) })
	readSheet(rt, rt.set.reviews, rt.reviews, &reviews)
	wg.Wait()
	rt.problems = append(append(rt.problems, targets...), reviews...)
	rt.x = nil // the package's shared strings are no longer needed
	return rt, nil
}

// ReadReturn reads a return and compares it with the current revisions
// (by ref): the changes, one per partnership the return changes, each
// valid under the contract; or, when any cell is wrong, every problem and
// no changes.
func ReadReturn(r io.ReaderAt, size int64, year partnership.FinancialYear, current map[string]*partnership.Revision) ([]ReturnChange, []CellProblem, error) {
	rt, err := OpenReturn(r, size, year)
	if err != nil {
		return nil, nil, err
	}
	refs := slices.Sorted(maps.Keys(current))
	var changes []ReturnChange
	for _, ref := range refs {
		if ch := rt.Revise(current[ref]); ch != nil {
			changes = append(changes, *ch)
		}
	}
	if problems := rt.Problems(); len(problems) > 0 {
		return nil, problems, nil
	}
	return changes, nil, nil
}

func notWorkbook(why string) error {
	return &partnership.Error{Code: partnership.EInvalid, Message: "The file is not an annual workbook: " + why}
}

// checkReturnZip refuses anything but a plausible .xlsx: a zip with a
// workbook part, few parts and a bounded unzipped size. archive/zip refuses
// a part that unzips past its declared size, so the declared sizes can be
// trusted.
func checkReturnZip(zr *zip.Reader) error {
	if len(zr.File) > maxReturnEntries {
		return notWorkbook(fmt.Sprintf("it has %d parts (at most %d)", len(zr.File), maxReturnEntries))
	}
	var total uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		hasWorkbook = hasWorkbook || zf.Name == "xl/workbook.xml"
	}
	if total > maxReturnUnzipped {
		return notWorkbook(fmt.Sprintf("it unzips to more than %d MiB", maxReturnUnzipped>>20))
	}
	if !hasWorkbook {
		return notWorkbook("it has no workbook part")
	}
	return nil
}

func (rt *Return) problem(sheet string, col, row int, format string, args ...any) {
	rt.problems.problem(sheet, col, row, format, args...)
}

// problemList collects the problems of a return, or of one partnership's
// rows in it.
type problemList []CellProblem

func (l *problemList) problem(sheet string, col, row int, format string, args ...any) {
	cell := ""
	if col > 0 {
		cell, _ = excelize.CoordinatesToCellName(col, row)
	}
	*l = append(*l, CellProblem{Sheet: sheet, Cell: cell, Message: fmt.Sprintf(format, args...)})
}

// Problems is every problem found so far, at most maxReturnProblems and a
// last one saying how many more, and one for each row of a partnership
// the register does not have (of those Revise was not given).
func (rt *Return) Problems() []CellProblem {
	rt.mu.Lock()
	problems := slices.Clone(rt.problems)
	rt.mu.Unlock()
	for _, s := range []struct {
		name string
		rows map[string][]returnedRow
	}{{SheetTargets, rt.targets}, {SheetReviews, rt.reviews}} {
		for _, ref := range slices.Sorted(maps.Keys(s.rows)) {
			if !rt.revised[ref] {
				for _, r := range s.rows[ref] {
					problems = append(problems, CellProblem{Sheet: s.name, Cell: "A" + strconv.Itoa(r.n), Message: "No partnership " + ref + " is in the register"})
				}
			}
		}
	}
	slices.SortStableFunc(problems, inWorkbookOrder)
	if len(problems) <= maxReturnProblems {
		return problems
	}
	out := slices.Clone(problems[:maxReturnProblems])
	return append(out, CellProblem{Message: fmt.Sprintf("and %d more problems", len(problems)-maxReturnProblems)})
}

// inWorkbookOrder orders problems by sheet, as the workbook has them, then
// by row and column, a sheet's own problems first: the partnerships are
// checked several at once, so this is the order the answer is given in.
func inWorkbookOrder(a, b CellProblem) int {
	return slices.Compare(problemPlace(a), problemPlace(b))
}

func problemPlace(p CellProblem) []int {
	sheet := slices.Index([]string{SheetExport, SheetTargets, SheetReviews}, p.Sheet)
	if sheet < 0 {
		sheet = 3
	}
	col, row, err := excelize.CellNameToCoordinates(p.Cell)
	if err != nil {
		return []int{sheet, 0, 0}
	}
	return []int{sheet, row, col}
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
func (rt *Return) readExport() {
	rt.base = map[string]int{}
	rows, err := rt.exportRows()
	if err != nil || len(rows) < 2 || len(rows[0]) < 2 {
		rt.problem(SheetExport, 0, 0, "The workbook was not made by the register (its Export sheet is missing)")
		return
	}
	if rows[0][1] != string(rt.year) {
		rt.problem(SheetExport, 2, 1, "The workbook is for %s, not %s", rows[0][1], rt.year)
	}
	for _, r := range rows[2:] {
		if len(r) >= 2 {
			if n, err := strconv.Atoi(r[1]); err == nil {
				rt.base[r[0]] = n
			}
		}
	}
}

// exportRows reads the Export sheet as excelize's GetRows would: every row
// up to the last with a value, an unreadable part ending the rows early.
func (rt *Return) exportRows() ([][]string, error) {
	var rows [][]string
	err := rt.x.eachSheetRow(SheetExport, func(n int, cells []string, _ []int) bool {
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
