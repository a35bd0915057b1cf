package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

var (
	testYear = partnership.FinancialYear("2026/27")
	testAt   = time.Date(2026, time.October, 15, 9, 30, 0, 0, time.UTC)
)

// sampleRevisions decodes and assesses every sample as a register would
// store it; a sample without a ref is given one.
func sampleRevisions(t testing.TB) []partnership.Revision {
	t.Helper()
	var revs []partnership.Revision
	for i, name := range samples.Names() {
		b, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := partnership.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Ref == "" {
			p.Ref = fmt.Sprintf("PP-2026-%03d", 900+i)
		}
		revs = append(revs, partnership.Revision{Ref: p.Ref, Number: i + 2, Partnership: *p,
			Assessment: partnership.Assess(p, partnership.DefaultCouncil(), testAt), CreatedAt: testAt, CreatedBy: "test"})
	}
	return revs
}

func buildWorkbook(t testing.TB, revs []partnership.Revision) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Workbook(&buf, testYear, revs, partnership.DefaultCouncil(), testAt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openWorkbook(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows reads a sheet as formatted text, the way a reader sees it.
func sheetRows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cellAt(rows [][]string, r, c int) string {
	if r >= len(rows) || c >= len(rows[r]) {
		return ""
	}
	return rows[r][c]
}

func fmtNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func fmtDate(d partnership.Date) string {
	t, err := d.Parse()
	if err != nil {
		return ""
	}
	return t.Format("02/01/2006")
}

func TestWorkbookSheetsAndProperties(t *testing.T) {
	f := openWorkbook(t, buildWorkbook(t, sampleRevisions(t)))
	want := []string{SheetDashboard, SheetExport, SheetRegister, SheetTargets, SheetRisks, SheetRepresentation, SheetReviews, SheetDefinitions}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	council := partnership.DefaultCouncil().Name
	if props.Creator != council || !strings.Contains(props.Title, string(testYear)) || !strings.Contains(props.Subject, string(testYear)) {
		t.Errorf("doc props = %+v", props)
	}
	for _, s := range []string{SheetRegister, SheetTargets, SheetRisks, SheetRepresentation, SheetReviews} {
		tables, err := f.GetTables(s)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: tables %v, %v", s, tables, err)
		}
		if p, err := f.GetPanes(s); err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v", s, p, err)
		}
	}
}

func TestWorkbookRegisterCells(t *testing.T) {
	revs := sampleRevisions(t)
	f := openWorkbook(t, buildWorkbook(t, revs))
	rows := sheetRows(t, f, SheetRegister)
	byRef := map[string][]string{}
	for _, r := range rows[1:] {
		byRef[r[0]] = r
	}
	for _, rev := range revs {
		p := &rev.Partnership
		row := byRef[rev.Ref]
		if row == nil {
			t.Errorf("%s: no Register row", rev.Ref)
			continue
		}
		council, partners := contributionsIn(p, testYear)
		want := map[string]string{"Name": p.Name, "Status": wbLabel(p.Status), "Service area": serviceArea(p),
			"Significance": significanceWord(rev.Assessment.Significant), "Revision": strconv.Itoa(rev.Number),
			"Total contributions £": fmt.Sprintf("£%s", wbMoney(council+partners))}
		if p.Dates != nil {
			want["Start"], want["End"], want["Next review"] = fmtDate(p.Dates.Start), fmtDate(p.Dates.End), fmtDate(p.Dates.NextReview)
		}
		fl := partnership.ComplianceOf(p)
		for i, b := range []bool{fl.Agreement, fl.CommunicationsAgreement, fl.ISPOrWaiver, fl.ExitStrategy, fl.RiskAssessment, fl.SponsoringOfficer} {
			want[gaps[i][1]] = yn(b)
		}
		for h, w := range want {
			c := slices.Index(rows[0], h)
			if got := cellAt([][]string{row}, 0, c); c < 0 || got != w {
				t.Errorf("%s: Register column %q (%d) = %q, want %q", rev.Ref, h, c+1, got, w)
			}
		}
	}
}

// wbMoney formats pence as the workbook's "£#,##0.00" shows it, without the £.
func wbMoney(pence int64) string {
	s := strconv.FormatInt(pence/100, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s.%02d", s, pence%100)
}

func TestWorkbookTargetRiskReviewCells(t *testing.T) {
	revs := sampleRevisions(t)
	f := openWorkbook(t, buildWorkbook(t, revs))
	targets, risks := sheetRows(t, f, SheetTargets), sheetRows(t, f, SheetRisks)
	reps, reviews := sheetRows(t, f, SheetRepresentation), sheetRows(t, f, SheetReviews)
	ti, ri, pi, vi := 1, 1, 1, 1
	for _, rev := range sortedRevs(revs) {
		p := &rev.Partnership
		for _, tg := range p.Targets {
			want := []string{rev.Ref, p.Name, serviceArea(p), tg.ID, tg.Outcome, tg.Indicator, tg.Unit, wbLabel(tg.Polarity), fmtNumber(tg.Baseline), fmtNumber(tg.Target)}
			if res := resultFor(&tg, testYear); res != nil {
				want = append(want, "", wbLabel(res.RAG), res.Commentary)
				if res.Actual != nil {
					want[10] = fmtNumber(*res.Actual)
				}
			}
			checkWbRow(t, SheetTargets, targets, ti, want)
			ti++
		}
		for _, k := range p.Risks {
			checkWbRow(t, SheetRisks, risks, ri, []string{rev.Ref, p.Name, k.ID, k.Description, wbLabel(k.Category), wbLabel(k.Phase),
				strconv.Itoa(k.Likelihood), strconv.Itoa(k.Impact), strconv.Itoa(k.Score()), k.Rating(), k.Mitigation, k.Owner})
			if fm, _ := f.GetCellFormula(SheetRisks, fmt.Sprintf("I%d", ri+1)); fm != fmt.Sprintf("G%d*H%d", ri+1, ri+1) {
				t.Errorf("Risks!I%d formula = %q", ri+1, fm)
			}
			ri++
		}
		for _, x := range representationRows(p) {
			checkWbRow(t, SheetRepresentation, reps, pi, []string{rev.Ref, p.Name, x.name, x.kind, x.role, x.post, x.other, x.consent})
			pi++
		}
		eachReviewRow(rev, testYear, func(r *reviewRow) error {
			v := r.v
			checkWbRow(t, SheetReviews, reviews, vi, []string{rev.Ref, p.Name, string(testYear), wbLabel(v.Type), fmtDate(v.CompletedOn),
				v.Assessor, wbLabel(v.Overall), wbLabel(v.Recommendation), strings.Join(v.Actions, "\n")})
			vi++
			return nil
		})
	}
	for _, c := range []struct {
		name string
		rows [][]string
		n    int
	}{{SheetTargets, targets, ti}, {SheetRisks, risks, ri}, {SheetRepresentation, reps, pi}, {SheetReviews, reviews, vi}} {
		if len(c.rows) != c.n {
			t.Errorf("%s: %d rows, want %d", c.name, len(c.rows), c.n)
		}
	}
}

// sortedRevs is the revisions in the workbook's order, by ref.
func sortedRevs(revs []partnership.Revision) []*partnership.Revision {
	out := make([]*partnership.Revision, len(revs))
	for i := range revs {
		out[i] = &revs[i]
	}
	slices.SortFunc(out, func(a, b *partnership.Revision) int { return strings.Compare(a.Ref, b.Ref) })
	return out
}

func checkWbRow(t *testing.T, sheet string, rows [][]string, r int, want []string) {
	t.Helper()
	for c, w := range want {
		if got := cellAt(rows, r, c); got != w {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			t.Errorf("%s!%s = %q, want %q", sheet, name, got, w)
		}
	}
}

func TestWorkbookXMLWellFormed(t *testing.T) {
	b := buildWorkbook(t, sampleRevisions(t))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err = dec.Token(); err != nil {
				break
			}
		}
		rc.Close()
		if !errors.Is(err, io.EOF) {
			t.Errorf("%s: %v", zf.Name, err)
		}
	}
}

// Injection-looking and non-ASCII names stay strings.
func TestWorkbookTextStaysText(t *testing.T) {
	revs := sampleRevisions(t)[:1]
	names := []string{`=HYPERLINK("http://x","y")`, "@SUM(A1)", "+1", "-1", "Cymdeithas Gymunedol Łódź — Ελληνική Κοινότητα «Україна» €",
		// Excel's own escapes, XML's specials and white space at the ends.
		"_x0041_x0042_ and _x005F_", `<b>&amp;</b> "quoted" 'single'`, "  two leading, one trailing ", "\ttab first", "a\r\nb"}
	base := revs[0]
	revs = nil
	for i, n := range names {
		r := base
		r.Ref = fmt.Sprintf("PP-X-%d", i)
		r.Partnership.Name = n
		r.Partnership.Targets = []partnership.Target{{ID: "T1", Outcome: n, Baseline: 1, Target: 2}}
		revs = append(revs, r)
	}
	f := openWorkbook(t, buildWorkbook(t, revs))
	for i, n := range names {
		for _, cell := range []struct{ sheet, ref string }{{SheetRegister, fmt.Sprintf("B%d", i+2)}, {SheetTargets, fmt.Sprintf("E%d", i+2)}} {
			v, _ := f.GetCellValue(cell.sheet, cell.ref)
			typ, _ := f.GetCellType(cell.sheet, cell.ref)
			fm, _ := f.GetCellFormula(cell.sheet, cell.ref)
			if v != n || fm != "" || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
				t.Errorf("%s!%s = %q (type %v, formula %q), want the string %q", cell.sheet, cell.ref, v, typ, fm, n)
			}
		}
	}
}

// The same register and date give the same bytes; a changed name changes
// them.
func TestWorkbookDeterministic(t *testing.T) {
	revs := sampleRevisions(t)
	a, b := buildWorkbook(t, revs), buildWorkbook(t, revs)
	if !bytes.Equal(a, b) {
		t.Fatal("two workbooks from the same register differ")
	}
	revs[0].Partnership.Name += " (renamed)"
	if bytes.Equal(a, buildWorkbook(t, revs)) {
		t.Fatal("a renamed partnership left the workbook unchanged")
	}
}

func TestWorkbookEmptyRegister(t *testing.T) {
	f := openWorkbook(t, buildWorkbook(t, nil))
	if rows := sheetRows(t, f, SheetRegister); len(rows) != 1 {
		t.Errorf("empty register: %d rows", len(rows))
	}
}
