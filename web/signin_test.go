package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
)

func TestPagesNeedSigningIn(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	for path, to := range map[string]string{
		"/":                     "/sign-in",
		"/partnerships?q=waste": "/sign-in?next=%2Fpartnerships%3Fq%3Dwaste",
		"/audit":                "/sign-in?next=%2Faudit",
		"/documents/1":          "/sign-in?next=%2Fdocuments%2F1",
	} {
		r := b.get(path)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != to {
			t.Errorf("GET %s: %d to %q, want 303 to %q", path, r.status, r.header.Get("Location"), to)
		}
	}
}

func TestSignInWithAToken(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	wantPage(t, b.get("/sign-in"), http.StatusOK, `name="token"`, `lang="en-GB"`, "Northamptonshire County Council", `href="#main-content"`)
	r := b.post("/sign-in", url.Values{"token": {s.tokens[partnership.RoleOfficer]}, "next": {"/partnerships?q=x"}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/partnerships?q=x" {
		t.Fatalf("sign-in: %d to %q", r.status, r.header.Get("Location"))
	}
	cookie := r.header.Get("Set-Cookie")
	for _, attr := range []string{"partnerdocs-session=", "Path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, attr) {
			t.Errorf("Set-Cookie %q lacks %s", cookie, attr)
		}
	}
	if strings.Contains(cookie, "Secure") || strings.HasPrefix(cookie, "__Host-") {
		t.Errorf("Set-Cookie %q over plain HTTP: a browser would drop a Secure or __Host- cookie", cookie)
	}
	wantPage(t, b.get("/"), http.StatusOK, "Home", "Olu Officer", "Sign out")
	if strings.Contains(s.log.String(), s.tokens[partnership.RoleOfficer]) || strings.Contains(s.log.String(), b.sessionCookie()) {
		t.Error("the log holds the token or the session id")
	}
}

func TestSignInGoesOnlyToPagesOfThisSite(t *testing.T) {
	s := newSite(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		r := s.browser(t).post("/sign-in", url.Values{"token": {s.tokens[partnership.RoleOfficer]}, "next": {next}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
			t.Errorf("next=%q: %d to %q, want /", next, r.status, r.header.Get("Location"))
		}
	}
}

func TestSignInRefusesWrongTokensAndLimitsThem(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	wantPage(t, b.post("/sign-in", url.Values{"token": {""}}), http.StatusUnprocessableEntity,
		"There is a problem", `<a href="#token">Enter your access token</a>`, "govuk-input--error")
	for range 10 {
		wantPage(t, b.post("/sign-in", url.Values{"token": {"pd_not-a-token"}}), http.StatusUnauthorized,
			`<a href="#token">The access token is not valid`)
	}
	r := b.post("/sign-in", url.Values{"token": {"pd_still-not-a-token"}})
	wantPage(t, r, http.StatusTooManyRequests, "too many failed sign-ins")
	if b.sessionCookie() != "" {
		t.Error("a session was started after too many failures")
	}
	// A right token is never refused for others' failures at the address.
	if r := b.post("/sign-in", url.Values{"token": {s.tokens[partnership.RoleOfficer]}}); r.status != http.StatusSeeOther || b.sessionCookie() == "" {
		t.Errorf("a right token from the limited address: %d", r.status)
	}
}

func TestSessionIDChangesAtSignIn(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	u, _ := url.Parse(s.URL)
	planted := &http.Cookie{Name: "partnerdocs-session", Value: "planted-by-an-attacker", Path: "/"}
	b.http.Jar.SetCookies(u, []*http.Cookie{planted})
	b.post("/sign-in", url.Values{"token": {s.tokens[partnership.RoleOfficer]}})
	first := b.sessionCookie()
	if first == "" || first == planted.Value {
		t.Fatalf("session cookie after sign-in: %q", first)
	}
	b.post("/sign-in", url.Values{"token": {s.tokens[partnership.RoleLegal]}})
	second := b.sessionCookie()
	if second == "" || second == first {
		t.Fatalf("signing in again kept the session id %q", first)
	}
	if _, err := s.sessions.Resume(t.Context(), first); partnership.ErrorCode(err) != partnership.EUnauthorized {
		t.Errorf("the first session outlived signing in again: %v", err)
	}
	wantPage(t, b.get("/"), http.StatusOK, "Lee Legal")
}

func TestSessionsExpire(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	s.clock.Advance(29 * time.Minute)
	wantPage(t, b.get("/"), http.StatusOK, "Olu Officer")
	s.clock.Advance(31 * time.Minute)
	if r := b.get("/partnerships"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/sign-in") {
		t.Fatalf("after 31 idle minutes: %d to %q, want sign-in", r.status, r.header.Get("Location"))
	}
	if b.sessionCookie() != "" {
		t.Error("the ended session's cookie was not cleared")
	}
}

func TestSignOutEndsTheSessionOnTheServer(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	id := b.sessionCookie()
	r := b.postForm("/", "/sign-out", url.Values{})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/sign-in?done=signed-out" {
		t.Fatalf("sign-out: %d to %q", r.status, r.header.Get("Location"))
	}
	if _, err := s.sessions.Resume(t.Context(), id); partnership.ErrorCode(err) != partnership.EUnauthorized {
		t.Fatalf("the session is still live on the server: %v", err)
	}
	thief := s.browser(t) // someone who kept a copy of the cookie
	u, _ := url.Parse(s.URL)
	thief.http.Jar.SetCookies(u, []*http.Cookie{{Name: "partnerdocs-session", Value: id, Path: "/"}})
	if r := thief.get("/"); r.status != http.StatusSeeOther {
		t.Errorf("the old cookie still opens the home page: %d", r.status)
	}
	wantPage(t, b.get("/sign-in?done=signed-out"), http.StatusOK, "You have signed out.")
}

func TestFirstRunLinkSignsInOnce(t *testing.T) {
	s := newSite(t)
	for _, role := range partnership.RoleValues {
		if err := s.reg.RevokeToken(t.Context(), names[role], admin); err != nil {
			t.Fatal(err)
		}
	}
	secret, made, err := s.sessions.FirstRunLink(t.Context())
	if err != nil || !made {
		t.Fatalf("FirstRunLink: %v, %v", made, err)
	}
	b := s.browser(t)
	page := b.get("/sign-in?token=" + url.QueryEscape(secret))
	wantPage(t, page, http.StatusOK, `value="`+secret+`"`)
	if page.header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("Referrer-Policy %q: the address carries a secret", page.header.Get("Referrer-Policy"))
	}
	if r := b.post("/sign-in", url.Values{"token": {secret}}); r.status != http.StatusSeeOther {
		t.Fatalf("first use: %d\n%s", r.status, r.body)
	}
	wantPage(t, b.get("/"), http.StatusOK, "first-run administrator", "Audit trail")
	wantPage(t, s.browser(t).post("/sign-in", url.Values{"token": {secret}}), http.StatusUnauthorized, "There is a problem")
}

func TestCookieIsHostPrefixedOverTLS(t *testing.T) {
	s := newSiteWith(t, httptest.NewTLSServer)
	r := s.browser(t).post("/sign-in", url.Values{"token": {s.tokens[partnership.RolePolicy]}})
	cookie := r.header.Get("Set-Cookie")
	if r.status != http.StatusSeeOther || !strings.HasPrefix(cookie, "__Host-partnerdocs-session=") || !strings.Contains(cookie, "Secure") {
		t.Fatalf("over TLS: %d, Set-Cookie %q", r.status, cookie)
	}
}
