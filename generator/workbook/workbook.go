package workbook

// The annual CMT workbook (§5(b)): one Excel file per financial year, built
// from the register's current revisions, that officers fill in and send
// back (see workbook_return.go).
//
// excelize builds the workbook: styles, the Dashboard and Definitions, and
// for each large sheet (Register, Targets, Risks, Representation, Reviews
// and the hidden Export) its header row, dimension, table, drop-downs,
// conditional formats, protection and page set-up. The large sheets' data
// rows are not given to excelize at all, not even to its StreamWriter,
// which holds each sheet's XML in a buffer of up to 16 MiB (or a temporary
// file) until the file is saved: sheetZip (workbook_zip.go) writes them
// into each sheet's zip entry as the file is saved, compressed as they are
// made (workbook_sheetxml.go). For 10,000 partnerships that keeps peak
// memory near the register's own size.
//
// Text is always written as text: the rows' strings are inline strings and
// the Dashboard uses SetCellStr, so a name such as =HYPERLINK(...) or
// @SUM(A1) is never a formula.

import (
	"cmp"
	"fmt"
	"io"
	"maps"
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
// bytes.
func Workbook(w io.Writer, year partnership.FinancialYear, revisions []partnership.Revision, c partnership.Council, at time.Time) error {
	sorted := make([]*partnership.Revision, len(revisions))
	for i := range revisions {
		sorted[i] = &revisions[i]
	}
	slices.SortStableFunc(sorted, func(a, b *partnership.Revision) int { return cmp.Compare(a.Ref, b.Ref) })
	return WorkbookFrom(w, year, func(yield func(*partnership.Revision) error) error {
		for _, r := range sorted {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}, c, at)
}

// Revisions hands each of the register's current revisions, in ref order
// (byte order), to yield, and stops at yield's first error, returning it.
// The revision is yield's only until it returns.
type Revisions func(yield func(*partnership.Revision) error) error

// WorkbookFrom is Workbook over revisions streamed from the register. Each
// revision is written into every sheet's rows as it comes and then let go,
// so the workbook holds no more of the register than the revision in hand:
// the rows wait, compressed, for the rest of the file (see deflatedRows).
func WorkbookFrom(w io.Writer, year partnership.FinancialYear, revs Revisions, c partnership.Council, at time.Time) error {
	return writeWorkbook(w, year, revs, c, at, newSheets(year, c))
}

// writeWorkbook writes the workbook with the column tables set.
func writeWorkbook(w io.Writer, year partnership.FinancialYear, revs Revisions, c partnership.Council, at time.Time, set *sheetSet) error {
	wb, err := newWorkbookData(year, c, at)
	if err != nil {
		return err
	}
	wb.set = set
	f := excelize.NewFile()
	defer f.Close()
	if wb.st, err = newWorkbookStyles(f); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if err := wb.collect(revs); err != nil {
		return err
	}
	if err := wb.build(f); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	// excelize's WriteTo builds the whole zip in a bytes.Buffer before
	// copying it to w; sheetZip writes to w itself, splicing in the large
	// sheets' rows, and leaves that buffer empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSheetZip(w, wb.rows) })
	_, err = f.WriteTo(w)
	return err
}

// workbookData is one workbook being made.
type workbookData struct {
	year        partnership.FinancialYear
	first, last time.Time // the year's bounds
	at          time.Time // the as-at date, midnight UTC
	council     partnership.Council
	st          *workbookStyles
	rows        map[string]*deflatedRows // the large sheets' rows, by sheet
	counts      map[string]int           // data rows per sheet
	areas       map[string]string        // service areas, by their lower case
	set         *sheetSet                // the column tables
}

func newWorkbookData(year partnership.FinancialYear, c partnership.Council, at time.Time) (*workbookData, error) {
	first, last, err := year.Bounds()
	if err != nil {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: err.Error()}
	}
	y, m, d := at.Date()
	return &workbookData{year: year, first: first, last: last, council: c,
		at: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), rows: map[string]*deflatedRows{},
		counts: map[string]int{}, areas: map[string]string{}, set: newSheets(year, c)}, nil
}

// collect makes every large sheet's rows in one pass over the revisions.
func (wb *workbookData) collect(revs Revisions) error {
	sheets := wb.set.all()
	export := newDeflatedRows(make([]int, 2), nil, 2)
	wb.rows[SheetExport] = export
	rows := make([]*deflatedRows, len(sheets))
	for i, s := range sheets {
		spec := s.spec()
		rows[i] = newDeflatedRows(wb.columnStyles(spec), wrapWidths(spec), 1)
		wb.rows[spec.name] = rows[i]
	}
	prev, n := "", 0
	err := revs(func(r *partnership.Revision) error {
		if n > 0 && r.Ref <= prev {
			return fmt.Errorf("workbook: revisions out of order: %q after %q", r.Ref, prev)
		}
		prev, n = r.Ref, n+1
		if err := export.w.emit(r.Ref, r.Number); err != nil {
			return err
		}
		for i, s := range sheets {
			if err := s.writeRows(rows[i].w, wb.st.locked, r); err != nil {
				return fmt.Errorf("workbook: %s: %w", s.spec().name, err)
			}
		}
		area := serviceArea(&r.Partnership)
		if k := strings.ToLower(area); wb.areas[k] == "" {
			wb.areas[k] = area
		}
		return nil
	})
	if err != nil {
		return err
	}
	for name, rows := range wb.rows {
		wb.counts[name] = rows.w.row - rows.header
		if name != SheetExport && rows.w.row == 1 { // a table needs one row under its header
			if err := rows.w.emit(nil); err != nil {
				return err
			}
		}
		if err := rows.finish(); err != nil {
			return err
		}
	}
	return nil
}

// build makes everything in the file but the large sheets' data rows.
func (wb *workbookData) build(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", SheetDashboard); err != nil {
		return err
	}
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
	// The Dashboard, the first sheet, is already the active one.
	return f.SetDocProps(&excelize.DocProperties{
		Title:       "Annual partnerships report to " + orDefault(wb.council.DecisionBody, "the Corporate Management Team") + " " + string(wb.year),
		Subject:     "Partnership register, targets, risks, representation and reviews for " + string(wb.year),
		Creator:     wb.council.Name,
		Keywords:    string(wb.year) + ", partnerships, CMT, Partnership Protocol §5(b)",
		Category:    "Partnerships annual report",
		Description: "Financial year " + string(wb.year) + " (" + partnership.FormatDate(wb.first) + " to " + partnership.FormatDate(wb.last) + "), as at " + partnership.FormatDate(wb.at) + ".",
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

// newSheets is the workbook's column tables for year and council.
func newSheets(year partnership.FinancialYear, c partnership.Council) *sheetSet {
	return &sheetSet{register: registerSheet(year, c), targets: targetsSheet(year), risks: risksSheet(),
		representation: representationSheet(), reviews: reviewsSheet(year)}
}

// sheets is the set-up of each large sheet, in the workbook's order.
func (wb *workbookData) sheets() []wbSheet {
	var out []wbSheet
	for _, s := range wb.set.all() {
		out = append(out, s.spec())
	}
	return out
}

// writeSheet sets up one large sheet with excelize (its header row,
// columns, table, drop-downs, colours, protection and print set-up) and
// leaves its data rows to be written as the file is saved (sheetZip).
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
	if err := wb.setColumns(f, s); err != nil {
		return err
	}
	if err := f.AddTable(s.name, &excelize.Table{Range: ref, Name: s.table, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	return nil
}

// wrapWidths is the width of each of the sheet's wrapped columns, 0 for the
// others.
func wrapWidths(s wbSheet) []float64 {
	wrap := make([]float64, len(s.cols))
	for i, c := range s.cols {
		if c.kind == kindWrap {
			wrap[i] = c.width
		}
	}
	return wrap
}

// columnStyles is the cell style of each of the sheet's columns: locked,
// or unlocked and shaded where officers fill it in.
func (wb *workbookData) columnStyles(s wbSheet) []int {
	styles := make([]int, len(s.cols))
	for i, c := range s.cols {
		styles[i] = wb.st.locked[c.kind]
		if c.officer {
			styles[i] = wb.st.officer[c.kind]
		}
	}
	return styles
}

// setColumns sets the widths, the officer columns' style and the frozen
// header row, and writes the header.
func (wb *workbookData) setColumns(f *excelize.File, s wbSheet) error {
	header := make([]any, len(s.cols))
	styles := wb.columnStyles(s)
	for i, c := range s.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.name, name, name, c.width); err != nil {
			return err
		}
		if c.officer {
			if err := f.SetColStyle(s.name, name, styles[i]); err != nil {
				return err
			}
		}
		header[i] = c.header
	}
	lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
	for _, step := range []func() error{
		func() error { return f.SetSheetRow(s.name, "A1", &header) },
		func() error { return f.SetCellStyle(s.name, "A1", lastCol+"1", wb.st.header) },
		func() error { return f.SetRowHeight(s.name, 1, 32) },
		func() error {
			return f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
				Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
		},
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// prepareSheet sets what the stream writer copies at Flush: drop-downs,
// the RAG colours, protection and print set-up.
func (wb *workbookData) prepareSheet(f *excelize.File, s wbSheet, last int) error {
	for _, col := range slices.Sorted(maps.Keys(s.lists)) {
		values := s.lists[col]
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
// return can say which revision it was made from. The sheet is very
// hidden: officers never see it.
func (wb *workbookData) writeExport(f *excelize.File) error {
	if _, err := f.NewSheet(SheetExport); err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return f.SetSheetDimension(SheetExport, "A1:B"+strconv.Itoa(wb.counts[SheetExport]+2)) },
		func() error { return f.SetSheetVisible(SheetExport, false, true) },
		func() error { return f.SetSheetRow(SheetExport, "A1", &[]any{"Financial year", string(wb.year)}) },
		func() error { return f.SetSheetRow(SheetExport, "A2", &[]any{"Ref", "Revision"}) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
