package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// TestCompareDocuments: GET /api/v1/documents/{id}/compare/{other} answers
// the redline of two versions of a partnership's agreement, inline, named
// for the two documents, older first, as a page, a PDF or a Word document;
// another format, another kind, and a
// document that does not exist are refused.
func TestCompareDocuments(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	v1 := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	quorum := edited(t, func(p map[string]any) {
		delete(p, "ref")
		p["governance"].(map[string]any)["quorum"] = 4 // was 5
	})
	if resp, data := ts.do(t, put(rev.Ref, `"1"`, quorum)); resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: %d %s", resp.StatusCode, data)
	}
	v2 := generateDocument(t, ts, rev.Ref, "agreement", "html")

	path := func(a, b int64, query string) string {
		return fmt.Sprintf("/api/v1/documents/%d/compare/%d%s", a, b, query)
	}
	resp, data := ts.do(t, request{method: http.MethodGet, path: path(v2.ID, v1.ID, "?format=html"), as: partnership.RoleLegal})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("compare: %d %s", resp.StatusCode, data)
	}
	wantName := fmt.Sprintf(`inline; filename="%s-agreement-compare-%d-%d.html"`, rev.Ref, v1.ID, v2.ID)
	if got := resp.Header.Get("Content-Disposition"); got != wantName {
		t.Errorf("Content-Disposition %q, want %q", got, wantName)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	for _, want := range []string{"Summary of changes", "Clauses changed: 2", "12.2 Meetings and decisions", // after the Responsibilities clause (issue 12)
		`quorate when at least <del><span class="vh">deleted: </span>5</del><ins><span class="vh">inserted: </span>4</ins> Partners`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the redline does not say %q", want)
		}
	}

	for format, ct := range map[string]string{"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} {
		resp, data = ts.do(t, request{method: http.MethodGet, path: path(v1.ID, v2.ID, "?format="+format), as: partnership.RolePolicy})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("compare as %s: %d %s", format, resp.StatusCode, data)
		}
		if got := resp.Header.Get("Content-Type"); got != ct {
			t.Errorf("%s: Content-Type %q, want %q", format, got, ct)
		}
		wantName := fmt.Sprintf(`attachment; filename="%s-agreement-compare-%d-%d.%s"`, rev.Ref, v1.ID, v2.ID, format)
		if got := resp.Header.Get("Content-Disposition"); got != wantName {
			t.Errorf("%s: Content-Disposition %q, want %q", format, got, wantName)
		}
	}
	resp, data = ts.do(t, request{method: http.MethodGet, path: path(v1.ID, v2.ID, "?format=odt"), as: partnership.RolePolicy})
	checkProblem(t, resp, data, http.StatusUnprocessableEntity, "validation_failed")
	mou := generateDocument(t, ts, rev.Ref, "mou", "html")
	resp, data = ts.do(t, request{method: http.MethodGet, path: path(v1.ID, mou.ID, ""), as: partnership.RoleOfficer})
	checkProblem(t, resp, data, http.StatusUnprocessableEntity, "validation_failed")
	resp, data = ts.do(t, request{method: http.MethodGet, path: path(v1.ID, 999999, ""), as: partnership.RoleOfficer})
	checkProblem(t, resp, data, http.StatusNotFound, "not_found")
}
