package generator

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
	// copying it to w; sheetZip writes to w itself, adding the large
	// sheets' rows as it goes, and leaves that buffer empty.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSheetZip(w, wb.bodies) })
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
	counts      map[string]int       // data rows per sheet
	bodies      map[string]sheetBody // the large sheets' rows, by sheet
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
	wb.bodies = map[string]sheetBody{}
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
	styles, err := wb.setColumns(f, s)
	if err != nil {
		return err
	}
	if err := f.AddTable(s.name, &excelize.Table{Range: ref, Name: s.table, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	wrap := make([]float64, len(s.cols))
	for i, c := range s.cols {
		if c.kind == kindWrap {
			wrap[i] = c.width
		}
	}
	wb.bodies[s.name] = sheetBody{styles: styles, wrap: wrap, header: 1, rows: func(w *rowWriter) error {
		if err := s.rows(w); err != nil {
			return err
		}
		if w.row == 1 { // a table needs one row under its header
			return w.emit(nil)
		}
		return nil
	}}
	return nil
}

// setColumns sets the widths, the officer columns' style and the frozen
// header row, writes the header, and returns each column's cell style.
func (wb *workbookData) setColumns(f *excelize.File, s wbSheet) ([]int, error) {
	styles := make([]int, len(s.cols))
	header := make([]any, len(s.cols))
	for i, c := range s.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.name, name, name, c.width); err != nil {
			return nil, err
		}
		styles[i] = wb.st.locked[c.kind]
		if c.officer {
			styles[i] = wb.st.officer[c.kind]
			if err := f.SetColStyle(s.name, name, styles[i]); err != nil {
				return nil, err
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
			return nil, err
		}
	}
	return styles, nil
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
		func() error { return f.SetSheetDimension(SheetExport, "A1:B"+strconv.Itoa(len(wb.revs)+2)) },
		func() error { return f.SetSheetVisible(SheetExport, false, true) },
		func() error { return f.SetSheetRow(SheetExport, "A1", &[]any{"Financial year", string(wb.year)}) },
		func() error { return f.SetSheetRow(SheetExport, "A2", &[]any{"Ref", "Revision"}) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	wb.bodies[SheetExport] = sheetBody{styles: make([]int, 2), header: 2, rows: func(w *rowWriter) error {
		for _, r := range wb.revs {
			if err := w.emit(r.Ref, r.Number); err != nil {
				return err
			}
		}
		return nil
	}}
	return nil
}
