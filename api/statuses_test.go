package api_test

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"partnerdocs/api"
	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// TestSlowBodyIs408: a client that stops sending its body before the
// server's read timeout is told so (408 request_timeout), not that its
// JSON is malformed.
func TestSlowBodyIs408(t *testing.T) {
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg := openRegister(t)
	s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Config.ReadTimeout = 300 * time.Millisecond
	ts.Start()
	t.Cleanup(ts.Close)
	token := createToken(t, reg, "slow", partnership.RoleOfficer)

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"name\": \"Sl", partnershipsPath, token)
	// The rest of the body never comes: the answer arrives once the
	// server's read timeout has passed.
	if err := conn.SetReadDeadline(time.Now().Add(20 * time.Second)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(body.String(), `"request_timeout"`) {
		t.Errorf("a stalled body: %d %s, want 408 request_timeout", resp.StatusCode, body.String())
	}
}

// TestEmptyReturnIs422: a return posted with no body at all, and so no
// content type, is told it is empty rather than of the wrong type.
func TestEmptyReturnIs422(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := ts.do(t, request{method: http.MethodPost, path: cmtReturnPath, as: partnership.RolePolicy})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "The body is empty") {
		t.Errorf("an empty return: %d %s, want 422 saying it is empty", resp.StatusCode, body)
	}
}

// TestHTMLDocumentsCannotBeFramed: a document answered as HTML may not be
// framed by any site (clickjacking), in both headers browsers read.
func TestHTMLDocumentsCannotBeFramed(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, _ := ts.do(t, request{method: http.MethodPost, path: "/api/v1/render/mou?format=html",
		contentType: "application/json", body: sample(t, "waste-partnership.json")})
	csp := resp.Header.Get("Content-Security-Policy")
	if resp.StatusCode != http.StatusOK || !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("an HTML document: %d, CSP %q, X-Frame-Options %q", resp.StatusCode, csp, resp.Header.Get("X-Frame-Options"))
	}
}

// TestLockOutBehindAProxy: behind a trusted proxy each client is known by
// the address the proxy records, so one guesser is limited without
// locking out the other people behind the same proxy; without the proxy
// trusted, X-Forwarded-For is ignored, so a guesser cannot escape the
// limit by inventing addresses.
func TestLockOutBehindAProxy(t *testing.T) {
	local := []*net.IPNet{{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(32, 32)}}
	for _, tc := range []struct {
		name           string
		trusted        []*net.IPNet
		otherBadStatus int // a bad token from another client once the guesser is limited
	}{
		{"trusted proxy", local, http.StatusUnauthorized},
		{"no proxy trusted", nil, http.StatusTooManyRequests},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gen, err := generator.New(generator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			reg := openRegister(t)
			s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.DiscardHandler), TrustedProxies: tc.trusted})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			good := createToken(t, reg, "someone", partnership.RoleOfficer)
			call := func(client, token string) int {
				req, _ := http.NewRequest(http.MethodGet, ts.URL+partnershipsPath, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("X-Forwarded-For", client)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			var last int
			for i := range 12 {
				// Without a trusted proxy, the guesser's invented addresses change nothing.
				last = call(fmt.Sprintf("203.0.113.%d", 1+i*boolInt(tc.trusted == nil)), "pd_not-a-real-token")
			}
			if last != http.StatusTooManyRequests {
				t.Fatalf("the guesser's last attempt: %d, want 429", last)
			}
			if got := call("198.51.100.7", "pd_another-wrong-token"); got != tc.otherBadStatus {
				t.Errorf("another client's wrong token: %d, want %d", got, tc.otherBadStatus)
			}
			if got := call("203.0.113.1", good); got != http.StatusOK {
				t.Errorf("a valid token from the guesser's own address: %d, want 200", got)
			}
		})
	}
}

// TestLockOutPerTokenPrefix: failures are counted per token prefix as
// well as per client address, so a guesser at the rest of one token is
// limited however many addresses it comes from (named by a trusted proxy,
// or all one address without one), while the token's holder is still let
// in and a wrong token of another prefix is still only 401.
func TestLockOutPerTokenPrefix(t *testing.T) {
	local := []*net.IPNet{{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(32, 32)}}
	for _, tc := range []struct {
		name           string
		trusted        []*net.IPNet
		otherBadStatus int // a wrong token of another prefix once the guesser is limited
	}{
		{"trusted proxy", local, http.StatusUnauthorized},
		{"no proxy trusted", nil, http.StatusTooManyRequests}, // everyone is the proxy's address
	} {
		t.Run(tc.name, func(t *testing.T) {
			gen, err := generator.New(generator.Options{})
			if err != nil {
				t.Fatal(err)
			}
			reg := openRegister(t)
			s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.DiscardHandler), TrustedProxies: tc.trusted})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(s.Handler())
			t.Cleanup(ts.Close)
			good := createToken(t, reg, "someone", partnership.RoleOfficer)
			call := func(client, token string) int {
				req, _ := http.NewRequest(http.MethodGet, ts.URL+partnershipsPath, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("X-Forwarded-For", client)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			var statuses []int
			for i := range 12 {
				// The same beginning as the real token, a guessed end, a new address each time.
				guess := good[:len(good)-4] + fmt.Sprintf("%04d", i)
				statuses = append(statuses, call(fmt.Sprintf("203.0.113.%d", 1+i), guess))
			}
			if statuses[0] != http.StatusUnauthorized || statuses[len(statuses)-1] != http.StatusTooManyRequests {
				t.Fatalf("the guesser from new addresses: %v, want 401s and then 429", statuses)
			}
			if got := call("198.51.100.7", "pd_another-wrong-token"); got != tc.otherBadStatus {
				t.Errorf("another client's wrong token of another prefix: %d, want %d", got, tc.otherBadStatus)
			}
			if got := call("203.0.113.200", good); got != http.StatusOK {
				t.Errorf("the real token, whose prefix the guesser used up: %d, want 200", got)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestDocumentDownloadRevalidates: a stored document's ETag is its
// SHA-256, and a client that holds those bytes is answered 304 with no
// body; other tags get the document.
func TestDocumentDownloadRevalidates(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	resp, body := ts.do(t, request{path: partnershipsPath + "/" + rev.Ref + "/documents", contentType: "application/json",
		body: []byte(`{"kind": "mou", "format": "pdf"}`)})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("generate: %d %s", resp.StatusCode, body)
	}
	var doc partnership.Document
	decodeJSON(t, body, &doc)
	path := fmt.Sprintf("/api/v1/documents/%d", doc.ID)
	first, data := ts.do(t, get(path))
	etag := first.Header.Get("ETag")
	if first.StatusCode != http.StatusOK || etag != `"`+doc.SHA256+`"` || len(data) == 0 {
		t.Fatalf("download: %d, ETag %q", first.StatusCode, etag)
	}
	for _, tc := range []struct {
		tag    string
		status int
	}{{etag, http.StatusNotModified}, {"W/" + etag, http.StatusNotModified}, {`"other"`, http.StatusOK}} {
		resp, body := ts.do(t, request{method: http.MethodGet, path: path, header: http.Header{"If-None-Match": {tc.tag}}})
		if resp.StatusCode != tc.status || (tc.status == http.StatusNotModified && len(body) > 0) || resp.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d with %d bytes, ETag %q; want %d", tc.tag, resp.StatusCode, len(body), resp.Header.Get("ETag"), tc.status)
		}
	}
}

// A request whose client has gone (its context cancelled) while the
// register was being read is not an internal error: it is recorded as
// 499 client_closed and nothing is logged at level ERROR.
func TestClientGoneIsNotAnInternalError(t *testing.T) {
	ts := newTestServer(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/api/v1/partnerships", nil)
	req.Header.Set("Authorization", "Bearer "+ts.tokens[partnership.RoleOfficer])
	rec := httptest.NewRecorder()
	ts.Config.Handler.ServeHTTP(rec, req)
	if rec.Code != 499 {
		t.Errorf("status %d, want 499 for a client that has gone", rec.Code)
	}
	if log := ts.log.String(); strings.Contains(log, `"level":"ERROR"`) || !strings.Contains(log, `"code":"client_closed"`) {
		t.Errorf("the log has an error, or does not record client_closed:\n%s", log)
	}
}
