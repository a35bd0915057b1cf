package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"partnerdocs/api"
	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// testServer is the real API, with the real generator and a real SQLite
// register in a temporary directory, on 127.0.0.1. It has a token for
// every role.
type testServer struct {
	*httptest.Server
	log    *syncBuffer
	reg    *store.DB
	tokens map[partnership.Role]string // secrets
}

func newTestServer(t *testing.T, gen workflow.Generator) *testServer {
	t.Helper()
	if gen == nil {
		g, err := generator.New(generator.Options{})
		if err != nil {
			t.Fatal(err)
		}
		gen = g
	}
	reg := openRegister(t)
	log := &syncBuffer{}
	s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.NewJSONHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, log: log, reg: reg, tokens: createTokens(t, reg)}
}

// openRegister opens a new SQLite register in a temporary directory.
func openRegister(t *testing.T) *store.DB {
	t.Helper()
	reg, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	return reg
}

// createTokens makes a token for every role, through the register, as
// "partnerdocs token create" does.
func createTokens(t *testing.T, reg workflow.Register) map[partnership.Role]string {
	t.Helper()
	tokens := map[partnership.Role]string{}
	for _, role := range partnership.RoleValues {
		tokens[role] = createToken(t, reg, "test-"+string(role), role)
	}
	return tokens
}

func createToken(t *testing.T, reg workflow.Register, name string, role partnership.Role) string {
	t.Helper()
	secret, hash := workflow.NewToken()
	admin := partnership.Actor{Name: "test", Role: partnership.RoleAdmin}
	if _, err := reg.CreateToken(t.Context(), &partnership.Token{Name: name, Role: role, Hash: hash}, admin); err != nil {
		t.Fatal(err)
	}
	return secret
}

// syncBuffer is a bytes.Buffer that handlers may log to concurrently.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// request is one HTTP request to the test server.
type request struct {
	method, path, contentType string
	body                      []byte
	chunked                   bool // send without Content-Length
	header                    http.Header
	as                        partnership.Role // the token's role; officer when empty
	anonymous                 bool             // send no token
}

func (ts *testServer) do(t *testing.T, r request) (*http.Response, []byte) {
	t.Helper()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
		if r.chunked {
			body = io.MultiReader(body) // hides the length from the client
		}
	}
	req, err := http.NewRequest(cmpOr(r.method, http.MethodPost), ts.URL+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if !r.anonymous {
		req.Header.Set("Authorization", "Bearer "+ts.tokens[cmpOr(r.as, partnership.RoleOfficer)])
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

func cmpOr[T ~string](a, b T) T {
	if a != "" {
		return a
	}
	return b
}

// sample returns a sample partnership's JSON.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// edited returns the waste partnership sample with edit applied to its
// decoded JSON.
func edited(t *testing.T, edit func(p map[string]any)) []byte {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal(sample(t, "waste-partnership.json"), &p); err != nil {
		t.Fatal(err)
	}
	edit(p)
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// at returns the value at a JSON path like "contributions[0]" of p.
func at(p map[string]any, key string, index int) map[string]any {
	return p[key].([]any)[index].(map[string]any)
}

const agreementPath = "/api/v1/render/agreement"

func TestCreateAgreementPDF(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := ts.do(t, request{path: agreementPath, contentType: "application/json",
		body: sample(t, "waste-partnership.json")})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}
	sum := sha256.Sum256(body)
	want := map[string]string{
		"Content-Type":        "application/pdf",
		"Content-Disposition": `attachment; filename="PP-2026-001-agreement.pdf"`,
		"Etag":                `"` + hex.EncodeToString(sum[:]) + `"`,
		"Cache-Control":       "no-store",
	}
	for name, value := range want {
		if got := resp.Header.Get(name); got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}
	if !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("body starts %q, want %%PDF-", body[:min(len(body), 16)])
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

func TestCreateAgreementHTML(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := ts.do(t, request{path: agreementPath + "?format=html", contentType: "application/json; charset=UTF-8",
		body: sample(t, "waste-partnership.json")})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `inline; filename="PP-2026-001-agreement.html"` {
		t.Errorf("Content-Disposition = %q", got)
	}
	if !bytes.Contains(body, []byte("<html")) {
		t.Errorf("body is not an HTML page: %.200s", body)
	}
}

func TestCreateAgreementDOCX(t *testing.T) {
	ts := newTestServer(t, nil)
	post := func(at string) (*http.Response, []byte) {
		resp, body := ts.do(t, request{path: agreementPath + "?format=docx&at=" + at, contentType: "application/json",
			body: sample(t, "waste-partnership.json")})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d, body %s", resp.StatusCode, body)
		}
		return resp, body
	}
	resp, body := post("2026-11-25T09:30:00Z")
	sum := sha256.Sum256(body)
	want := map[string]string{
		"Content-Type":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"Content-Disposition": `attachment; filename="PP-2026-001-agreement.docx"`,
		"Etag":                `"` + hex.EncodeToString(sum[:]) + `"`,
		"Cache-Control":       "no-store",
	}
	for name, value := range want {
		if got := resp.Header.Get(name); got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}
	if !strings.Contains(string(docxPart(t, body, "word/document.xml")), "Northamptonshire Waste Partnership") {
		t.Error("the Word document does not name the partnership")
	}
	if _, again := post("2026-11-25T09:30:00Z"); !bytes.Equal(body, again) {
		t.Error("the same input and time gave a different Word document")
	}
}

func TestFilenameWithoutRef(t *testing.T) {
	ts := newTestServer(t, nil)
	body := edited(t, func(p map[string]any) { delete(p, "ref") })
	resp, data := ts.do(t, request{path: agreementPath, contentType: "application/json", body: body})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, data)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="partnership-agreement.pdf"` {
		t.Errorf("Content-Disposition = %q", got)
	}
}

// TestWarningsAreCounted: a name the PDF's font cannot show still gives a
// PDF, and the response says how many warnings there were.
func TestWarningsAreCounted(t *testing.T) {
	ts := newTestServer(t, nil)
	body := edited(t, func(p map[string]any) { at(p, "partners", 0)["name"] = "東京 Partnership Office" })
	resp, data := ts.do(t, request{path: agreementPath, contentType: "application/json", body: body})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, body %s", resp.StatusCode, data)
	}
	if got := resp.Header.Get("X-Partnerdocs-Warnings"); got == "" || got == "0" {
		t.Errorf("X-Partnerdocs-Warnings = %q, want a count", got)
	}
}

func TestGenerationTimeMakesDocumentsRepeatable(t *testing.T) {
	ts := newTestServer(t, nil)
	etag := func(when string) string {
		resp, data := ts.do(t, request{path: agreementPath + "?at=" + when, contentType: "application/json",
			body: sample(t, "waste-partnership.json")})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d, body %s", resp.StatusCode, data)
		}
		return resp.Header.Get("ETag")
	}
	first, again := etag("2026-11-25T09:30:00Z"), etag("2026-11-25T09:30:00Z")
	if first != again {
		t.Errorf("same input and time gave ETags %s and %s", first, again)
	}
}

// badInput is one request the API must refuse with problem details.
type badInput struct {
	name      string
	req       request
	status    int
	code      string
	paths     []string // every one must be among the problem's errors
	wantAllow bool     // Allow header expected (405)
}

func badInputs(t *testing.T) []badInput {
	valid := sample(t, "waste-partnership.json")
	huge := append([]byte(`{"name":"`), bytes.Repeat([]byte("a"), 2<<20)...)
	huge = append(huge, `"}`...)
	jsonBody := func(body []byte) request {
		return request{path: agreementPath, contentType: "application/json", body: body}
	}
	return []badInput{
		{name: "malformed JSON", req: jsonBody([]byte(`{"name": "Waste`)), status: 400, code: "malformed_json"},
		{name: "not an object", req: jsonBody([]byte(`[1, 2]`)), status: 400, code: "malformed_json"},
		{name: "empty body", req: jsonBody([]byte{}), status: 400, code: "malformed_json"},
		{name: "trailing data", req: jsonBody(append(slices.Clone(valid), `{}`...)), status: 400, code: "malformed_json"},
		{name: "unknown field", status: 400, code: "malformed_json", paths: []string{"colour"},
			req: jsonBody(edited(t, func(p map[string]any) { p["colour"] = "blue" }))},
		{name: "wrong type", status: 400, code: "malformed_json", paths: []string{"governance.quorum"},
			req: jsonBody(edited(t, func(p map[string]any) { p["governance"].(map[string]any)["quorum"] = "three" }))},
		{name: "missing required fields", status: 422, code: "validation_failed", paths: []string{"name", "purpose"},
			req: jsonBody(edited(t, func(p map[string]any) { delete(p, "name"); delete(p, "purpose") }))},
		{name: "invalid enum", status: 422, code: "validation_failed", paths: []string{"status"},
			req: jsonBody(edited(t, func(p map[string]any) { p["status"] = "pending" }))},
		{name: "invalid date", status: 422, code: "validation_failed", paths: []string{"dates.start"},
			req: jsonBody(edited(t, func(p map[string]any) { p["dates"].(map[string]any)["start"] = "2026-02-30" }))},
		{name: "negative pence", status: 422, code: "validation_failed", paths: []string{"contributions[0].amount_pence"},
			req: jsonBody(edited(t, func(p map[string]any) { at(p, "contributions", 0)["amount_pence"] = -100 }))},
		{name: "201-character name", status: 422, code: "validation_failed", paths: []string{"name"},
			req: jsonBody(edited(t, func(p map[string]any) { p["name"] = strings.Repeat("é", 201) }))},
		{name: "control characters", status: 422, code: "validation_failed", paths: []string{"name", "partners[0].name"},
			req: jsonBody(edited(t, func(p map[string]any) {
				p["name"] = "Waste\u0007Partnership"
				at(p, "partners", 0)["name"] = "Acme\u001b[31m Ltd"
			}))},
		{name: "invalid UTF-8", status: 400, code: "malformed_json",
			req: jsonBody(bytes.Replace(valid, []byte(`"name": "`), []byte("\"name\": \"\xff\xfe"), 1))},
		{name: "2 MiB body", req: jsonBody(huge), status: 413, code: "body_too_large"},
		{name: "2 MiB body without a length", status: 413, code: "body_too_large",
			req: request{path: agreementPath, contentType: "application/json", body: huge, chunked: true}},
		{name: "wrong content type", status: 415, code: "unsupported_media_type",
			req: request{path: agreementPath, contentType: "text/plain", body: valid}},
		{name: "no content type", status: 415, code: "unsupported_media_type",
			req: request{path: agreementPath, body: valid}},
		{name: "not UTF-8 charset", status: 415, code: "unsupported_media_type",
			req: request{path: agreementPath, contentType: "application/json; charset=iso-8859-1", body: valid}},
		{name: "unknown kind", status: 404, code: "not_found", paths: []string{"kind"},
			req: request{path: "/api/v1/render/lease", contentType: "application/json", body: valid}},
		{name: "bad format", status: 422, code: "validation_failed", paths: []string{"format"},
			req: request{path: agreementPath + "?format=odt", contentType: "application/json", body: valid}},
		{name: "bad generation time", status: 422, code: "validation_failed", paths: []string{"at"},
			req: request{path: agreementPath + "?at=yesterday", contentType: "application/json", body: valid}},
		{name: "bad query and bad body together", status: 422, code: "validation_failed", paths: []string{"format", "status"},
			req: request{path: agreementPath + "?format=odt", contentType: "application/json",
				body: edited(t, func(p map[string]any) { p["status"] = "pending" })}},
		{name: "no such route", status: 404, code: "not_found",
			req: request{method: http.MethodGet, path: "/no/such/page"}},
		{name: "wrong method", status: 405, code: "method_not_allowed", wantAllow: true,
			req: request{method: http.MethodDelete, path: agreementPath}},
	}
}

func TestBadInput(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range badInputs(t) {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.do(t, tc.req)
			problem := checkProblem(t, resp, body, tc.status, tc.code)
			for _, path := range tc.paths {
				if !slices.Contains(problem.paths(), path) {
					t.Errorf("errors do not name %q; got %q\n%s", path, problem.paths(), body)
				}
			}
			if tc.wantAllow && resp.Header.Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
		})
	}
}

// problemDetails is what the API answers for every error.
type problemDetails struct {
	Type      string                `json:"type"`
	Title     string                `json:"title"`
	Status    int                   `json:"status"`
	Detail    string                `json:"detail"`
	Code      string                `json:"code"`
	Errors    []partnership.Problem `json:"errors"`
	RequestID string                `json:"request_id"`
}

func (p problemDetails) paths() []string {
	var paths []string
	for _, e := range p.Errors {
		paths = append(paths, e.Path)
	}
	return paths
}

// checkProblem checks everything every error response must have.
func checkProblem(t *testing.T, resp *http.Response, body []byte, status int, code string) problemDetails {
	t.Helper()
	if resp.StatusCode == http.StatusInternalServerError && status != http.StatusInternalServerError {
		t.Errorf("500 for a client's mistake: %s", body)
	}
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d; body %s", resp.StatusCode, status, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json", got)
	}
	var p problemDetails
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("body is not problem details: %v\n%s", err, body)
	}
	if p.Code != code || p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Errorf("problem = %+v, want code %q, status %d, type, title and detail", p, code, status)
	}
	if p.Errors == nil {
		t.Error(`"errors" missing; want a list, empty when there is nothing to list`)
	}
	if p.RequestID == "" || p.RequestID != resp.Header.Get("X-Request-Id") {
		t.Errorf("request_id %q, X-Request-Id header %q", p.RequestID, resp.Header.Get("X-Request-Id"))
	}
	return p
}

func TestHealthz(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := ts.do(t, request{method: http.MethodGet, path: "/healthz"})
	if resp.StatusCode != http.StatusOK || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Errorf("GET /healthz = %d %s", resp.StatusCode, body)
	}
	resp, body = ts.do(t, request{method: http.MethodHead, path: "/healthz"})
	if resp.StatusCode != http.StatusOK || len(body) != 0 {
		t.Errorf("HEAD /healthz = %d %q", resp.StatusCode, body)
	}
}

func TestRequestID(t *testing.T) {
	ts := newTestServer(t, nil)
	cases := []struct{ sent, want string }{
		{"case-4711.a_b", "case-4711.a_b"}, // a sensible id is kept
		{strings.Repeat("x", 65), ""},      // too long: replaced
		{`id"with{json}`, ""},              // odd characters: replaced
		{"", ""},                           // none: generated
	}
	for _, tc := range cases {
		resp, _ := ts.do(t, request{method: http.MethodGet, path: "/healthz",
			header: http.Header{"X-Request-Id": {tc.sent}}})
		got := resp.Header.Get("X-Request-Id")
		switch {
		case tc.want != "" && got != tc.want:
			t.Errorf("sent %q, got id %q, want it kept", tc.sent, got)
		case tc.want == "" && (got == "" || got == tc.sent):
			t.Errorf("sent %q, got id %q, want a new one", tc.sent, got)
		}
	}
}

// TestAccessLog checks there is one line per request with what operations
// need, and nothing of the body or credentials.
func TestAccessLog(t *testing.T) {
	ts := newTestServer(t, nil)
	body := edited(t, func(p map[string]any) { p["name"] = "Secret Name Partnership"; p["status"] = "pending" })
	resp, _ := ts.do(t, request{path: agreementPath, contentType: "application/json", body: body,
		header: http.Header{"X-Request-Id": {"log-test-1"}}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	resp, _ = ts.do(t, request{path: agreementPath, contentType: "application/json", body: body,
		header: http.Header{"Authorization": {"Bearer pd_token-do-not-log"}}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bad token: status %d", resp.StatusCode)
	}
	logs := ts.log.String()
	for _, secret := range []string{"Secret Name", "token-do-not-log", ts.tokens[partnership.RoleOfficer]} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q:\n%s", secret, logs)
		}
	}
	line := findLogLine(t, logs, "log-test-1")
	want := map[string]any{"msg": "request", "method": "POST", "path": agreementPath,
		"status": float64(422), "code": "validation_failed"}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("log %s = %v, want %v", k, line[k], v)
		}
	}
	if _, ok := line["duration_ms"]; !ok {
		t.Error("log line has no duration_ms")
	}
}

func findLogLine(t *testing.T, logs, requestID string) map[string]any {
	t.Helper()
	for l := range strings.Lines(logs) {
		var line map[string]any
		if json.Unmarshal([]byte(l), &line) == nil && line["request_id"] == requestID && line["msg"] == "request" {
			return line
		}
	}
	t.Fatalf("no access log line for request %s in:\n%s", requestID, logs)
	return nil
}

// failingGenerator stands in for the generator where a test needs it to
// fail in ways the real one should not.
type failingGenerator struct{ panics bool }

func (g failingGenerator) Kinds() []string { return []string{"agreement"} }

func (g failingGenerator) Assess(*partnership.Partnership, time.Time) partnership.Assessment {
	return partnership.Assessment{}
}
func (g failingGenerator) Council() partnership.Council { return partnership.DefaultCouncil() }

func (g failingGenerator) Fingerprints(string) (string, string, bool) { return "", "", false }

func (g failingGenerator) Prepare(string, generator.Format) {}

func (g failingGenerator) Compare(context.Context, generator.CompareRequest) (*generator.Document, error) {
	return nil, errors.New("disk on fire at /var/secret/path")
}

func (g failingGenerator) Render(context.Context, generator.Request) (*generator.Document, error) {
	if g.panics {
		panic("template exploded")
	}
	return nil, errors.New("disk on fire at /var/secret/path")
}

// gatedGenerator holds every render until the test lets one go, and counts
// how many are inside.
type gatedGenerator struct {
	release chan struct{}
	inside  atomic.Int32
}

func (g *gatedGenerator) Kinds() []string { return []string{"agreement"} }

func (g *gatedGenerator) Assess(*partnership.Partnership, time.Time) partnership.Assessment {
	return partnership.Assessment{}
}
func (g *gatedGenerator) Council() partnership.Council { return partnership.DefaultCouncil() }

func (g *gatedGenerator) Fingerprints(string) (string, string, bool) { return "", "", false }

func (g *gatedGenerator) Prepare(string, generator.Format) {}

func (g *gatedGenerator) Compare(context.Context, generator.CompareRequest) (*generator.Document, error) {
	return nil, errors.New("the gated generator does not compare")
}

func (g *gatedGenerator) Render(_ context.Context, req generator.Request) (*generator.Document, error) {
	g.inside.Add(1)
	defer g.inside.Add(-1)
	<-g.release
	return &generator.Document{Kind: req.Kind, Format: req.Format, Bytes: []byte("%PDF-1.7\n")}, nil
}

// tokenOnlyRegister knows one officer's token and nothing else. It stands
// in for the register inside a synctest bubble, which must not wait on a
// database's connections and file I/O.
type tokenOnlyRegister struct {
	workflow.Register // nil: any other method panics
	hash              []byte
}

func (r tokenOnlyRegister) TokenByHash(_ context.Context, hash []byte) (*partnership.Token, error) {
	if !bytes.Equal(hash, r.hash) {
		return nil, partnership.NewError(partnership.ENotFound, "no such token")
	}
	return &partnership.Token{Name: "officer", Role: partnership.RoleOfficer}, nil
}

// TestRendersAreBounded: with room for two renders, six requests at once
// are rendered two at a time, and all of them are answered.
func TestRendersAreBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const requests, slots = 6, 2
		checkRendersAtOnce(t, api.Config{MaxConcurrentRenders: slots}, sample(t, "waste-partnership.json"), requests, slots)
	})
}

// checkRendersAtOnce posts requests renders of body at once to a server
// made from cfg with a gated generator, releases them one by one, and
// checks that min(atOnce, waiting) render at once each time and that every
// request is answered. synctest.Wait returns when every request is either
// rendering or waiting for its turn, so the count is exact.
func checkRendersAtOnce(t *testing.T, cfg api.Config, body []byte, requests, atOnce int) {
	t.Helper()
	gen := &gatedGenerator{release: make(chan struct{})}
	secret, hash := workflow.NewToken()
	cfg.Generator, cfg.Register = gen, tokenOnlyRegister{hash: hash}
	s, err := api.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	answers := make([]*httptest.ResponseRecorder, requests)
	for i := range answers {
		answers[i] = httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, agreementPath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+secret)
		go s.Handler().ServeHTTP(answers[i], req)
	}
	for waiting := requests; waiting > 0; waiting-- {
		synctest.Wait()
		if got, want := gen.inside.Load(), int32(min(atOnce, waiting)); got != want {
			t.Errorf("%d renders at once with %d requests waiting, want %d", got, waiting, want)
		}
		gen.release <- struct{}{}
	}
	synctest.Wait()
	for i, a := range answers {
		if a.Code != http.StatusOK {
			t.Errorf("request %d: status %d", i, a.Code)
		}
	}
}

// TestRenderMemoryIsBounded: with slots to spare but memory for two large
// partnerships (generator.MemoryNeed), six large requests at once are
// rendered two at a time; six small ones, which need little, all at once.
// The API and another front end share one limiter, so the bound holds for
// the process.
func TestRenderMemoryIsBounded(t *testing.T) {
	long := strings.Repeat("Unit 4, Long Industrial Estate Road, Northampton. ", 390)
	large := edited(t, func(p map[string]any) {
		for _, pt := range p["partners"].([]any) {
			pt.(map[string]any)["address"] = long
		}
		p["objectives"] = []any{long, long, long, long, long, long, long, long}
	})
	need := generator.MemoryNeed(mustDecode(t, large))
	if small := generator.MemoryNeed(mustDecode(t, sample(t, "waste-partnership.json"))); need < 3*small {
		t.Fatalf("the large body needs %d bytes, not much more than the small one's %d", need, small)
	}
	for _, tc := range []struct {
		name   string
		body   []byte
		atOnce int
	}{{"large", large, 2}, {"small", sample(t, "waste-partnership.json"), 6}} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				limiter := workflow.NewRenderLimiter(8, 2*need+need/2)
				checkRendersAtOnce(t, api.Config{Renders: limiter}, tc.body, 6, tc.atOnce)
			})
		})
	}
}

func mustDecode(t *testing.T, body []byte) *partnership.Partnership {
	t.Helper()
	p, err := partnership.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestInternalErrorsAreLoggedNotShown covers an error and a panic: the
// client gets 500 and a generic message with the request id; the log gets
// the real error under the same id.
func TestInternalErrorsAreLoggedNotShown(t *testing.T) {
	for _, tc := range []struct {
		name, logged string
		gen          failingGenerator
	}{
		{"error", "disk on fire", failingGenerator{}},
		{"panic", "template exploded", failingGenerator{panics: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.gen)
			resp, body := ts.do(t, request{path: agreementPath, contentType: "application/json",
				body: sample(t, "waste-partnership.json")})
			p := checkProblem(t, resp, body, http.StatusInternalServerError, "internal")
			if strings.Contains(string(body), tc.logged) || strings.Contains(string(body), "secret") {
				t.Errorf("response shows the internal error: %s", body)
			}
			logs := ts.log.String()
			if !strings.Contains(logs, tc.logged) || !strings.Contains(logs, p.RequestID) {
				t.Errorf("log lacks the error or request id %s:\n%s", p.RequestID, logs)
			}
		})
	}
}

// The render's old path, which OpenAPI cannot tell from GET
// /api/v1/documents/{id}, still answers for one release with the same
// bytes, saying it is deprecated, when it goes and where it moved.
func TestRenderOldPathIsDeprecated(t *testing.T) {
	ts := newTestServer(t, nil)
	body := sample(t, "waste-partnership.json")
	query := "?at=2026-11-25T09:30:00Z&format=html"
	respNew, pageNew := ts.do(t, request{path: "/api/v1/render/agreement" + query, contentType: "application/json", body: body})
	respOld, pageOld := ts.do(t, request{path: "/api/v1/documents/agreement" + query, contentType: "application/json", body: body})
	if respNew.StatusCode != http.StatusOK || respOld.StatusCode != http.StatusOK || !bytes.Equal(pageNew, pageOld) {
		t.Fatalf("new path %d, old path %d, same bytes %v", respNew.StatusCode, respOld.StatusCode, bytes.Equal(pageNew, pageOld))
	}
	if h := respNew.Header.Get("Deprecation") + respNew.Header.Get("Sunset"); h != "" {
		t.Errorf("the new path says it is deprecated: %q", h)
	}
	dep, err := strconv.ParseInt(strings.TrimPrefix(respOld.Header.Get("Deprecation"), "@"), 10, 64)
	sunset, serr := http.ParseTime(respOld.Header.Get("Sunset"))
	switch {
	case err != nil || !strings.HasPrefix(respOld.Header.Get("Deprecation"), "@"):
		t.Errorf("Deprecation %q is not an RFC 9745 date", respOld.Header.Get("Deprecation"))
	case serr != nil || !sunset.After(time.Unix(dep, 0)):
		t.Errorf("Sunset %q is not an HTTP date after the deprecation", respOld.Header.Get("Sunset"))
	}
	if link := respOld.Header.Get("Link"); link != `</api/v1/render/agreement>; rel="successor-version"` {
		t.Errorf("Link %q does not name the new path", link)
	}
}
