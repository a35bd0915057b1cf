package api_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"partnerdocs/api"
	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// scrape is one scrape of /metrics, parsed.
type scrape map[string]*dto.MetricFamily

// scrapeMetrics fetches /metrics as admin through the real server and
// parses the exposition as Prometheus would.
func scrapeMetrics(t *testing.T, ts *testServer) scrape {
	t.Helper()
	resp, body := ts.do(t, request{method: http.MethodGet, path: "/metrics", as: partnership.RoleAdmin})
	return parseMetrics(t, resp.StatusCode, resp.Header, body)
}

func parseMetrics(t *testing.T, status int, header http.Header, body []byte) scrape {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("GET /metrics as admin: %d %s", status, body)
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q, want the text exposition format", ct)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parsing the exposition: %v\n%s", err, body)
	}
	return families
}

// value is the series of name whose labels are exactly labels (name,
// value pairs): a counter's or gauge's value, a histogram's count of
// observations; 0 when there is no such series.
func (s scrape) value(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	mf, ok := s[name]
	if !ok {
		return 0
	}
	for _, m := range mf.GetMetric() {
		got := map[string]string{}
		for _, lp := range m.GetLabel() {
			got[lp.GetName()] = lp.GetValue()
		}
		if !maps.Equal(got, want) {
			continue
		}
		switch mf.GetType() {
		case dto.MetricType_COUNTER:
			return m.GetCounter().GetValue()
		case dto.MetricType_GAUGE:
			return m.GetGauge().GetValue()
		case dto.MetricType_HISTOGRAM:
			return float64(m.GetHistogram().GetSampleCount())
		}
		t.Fatalf("%s is a %s", name, mf.GetType())
	}
	return 0
}

// TestMetricsCountRealRequests makes real requests (documents, a workbook
// and its return, 404s, refused tokens) and checks that each counter moved
// by exactly as much as it should, under the right labels.
func TestMetricsCountRealRequests(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	before := scrapeMetrics(t, ts)

	generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	if resp, body := ts.do(t, request{path: agreementPath + "?format=html", contentType: "application/json",
		body: sample(t, "waste-partnership.json")}); resp.StatusCode != http.StatusOK {
		t.Fatalf("stateless agreement: %d %s", resp.StatusCode, body)
	}
	wantStatus(t, ts, get(partnershipsPath+"/"+rev.Ref), http.StatusOK)
	wantStatus(t, ts, get(partnershipsPath+"/PP-2099-999"), http.StatusNotFound)
	wantStatus(t, ts, get("/api/v1/nothing-here/"+rev.Ref+"/12345"), http.StatusNotFound)
	wantStatus(t, ts, request{method: "BREW", path: "/healthz"}, http.StatusMethodNotAllowed)

	// 401 three ways: no token, a token nobody issued, a revoked one.
	wantStatus(t, ts, request{method: http.MethodGet, path: partnershipsPath, anonymous: true}, http.StatusUnauthorized)
	wantStatus(t, ts, request{method: http.MethodGet, path: partnershipsPath,
		header: http.Header{"Authorization": {"Bearer pd_not-a-real-token"}}}, http.StatusUnauthorized)
	revoked := createToken(t, ts.reg, "revoked", partnership.RoleOfficer)
	if err := ts.reg.RevokeToken(t.Context(), "revoked", partnership.Actor{Name: "test", Role: partnership.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, ts, request{method: http.MethodGet, path: partnershipsPath,
		header: http.Header{"Authorization": {"Bearer " + revoked}}}, http.StatusUnauthorized)

	// The workbook, sent back unchanged (applied, nothing to change), then
	// something that is not a workbook (refused).
	_, workbook := downloadWorkbook(t, ts)
	wantStatus(t, ts, postReturn(workbook, partnership.RolePolicy), http.StatusOK)
	wantStatus(t, ts, postReturn([]byte("name,actual\nx,1\n"), partnership.RolePolicy), http.StatusUnprocessableEntity)

	// /metrics itself: 401 without a token, 403 for an officer.
	wantStatus(t, ts, request{method: http.MethodGet, path: "/metrics", anonymous: true}, http.StatusUnauthorized)
	wantStatus(t, ts, request{method: http.MethodGet, path: "/metrics", as: partnership.RoleOfficer}, http.StatusForbidden)

	after := scrapeMetrics(t, ts)
	for _, tc := range []struct {
		name   string
		labels []string
		delta  float64
	}{
		{"partnerdocs_http_requests_total", []string{"route", "partnerships.documents.create", "method", "POST", "code", "201"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "render", "method", "POST", "code", "200"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "partnerships.show", "method", "GET", "code", "200"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "partnerships.show", "method", "GET", "code", "404"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "unmatched", "method", "GET", "code", "404"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "unmatched", "method", "other", "code", "405"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "partnerships.list", "method", "GET", "code", "401"}, 3},
		{"partnerdocs_http_requests_total", []string{"route", "reports.cmt", "method", "GET", "code", "200"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "reports.cmt.return", "method", "POST", "code", "200"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "reports.cmt.return", "method", "POST", "code", "422"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "metrics", "method", "GET", "code", "401"}, 1},
		{"partnerdocs_http_requests_total", []string{"route", "metrics", "method", "GET", "code", "403"}, 1},
		// The first scrape, counted once it was answered.
		{"partnerdocs_http_requests_total", []string{"route", "metrics", "method", "GET", "code", "200"}, 1},
		{"partnerdocs_http_request_duration_seconds", []string{"route", "partnerships.show"}, 2},
		{"partnerdocs_http_response_size_bytes", []string{"route", "render"}, 1},

		{"partnerdocs_documents_rendered_total", []string{"kind", "agreement", "format", "pdf"}, 1},
		{"partnerdocs_documents_rendered_total", []string{"kind", "agreement", "format", "html"}, 1},
		{"partnerdocs_document_render_duration_seconds", []string{"kind", "agreement"}, 2},
		{"partnerdocs_document_render_wait_seconds", nil, 2},
		{"partnerdocs_document_render_failures_total", []string{"kind", "agreement"}, 0},
		{"partnerdocs_document_render_waits_abandoned_total", nil, 0},

		{"partnerdocs_cmt_workbooks_generated_total", nil, 1},
		{"partnerdocs_cmt_workbook_duration_seconds", nil, 1},
		{"partnerdocs_cmt_returns_total", []string{"outcome", "applied"}, 1},
		{"partnerdocs_cmt_returns_total", []string{"outcome", "refused"}, 1},
		{"partnerdocs_cmt_returns_total", []string{"outcome", "failed"}, 0},

		{"partnerdocs_auth_failures_total", []string{"reason", "missing"}, 2}, // partnerships and /metrics
		// The register answers a revoked token as unknown, on purpose.
		{"partnerdocs_auth_failures_total", []string{"reason", "invalid"}, 2},
		{"partnerdocs_auth_rate_limited_total", nil, 0},

		{"partnerdocs_register_errors_total", []string{"operation", "Partnership", "code", "not_found"}, 1},
		{"partnerdocs_register_errors_total", []string{"operation", "TokenByHash", "code", "not_found"}, 2},
		{"partnerdocs_register_operation_duration_seconds", []string{"operation", "AddDocument"}, 1},
		{"partnerdocs_register_operation_duration_seconds", []string{"operation", "ReviseAll"}, 1}, // the applied return, read and written in one pass
	} {
		got := after.value(t, tc.name, tc.labels...) - before.value(t, tc.name, tc.labels...)
		if got != tc.delta {
			t.Errorf("%s%v moved by %v, want %v", tc.name, tc.labels, got, tc.delta)
		}
	}
	// The workbook reads the register through CurrentRevisions or, streamed,
	// EachCurrentRevision; the applied return reads it in ReviseAll, and the
	// refused one is not a workbook, refused before the register is read.
	reads := 0.0
	for _, op := range []string{"CurrentRevisions", "EachCurrentRevision"} {
		name, labels := "partnerdocs_register_operation_duration_seconds", []string{"operation", op}
		reads += after.value(t, name, labels...) - before.value(t, name, labels...)
	}
	if reads != 1 {
		t.Errorf("the register's current revisions were read %v times, want 1 (the workbook)", reads)
	}
	// Series that exist from the start, at 0, so a rate over them is never
	// missing.
	for name, n := range map[string]int{"partnerdocs_cmt_returns_total": 3, "partnerdocs_auth_failures_total": 2} {
		if got := len(before[name].GetMetric()); got != n {
			t.Errorf("%s has %d series before any request, want %d", name, got, n)
		}
	}

	for _, tc := range []struct {
		name string
		want float64
	}{
		{"partnerdocs_http_requests_in_flight", 1}, // the scrape itself
		{"partnerdocs_document_render_slots", float64(runtime.GOMAXPROCS(0) + 1)},
		{"partnerdocs_document_renders_in_progress", 0},
	} {
		if got := after.value(t, tc.name); got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes", "process_cpu_seconds_total"} {
		if _, ok := after[name]; !ok {
			t.Errorf("no %s: the Go and process collectors are missing", name)
		}
	}
	checkLabelValues(t, after, rev, ts.tokens, revoked)
}

func wantStatus(t *testing.T, ts *testServer, r request, status int) {
	t.Helper()
	if resp, body := ts.do(t, r); resp.StatusCode != status {
		t.Fatalf("%s %s: %d, want %d: %.300s", cmpOr(r.method, http.MethodPost), r.path, resp.StatusCode, status, body)
	}
}

// checkLabelValues: no label value holds a ref, a partnership's name, a
// token or a path, and every route label is a route's name (or unmatched).
func checkLabelValues(t *testing.T, s scrape, rev partnership.Revision, tokens map[partnership.Role]string, more ...string) {
	t.Helper()
	secrets := append(slices.Collect(maps.Values(tokens)), more...)
	forbidden := append([]string{rev.Ref, rev.Partnership.Name, "pd_", "/"}, secrets...)
	routes := []string{"unmatched"}
	for _, r := range api.RoutesForTest() {
		routes = append(routes, r.Name)
	}
	for name, mf := range s {
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				where := fmt.Sprintf("%s{%s=%q}", name, lp.GetName(), lp.GetValue())
				for _, f := range forbidden {
					if strings.Contains(lp.GetValue(), f) {
						t.Errorf("%s holds %q", where, f)
					}
				}
				if lp.GetName() == "route" && !slices.Contains(routes, lp.GetValue()) {
					t.Errorf("%s is not a route's name", where)
				}
			}
		}
	}
}

// TestMetricsArePerServer: two servers in one process each count only
// their own requests (each has a registry of its own).
func TestMetricsArePerServer(t *testing.T) {
	busy, idle := newTestServer(t, nil), newTestServer(t, nil)
	idleBefore := scrapeMetrics(t, idle)
	if resp, body := busy.do(t, request{path: agreementPath, contentType: "application/json",
		body: sample(t, "waste-partnership.json")}); resp.StatusCode != http.StatusOK {
		t.Fatalf("agreement: %d %s", resp.StatusCode, body)
	}
	rendered := []string{"kind", "agreement", "format", "pdf"}
	if got := scrapeMetrics(t, busy).value(t, "partnerdocs_documents_rendered_total", rendered...); got != 1 {
		t.Errorf("the busy server rendered %v documents, want 1", got)
	}
	idleAfter := scrapeMetrics(t, idle)
	if got := idleAfter.value(t, "partnerdocs_documents_rendered_total", rendered...) -
		idleBefore.value(t, "partnerdocs_documents_rendered_total", rendered...); got != 0 {
		t.Errorf("the idle server counted %v documents rendered by the other", got)
	}
}

// TestMetricsCountRateLimited: bad tokens from one address until it is
// refused with 429, each refusal counted; the scrape comes from another
// loopback address, which the limit does not touch.
func TestMetricsCountRateLimited(t *testing.T) {
	ts := newTestServer(t, nil)
	before := scrapeMetrics(t, ts)
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}}
	guesser := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext}}
	defer guesser.CloseIdleConnections()
	var statuses []int
	for range 12 {
		req, err := http.NewRequest(http.MethodGet, ts.URL+partnershipsPath, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer pd_not-a-real-token")
		resp, err := guesser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
	}
	limited := float64(strings.Count(fmt.Sprint(statuses), "429"))
	if limited == 0 {
		t.Fatalf("statuses %v: no 429", statuses)
	}
	after := scrapeMetrics(t, ts)
	for _, tc := range []struct {
		name   string
		labels []string
		delta  float64
	}{
		{"partnerdocs_auth_rate_limited_total", nil, limited},
		{"partnerdocs_auth_failures_total", []string{"reason", "invalid"}, 12}, // the limited attempts failed too
		{"partnerdocs_http_requests_total", []string{"route", "partnerships.list", "method", "GET", "code", "429"}, limited},
	} {
		if got := after.value(t, tc.name, tc.labels...) - before.value(t, tc.name, tc.labels...); got != tc.delta {
			t.Errorf("%s%v moved by %v, want %v (statuses %v)", tc.name, tc.labels, got, tc.delta, statuses)
		}
	}
}

// rolesRegister knows a token for each of a few roles and nothing else: a
// register for a synctest bubble, which must not wait on a database.
type rolesRegister struct {
	workflow.Register                             // nil: any other method panics
	roles             map[string]partnership.Role // by the token's hash
}

func (r rolesRegister) TokenByHash(_ context.Context, hash []byte) (*partnership.Token, error) {
	role, ok := r.roles[string(hash)]
	if !ok {
		return nil, partnership.NewError(partnership.ENotFound, "no such token")
	}
	return &partnership.Token{Name: string(role), Role: role}, nil
}

// TestMetricsOfTheRenderLimit: with one render slot, a render in progress
// and one waiting show on the gauges; a client that gives up waiting is
// counted as abandoned, and only the render that ran is counted rendered.
func TestMetricsOfTheRenderLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gen := &gatedGenerator{release: make(chan struct{})}
		officer, officerHash := workflow.NewToken()
		admin, adminHash := workflow.NewToken()
		reg := rolesRegister{roles: map[string]partnership.Role{
			string(officerHash): partnership.RoleOfficer, string(adminHash): partnership.RoleAdmin}}
		s, err := api.New(api.Config{Generator: gen, Register: reg, MaxConcurrentRenders: 1})
		if err != nil {
			t.Fatal(err)
		}
		scrape := func() scrape {
			t.Helper()
			req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
			req.Header.Set("Authorization", "Bearer "+admin)
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, req)
			return parseMetrics(t, w.Code, w.Header(), w.Body.Bytes())
		}
		render := func(ctx context.Context) *httptest.ResponseRecorder {
			req := httptest.NewRequestWithContext(ctx, http.MethodPost, agreementPath,
				bytes.NewReader(sample(t, "waste-partnership.json")))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+officer)
			w := httptest.NewRecorder()
			go s.Handler().ServeHTTP(w, req)
			return w
		}
		first := render(t.Context())
		synctest.Wait() // the first is rendering
		ctx, giveUp := context.WithCancel(t.Context())
		render(ctx)
		synctest.Wait() // the second is waiting for the slot

		during := scrape()
		for name, want := range map[string]float64{
			"partnerdocs_document_render_slots":        1,
			"partnerdocs_document_renders_in_progress": 1,
			"partnerdocs_http_requests_in_flight":      3, // both renders and the scrape
		} {
			if got := during.value(t, name); got != want {
				t.Errorf("while rendering: %s = %v, want %v", name, got, want)
			}
		}
		giveUp()
		synctest.Wait()
		gen.release <- struct{}{}
		synctest.Wait()
		if first.Code != http.StatusOK {
			t.Fatalf("the first render: %d %s", first.Code, first.Body)
		}

		after := scrape()
		for _, tc := range []struct {
			name   string
			labels []string
			want   float64
		}{
			{"partnerdocs_document_render_waits_abandoned_total", nil, 1},
			{"partnerdocs_documents_rendered_total", []string{"kind", "agreement", "format", "pdf"}, 1},
			{"partnerdocs_document_render_wait_seconds", nil, 1}, // only the wait that got a slot
			{"partnerdocs_document_render_failures_total", []string{"kind", "agreement"}, 0},
			{"partnerdocs_document_renders_in_progress", nil, 0},
		} {
			if got := after.value(t, tc.name, tc.labels...); got != tc.want {
				t.Errorf("%s%v = %v, want %v", tc.name, tc.labels, got, tc.want)
			}
		}
	})
}
