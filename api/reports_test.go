package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
)

const (
	cmtPath  = "/api/v1/reports/cmt/2026-27.xlsx"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// downloadWorkbook fetches the 2026/27 workbook as policy and opens it.
func downloadWorkbook(t *testing.T, ts *testServer) (*excelize.File, []byte) {
	t.Helper()
	resp, body := ts.do(t, request{method: http.MethodGet, path: cmtPath, as: partnership.RolePolicy})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download: status %d: %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != xlsxType {
		t.Errorf("Content-Type %q, want %q", got, xlsxType)
	}
	if got, want := resp.Header.Get("Content-Disposition"), `attachment; filename="cmt-2026-27.xlsx"`; got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, body
}

// targetRow finds the Targets sheet's row of a partnership's target and
// the columns of Actual and RAG, by the header row's titles.
func targetRow(t *testing.T, f *excelize.File, ref, id string) (row int, actual, rag string) {
	t.Helper()
	rows, err := f.GetRows(workbook.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	header := -1
	cols := map[string]int{}
	for i, r := range rows {
		if header < 0 {
			for j, v := range r {
				cols[v] = j
			}
			if _, ok := cols["Actual"]; ok {
				header = i
			} else {
				clear(cols)
			}
			continue
		}
		if len(r) > cols["Target ID"] && r[cols["Ref"]] == ref && r[cols["Target ID"]] == id {
			actual, _ = excelize.CoordinatesToCellName(cols["Actual"]+1, i+1)
			rag, _ = excelize.CoordinatesToCellName(cols["RAG"]+1, i+1)
			return i + 1, actual, rag
		}
	}
	t.Fatalf("no row for %s target %s on %s (header at %d)", ref, id, workbook.SheetTargets, header)
	return 0, "", ""
}

// TestCMTWorkbookDownload: policy gets the year's workbook of the register,
// with a row per partnership; an officer is refused; a year not written
// 2026-27.xlsx is not there.
func TestCMTWorkbookDownload(t *testing.T) {
	ts := newTestServer(t, nil)
	waste := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	health := createPartnership(t, ts, sample(t, "health-alliance.json"))
	f, _ := downloadWorkbook(t, ts)
	for _, name := range []string{workbook.SheetDashboard, workbook.SheetRegister, workbook.SheetTargets} {
		if idx, err := f.GetSheetIndex(name); err != nil || idx < 0 {
			t.Errorf("no %s sheet", name)
		}
	}
	rows, err := f.GetRows(workbook.SheetRegister)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range rows {
		if len(r) > 0 && (r[0] == waste.Ref || r[0] == health.Ref) {
			refs = append(refs, r[0])
		}
	}
	if len(refs) != 2 {
		t.Errorf("register sheet rows for %v, want one each for %s and %s", refs, waste.Ref, health.Ref)
	}
	targetRow(t, f, waste.Ref, waste.Partnership.Targets[0].ID)

	resp, body := ts.do(t, request{method: http.MethodGet, path: cmtPath, as: partnership.RoleAdmin})
	if resp.StatusCode != http.StatusOK {
		t.Errorf("admin: status %d: %s", resp.StatusCode, body)
	}
	for _, role := range []partnership.Role{partnership.RoleOfficer, partnership.RoleLegal} {
		resp, body := ts.do(t, request{method: http.MethodGet, path: cmtPath, as: role})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403: %s", role, resp.StatusCode, body)
		}
	}
	for _, path := range []string{"/api/v1/reports/cmt/2026-27", "/api/v1/reports/cmt/2026%2F27.xlsx",
		"/api/v1/reports/cmt/2026-28.xlsx", "/api/v1/reports/cmt/26-27.xlsx", "/api/v1/reports/cmt/2026-27.csv",
		"/api/v1/reports/cmt/2026-27-28.xlsx"} {
		resp, body := ts.do(t, request{method: http.MethodGet, path: path, as: partnership.RolePolicy})
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"path":"year"`) {
			t.Errorf("GET %s: status %d, want 404 naming year: %s", path, resp.StatusCode, body)
		}
	}
}
