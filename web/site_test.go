package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
	"partnerdocs/web"
	"partnerdocs/workflow"
)

// site is the real forms over the real use cases, generator and a new
// SQLite register, on 127.0.0.1, with a token for every role and a clock
// the test moves.
type site struct {
	*httptest.Server
	flow     *workflow.Service
	sessions *workflow.Sessions
	reg      *store.DB
	clock    *testClock
	tokens   map[partnership.Role]string
	log      *syncBuffer
}

var admin = partnership.Actor{Name: "Ada Admin", Role: partnership.RoleAdmin}

// names are the people each role's token belongs to.
var names = map[partnership.Role]string{
	partnership.RoleOfficer: "Olu Officer", partnership.RoleLegal: "Lee Legal",
	partnership.RolePolicy: "Pat Policy", partnership.RoleAdmin: "Ada Admin",
}

func newSite(t *testing.T) *site {
	t.Helper()
	return newSiteWith(t, httptest.NewServer)
}

func newSiteWith(t *testing.T, start func(http.Handler) *httptest.Server) *site {
	t.Helper()
	return newSiteConfigured(t, start, nil)
}

// newSiteConfigured is newSiteWith, with the forms' Config changed by
// configure (when not nil) before they are built.
func newSiteConfigured(t *testing.T, start func(http.Handler) *httptest.Server, configure func(*web.Config)) *site {
	t.Helper()
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	flow, err := workflow.New(gen, reg, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := &testClock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	sessions, err := workflow.NewSessions(reg, flow, workflow.SessionOptions{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	cfg := web.Config{Flow: flow, Sessions: sessions, Inbox: reg, Now: clock.Now,
		Logger: slog.New(slog.NewJSONHandler(log, nil))}
	if configure != nil {
		configure(&cfg)
	}
	forms, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{Server: start(forms.Handler()), flow: flow, sessions: sessions, reg: reg, clock: clock,
		tokens: map[partnership.Role]string{}, log: log}
	t.Cleanup(s.Close)
	for _, role := range partnership.RoleValues {
		if s.tokens[role], err = workflow.CreateToken(t.Context(), reg, admin, names[role], role); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// addPartnership stores a sample partnership through the use cases, as
// the officer, with name when it is not empty.
func (s *site) addPartnership(t *testing.T, sample, name string) *partnership.Revision {
	t.Helper()
	data, err := samples.Read(sample)
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p.Ref = ""
	if name != "" {
		p.Name = name
	}
	officer := partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer}
	rev, err := s.flow.CreatePartnership(t.Context(), officer, p)
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// browser is a user agent with its own cookies; it does not follow
// redirects, so tests see where they lead.
type browser struct {
	t    *testing.T
	site *site
	http *http.Client
}

func (s *site) browser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := *s.Client() // a copy: the server's client is shared
	client.Jar = jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &browser{t: t, site: s, http: &client}
}

// signedIn is a browser signed in with role's token.
func (s *site) signedIn(t *testing.T, role partnership.Role) *browser {
	t.Helper()
	b := s.browser(t)
	resp := b.post("/sign-in", url.Values{"token": {s.tokens[role]}})
	if resp.status != http.StatusSeeOther || resp.header.Get("Location") != "/" {
		t.Fatalf("signing in as %s: %d to %q\n%s", role, resp.status, resp.header.Get("Location"), resp.body)
	}
	return b
}

// response is what came back.
type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) get(path string) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post sends form as a browser on this site would (same origin).
func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.site.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// postForm posts form with the form token of the page at from.
func (b *browser) postForm(from, path string, form url.Values) response {
	b.t.Helper()
	form.Set("form_token", b.formToken(from))
	return b.post(path, form)
}

func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

var formTokenPattern = regexp.MustCompile(`name="form_token" value="([^"]+)"`)

// formToken is the form token on the page at path.
func (b *browser) formToken(path string) string {
	b.t.Helper()
	page := b.get(path)
	m := formTokenPattern.FindStringSubmatch(page.body)
	if m == nil {
		b.t.Fatalf("%s (%d) has no form token:\n%s", path, page.status, page.body)
	}
	return m[1]
}

// sessionCookie is the browser's session cookie's value, "" when it has none.
func (b *browser) sessionCookie() string {
	u, _ := url.Parse(b.site.URL)
	for _, c := range b.http.Jar.Cookies(u) {
		if strings.HasSuffix(c.Name, "partnerdocs-session") {
			return c.Value
		}
	}
	return ""
}

// wantPage fails unless the response is an HTML page with status whose
// body holds every one of want.
func wantPage(t *testing.T, r response, status int, want ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d:\n%s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q, want an HTML page", ct)
	}
	for _, w := range want {
		if !strings.Contains(r.body, w) {
			t.Errorf("the page does not say %q:\n%s", w, r.body)
		}
	}
}

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// syncBuffer is a bytes.Buffer the server may log to concurrently.
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
