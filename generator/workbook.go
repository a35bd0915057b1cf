package generator

// The annual CMT workbook (§5(b)): one Excel file per financial year, built
// from the register's current revisions, that officers fill in and send
// back (see workbook_return.go).
//
// The large sheets are written with excelize's StreamWriter. Everything a
// streamed sheet needs besides its rows (dimension, protection, validation,
// conditional formats, page set-up) is set on the empty worksheet BEFORE the
// stream writer is made, because the writer copies those parts when it
// flushes; a sheet is never read back after Flush, which would make excelize
// parse it again.
//
// Text is always written as text: the StreamWriter writes a Go string as an
// inline string and the Dashboard uses SetCellStr, so a name such as
// =HYPERLINK(...) or @SUM(A1) is never a formula.

import (
	"archive/zip"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// Sheet names of the annual workbook. ReadReturn finds the return's cells by
// these names.
const (
	SheetDashboard      = "Dashboard"
	SheetRegister       = "Register"
	SheetTargets        = "Targets"
	SheetRisks          = "Risks"
	SheetRepresentation = "Representation"
	SheetReviews        = "Reviews"
	SheetDefinitions    = "Definitions"
	// SheetExport is very hidden: the year and the revision of each
	// partnership the workbook was made from.
	SheetExport = "Export"
)

// Workbook writes the annual CMT workbook for year to w: the dashboard, the
// register, targets, risks, representation, reviews and definitions. The
// revisions are the register's current ones with their stored assessments;
// at is when the workbook is made (the "as at" date of overdue reviews and
// partnerships ending soon). It is pure: the same input gives the same
// cells.
func Workbook(w io.Writer, year partnership.FinancialYear, revisions []partnership.Revision, c partnership.Council, at time.Time) error {
	wb, err := newWorkbookData(year, revisions, c, at)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := wb.build(f); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	// excelize's WriteTo builds the whole zip in a bytes.Buffer before
	// copying it to w; a zip writer over w itself streams the same parts
	// in the same order and leaves that buffer empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	_, err = f.WriteTo(w)
	return err
}

// workbookData is the input of one workbook, sorted by reference.
type workbookData struct {
	year        partnership.FinancialYear
	first, last time.Time // the year's bounds
	at          time.Time // the as-at date, midnight UTC
	council     partnership.Council
	revs        []*partnership.Revision
	st          *workbookStyles
	counts      map[string]int // data rows per sheet
}

func newWorkbookData(year partnership.FinancialYear, revisions []partnership.Revision, c partnership.Council, at time.Time) (*workbookData, error) {
	first, last, err := year.Bounds()
	if err != nil {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: err.Error()}
	}
	y, m, d := at.Date()
	wb := &workbookData{year: year, first: first, last: last, council: c,
		at: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), revs: make([]*partnership.Revision, len(revisions))}
	for i := range revisions {
		wb.revs[i] = &revisions[i]
	}
	slices.SortStableFunc(wb.revs, func(a, b *partnership.Revision) int { return cmp.Compare(a.Ref, b.Ref) })
	wb.counts = map[string]int{SheetRegister: len(wb.revs)}
	for _, r := range wb.revs {
		p := &r.Partnership
		wb.counts[SheetTargets] += len(p.Targets)
		wb.counts[SheetRisks] += len(p.Risks)
		wb.counts[SheetRepresentation] += len(representationRows(p))
		wb.counts[SheetReviews] += len(reviewRows(p, year))
	}
	return wb, nil
}

func (wb *workbookData) build(f *excelize.File) error {
	var err error
	if wb.st, err = newWorkbookStyles(f); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetDashboard); err != nil {
		return err
	}
	// Export first: hiding a sheet reads every worksheet, which must not
	// happen to a streamed one.
	if err := wb.writeExport(f); err != nil {
		return err
	}
	for _, s := range wb.sheets() {
		if err := wb.writeSheet(f, s); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if err := wb.writeDefinitions(f); err != nil {
		return fmt.Errorf("%s: %w", SheetDefinitions, err)
	}
	if err := wb.writeDashboard(f); err != nil {
		return fmt.Errorf("%s: %w", SheetDashboard, err)
	}
	// The Dashboard is already the active sheet; SetActiveSheet would read
	// every worksheet back.
	return f.SetDocProps(&excelize.DocProperties{
		Title:       "Annual partnerships report to " + orDefault(wb.council.DecisionBody, "the Corporate Management Team") + " " + string(wb.year),
		Subject:     "Partnership register, targets, risks, representation and reviews for " + string(wb.year),
		Creator:     wb.council.Name,
		Keywords:    string(wb.year) + ", partnerships, CMT, Partnership Protocol §5(b)",
		Category:    "Partnerships annual report",
		Description: "Financial year " + string(wb.year) + " (" + wb.first.Format("2 January 2006") + " to " + wb.last.Format("2 January 2006") + "), as at " + wb.at.Format("2 January 2006") + ".",
		Created:     wb.at.Format(time.RFC3339),
		Modified:    wb.at.Format(time.RFC3339),
		Language:    "en-GB",
	})
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// wbColumn is one column of a streamed sheet.
type wbColumn struct {
	header  string
	width   float64
	kind    cellKind
	officer bool // officers fill it in: unlocked
}

// wbSheet is one streamed sheet: a table over all its rows.
type wbSheet struct {
	name, table string
	cols        []wbColumn
	lists       map[int][]string // drop-down values by 0-based column
	ragCol      int              // 0-based column coloured by RAG word, or -1
	rows        func(w *rowWriter) error
}

// rowWriter streams the data rows of one sheet, styling each cell by its
// column. Its cells and the row handed to SetRow are made once per sheet:
// the row holds a pointer to each cell, so no cell is boxed per row.
type rowWriter struct {
	sw     *excelize.StreamWriter
	row    int
	styles []int
	cells  []excelize.Cell
	buf    []any
}

func newRowWriter(sw *excelize.StreamWriter, cols int) *rowWriter {
	w := &rowWriter{sw: sw, styles: make([]int, cols), cells: make([]excelize.Cell, cols), buf: make([]any, cols)}
	for i := range w.cells {
		w.buf[i] = &w.cells[i]
	}
	return w
}

// next is the number of the row the next emit writes.
func (w *rowWriter) next() int { return w.row + 1 }

func (w *rowWriter) emit(values ...any) error {
	w.row++
	if len(values) > len(w.cells) {
		return fmt.Errorf("row %d: %d values for %d columns", w.row, len(values), len(w.cells))
	}
	for i, v := range values {
		c := &w.cells[i]
		if x, ok := v.(excelize.Cell); ok {
			*c = x
		} else {
			*c = excelize.Cell{Value: v}
		}
		if c.StyleID == 0 {
			c.StyleID = w.styles[i]
		}
	}
	return w.sw.SetRow(w.ref(), w.buf[:len(values)])
}

// ref is the reference of the first cell of the current row.
func (w *rowWriter) ref() string {
	var b [12]byte
	return string(strconv.AppendInt(append(b[:0], 'A'), int64(w.row), 10))
}

func (wb *workbookData) writeSheet(f *excelize.File, s wbSheet) error {
	if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	last := max(wb.counts[s.name], 1) + 1
	lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
	ref := "A1:" + lastCol + strconv.Itoa(last)
	if err := f.SetSheetDimension(s.name, ref); err != nil {
		return err
	}
	if err := wb.prepareSheet(f, s, last); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	w := newRowWriter(sw, len(s.cols))
	if err := wb.startStream(w, s); err != nil {
		return err
	}
	if err := s.rows(w); err != nil {
		return err
	}
	if w.row == 1 { // a table needs one row under its header
		if err := w.emit(nil); err != nil {
			return err
		}
	}
	if err := sw.AddTable(&excelize.Table{Range: ref, Name: s.table, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	return sw.Flush()
}

// startStream sets the widths, column styles and frozen header, and writes
// the header row.
func (wb *workbookData) startStream(w *rowWriter, s wbSheet) error {
	header := make([]any, len(s.cols))
	for i, c := range s.cols {
		if err := w.sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		w.styles[i] = wb.st.locked[c.kind]
		if c.officer {
			w.styles[i] = wb.st.officer[c.kind]
			if err := w.sw.SetColStyle(i+1, i+1, w.styles[i]); err != nil {
				return err
			}
		}
		header[i] = excelize.Cell{StyleID: wb.st.header, Value: c.header}
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	w.row = 1
	return w.sw.SetRow("A1", header, excelize.RowOpts{Height: 32})
}

// prepareSheet sets what the stream writer copies at Flush: drop-downs,
// the RAG colours, protection and print set-up.
func (wb *workbookData) prepareSheet(f *excelize.File, s wbSheet, last int) error {
	for col, values := range s.lists {
		name, _ := excelize.ColumnNumberToName(col + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", name, name, max(last, 1000))
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Choose from the list", "Choose one of: "+strings.Join(values, ", "))
		if err := f.AddDataValidation(s.name, dv); err != nil {
			return err
		}
	}
	if s.ragCol >= 0 {
		if err := wb.ragFormats(f, s.name, s.ragCol, last); err != nil {
			return err
		}
	}
	return wb.protectAndPrint(f, s.name, true)
}

func (wb *workbookData) ragFormats(f *excelize.File, sheet string, col, last int) error {
	name, _ := excelize.ColumnNumberToName(col + 1)
	var opts []excelize.ConditionalFormatOptions
	for _, c := range []struct {
		rag   partnership.RAG
		style int
	}{{partnership.RAGGreen, wb.st.green}, {partnership.RAGAmber, wb.st.amber}, {partnership.RAGRed, wb.st.red}, {partnership.RAGNoData, wb.st.grey}} {
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==",
			Value: `"` + wbLabel(c.rag) + `"`, Format: ptr(c.style)})
	}
	return f.SetConditionalFormat(sheet, fmt.Sprintf("%s2:%s%d", name, name, max(last, 1000)), opts)
}

// protectAndPrint protects the sheet without a password (protection only
// guards against slips; ReadReturn compares read-only cells with the
// register) and sets landscape, fit to width and repeated header rows.
func (wb *workbookData) protectAndPrint(f *excelize.File, sheet string, titles bool) error {
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{AutoFilter: true, Sort: true,
		FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"),
		Size: ptr(9), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if !titles {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// writeExport records the year and each partnership's revision, so that a
// return can say which revision it was made from.
func (wb *workbookData) writeExport(f *excelize.File) error {
	if _, err := f.NewSheet(SheetExport); err != nil {
		return err
	}
	if err := f.SetSheetDimension(SheetExport, "A1:B"+strconv.Itoa(len(wb.revs)+2)); err != nil {
		return err
	}
	// Hidden before streaming: SetSheetVisible reads the worksheet.
	if err := f.SetSheetVisible(SheetExport, false, true); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetExport)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"Financial year", string(wb.year)}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", []any{"Ref", "Revision"}); err != nil {
		return err
	}
	for i, r := range wb.revs {
		if err := sw.SetRow("A"+strconv.Itoa(i+3), []any{r.Ref, r.Number}); err != nil {
			return err
		}
	}
	return sw.Flush()
}
