package workbook

// Structure tests of the annual workbook: what makes Excel say "We found a
// problem with some content ... Do you want us to try to recover as much as
// we can?", and whether each large sheet's set-up reads back as the column
// definitions (workbook_sheets.go) and sheets() say.
//
// The set-up is read back with excelize. The package checks read the zip
// with archive/zip and encoding/xml only, so that they do not share
// excelize's idea of what it wrote; each check returns the problems it
// finds, and TestWorkbookStructureChecksCatchFaults breaks a good package
// in the way each check looks for, to show that each can fail.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// registerCase is a register the structure tests build a workbook from.
type registerCase struct {
	name string
	revs []partnership.Revision
}

// registerCases are the samples, an empty register, and one partnership
// with no targets, risks or representatives, whose sheets but the
// Register have no rows.
func registerCases(t *testing.T) []registerCase {
	bare := sampleRevisions(t)[:1]
	p := &bare[0].Partnership
	p.Targets, p.Risks, p.Representatives, p.SponsoringOfficer = nil, nil, nil, nil
	return []registerCase{{"samples", sampleRevisions(t)}, {"empty register", nil}, {"bare partnership", bare}}
}

// plannedSheets is the large sheets of the workbook.
func plannedSheets(t *testing.T) []wbSheet {
	t.Helper()
	wb, err := newWorkbookData(testYear, partnership.DefaultCouncil(), testAt)
	if err != nil {
		t.Fatal(err)
	}
	return wb.sheets()
}

// The drop-downs and colours the issue asks for are where sheets() puts
// them, so that the read-back tests below, which follow sheets(), cannot
// pass because a list was dropped from it.
func TestWorkbookDropDownsAndColoursPlanned(t *testing.T) {
	want := map[string]map[string][]string{
		SheetTargets: {"RAG": wbLabels(partnership.RAGValues)},
		SheetReviews: {"Overall": wbLabels(partnership.OverallValues), "Recommendation": wbLabels(partnership.RecommendationValues)},
	}
	for _, s := range plannedSheets(t) {
		got := map[string][]string{}
		for col, values := range s.lists {
			got[s.cols[col].header] = values
		}
		if !maps.EqualFunc(got, want[s.name], slices.Equal[[]string]) {
			t.Errorf("%s: drop-downs %q, want %q", s.name, got, want[s.name])
		}
		wantRAG := -1
		if s.name == SheetTargets {
			wantRAG = slices.IndexFunc(s.cols, func(c wbColumn) bool { return c.header == "RAG" })
		}
		if s.ragCol != wantRAG {
			t.Errorf("%s: RAG colours on column %d, want %d", s.name, s.ragCol, wantRAG)
		}
	}
}

func TestWorkbookLargeSheetSetUp(t *testing.T) {
	for _, rc := range registerCases(t) {
		t.Run(rc.name, func(t *testing.T) {
			f := openWorkbook(t, buildWorkbook(t, rc.revs))
			for _, s := range plannedSheets(t) {
				t.Run(s.name, func(t *testing.T) {
					rows := sheetRows(t, f, s.name)
					last := max(len(rows), 2) // a table keeps one row under its header
					checkHeaderAndPanes(t, f, s, rows)
					checkColumnWidths(t, f, s)
					checkTable(t, f, s, last)
					checkDropDowns(t, f, s, last)
					checkRAGFormats(t, f, s, last)
					checkPrintSetUp(t, f, s.name)
					checkLocking(t, f, s, last)
				})
			}
		})
	}
}

func checkHeaderAndPanes(t *testing.T, f *excelize.File, s wbSheet, rows [][]string) {
	t.Helper()
	var want []string
	for _, c := range s.cols {
		want = append(want, c.header)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], want) {
		t.Errorf("header row %q, want %q", slices.Concat(rows[:min(len(rows), 1)]...), want)
	}
	p, err := f.GetPanes(s.name)
	if err != nil || !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v (%v), want row 1 frozen with A2 top left", p, err)
	}
}

func checkColumnWidths(t *testing.T, f *excelize.File, s wbSheet) {
	t.Helper()
	for i, c := range s.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if w, err := f.GetColWidth(s.name, name); err != nil || w != c.width {
			t.Errorf("column %s (%s) width %v (%v), want %v", name, c.header, w, err, c.width)
		}
	}
}

// checkTable checks the one table covers the header and every data row,
// and that the sheet's dimension says so too.
func checkTable(t *testing.T, f *excelize.File, s wbSheet, last int) {
	t.Helper()
	lastCol, _ := excelize.ColumnNumberToName(len(s.cols))
	want := fmt.Sprintf("A1:%s%d", lastCol, last)
	if dim, err := f.GetSheetDimension(s.name); err != nil || dim != want {
		t.Errorf("dimension %q (%v), want %q", dim, err, want)
	}
	tables, err := f.GetTables(s.name)
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables %+v (%v), want one", tables, err)
	}
	if tb := tables[0]; tb.Name != s.table || tb.Range != want {
		t.Errorf("table %s over %s, want %s over %s", tb.Name, tb.Range, s.table, want)
	}
}

// checkDropDowns checks there is one list on each column of s.lists, with
// its values, from row 2 to at least the last row, and none elsewhere.
func checkDropDowns(t *testing.T, f *excelize.File, s wbSheet, last int) {
	t.Helper()
	dvs, err := f.GetDataValidations(s.name)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][]string{}
	for _, dv := range dvs {
		col, first, end, err := columnSpan(dv.Sqref)
		if err != nil || first != 2 || end < last {
			t.Errorf("drop-down over %q (%v), want one column from row 2 to at least row %d", dv.Sqref, err, last)
			continue
		}
		if _, twice := got[col]; twice {
			t.Errorf("column %d has two drop-downs", col+1)
		}
		values, ok := listValues(xmlText(dv.Formula1))
		if dv.Type != "list" || !ok {
			t.Errorf("%s: validation %s %q, want a list", dv.Sqref, dv.Type, dv.Formula1)
		}
		// showDropDown="1" hides the in-cell arrow, despite its name.
		if dv.ShowDropDown || !dv.ShowErrorMessage {
			t.Errorf("%s: arrow hidden %v, error shown %v; want the arrow and the error", dv.Sqref, dv.ShowDropDown, dv.ShowErrorMessage)
		}
		got[col] = values
	}
	if !maps.EqualFunc(got, s.lists, slices.Equal[[]string]) {
		t.Errorf("drop-downs by column %v, want %v", got, s.lists)
	}
}

// columnSpan reads a range of one column, such as "L2:L1000", as its
// 0-based column and its first and last rows.
func columnSpan(sqref string) (col, first, last int, err error) {
	from, to, _ := strings.Cut(sqref, ":")
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		return 0, 0, 0, err
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil || c1 != c2 {
		return 0, 0, 0, errors.Join(err, fmt.Errorf("%q is not one column", sqref))
	}
	return c1 - 1, r1, r2, nil
}

// listValues reads a list validation's formula, such as `"Green,Amber"`,
// as its values.
func listValues(formula string) ([]string, bool) {
	inner, ok := strings.CutPrefix(formula, `"`)
	inner, ok2 := strings.CutSuffix(inner, `"`)
	if !ok || !ok2 {
		return nil, false
	}
	return strings.Split(inner, ","), true
}

// xmlText decodes XML character data; excelize gives a validation's
// formula as it stands in the file.
func xmlText(s string) string {
	var text string
	if err := xml.Unmarshal([]byte("<t>"+s+"</t>"), &text); err != nil {
		return s
	}
	return text
}

// checkRAGFormats checks the RAG column alone is coloured: one rule for
// each RAG word, in order, each with a format of its own.
func checkRAGFormats(t *testing.T, f *excelize.File, s wbSheet, last int) {
	t.Helper()
	cfs, err := f.GetConditionalFormats(s.name)
	if err != nil {
		t.Fatal(err)
	}
	if s.ragCol < 0 {
		if len(cfs) != 0 {
			t.Errorf("conditional formats %v, want none", cfs)
		}
		return
	}
	if len(cfs) != 1 {
		t.Fatalf("conditional formats over %v, want one range", slices.Collect(maps.Keys(cfs)))
	}
	var want []string
	for _, l := range wbLabels(partnership.RAGValues) {
		want = append(want, `"`+l+`"`)
	}
	for sqref, rules := range cfs {
		if col, first, end, err := columnSpan(sqref); err != nil || col != s.ragCol || first != 2 || end < last {
			t.Errorf("colours over %s (%v), want column %d from row 2 to at least row %d", sqref, err, s.ragCol+1, last)
		}
		var values []string
		formats := map[int]bool{}
		for _, r := range rules {
			if r.Type != "cell" || r.Criteria != "equal to" || r.Format == nil || formats[*r.Format] {
				t.Errorf("rule %+v: want a cell-equal-to rule with a format of its own", r)
			} else {
				formats[*r.Format] = true
			}
			values = append(values, r.Value)
		}
		if !slices.Equal(values, want) {
			t.Errorf("coloured words %q, want %q", values, want)
		}
	}
}

func checkPrintSetUp(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// fitToHeight 0 is "as many pages as it takes"; left out it means 1.
	if valueOf(pl.Orientation) != "landscape" || valueOf(pl.Size) != 9 || valueOf(pl.FitToWidth) != 1 ||
		pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %s, paper %d, %d wide by %v tall; want landscape A4 (9), 1 wide by 0",
			valueOf(pl.Orientation), valueOf(pl.Size), valueOf(pl.FitToWidth), pl.FitToHeight)
	}
	if props, err := f.GetSheetProps(sheet); err != nil || !valueOf(props.FitToPage) {
		t.Errorf("fit to page %v (%v), want true", props.FitToPage, err)
	}
	var titles []string
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet {
			titles = append(titles, n.RefersTo)
		}
	}
	if !slices.Equal(titles, []string{"'" + sheet + "'!$1:$1"}) && !slices.Equal(titles, []string{sheet + "!$1:$1"}) {
		t.Errorf("print titles %q, want row 1 of %s once", titles, sheet)
	}
}

func valueOf[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// checkLocking checks that the sheet is protected, that officers' cells
// are unlocked in every data row, and that every other cell, the header
// included, is locked.
func checkLocking(t *testing.T, f *excelize.File, s wbSheet, last int) {
	t.Helper()
	// Read back, SelectUnlockedCells is false when there is no protection.
	if p, err := f.GetSheetProtection(s.name); err != nil || !p.SelectUnlockedCells {
		t.Errorf("unlocked cells selectable under protection: %v (%v), want a protected sheet that lets officers select them", p.SelectUnlockedCells, err)
	}
	locked := map[int]bool{} // by style
	for i, c := range s.cols {
		for row := 1; row <= last; row++ {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			id, err := f.GetCellStyle(s.name, cell)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := locked[id]; !ok {
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				locked[id] = st.Protection == nil || st.Protection.Locked // Excel locks by default
			}
			if want := row == 1 || !c.officer; locked[id] != want {
				t.Errorf("%s (%s): locked %v, want %v", cell, c.header, locked[id], want)
				break
			}
		}
	}
}

func TestWorkbookExportVeryHidden(t *testing.T) {
	for _, rc := range registerCases(t) {
		t.Run(rc.name, func(t *testing.T) {
			b := buildWorkbook(t, rc.revs)
			if visible, err := openWorkbook(t, b).GetSheetVisible(SheetExport); err != nil || visible {
				t.Errorf("Export visible %v (%v)", visible, err)
			}
			wb, err := readZipParts(t, b).workbook()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range wb.Sheets {
				want := ""
				if s.Name == SheetExport {
					want = "veryHidden"
				}
				if s.State != want && !(want == "" && s.State == "visible") {
					t.Errorf("%s: state %q, want %q", s.Name, s.State, want)
				}
			}
		})
	}
}

func TestWorkbookDashboardFirstAndActive(t *testing.T) {
	for _, rc := range registerCases(t) {
		t.Run(rc.name, func(t *testing.T) {
			b := buildWorkbook(t, rc.revs)
			f := openWorkbook(t, b)
			if list := f.GetSheetList(); len(list) == 0 || list[0] != SheetDashboard || f.GetActiveSheetIndex() != 0 {
				t.Errorf("sheets %v, active %d; want the Dashboard first and active", list, f.GetActiveSheetIndex())
			}
			// Excel groups every sheet whose tab is selected.
			p := readZipParts(t, b)
			wb, err := p.workbook()
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range wb.Sheets {
				part, err := p.sheetPart(s.Name)
				if err != nil {
					t.Fatal(err)
				}
				var ws worksheetXML
				if err := xml.Unmarshal(p[part], &ws); err != nil {
					t.Fatal(err)
				}
				selected := slices.ContainsFunc(ws.Views, func(v sheetViewXML) bool { return xmlTrue(v.TabSelected) })
				if selected != (s.Name == SheetDashboard) {
					t.Errorf("%s: tab selected %v", s.Name, selected)
				}
			}
		})
	}
}

// zipParts is a workbook's zip entries by name.
type zipParts map[string][]byte

func readZipParts(t testing.TB, b []byte) zipParts {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	p := zipParts{}
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, "/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if p[zf.Name], err = io.ReadAll(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	return p
}

const relsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

type workbookXML struct {
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
	DefinedNames []struct {
		Name         string `xml:"name,attr"`
		LocalSheetID *int   `xml:"localSheetId,attr"`
	} `xml:"definedNames>definedName"`
}

type worksheetXML struct {
	Views []sheetViewXML `xml:"sheetViews>sheetView"`
	Cols  []struct {
		Style string `xml:"style,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		R     string    `xml:"r,attr"`
		S     string    `xml:"s,attr"`
		Ht    string    `xml:"ht,attr"`
		Cells []cellXML `xml:"c"`
	} `xml:"sheetData>row"`
	ColourRules []struct {
		DxfID string `xml:"dxfId,attr"`
	} `xml:"conditionalFormatting>cfRule"`
	Lists []struct {
		Type        string `xml:"type,attr"`
		ErrorTitle  string `xml:"errorTitle,attr"`
		Error       string `xml:"error,attr"`
		PromptTitle string `xml:"promptTitle,attr"`
		Prompt      string `xml:"prompt,attr"`
		Formula1    string `xml:"formula1"`
	} `xml:"dataValidations>dataValidation"`
	TableParts []struct {
		RID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"tableParts>tablePart"`
}

type sheetViewXML struct {
	TabSelected string `xml:"tabSelected,attr"`
}

type cellXML struct {
	R  string   `xml:"r,attr"`
	S  string   `xml:"s,attr"`
	T  string   `xml:"t,attr"`
	V  string   `xml:"v"`
	Is *textXML `xml:"is"`
}

// textXML is a shared or inline string: plain, or runs of rich text.
type textXML struct {
	T    string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (x *textXML) text() string {
	s := x.T
	for _, r := range x.Runs {
		s += r.T
	}
	return s
}

type tableXML struct {
	ID          int    `xml:"id,attr"`
	Name        string `xml:"name,attr"`
	DisplayName string `xml:"displayName,attr"`
	Ref         string `xml:"ref,attr"`
	AutoFilter  struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
	Columns []struct {
		Name string `xml:"name,attr"`
	} `xml:"tableColumns>tableColumn"`
}

type relationshipXML struct {
	ID         string `xml:"Id,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

func xmlTrue(s string) bool { return s == "1" || s == "true" }

func (p zipParts) workbook() (*workbookXML, error) {
	var wb workbookXML
	return &wb, xml.Unmarshal(p["xl/workbook.xml"], &wb)
}

// relsPart is where the relationships of part are kept.
func relsPart(part string) string {
	dir, file := path.Split(part)
	return dir + "_rels/" + file + ".rels"
}

// resolveTarget is the part a relationship of source points to.
func resolveTarget(source, target string) string {
	if after, ok := strings.CutPrefix(target, "/"); ok {
		return after
	}
	return path.Join(path.Dir(source), target)
}

// relationships maps the relationship ids of part to the parts they point
// to; a part without relationships has none.
func (p zipParts) relationships(part string) (map[string]string, error) {
	data, ok := p[relsPart(part)]
	if !ok {
		return nil, nil
	}
	var rels struct {
		Rels []relationshipXML `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, fmt.Errorf("%s: %w", relsPart(part), err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = resolveTarget(part, r.Target)
	}
	return targets, nil
}

func (p zipParts) sheetPart(sheet string) (string, error) {
	wb, err := p.workbook()
	if err != nil {
		return "", err
	}
	rels, err := p.relationships("xl/workbook.xml")
	if err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			return rels[s.RID], nil
		}
	}
	return "", fmt.Errorf("no sheet %s", sheet)
}

// worksheetParts lists the worksheet parts in the package, sorted.
func (p zipParts) worksheetParts() []string {
	var out []string
	for name := range p {
		if path.Dir(name) == "xl/worksheets" && path.Ext(name) == ".xml" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func (p zipParts) sharedStrings() ([]string, error) {
	data, ok := p["xl/sharedStrings.xml"]
	if !ok {
		return nil, nil
	}
	var sst struct {
		Items []textXML `xml:"si"`
	}
	if err := xml.Unmarshal(data, &sst); err != nil {
		return nil, err
	}
	out := make([]string, len(sst.Items))
	for i := range sst.Items {
		out[i] = sst.Items[i].text()
	}
	return out, nil
}

// sheetCellText is a cell's text, its shared or inline string resolved.
func sheetCellText(c cellXML, sst []string) string {
	switch c.T {
	case "s":
		if i, err := strconv.Atoi(c.V); err == nil && 0 <= i && i < len(sst) {
			return sst[i]
		}
		return "(shared string " + c.V + " missing)"
	case "inlineStr":
		if c.Is != nil {
			return c.Is.text()
		}
	}
	return c.V
}

// cellRef reads a cell reference such as "AB12" as its column and row,
// both from 1, within Excel's 16,384 columns and 1,048,576 rows.
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref) && i < 4 && 'A' <= ref[i] && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i == len(ref) || ref[i] < '1' || ref[i] > '9' {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	return col, row, err == nil && col <= 16384 && row <= 1048576
}

// rangeRef reads "A1:M32" as its corners.
func rangeRef(ref string) (c1, r1, c2, r2 int, ok bool) {
	from, to, _ := strings.Cut(ref, ":")
	c1, r1, ok1 := cellRef(from)
	c2, r2, ok2 := cellRef(to)
	return c1, r1, c2, r2, ok1 && ok2 && c1 <= c2 && r1 <= r2
}

// worksheetSequence is the order of a worksheet's elements in the
// CT_Worksheet schema (ECMA-376 Part 1, 18.3.1.99).
var worksheetSequence = []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
	"sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
	"customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
	"printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
	"cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF",
	"picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"}

// childElement is one child of a part's root element.
type childElement struct {
	name     string
	count    string // its count attribute, if any
	children int
}

// rootChildren lists the children of the root element of an XML part.
func rootChildren(data []byte) ([]childElement, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []childElement
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch depth {
			case 2:
				c := childElement{name: e.Name.Local}
				for _, a := range e.Attr {
					if a.Name.Space == "" && a.Name.Local == "count" {
						c.count = a.Value
					}
				}
				out = append(out, c)
			case 3:
				out[len(out)-1].children++
			}
		case xml.EndElement:
			depth--
		}
	}
}

// elementOrderProblems checks every worksheet's elements come in the
// schema's order, each once, except conditionalFormatting.
func elementOrderProblems(p zipParts) []string {
	var out []string
	for _, part := range p.worksheetParts() {
		children, err := rootChildren(p[part])
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
		}
		pos, prev := -1, ""
		for _, c := range children {
			i := slices.Index(worksheetSequence, c.name)
			switch {
			case i < 0:
				out = append(out, fmt.Sprintf("%s: <%s> is not a worksheet element", part, c.name))
			case i < pos || i == pos && c.name != "conditionalFormatting":
				out = append(out, fmt.Sprintf("%s: <%s> after <%s>", part, c.name, prev))
			default:
				pos, prev = i, c.name
			}
		}
	}
	return out
}

// cellOrderProblems checks every worksheet's rows rise strictly, and the
// cells of each row, each cell in the row that holds it, and that no row
// is taller than the 409 points Excel allows.
func cellOrderProblems(p zipParts) []string {
	var out []string
	for _, part := range p.worksheetParts() {
		var ws worksheetXML
		if err := xml.Unmarshal(p[part], &ws); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
			continue
		}
		last := 0
		for _, row := range ws.Rows {
			r, err := strconv.Atoi(row.R)
			if err != nil || r <= last || r > 1048576 {
				out = append(out, fmt.Sprintf("%s: row r=%q after row %d", part, row.R, last))
				continue
			}
			last = r
			if h, err := strconv.ParseFloat(row.Ht, 64); row.Ht != "" && (err != nil || h < 0 || h > 409) {
				out = append(out, fmt.Sprintf("%s: row %d ht=%q", part, r, row.Ht))
			}
			lastCol := 0
			for _, c := range row.Cells {
				col, cr, ok := cellRef(c.R)
				if !ok || cr != r || col <= lastCol {
					out = append(out, fmt.Sprintf("%s: cell r=%q in row %d after column %d", part, c.R, r, lastCol))
					continue
				}
				lastCol = col
			}
		}
	}
	return out
}

// tableProblems checks each table's columns are named as its header cells
// are, uniquely, that its autoFilter is the table, and that table ids and
// names are unique in the workbook (names also among its defined names).
func tableProblems(p zipParts) []string {
	var out []string
	sst, err := p.sharedStrings()
	if err != nil {
		return []string{"shared strings: " + err.Error()}
	}
	wb, err := p.workbook()
	if err != nil {
		return []string{"workbook: " + err.Error()}
	}
	names := map[string]string{} // lower-case name → what has it
	for _, n := range wb.DefinedNames {
		names[strings.ToLower(n.Name)] = "a defined name"
	}
	ids := map[int]string{}
	for _, part := range p.worksheetParts() {
		var ws worksheetXML
		rels, err := p.relationships(part)
		if err == nil {
			err = xml.Unmarshal(p[part], &ws)
		}
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
			continue
		}
		for _, tp := range ws.TableParts {
			tpart := rels[tp.RID]
			var tb tableXML
			if err := xml.Unmarshal(p[tpart], &tb); err != nil {
				out = append(out, fmt.Sprintf("%s: table %s (%q): %v", part, tp.RID, tpart, err))
				continue
			}
			if other, ok := ids[tb.ID]; ok {
				out = append(out, fmt.Sprintf("%s: id %d, as %s", tpart, tb.ID, other))
			}
			ids[tb.ID] = tpart
			for _, n := range slices.Compact([]string{strings.ToLower(tb.Name), strings.ToLower(tb.DisplayName)}) {
				if other, ok := names[n]; ok {
					out = append(out, fmt.Sprintf("%s: name %q, as %s", tpart, n, other))
				}
				names[n] = tpart
			}
			out = append(out, tableColumnProblems(tpart, &tb, &ws, sst)...)
		}
	}
	return out
}

func tableColumnProblems(tpart string, tb *tableXML, ws *worksheetXML, sst []string) []string {
	var out []string
	if tb.AutoFilter.Ref != tb.Ref {
		out = append(out, fmt.Sprintf("%s: autoFilter %q, table %q", tpart, tb.AutoFilter.Ref, tb.Ref))
	}
	c1, r1, c2, _, ok := rangeRef(tb.Ref)
	if !ok {
		return append(out, fmt.Sprintf("%s: ref %q", tpart, tb.Ref))
	}
	header := make([]string, c2-c1+1)
	for _, row := range ws.Rows {
		if row.R != strconv.Itoa(r1) {
			continue
		}
		for _, c := range row.Cells {
			if col, _, ok := cellRef(c.R); ok && c1 <= col && col <= c2 {
				header[col-c1] = sheetCellText(c, sst)
			}
		}
	}
	var columns []string
	seen := map[string]bool{}
	for _, c := range tb.Columns {
		columns = append(columns, c.Name)
		if k := strings.ToLower(c.Name); seen[k] {
			out = append(out, fmt.Sprintf("%s: column %q twice", tpart, c.Name))
		} else {
			seen[k] = true
		}
	}
	if !slices.Equal(columns, header) {
		out = append(out, fmt.Sprintf("%s: columns %q, header cells %q", tpart, columns, header))
	}
	return out
}

// packageTypes is [Content_Types].xml.
type packageTypes struct {
	Defaults []struct {
		Extension string `xml:"Extension,attr"`
	} `xml:"Default"`
	Overrides []struct {
		PartName string `xml:"PartName,attr"`
	} `xml:"Override"`
}

// contentTypeProblems checks each Override names a part in the package,
// once, and that every part has a content type. Part names and extensions
// compare without case, as the Open Packaging Conventions say.
func contentTypeProblems(p zipParts) []string {
	var types packageTypes
	if err := xml.Unmarshal(p["[Content_Types].xml"], &types); err != nil {
		return []string{"[Content_Types].xml: " + err.Error()}
	}
	var out []string
	parts := map[string]bool{}
	for name := range p {
		parts[strings.ToLower(name)] = true
	}
	overridden, defaults := map[string]bool{}, map[string]bool{}
	for _, o := range types.Overrides {
		name := strings.ToLower(strings.TrimPrefix(o.PartName, "/"))
		switch {
		case !strings.HasPrefix(o.PartName, "/") || !parts[name]:
			out = append(out, fmt.Sprintf("override for %s, which is not in the package", o.PartName))
		case overridden[name]:
			out = append(out, fmt.Sprintf("two overrides for %s", o.PartName))
		}
		overridden[name] = true
	}
	for _, d := range types.Defaults {
		ext := strings.ToLower(d.Extension)
		if defaults[ext] {
			out = append(out, fmt.Sprintf("two defaults for .%s", d.Extension))
		}
		defaults[ext] = true
	}
	for name := range p {
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
		if name != "[Content_Types].xml" && !overridden[strings.ToLower(name)] && !defaults[ext] {
			out = append(out, fmt.Sprintf("%s has no content type", name))
		}
	}
	slices.Sort(out)
	return out
}

// relationshipProblems checks each relationship, unless external, points
// to a part in the package, that ids are unique in each .rels part, and
// that every r:id (or other attribute in the relationships namespace) a
// part uses is one of its relationships.
func relationshipProblems(p zipParts) []string {
	var out []string
	for name, data := range p {
		if path.Ext(name) == ".rels" {
			out = append(out, relsPartProblems(p, name, data)...)
			continue
		}
		if path.Ext(name) != ".xml" {
			continue
		}
		rels, err := p.relationships(name)
		if err != nil {
			out = append(out, err.Error())
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.Token()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					out = append(out, fmt.Sprintf("%s: %v", name, err))
				}
				break
			}
			e, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			for _, a := range e.Attr {
				if _, known := rels[a.Value]; a.Name.Space == relsNS && !known {
					out = append(out, fmt.Sprintf("%s: <%s %s=%q> has no relationship", name, e.Name.Local, a.Name.Local, a.Value))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func relsPartProblems(p zipParts, name string, data []byte) []string {
	dir, file := path.Split(name)
	if path.Base(dir) != "_rels" {
		return []string{name + " is not in a _rels folder"}
	}
	source := "" // the package itself, for _rels/.rels
	if file != ".rels" {
		source = path.Join(path.Dir(path.Clean(dir)), strings.TrimSuffix(file, ".rels"))
		if _, ok := p[source]; !ok {
			return []string{name + ": relationships of " + source + ", which is not in the package"}
		}
	}
	var rels struct {
		Rels []relationshipXML `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return []string{name + ": " + err.Error()}
	}
	var out []string
	ids := map[string]bool{}
	for _, r := range rels.Rels {
		if ids[r.ID] {
			out = append(out, fmt.Sprintf("%s: id %s twice", name, r.ID))
		}
		ids[r.ID] = true
		if r.TargetMode == "External" {
			continue
		}
		if target := resolveTarget(source, r.Target); p[target] == nil {
			out = append(out, fmt.Sprintf("%s: %s points to %s, which is not in the package", name, r.ID, target))
		}
	}
	return out
}

// countProblems checks that each worksheet element with a count attribute
// (dataValidations, tableParts, mergeCells) has that many children, and
// that each validation keeps to Excel's lengths: 255 characters for a
// list or a message, 32 for a title.
func countProblems(p zipParts) []string {
	var out []string
	for _, part := range p.worksheetParts() {
		children, err := rootChildren(p[part])
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
		}
		for _, c := range children {
			if c.count != "" && c.count != strconv.Itoa(c.children) {
				out = append(out, fmt.Sprintf("%s: <%s count=%q> has %d children", part, c.name, c.count, c.children))
			}
		}
		var ws worksheetXML
		if err := xml.Unmarshal(p[part], &ws); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
		}
		for _, dv := range ws.Lists {
			values, ok := listValues(dv.Formula1)
			if n := utf8.RuneCountInString(strings.Join(values, ",")); dv.Type == "list" && ok && n > 255 {
				out = append(out, fmt.Sprintf("%s: a list of %d characters", part, n))
			}
			for _, text := range []struct {
				s    string
				most int
			}{{dv.ErrorTitle, 32}, {dv.PromptTitle, 32}, {dv.Error, 255}, {dv.Prompt, 255}} {
				if n := utf8.RuneCountInString(text.s); n > text.most {
					out = append(out, fmt.Sprintf("%s: validation text of %d characters, more than %d: %q", part, n, text.most, text.s))
				}
			}
		}
	}
	return out
}

// styleProblems checks every cell, row and column style is one of the
// workbook's cell formats, and every conditional format one of its
// differential formats.
func styleProblems(p zipParts) []string {
	var styles struct {
		Xfs  []struct{} `xml:"cellXfs>xf"`
		Dxfs []struct{} `xml:"dxfs>dxf"`
	}
	if err := xml.Unmarshal(p["xl/styles.xml"], &styles); err != nil {
		return []string{"xl/styles.xml: " + err.Error()}
	}
	var out []string
	check := func(part, what, id string, n int) {
		if i, err := strconv.Atoi(id); id != "" && (err != nil || i < 0 || i >= n) {
			out = append(out, fmt.Sprintf("%s: %s style %q of %d", part, what, id, n))
		}
	}
	for _, part := range p.worksheetParts() {
		var ws worksheetXML
		if err := xml.Unmarshal(p[part], &ws); err != nil {
			out = append(out, fmt.Sprintf("%s: %v", part, err))
			continue
		}
		for _, c := range ws.Cols {
			check(part, "column", c.Style, len(styles.Xfs))
		}
		for _, r := range ws.Rows {
			check(part, "row "+r.R, r.S, len(styles.Xfs))
			for _, c := range r.Cells {
				check(part, "cell "+c.R, c.S, len(styles.Xfs))
			}
		}
		for _, r := range ws.ColourRules {
			check(part, "conditional format", r.DxfID, len(styles.Dxfs))
		}
	}
	return out
}

// definedNameProblems checks no name is defined twice in one scope and
// each sheet scope is a sheet of the workbook.
func definedNameProblems(p zipParts) []string {
	wb, err := p.workbook()
	if err != nil {
		return []string{"workbook: " + err.Error()}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range wb.DefinedNames {
		scope := "workbook"
		if n.LocalSheetID != nil {
			if *n.LocalSheetID < 0 || *n.LocalSheetID >= len(wb.Sheets) {
				out = append(out, fmt.Sprintf("%s: localSheetId %d of %d sheets", n.Name, *n.LocalSheetID, len(wb.Sheets)))
				continue
			}
			scope = wb.Sheets[*n.LocalSheetID].Name
		}
		key := strings.ToLower(n.Name) + "\x00" + scope
		if seen[key] {
			out = append(out, fmt.Sprintf("%s defined twice in %s", n.Name, scope))
		}
		seen[key] = true
	}
	return out
}

// packageChecks are the things Excel repairs when it opens a workbook.
var packageChecks = []struct {
	name  string
	check func(zipParts) []string
}{
	{"worksheet element order", elementOrderProblems},
	{"row and cell order", cellOrderProblems},
	{"tables", tableProblems},
	{"content types", contentTypeProblems},
	{"relationships", relationshipProblems},
	{"counts and list lengths", countProblems},
	{"styles", styleProblems},
	{"defined names", definedNameProblems},
}

func TestWorkbookStructurePackage(t *testing.T) {
	for _, rc := range registerCases(t) {
		p := readZipParts(t, buildWorkbook(t, rc.revs))
		// The checks look at the worksheet parts: there must be some.
		if wb, err := p.workbook(); err != nil || len(wb.Sheets) == 0 || len(p.worksheetParts()) != len(wb.Sheets) {
			t.Fatalf("%s: worksheet parts %v for the workbook's sheets (%v)", rc.name, p.worksheetParts(), err)
		}
		for _, c := range packageChecks {
			for _, problem := range c.check(p) {
				t.Errorf("%s: %s: %s", rc.name, c.name, problem)
			}
		}
	}
}

// TestWorkbookStructureChecksCatchFaults breaks a good package in the way
// each check looks for, so that a check that can no longer fail fails.
func TestWorkbookStructureChecksCatchFaults(t *testing.T) {
	good := readZipParts(t, buildWorkbook(t, sampleRevisions(t)))
	targets, err := good.sheetPart(SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	var ws worksheetXML
	rels, err := good.relationships(targets)
	if err == nil {
		err = xml.Unmarshal(good[targets], &ws)
	}
	if err != nil || len(ws.TableParts) == 0 {
		t.Fatalf("Targets table: %v", err)
	}
	table := rels[ws.TableParts[0].RID]
	export, err := good.sheetPart(SheetExport)
	if err != nil {
		t.Fatal(err)
	}
	replace := func(part, old, new string) func(*testing.T, zipParts) {
		return func(t *testing.T, p zipParts) {
			if !bytes.Contains(p[part], []byte(old)) {
				t.Fatalf("%s has no %q to break", part, old)
			}
			p[part] = bytes.Replace(p[part], []byte(old), []byte(new), 1)
		}
	}
	remove := func(part string) func(*testing.T, zipParts) {
		return func(t *testing.T, p zipParts) {
			if p[part] == nil {
				t.Fatalf("no %s to remove", part)
			}
			delete(p, part)
		}
	}
	for _, c := range []struct {
		name, want string // want: a problem the check reports contains it
		check      func(zipParts) []string
		fault      func(*testing.T, zipParts)
	}{
		{"sheetPr last", "<sheetPr> after <tableParts>", elementOrderProblems, replace(targets, "</worksheet>", "<sheetPr></sheetPr></worksheet>")},
		{"pageSetup twice", "<pageSetup> after <pageSetup>", elementOrderProblems, replace(targets, "<tableParts", `<pageSetup paperSize="9"></pageSetup><tableParts`)},
		{"unknown element", "not a worksheet element", elementOrderProblems, replace(targets, "</worksheet>", "<sheetNotes></sheetNotes></worksheet>")},
		{"row repeated", `row r="2" after row 2`, cellOrderProblems, replace(targets, `<row r="3"`, `<row r="2"`)},
		{"cell in another row", `cell r="B4" in row 3`, cellOrderProblems, replace(targets, `<c r="B3"`, `<c r="B4"`)},
		{"cells swapped", `cell r="A3" in row 3`, cellOrderProblems, replace(targets, `<c r="B3"`, `<c r="A3"`)},
		{"row too tall", `ht="410"`, cellOrderProblems, replace(export, `<row r="3">`, `<row r="3" ht="410">`)},
		{"column renamed", `"Rating"`, tableProblems, replace(table, `name="RAG"`, `name="Rating"`)},
		{"header text changed", "header cells", tableProblems, replace("xl/sharedStrings.xml", "<t>RAG</t>", "<t>Rating</t>")},
		{"table name repeated", `name "registertable"`, tableProblems, replace(table, ` name="TargetsTable"`, ` name="RegisterTable"`)},
		{"autoFilter narrower", "autoFilter", tableProblems, replace(table, `<autoFilter ref="A1:M`, `<autoFilter ref="A1:L`)},
		{"override for a missing part", "override for", contentTypeProblems, remove(table)},
		{"part without a type", "has no content type", contentTypeProblems, func(_ *testing.T, p zipParts) { p["xl/media/notes.txt"] = []byte("x") }},
		{"relationship to a missing part", "points to", relationshipProblems, remove(table)},
		{"r:id without a relationship", "has no relationship", relationshipProblems, replace(targets, `<tablePart r:id="rId1">`, `<tablePart r:id="rId7">`)},
		{"dataValidations miscounted", "has 1 children", countProblems, replace(targets, `<dataValidations count="1">`, `<dataValidations count="2">`)},
		{"long list", "a list of", countProblems, replace(targets, `<formula1>"Green,`, `<formula1>"`+strings.Repeat("x", 250)+`,Green,`)},
		{"long error title", "validation text", countProblems, replace(targets, `errorTitle="Choose from the list"`, `errorTitle="Choose one of the words from the list"`)},
		{"cell style missing", "cell B3 style", styleProblems, replace(targets, `<c r="B3" s="`, `<c r="B3" s="9`)},
		{"colour format missing", "conditional format style", styleProblems, replace(targets, `dxfId="3"`, `dxfId="4"`)},
		{"defined name twice", "defined twice", definedNameProblems, replace("xl/workbook.xml", "</definedNames>",
			`<definedName localSheetId="3" name="_xlnm.Print_Titles">Targets!$1:$1</definedName></definedNames>`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := maps.Clone(good)
			c.fault(t, p)
			if problems := c.check(p); !slices.ContainsFunc(problems, func(s string) bool { return strings.Contains(s, c.want) }) {
				t.Errorf("problems %q, want one about %q", problems, c.want)
			}
		})
	}
}
