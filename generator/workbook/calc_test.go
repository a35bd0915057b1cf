package workbook

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// convertWithLibreOffice converts every sheet of the workbook to CSV with
// LibreOffice headless, which recalculates the formulas, and returns the
// rows of each sheet by name. Without soffice the test skips, except under
// CI=true, where it fails.
func convertWithLibreOffice(t *testing.T, b []byte) map[string][][]string {
	t.Helper()
	soffice := pdftest.Tool(t, "soffice", "libreoffice-calc-nogui")
	dir := t.TempDir()
	in := filepath.Join(dir, "cmt.xlsx")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		t.Fatal(err)
	}
	// 44 = comma, 34 = quote, 76 = UTF-8; the last field -1 writes every sheet.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	sheets := map[string][][]string{}
	for _, name := range []string{SheetDashboard, SheetRegister, SheetTargets, SheetRisks, SheetRepresentation, SheetReviews, SheetDefinitions} {
		fh, err := os.Open(filepath.Join(dir, "cmt-"+name+".csv"))
		if err != nil {
			t.Errorf("LibreOffice did not convert %s: %v", name, err)
			continue
		}
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		fh.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		sheets[name] = rows
	}
	return sheets
}

// expectedCounts computes in Go what each Dashboard row should show, by its
// label in column A: the values of columns B onwards.
func expectedCounts(revs []partnership.Revision, year partnership.FinancialYear, at time.Time) map[string][]int {
	first, last, _ := year.Bounds()
	at = time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
	out := map[string][]int{}
	add := func(label string, col, n int) {
		for len(out[label]) <= col {
			out[label] = append(out[label], 0)
		}
		out[label][col] += n
	}
	for _, s := range partnership.StatusValues {
		add(wbLabel(s), 2, 0)
	}
	gapLabels := make([]string, len(gaps))
	for i, g := range gaps {
		gapLabels[i] = g[0]
	}
	for _, l := range append(gapLabels, "Significant", "Not significant", "Green", "Amber", "Red", "No data", "Not yet rated", "All targets") {
		add(l, 0, 0)
	}
	in := func(d partnership.Date, from, to time.Time) bool {
		t, err := d.Parse()
		return err == nil && !t.Before(from) && !t.After(to)
	}
	for _, r := range revs {
		p, sig := &r.Partnership, r.Assessment.Significant
		status, area := wbLabel(p.Status), strings.ToUpper(serviceArea(p))
		add(status, b2i(!sig), 1)
		add(status, 2, 1)
		add(significanceWord(sig), 0, 1)
		add(area, 0, 1)
		for _, tg := range p.Targets {
			rag := "Not yet rated"
			if res := resultFor(&tg, year); res != nil && res.RAG != "" {
				rag = wbLabel(res.RAG)
				add(area, 1+ragIndex(res.RAG), 1)
			}
			add(rag, 0, 1)
			add("All targets", 0, 1)
		}
		live := p.Status != partnership.StatusClosed && p.Status != partnership.StatusRejected && p.Status != partnership.StatusWithdrawn
		fl := partnership.ComplianceOf(p)
		for i, ok := range []bool{fl.Agreement, fl.CommunicationsAgreement, fl.ISPOrWaiver, fl.ExitStrategy, fl.RiskAssessment, fl.SponsoringOfficer} {
			add(gapLabels[i], 0, b2i(live && !ok))
		}
		d := p.Dates
		if d == nil {
			d = &partnership.Dates{}
		}
		add("Reviews overdue (next review before the as-at date)", 0, b2i(live && in(d.NextReview, time.Time{}, at.AddDate(0, 0, -1))))
		add("Ending within 12 months of the as-at date", 0, b2i(live && in(d.End, at, at.AddDate(1, 0, 0))))
		add("Added in the year (start date in the year)", 0, b2i(in(d.Start, first, last)))
		add("Closed in the year (closed, end date in the year)", 0, b2i(p.Status == partnership.StatusClosed && in(d.End, first, last)))
	}
	for len(out["All partnerships"]) < 3 {
		out["All partnerships"] = append(out["All partnerships"], 0)
	}
	for _, s := range partnership.StatusValues {
		for c, n := range out[wbLabel(s)] {
			out["All partnerships"][c] += n
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ragIndex(r partnership.RAG) int {
	for i, v := range partnership.RAGValues {
		if v == r {
			return i
		}
	}
	return 0
}

// dashboardRevisions are the samples plus variations that exercise every
// dashboard row: closed in the year, ending soon, overdue, and no data.
func dashboardRevisions(t *testing.T) []partnership.Revision {
	revs := sampleRevisions(t)
	extra := []struct {
		status           partnership.Status
		start, end, next partnership.Date
	}{
		{partnership.StatusClosed, "2020-04-01", "2026-06-30", "2026-01-01"},
		{partnership.StatusActive, "2026-05-01", "2027-02-28", "2026-09-30"},
		{partnership.StatusUnderReview, "2019-01-01", "2027-10-14", "2026-10-14"},
		{partnership.StatusWithdrawn, "2026-04-01", "2026-12-31", "2025-01-01"},
	}
	for i, x := range extra {
		r := revs[i%len(revs)]
		r.Ref = "PP-2026-8" + strconv.Itoa(i)
		r.Partnership.Status = x.status
		r.Partnership.Dates = &partnership.Dates{Start: x.start, End: x.end, NextReview: x.next}
		r.Partnership.ServiceArea = strings.ToUpper(r.Partnership.ServiceArea) // same area, other case
		revs = append(revs, r)
	}
	return revs
}

func TestWorkbookDashboardFormulasInLibreOffice(t *testing.T) {
	revs := dashboardRevisions(t)
	sheets := convertWithLibreOffice(t, buildWorkbook(t, revs))
	want := expectedCounts(revs, testYear, testAt)
	seen := map[string]bool{}
	for _, row := range sheets[SheetDashboard] {
		if len(row) < 2 {
			continue
		}
		w, ok := want[strings.ToUpper(row[0])]
		if !ok {
			w, ok = want[row[0]]
		}
		if !ok || (row[1] == "" && len(w) > 0) {
			continue
		}
		seen[row[0]] = true
		for c, n := range w {
			if got := cellAt([][]string{row}, 0, c+1); got != strconv.Itoa(n) {
				t.Errorf("Dashboard %q column %c = %q, want %d", row[0], 'B'+c, got, n)
			}
		}
	}
	if len(seen) < 30 {
		t.Errorf("only %d dashboard rows compared", len(seen))
	}
}
