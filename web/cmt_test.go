package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// TestCMTReturnThroughTheForms: policy downloads the year's workbook,
// sends it back with a cell that is not a number (the cell is named in the
// error summary, linking nowhere, and nothing is applied), then a good
// return, which is applied and links to what it changed.
func TestCMTReturnThroughTheForms(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	policy := s.signedIn(t, partnership.RolePolicy)
	wantPage(t, policy.get("/reports/cmt"), http.StatusOK, "Download the workbook", `<option value="2026/27" selected>`,
		`href="/reports/cmt" aria-current="page"`)
	wantPage(t, s.signedIn(t, partnership.RoleOfficer).get("/reports/cmt"), http.StatusForbidden, "You cannot use this page")

	f := downloadWorkbook(t, policy, "2026/27")
	actual, rag := targetCells(t, f, rev.Ref, rev.Partnership.Targets[0].ID)
	setCell(t, f, actual, "forty-eight")
	r := policy.postReturn(t, "2026/27", workbookBytes(t, f))
	wantPage(t, r, http.StatusUnprocessableEntity, "There is a problem", "<li>"+workbook.SheetTargets+"!"+actual+": ")
	if strings.Contains(r.body, `href="#`+workbook.SheetTargets) {
		t.Error("a cell's problem links to a field the page does not have")
	}
	if cur, _ := s.flow.Partnership(t.Context(), admin, rev.Ref); cur.Number != rev.Number {
		t.Fatalf("a refused return made revision %d", cur.Number)
	}

	setCell(t, f, actual, 48.5)
	setCell(t, f, rag, "Amber")
	r = policy.postReturn(t, "2026/27", workbookBytes(t, f))
	wantPage(t, r, http.StatusOK, "Return applied", "1 partnership changed",
		`<a class="govuk-link" href="/partnerships/`+rev.Ref+`">`+rev.Ref+`</a>, revision 2`)
	if cur, _ := s.flow.Partnership(t.Context(), admin, rev.Ref); cur.Number != rev.Number+1 {
		t.Errorf("after the return: revision %d, want %d", cur.Number, rev.Number+1)
	}
}

// TestCMTFormProblems: no file, no year, no form token, a body over the
// limit and a year that is not one each get their own answer.
func TestCMTFormProblems(t *testing.T) {
	s := newSite(t)
	policy := s.signedIn(t, partnership.RolePolicy)
	wantPage(t, policy.postReturn(t, "", nil), http.StatusUnprocessableEntity,
		`<a href="#return-year">Choose the financial year of the workbook</a>`, `<a href="#return-file">Select the completed workbook</a>`)
	wantPage(t, policy.postReturn(t, "2026/27", []byte("not,a,workbook\n")), http.StatusUnprocessableEntity,
		`<a href="#return-file">`)
	wantPage(t, policy.get("/reports/cmt/workbook?year=2026"), http.StatusUnprocessableEntity, `<a href="#year">Choose a financial year</a>`)

	body, contentType := multipartReturn(t, "", "2026/27", []byte("x"))
	wantPage(t, policy.postBody(t, body, contentType), http.StatusForbidden, "This form has expired")
	token := policy.formToken("/reports/cmt")
	body, contentType = multipartReturn(t, token, "2026/27", make([]byte, workflow.MaxReturnBytes+1))
	wantPage(t, policy.postBody(t, body, contentType), http.StatusUnprocessableEntity,
		`<a href="#return-file">The selected file must be smaller than 32 MB</a>`)
	body, contentType = multipartReturn(t, token, "2026/27", make([]byte, workflow.MaxReturnBytes+1<<20))
	wantPage(t, policy.postBody(t, body, contentType), http.StatusRequestEntityTooLarge, "What was sent is too large")
}

func downloadWorkbook(t *testing.T, b *browser, year string) *excelize.File {
	t.Helper()
	r := b.get("/reports/cmt/workbook?year=" + url.QueryEscape(year))
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("download: %d %q\n%.500s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="cmt-2026-27.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// targetCells are the Actual and RAG cells of a partnership's target on
// the Targets sheet, found by the header row's titles.
func targetCells(t *testing.T, f *excelize.File, ref, id string) (actual, rag string) {
	t.Helper()
	rows, err := f.GetRows(workbook.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]int{}
	for i, r := range rows {
		if _, ok := cols["Actual"]; !ok {
			clear(cols)
			for j, v := range r {
				cols[v] = j
			}
			continue
		}
		if len(r) > cols["Target ID"] && r[cols["Ref"]] == ref && r[cols["Target ID"]] == id {
			actual, _ = excelize.CoordinatesToCellName(cols["Actual"]+1, i+1)
			rag, _ = excelize.CoordinatesToCellName(cols["RAG"]+1, i+1)
			return actual, rag
		}
	}
	t.Fatalf("no row for %s target %s", ref, id)
	return "", ""
}

func setCell(t *testing.T, f *excelize.File, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(workbook.SheetTargets, cell, v); err != nil {
		t.Fatal(err)
	}
}

func workbookBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// postReturn sends the return form as the page would, with its token; a
// nil file is the form sent without one.
func (b *browser) postReturn(t *testing.T, year string, file []byte) response {
	t.Helper()
	body, contentType := multipartReturn(t, b.formToken("/reports/cmt"), year, file)
	return b.postBody(t, body, contentType)
}

func (b *browser) postBody(t *testing.T, body []byte, contentType string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.URL+"/reports/cmt", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Origin", b.site.URL)
	return b.do(req)
}

// multipartReturn is the return form's body, fields in the page's order.
func multipartReturn(t *testing.T, token, year string, file []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("form_token", token)
	_ = w.WriteField("year", year)
	if file != nil {
		fw, err := w.CreateFormFile("workbook", "cmt-2026-27.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(file)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType()
}
