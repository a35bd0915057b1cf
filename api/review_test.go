package api_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"partnerdocs/generator"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// generateDocument asks for a draft of kind as an officer.
func generateDocument(t *testing.T, ts *testServer, ref, kind, format string) partnership.Document {
	t.Helper()
	resp, data := ts.do(t, request{path: partnershipsPath + "/" + ref + "/documents", contentType: "application/json",
		body: fmt.Appendf(nil, `{"kind": %q, "format": %q}`, kind, format)})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("generate %s: %d %s", kind, resp.StatusCode, data)
	}
	var d partnership.Document
	decodeJSON(t, data, &d)
	if resp.Header.Get("Location") != fmt.Sprintf("/api/v1/documents/%d", d.ID) || d.Status != partnership.DocumentDraft {
		t.Errorf("Location %q, document %+v", resp.Header.Get("Location"), d)
	}
	return d
}

func reviewStep(t *testing.T, ts *testServer, id int64, step string, as partnership.Role, body string) partnership.Document {
	t.Helper()
	req := request{path: fmt.Sprintf("/api/v1/documents/%d/%s", id, step), as: as}
	if body != "" {
		req.contentType, req.body = "application/json", []byte(body)
	}
	resp, data := ts.do(t, req)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %d: %d %s", step, id, resp.StatusCode, data)
	}
	var d partnership.Document
	decodeJSON(t, data, &d)
	return d
}

// documentBytes fetches a document and checks its hash headers.
func documentBytes(t *testing.T, ts *testServer, d partnership.Document) []byte {
	t.Helper()
	resp, data := ts.do(t, request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/documents/%d", d.ID), as: partnership.RolePolicy})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET document %d: %d %s", d.ID, resp.StatusCode, data)
	}
	sum := sha256.Sum256(data)
	b64 := base64.StdEncoding.EncodeToString(sum[:])
	want := map[string]string{
		"ETag":          `"` + hex.EncodeToString(sum[:]) + `"`,
		"Digest":        "sha-256=" + b64,
		"Repr-Digest":   "sha-256=:" + b64 + ":",
		"Content-Type":  generator.Format(d.Format).ContentType(),
		"Cache-Control": "no-store",
	}
	for h, v := range want {
		if got := resp.Header.Get(h); got != v {
			t.Errorf("document %d: %s = %q, want %q", d.ID, h, got, v)
		}
	}
	if d.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("document %d: recorded sha256 %s differs from the bytes'", d.ID, d.SHA256)
	}
	disposition := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(disposition, `attachment; filename="`+d.Ref+"-"+d.Kind) || !strings.HasSuffix(disposition, "."+d.Format+`"`) {
		t.Errorf("Content-Disposition %q", disposition)
	}
	return data
}

// TestReviewFlow: create, generate, submit, return with a comment,
// generate again (the older draft is superseded), submit, approve. The
// approved copy is rendered without the DRAFT mark; the drafts keep it.
func TestReviewFlow(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	first := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	reviewStep(t, ts, first.ID, "submit", partnership.RoleOfficer, "")
	checkQueue(t, ts, first.ID)
	returned := reviewStep(t, ts, first.ID, "return", partnership.RoleLegal, `{"comment": "Clause 4: name the lead partner."}`)
	if returned.Status != partnership.DocumentReturned || !hasReview(returned, partnership.ReviewReturn, "Clause 4: name the lead partner.") {
		t.Errorf("returned document %+v", returned)
	}
	checkQueue(t, ts)

	second := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	if second.Version != first.Version+1 {
		t.Errorf("second draft is version %d after %d", second.Version, first.Version)
	}
	if d := documentStatus(t, ts, rev.Ref, first.ID); d != partnership.DocumentSuperseded {
		t.Errorf("first draft is %s after a newer one, want superseded", d)
	}
	reviewStep(t, ts, second.ID, "submit", partnership.RoleOfficer, "")
	approved := reviewStep(t, ts, second.ID, "approve", partnership.RoleLegal, "")
	if approved.Status != partnership.DocumentApproved || approved.ApprovedOf != second.ID || approved.Revision != second.Revision {
		t.Errorf("approved copy %+v", approved)
	}
	if text := pdftest.Text(t, documentBytes(t, ts, approved)); strings.Contains(text, "DRAFT") {
		t.Error("the approved copy says DRAFT")
	}
	for _, draft := range []partnership.Document{first, second} {
		if text := pdftest.Text(t, documentBytes(t, ts, draft)); !strings.Contains(text, "DRAFT") {
			t.Errorf("draft %d does not say DRAFT", draft.ID)
		}
	}
	checkAuditActions(t, ts, "partnership.create", "document.submit", "document.return", "document.approve")
}

// TestReviewFlowWord: a Word draft goes through review like a PDF, and
// approving it stores a clean Word copy: the draft's running header says
// DRAFT, the approved copy's does not, and both download as .docx.
func TestReviewFlowWord(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "youth-employment-mou.json"))
	draft := generateDocument(t, ts, rev.Ref, "mou", "docx")
	if draft.Format != "docx" {
		t.Errorf("draft stored as %q", draft.Format)
	}
	reviewStep(t, ts, draft.ID, "submit", partnership.RoleOfficer, "")
	approved := reviewStep(t, ts, draft.ID, "approve", partnership.RoleLegal, "")
	if approved.Status != partnership.DocumentApproved || approved.ApprovedOf != draft.ID || approved.Format != "docx" {
		t.Errorf("approved copy %+v", approved)
	}
	resp, _ := ts.do(t, request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/documents/%d", approved.ID), as: partnership.RoleLegal})
	if got, want := resp.Header.Get("Content-Disposition"), fmt.Sprintf(`attachment; filename="%s-mou-v%d-approved.docx"`, rev.Ref, approved.Version); got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	for _, d := range []partnership.Document{draft, approved} {
		data := documentBytes(t, ts, d)
		header := docxPart(t, data, "word/header1.xml")
		if says := bytes.Contains(header, []byte("DRAFT, not approved")); says != (d.ID == draft.ID) {
			t.Errorf("document %d (%s): header says DRAFT: %v\n%s", d.ID, d.Status, says, header)
		}
		body := docxPart(t, data, "word/document.xml")
		if !bytes.Contains(body, []byte("(Binding)")) {
			t.Errorf("document %d: no clause is marked (Binding)", d.ID)
		}
	}
}

// docxPart is one part of a Word document.
func docxPart(t *testing.T, docx []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a Word document: %v", err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("no %s: %v", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func hasReview(d partnership.Document, action partnership.ReviewAction, comment string) bool {
	for _, r := range d.Reviews {
		if r.Action == action && r.Comment == comment {
			return true
		}
	}
	return false
}

func checkQueue(t *testing.T, ts *testServer, ids ...int64) {
	t.Helper()
	resp, data := ts.do(t, request{method: http.MethodGet, path: "/api/v1/review-queue", as: partnership.RoleLegal})
	var queue struct{ Items []partnership.Document }
	decodeJSON(t, data, &queue)
	var got []int64
	for _, d := range queue.Items {
		got = append(got, d.ID)
	}
	if resp.StatusCode != http.StatusOK || fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Errorf("review queue %d %v, want %v", resp.StatusCode, got, ids)
	}
}

func documentStatus(t *testing.T, ts *testServer, ref string, id int64) partnership.DocumentStatus {
	t.Helper()
	resp, data := ts.do(t, request{method: http.MethodGet, path: partnershipsPath + "/" + ref + "/documents", as: partnership.RoleLegal})
	var docs struct{ Items []partnership.Document }
	decodeJSON(t, data, &docs)
	for _, d := range docs.Items {
		if d.ID == id {
			return d.Status
		}
	}
	t.Fatalf("document %d not listed: %d %s", id, resp.StatusCode, data)
	return ""
}

func checkAuditActions(t *testing.T, ts *testServer, actions ...string) {
	t.Helper()
	resp, data := ts.do(t, request{method: http.MethodGet, path: "/api/v1/audit?limit=500", as: partnership.RolePolicy})
	var audit struct{ Items []partnership.AuditEntry }
	decodeJSON(t, data, &audit)
	for _, a := range actions {
		found := false
		for _, e := range audit.Items {
			found = found || e.Action == a
		}
		if !found {
			t.Errorf("no %s in the audit trail (%d): %s", a, resp.StatusCode, data)
		}
	}
}

// TestFailedAuthenticationIsLimited: after a burst of bad tokens from one
// address, a bad token from it gets 429 with Retry-After, but a good one
// is still served: behind a proxy everyone shares that address.
func TestFailedAuthenticationIsLimited(t *testing.T) {
	ts := newTestServer(t, nil)
	bad := http.Header{"Authorization": {"Bearer pd_not-a-real-token"}}
	var statuses []int
	for range 12 {
		resp, _ := ts.do(t, request{method: http.MethodGet, path: partnershipsPath, header: bad})
		statuses = append(statuses, resp.StatusCode)
	}
	if statuses[0] != http.StatusUnauthorized || statuses[len(statuses)-1] != http.StatusTooManyRequests {
		t.Fatalf("statuses %v: want 401s, then 429", statuses)
	}
	resp, data := ts.do(t, request{method: http.MethodGet, path: partnershipsPath, header: bad})
	checkProblem(t, resp, data, http.StatusTooManyRequests, "too_many_requests")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	if resp, data := ts.do(t, get(partnershipsPath)); resp.StatusCode != http.StatusOK {
		t.Errorf("a valid token from the same address: %d %s, want 200", resp.StatusCode, data)
	}
	if bytes.Contains([]byte(ts.log.String()), []byte("not-a-real-token")) {
		t.Error("a token was logged")
	}
}

// TestRevokedTokenIsRefused: a revoked token is 401, like an unknown one.
func TestRevokedTokenIsRefused(t *testing.T) {
	ts := newTestServer(t, nil)
	secret := createToken(t, ts.reg, "temp", partnership.RoleOfficer)
	auth := http.Header{"Authorization": {"Bearer " + secret}}
	if resp, _ := ts.do(t, request{method: http.MethodGet, path: partnershipsPath, header: auth}); resp.StatusCode != http.StatusOK {
		t.Fatalf("live token: %d", resp.StatusCode)
	}
	if err := ts.reg.RevokeToken(t.Context(), "temp", partnership.Actor{Name: "test", Role: partnership.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	resp, data := ts.do(t, request{method: http.MethodGet, path: partnershipsPath, header: auth})
	checkProblem(t, resp, data, http.StatusUnauthorized, "unauthorized")
	if resp.Header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
}

func TestReadyz(t *testing.T) {
	ts := newTestServer(t, nil)
	if resp, data := ts.do(t, request{method: http.MethodGet, path: "/readyz", anonymous: true}); resp.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %d %s", resp.StatusCode, data)
	}
	ts.reg.Close()
	resp, data := ts.do(t, request{method: http.MethodGet, path: "/readyz", anonymous: true})
	checkProblem(t, resp, data, http.StatusServiceUnavailable, "unavailable")
}
