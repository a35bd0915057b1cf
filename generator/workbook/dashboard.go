package workbook

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// Fixed rows of the Dashboard. Every count is a live formula over the
// Register and Targets sheets; the by-service-area table comes last because
// its length depends on the register.
const (
	dashStatusHeader  = 8  // Status | Significant | Not significant | Total
	dashStatusFirst   = 9  // one row per status, in contract order
	dashStatusAll     = 18 // all partnerships
	dashSignificant   = 21 // Significant, then Not significant on row 22
	dashRAGFirst      = 25 // Green, Amber, Red, No data, Not yet rated, All targets (30)
	dashGapFirst      = 33 // the six compliance gaps, rows 33-38
	dashDatesFirst    = 41 // overdue, ending within 12 months, added, closed: rows 41-44
	dashServiceHeader = 47 // Service area | Partnerships | Green | Amber | Red | No data
)

// inForce are COUNTIFS criteria that leave out partnerships that are
// closed, rejected or withdrawn: their gaps and reviews no longer matter.
func (d *dashboard) inForce() string {
	status := d.reg("Status")
	return status + `,"<>Closed",` + status + `,"<>Rejected",` + status + `,"<>Withdrawn"`
}

// reg is the range of the Register's column headed header, its data rows
// only; its letter comes from the column table.
func (d *dashboard) reg(header string) string {
	col := d.wb.set.register.letter(header)
	return fmt.Sprintf("Register!$%s$2:$%s$%d", col, col, d.regLast)
}

// tgt is the range of the Targets sheet's column headed header.
func (d *dashboard) tgt(header string) string {
	col := d.wb.set.targets.letter(header)
	return fmt.Sprintf("Targets!$%s$2:$%s$%d", col, col, d.tgtLast)
}

// dashboard writes one sheet cell by cell (it is small).
type dashboard struct {
	f       *excelize.File
	wb      *workbookData
	err     error
	regLast int // last row of the Register table
	tgtLast int // last row of the Targets table
}

func (wb *workbookData) writeDashboard(f *excelize.File) error {
	d := &dashboard{f: f, wb: wb, regLast: max(wb.counts[SheetRegister], 1) + 1, tgtLast: max(wb.counts[SheetTargets], 1) + 1}
	d.header()
	d.byStatus()
	d.bySignificance()
	d.byRAG()
	d.gaps()
	d.dates()
	areas := d.byServiceArea()
	d.charts(areas)
	d.layout()
	if d.err != nil {
		return d.err
	}
	return wb.protectAndPrint(f, SheetDashboard, false)
}

func (d *dashboard) str(cell, s string, style int) {
	if d.err == nil {
		d.err = d.f.SetCellStr(SheetDashboard, cell, s)
	}
	if d.err == nil && style != 0 {
		d.err = d.f.SetCellStyle(SheetDashboard, cell, cell, style)
	}
}

func (d *dashboard) formula(cell, formula string) {
	if d.err == nil {
		d.err = d.f.SetCellFormula(SheetDashboard, cell, formula)
	}
	if d.err == nil {
		d.err = d.f.SetCellStyle(SheetDashboard, cell, cell, d.wb.st.dashboardNumber)
	}
}

func (d *dashboard) row(r int, labelText string, formula string) {
	d.str(cellName(1, r), labelText, d.wb.st.label)
	d.formula(cellName(2, r), formula)
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func (d *dashboard) header() {
	wb := d.wb
	name := orDefault(wb.council.Name, "The council")
	d.str("A1", name+": partnerships report to "+orDefault(wb.council.DecisionBody, "the Corporate Management Team")+", "+string(wb.year), wb.st.title)
	d.str("A2", "Financial year", 0)
	d.str("B2", string(wb.year), 0)
	for i, x := range []struct {
		label string
		v     any
	}{{"Year starts", wb.first}, {"Year ends", wb.last}, {"As at", wb.at}} {
		d.str(cellName(1, 3+i), x.label, 0)
		if d.err == nil {
			d.err = d.f.SetCellValue(SheetDashboard, cellName(2, 3+i), x.v)
		}
		if d.err == nil {
			d.err = d.f.SetCellStyle(SheetDashboard, cellName(2, 3+i), cellName(2, 3+i), wb.st.locked[kindDate])
		}
	}
}

func (d *dashboard) section(r int, title string, headers ...string) {
	d.str(cellName(1, r), title, d.wb.st.section)
	for i, h := range headers {
		d.str(cellName(i+1, r+1), h, d.wb.st.header)
	}
}

func (d *dashboard) byStatus() {
	d.section(dashStatusHeader-1, "Partnerships by status", "Status", "Significant", "Not significant", "Total")
	for i, s := range partnership.StatusValues {
		r := dashStatusFirst + i
		d.str(cellName(1, r), wbLabel(s), d.wb.st.label)
		for j, sig := range []string{"Significant", "Not significant"} {
			d.formula(cellName(2+j, r), fmt.Sprintf(`COUNTIFS(%s,$A%d,%s,"%s")`, d.reg("Status"), r, d.reg("Significance"), sig))
		}
		d.formula(cellName(4, r), fmt.Sprintf(`COUNTIFS(%s,$A%d)`, d.reg("Status"), r))
	}
	d.str(cellName(1, dashStatusAll), "All partnerships", d.wb.st.header)
	for c := 2; c <= 4; c++ {
		col, _ := excelize.ColumnNumberToName(c)
		d.formula(cellName(c, dashStatusAll), fmt.Sprintf("SUM(%s%d:%s%d)", col, dashStatusFirst, col, dashStatusAll-1))
	}
}

func (d *dashboard) bySignificance() {
	d.section(dashSignificant-1, "Partnerships by significance (§3(a))")
	for i, s := range []string{"Significant", "Not significant"} {
		d.row(dashSignificant+i, s, fmt.Sprintf(`COUNTIFS(%s,"%s")`, d.reg("Significance"), s))
	}
}

func (d *dashboard) byRAG() {
	d.section(dashRAGFirst-1, "Targets by RAG rating, "+string(d.wb.year))
	for i, v := range partnership.RAGValues {
		d.row(dashRAGFirst+i, wbLabel(v), fmt.Sprintf(`COUNTIFS(%s,"%s")`, d.tgt("RAG"), wbLabel(v)))
	}
	n := len(partnership.RAGValues)
	all := dashRAGFirst + n + 1
	d.row(dashRAGFirst+n, "Not yet rated", fmt.Sprintf("B%d-SUM(B%d:B%d)", all, dashRAGFirst, dashRAGFirst+n-1))
	d.row(all, "All targets", fmt.Sprintf("COUNTA(%s)", d.tgt("Target ID")))
}

// gaps name the compliance gaps and the Register's flag column each counts.
var gaps = [][2]string{{"No agreement instrument", "Agreement"}, {"No communications agreement", "Communications agreement"},
	{"No ISP and no waiver", "ISP or waiver"}, {"No exit strategy", "Exit strategy"}, {"No risk assessment", "Risk assessment"},
	{"No sponsoring officer", "Has sponsoring officer"}}

func (d *dashboard) gaps() {
	d.section(dashGapFirst-1, "Compliance gaps (partnerships not closed, rejected or withdrawn)")
	for i, g := range gaps {
		d.row(dashGapFirst+i, g[0], fmt.Sprintf(`COUNTIFS(%s,"N",%s)`, d.reg(g[1]), d.inForce()))
	}
}

func (d *dashboard) dates() {
	d.section(dashDatesFirst-1, "Reviews, endings and changes in the year")
	force := d.inForce()
	next, end, start, status := d.reg("Next review"), d.reg("End"), d.reg("Start"), d.reg("Status")
	d.row(dashDatesFirst, "Reviews overdue (next review before the as-at date)",
		fmt.Sprintf(`COUNTIFS(%s,"<"&$B$5,%s)`, next, force))
	d.row(dashDatesFirst+1, "Ending within 12 months of the as-at date",
		fmt.Sprintf(`COUNTIFS(%s,">="&$B$5,%s,"<="&EDATE($B$5,12),%s)`, end, end, force))
	d.row(dashDatesFirst+2, "Added in the year (start date in the year)",
		fmt.Sprintf(`COUNTIFS(%s,">="&$B$3,%s,"<="&$B$4)`, start, start))
	d.row(dashDatesFirst+3, "Closed in the year (closed, end date in the year)",
		fmt.Sprintf(`COUNTIFS(%s,"Closed",%s,">="&$B$3,%s,"<="&$B$4)`, status, end, end))
}

// serviceAreas lists the register's service areas, case-insensitively
// distinct (a spreadsheet compares text without case), in order.
func (wb *workbookData) serviceAreas() []string {
	out := slices.Collect(maps.Values(wb.areas))
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// byServiceArea compares with "=" inside SUMPRODUCT rather than COUNTIFS,
// because a service area is free text and COUNTIFS would read "<5" or "a*"
// in it as a comparison or a wildcard.
func (d *dashboard) byServiceArea() []string {
	areas := d.wb.serviceAreas()
	d.section(dashServiceHeader-1, "Partnerships and targets by service area, "+string(d.wb.year),
		append([]string{"Service area", "Partnerships"}, wbLabels(partnership.RAGValues)...)...)
	for i, a := range areas {
		r := dashServiceHeader + 1 + i
		d.str(cellName(1, r), a, d.wb.st.label)
		d.formula(cellName(2, r), fmt.Sprintf("SUMPRODUCT(--(%s=$A%d))", d.reg("Service area"), r))
		for j, v := range partnership.RAGValues {
			d.formula(cellName(3+j, r), fmt.Sprintf(`SUMPRODUCT((%s=$A%d)*(%s="%s"))`, d.tgt("Service area"), r, d.tgt("RAG"), wbLabel(v)))
		}
	}
	return areas
}

var ragColours = []string{"00B050", "FFC000", "C00000", "A6A6A6"}

func (d *dashboard) charts(areas []string) {
	if d.err != nil {
		return
	}
	last := dashStatusFirst + len(partnership.StatusValues) - 1
	cats := fmt.Sprintf("Dashboard!$A$%d:$A$%d", dashStatusFirst, last)
	d.err = d.f.AddChart(SheetDashboard, "G2", &excelize.Chart{Type: excelize.ColStacked,
		Series: []excelize.ChartSeries{
			{Name: fmt.Sprintf("Dashboard!$B$%d", dashStatusHeader), Categories: cats, Values: fmt.Sprintf("Dashboard!$B$%d:$B$%d", dashStatusFirst, last)},
			{Name: fmt.Sprintf("Dashboard!$C$%d", dashStatusHeader), Categories: cats, Values: fmt.Sprintf("Dashboard!$C$%d:$C$%d", dashStatusFirst, last)},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Significant and other partnerships by status"}}},
		Legend: excelize.ChartLegend{Position: "bottom"}, Dimension: excelize.ChartDimension{Width: 560, Height: 300}})
	if d.err == nil && len(areas) > 0 {
		d.err = d.f.AddChart(SheetDashboard, "G20", d.ragChart(len(areas)))
	}
}

func (d *dashboard) ragChart(n int) *excelize.Chart {
	first, last := dashServiceHeader+1, dashServiceHeader+n
	cats := fmt.Sprintf("Dashboard!$A$%d:$A$%d", first, last)
	c := &excelize.Chart{Type: excelize.BarStacked,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Targets by RAG rating and service area, " + string(d.wb.year)}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: uint(max(300, 60+28*n))}}
	for j := range partnership.RAGValues {
		col, _ := excelize.ColumnNumberToName(3 + j)
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("Dashboard!$%s$%d", col, dashServiceHeader),
			Categories: cats,
			Values:     fmt.Sprintf("Dashboard!$%s$%d:$%s$%d", col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{ragColours[j]}},
		})
	}
	return c
}

func (d *dashboard) layout() {
	if d.err != nil {
		return
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 48}, {"B", 14}, {"C", 14}, {"D", 10}, {"E", 10}, {"F", 10}} {
		if d.err == nil {
			d.err = d.f.SetColWidth(SheetDashboard, w.col, w.col, w.width)
		}
	}
	if d.err == nil {
		d.err = d.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)})
	}
}
