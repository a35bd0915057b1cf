package api_test

import (
	"bytes"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

const cmtReturnPath = "/api/v1/reports/cmt/2026-27/return"

func workbookBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func postReturn(body []byte, as partnership.Role) request {
	return request{method: http.MethodPost, path: cmtReturnPath, contentType: xlsxType, body: body, as: as}
}

// TestCMTReturnRoundTrip: download, fill in an actual, send it back: the
// partnership has a new revision holding it, reassessed, with an audit
// entry; sending the same workbook again is stale.
func TestCMTReturnRoundTrip(t *testing.T) {
	ts := newTestServer(t, nil)
	waste := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	createPartnership(t, ts, sample(t, "health-alliance.json"))
	f, _ := downloadWorkbook(t, ts)
	target := waste.Partnership.Targets[0]
	_, actualCell, ragCell := targetRow(t, f, waste.Ref, target.ID)
	if err := f.SetCellValue(workbook.SheetTargets, actualCell, 48.5); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(workbook.SheetTargets, ragCell, "Amber"); err != nil {
		t.Fatal(err)
	}
	filled := workbookBytes(t, f)

	resp, body := ts.do(t, postReturn(filled, partnership.RoleOfficer))
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("officer: status %d, want 403: %s", resp.StatusCode, body)
	}

	before := auditActions(t, ts)
	resp, body = ts.do(t, postReturn(filled, partnership.RolePolicy))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("return: status %d: %s", resp.StatusCode, body)
	}
	var got struct {
		Items []struct {
			Ref      string `json:"ref"`
			Revision int    `json:"revision"`
		} `json:"items"`
	}
	decodeJSON(t, body, &got)
	if len(got.Items) != 1 || got.Items[0].Ref != waste.Ref || got.Items[0].Revision != 2 {
		t.Fatalf("return applied %+v, want %s revision 2 only", got.Items, waste.Ref)
	}
	rev, err := ts.reg.Partnership(t.Context(), waste.Ref)
	if err != nil {
		t.Fatal(err)
	}
	res := resultIn(rev.Partnership.Targets[0], "2026/27")
	if rev.Number != 2 || res == nil || res.Actual == nil || *res.Actual != 48.5 || res.RAG != partnership.RAGAmber {
		t.Errorf("revision %d, 2026/27 result %+v; want revision 2 with actual 48.5, amber", rev.Number, res)
	}
	if rev.CreatedBy != "test-policy" || reflect.DeepEqual(rev.Assessment, partnership.Assessment{}) {
		t.Errorf("revision by %q, assessment %+v", rev.CreatedBy, rev.Assessment)
	}
	after := auditActions(t, ts)
	if len(after) != len(before)+1 || after[0] != "partnership.return partnership:"+waste.Ref {
		t.Errorf("audit trail %q after %q, want one partnership.return", after, before)
	}

	// The same workbook again changes nothing.
	resp, body = ts.do(t, postReturn(filled, partnership.RoleAdmin))
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"items":[]`) {
		t.Errorf("the same return again: status %d, want 200 with no changes: %s", resp.StatusCode, body)
	}
	// Another change in the workbook made from revision 1: stale, nothing applied.
	if err := f.SetCellValue(workbook.SheetTargets, actualCell, 49); err != nil {
		t.Fatal(err)
	}
	resp, body = ts.do(t, postReturn(workbookBytes(t, f), partnership.RoleAdmin))
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(string(body), waste.Ref) {
		t.Errorf("stale return: status %d, want 412 naming %s: %s", resp.StatusCode, waste.Ref, body)
	}
	if again := auditActions(t, ts); !reflect.DeepEqual(again, after) {
		t.Errorf("a stale return changed the audit trail: %q", again)
	}
}

// TestCMTReturnProblems: a bad cell is answered 422 naming Sheet!Cell and
// nothing is stored; a body that is not a workbook, of the wrong type or
// over the limit is refused.
func TestCMTReturnProblems(t *testing.T) {
	ts := newTestServer(t, nil)
	waste := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	f, original := downloadWorkbook(t, ts)
	_, actualCell, ragCell := targetRow(t, f, waste.Ref, waste.Partnership.Targets[0].ID)
	if err := f.SetCellValue(workbook.SheetTargets, actualCell, 47); err != nil { // a good cell...
		t.Fatal(err)
	}
	if err := f.SetCellStr(workbook.SheetTargets, ragCell, "Purple"); err != nil { // ...and a bad one
		t.Fatal(err)
	}
	before := auditActions(t, ts)
	resp, body := ts.do(t, postReturn(workbookBytes(t, f), partnership.RolePolicy))
	want := `{"path":"` + workbook.SheetTargets + "!" + ragCell + `","sheet":"` + workbook.SheetTargets + `","cell":"` + ragCell + `",`
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), want) ||
		resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("bad RAG: status %d, want 422 problem+json with %s: %s", resp.StatusCode, want, body)
	}
	if rev, err := ts.reg.Partnership(t.Context(), waste.Ref); err != nil || rev.Number != 1 {
		t.Errorf("after a refused return: revision %v, %v; want 1", rev.Number, err)
	}
	if after := auditActions(t, ts); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused return changed the audit trail: %q", after)
	}

	for _, tc := range []struct {
		name        string
		contentType string
		body        []byte
		status      int
	}{
		{"not a workbook", xlsxType, []byte("name,actual\nx,1\n"), http.StatusUnprocessableEntity},
		{"JSON", "application/json", []byte(`{}`), http.StatusUnsupportedMediaType},
		{"octet-stream is fine", "application/octet-stream", original, http.StatusOK},
		{"over the limit", xlsxType, make([]byte, workflow.MaxReturnBytes+1), http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.do(t, request{method: http.MethodPost, path: cmtReturnPath, contentType: tc.contentType,
				body: tc.body, as: partnership.RolePolicy})
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d: %.300s", resp.StatusCode, tc.status, body)
			}
		})
	}
	resp, body = ts.do(t, request{method: http.MethodPost, path: "/api/v1/reports/cmt/2026-27.xlsx/return",
		contentType: xlsxType, body: original, as: partnership.RolePolicy})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("return to 2026-27.xlsx: status %d, want 404: %s", resp.StatusCode, body)
	}
	if after := auditActions(t, ts); !reflect.DeepEqual(after, before) {
		t.Errorf("refused returns changed the audit trail: %q", after)
	}
}

func resultIn(t partnership.Target, year partnership.FinancialYear) *partnership.TargetResult {
	for i := range t.Results {
		if t.Results[i].FinancialYear == year {
			return &t.Results[i]
		}
	}
	return nil
}

// auditActions is the register's audit trail, newest first, as
// "action object".
func auditActions(t *testing.T, ts *testServer) []string {
	t.Helper()
	entries, err := ts.reg.Audit(t.Context(), 0, partnership.MaxPageSize)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action+" "+e.Object)
	}
	return out
}
