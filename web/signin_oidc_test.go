package web_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"partnerdocs/partnership"
	"partnerdocs/web"
)

// councilRoles are the groups that grant each role in the tests' identity
// provider; policy and admin keep their own names.
var councilRoles = map[partnership.Role]string{
	partnership.RoleOfficer: "PD-Officers", partnership.RoleLegal: "PD-Legal",
}

// oidcSite is the site signing in with an in-process identity provider
// (mockoidc, on 127.0.0.1), as well as with tokens.
type oidcSite struct {
	*site
	idp *mockoidc.MockOIDC
}

func newOIDCSite(t *testing.T) *oidcSite {
	t.Helper()
	return newOIDCSiteWith(t, nil)
}

// newOIDCSiteWith is newOIDCSite with the forms' Config changed by
// configure (when not nil) after the provider is set.
func newOIDCSiteWith(t *testing.T, configure func(*web.Config)) *oidcSite {
	t.Helper()
	idp, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idp.Shutdown() })
	// The callback address must be known before the forms are built, so
	// the forms' listener is made first.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := idp.Config()
	provider, err := web.DiscoverOIDC(t.Context(), web.OIDCConfig{
		Issuer: cfg.Issuer, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		RedirectURL: "http://" + ln.Addr().String() + web.OIDCCallbackPath,
		Scopes:      []string{"email", "profile", "groups"},
		RoleValues:  councilRoles, DisplayName: "Shire Council account",
	})
	if err != nil {
		t.Fatal(err)
	}
	start := func(h http.Handler) *httptest.Server {
		srv := httptest.NewUnstartedServer(h)
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		return srv
	}
	s := newSiteConfigured(t, start, func(c *web.Config) {
		c.OIDC = provider
		if configure != nil {
			configure(c)
		}
	})
	return &oidcSite{site: s, idp: idp}
}

// person is someone the identity provider signs in next, in groups.
func (s *oidcSite) person(email string, groups ...string) {
	s.idp.QueueUser(&mockoidc.MockUser{Subject: "sub-" + email, Email: email, EmailVerified: true,
		PreferredUsername: strings.Split(email, "@")[0], Groups: groups})
}

// toProvider starts signing in with the identity provider from the
// address start, and returns the callback address the provider sends the
// browser back to.
func (b *browser) toProvider(start string) string {
	b.t.Helper()
	r := b.get(start)
	if r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), mockoidc.AuthorizationEndpoint+"?") {
		b.t.Fatalf("GET %s: %d to %q, want 303 to the identity provider", start, r.status, r.header.Get("Location"))
	}
	r = b.getURL(r.header.Get("Location"))
	back := r.header.Get("Location")
	if r.status != http.StatusFound || !strings.HasPrefix(back, b.site.URL+web.OIDCCallbackPath+"?") {
		b.t.Fatalf("the identity provider: %d to %q, want 302 to the callback\n%s", r.status, back, r.body)
	}
	return back
}

// getURL gets an absolute address.
func (b *browser) getURL(addr string) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, addr, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// flowCookie is the browser's OIDC flow cookie, "" when it has none.
func (b *browser) flowCookie() string {
	u, _ := url.Parse(b.site.URL)
	for _, c := range b.http.Jar.Cookies(u) {
		if strings.HasSuffix(c.Name, "partnerdocs-oidc") {
			return c.Value
		}
	}
	return ""
}

func TestSignInWithTheIdentityProvider(t *testing.T) {
	s := newOIDCSite(t)
	b := s.browser(t)
	wantPage(t, b.get("/sign-in?next=%2Fpartnerships"), http.StatusOK,
		`href="/sign-in/oidc?next=%2fpartnerships"`, "Sign in with Shire Council account", `name="token"`)

	start := b.get("/sign-in/oidc?next=%2Fpartnerships%3Fq%3Dwaste")
	flowCookie := start.header.Get("Set-Cookie")
	for _, attr := range []string{"partnerdocs-oidc=", "Path=/", "Max-Age=600", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(flowCookie, attr) {
			t.Errorf("flow cookie %q lacks %s", flowCookie, attr)
		}
	}
	auth, _ := url.Parse(start.header.Get("Location"))
	q := auth.Query()
	for _, p := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(p)) < 22 { // 128 bits in base64url
			t.Errorf("the provider is sent %s %q: want 128 random bits or more", p, q.Get(p))
		}
	}
	if q.Get("code_challenge_method") != "S256" || strings.Contains(start.header.Get("Location"), b.flowCookie()) {
		t.Errorf("authorisation address %s: want PKCE with S256, and no secret of the flow cookie", auth)
	}

	s.person("jane.smith@shire.gov.uk", "All-Staff", "PD-Officers")
	callback := b.toProvider("/sign-in/oidc?next=%2Fpartnerships%3Fq%3Dwaste")
	r := b.getURL(callback)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/partnerships?q=waste" {
		t.Fatalf("callback: %d to %q, want 303 to /partnerships?q=waste\n%s", r.status, r.header.Get("Location"), r.body)
	}
	if b.flowCookie() != "" {
		t.Error("the flow cookie outlived the callback")
	}
	home := b.get("/")
	wantPage(t, home, http.StatusOK, "Add a partnership", "oidc:jane.smith@shire.gov.uk", "Sign out")
	code, _ := url.Parse(callback)
	if log := s.log.String(); strings.Contains(log, code.Query().Get("code")) || strings.Contains(log, b.sessionCookie()) {
		t.Error("the log holds the code or the session id")
	}
}

func TestIdentityProviderSignInRefusals(t *testing.T) {
	s := newOIDCSite(t)
	refusal := "You could not be signed in with your council account"

	t.Run("wrong state", func(t *testing.T) {
		b := s.browser(t)
		s.person("jane.smith@shire.gov.uk", "PD-Officers")
		callback := b.toProvider("/sign-in/oidc")
		forged := strings.Replace(callback, "state=", "state=x", 1)
		wantPage(t, b.getURL(forged), http.StatusUnauthorized, "There is a problem", refusal, "Sign in with Shire Council account")
		// the flow was spent by the forged callback: the real one fails too
		wantPage(t, b.getURL(callback), http.StatusUnauthorized, refusal)
		if b.sessionCookie() != "" {
			t.Error("a session was started")
		}
	})
	t.Run("no role", func(t *testing.T) {
		b := s.browser(t)
		s.person("sam.jones@shire.gov.uk", "All-Staff")
		r := b.getURL(b.toProvider("/sign-in/oidc"))
		wantPage(t, r, http.StatusForbidden, "There is a problem", "Your account has no partnerdocs role")
		if b.sessionCookie() != "" {
			t.Error("a session was started")
		}
	})
	t.Run("two roles", func(t *testing.T) {
		b := s.browser(t)
		s.person("sam.jones@shire.gov.uk", "PD-Legal", "policy")
		wantPage(t, b.getURL(b.toProvider("/sign-in/oidc")), http.StatusForbidden, "more than one partnerdocs role (legal, policy)")
	})
	t.Run("replayed callback", func(t *testing.T) {
		b := s.browser(t)
		s.person("jane.smith@shire.gov.uk", "PD-Officers")
		callback := b.toProvider("/sign-in/oidc")
		flow := b.flowCookie()
		if r := b.getURL(callback); r.status != http.StatusSeeOther {
			t.Fatalf("callback: %d\n%s", r.status, r.body)
		}
		wantPage(t, b.getURL(callback), http.StatusUnauthorized, refusal)
		// someone who copied the flow cookie as well as the address: the
		// provider will not exchange a code twice
		thief := s.browser(t)
		u, _ := url.Parse(s.URL)
		thief.http.Jar.SetCookies(u, []*http.Cookie{{Name: "partnerdocs-oidc", Value: flow, Path: "/"}})
		wantPage(t, thief.getURL(callback), http.StatusUnauthorized, refusal)
		if thief.sessionCookie() != "" {
			t.Error("the replay started a session")
		}
	})
	t.Run("ID token for another sign-in", func(t *testing.T) {
		// The provider is asked, by hand, for a code with this browser's
		// state but another nonce and no PKCE challenge (which this
		// provider then does not check): only the nonce can tell.
		b := s.browser(t)
		auth, _ := url.Parse(b.get("/sign-in/oidc").header.Get("Location"))
		q := auth.Query()
		q.Set("nonce", "a-nonce-of-another-sign-in")
		q.Del("code_challenge")
		q.Del("code_challenge_method")
		auth.RawQuery = q.Encode()
		s.person("jane.smith@shire.gov.uk", "PD-Officers")
		r := b.getURL(auth.String())
		if r.status != http.StatusFound {
			t.Fatalf("the identity provider: %d\n%s", r.status, r.body)
		}
		wantPage(t, b.getURL(r.header.Get("Location")), http.StatusUnauthorized, refusal)
		if !strings.Contains(s.log.String(), "nonce does not match") {
			t.Errorf("the log does not say why:\n%s", s.log)
		}
	})
	t.Run("provider's error", func(t *testing.T) {
		b := s.browser(t)
		callback := b.toProvider("/sign-in/oidc")
		u, _ := url.Parse(callback)
		q := u.Query()
		q.Del("code")
		q.Set("error", "access_denied")
		q.Set("error_description", "<script>alert(1)</script>")
		u.RawQuery = q.Encode()
		r := b.getURL(u.String())
		wantPage(t, r, http.StatusUnauthorized, refusal)
		if strings.Contains(r.body, "<script>alert") {
			t.Error("the provider's description is on the page")
		}
	})
}

func TestIdentityProviderRefusalsAreLimited(t *testing.T) {
	s := newOIDCSite(t)
	b := s.browser(t)
	for range 10 {
		wantPage(t, b.get(web.OIDCCallbackPath+"?code=guess&state=guess"), http.StatusUnauthorized, "There is a problem")
	}
	wantPage(t, b.get(web.OIDCCallbackPath+"?code=guess&state=guess"), http.StatusTooManyRequests, "too many failed sign-ins")
	r := b.post("/sign-in", url.Values{"token": {"pd_not-a-token"}})
	wantPage(t, r, http.StatusTooManyRequests, "too many failed sign-ins") // one limit for both ways in
}

func TestSessionIDChangesAtIdentityProviderSignIn(t *testing.T) {
	s := newOIDCSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	before := b.sessionCookie()
	s.person("lee.legal@shire.gov.uk", "PD-Legal")
	if r := b.getURL(b.toProvider("/sign-in/oidc")); r.status != http.StatusSeeOther || r.header.Get("Location") != "/" {
		t.Fatalf("callback: %d to %q\n%s", r.status, r.header.Get("Location"), r.body)
	}
	after := b.sessionCookie()
	if after == "" || after == before {
		t.Fatalf("session id %q after signing in, was %q", after, before)
	}
	if _, err := s.sessions.Resume(t.Context(), before); partnership.ErrorCode(err) != partnership.EUnauthorized {
		t.Errorf("the token's session outlived signing in with the provider: %v", err)
	}
	wantPage(t, b.get("/"), http.StatusOK, "Drafts waiting for your review", "oidc:lee.legal@shire.gov.uk")
}

func TestIdentityProviderFlowCookieOverTLS(t *testing.T) {
	s := newOIDCSiteWith(t, func(c *web.Config) { c.SecureCookies = true })
	r := s.browser(t).get("/sign-in/oidc")
	cookie := r.header.Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "__Host-partnerdocs-oidc=") || !strings.Contains(cookie, "Secure") {
		t.Errorf("flow cookie behind TLS: %q, want __Host- and Secure", cookie)
	}
}

func TestSignInPageWithoutIdentityProvider(t *testing.T) {
	s := newSite(t)
	b := s.browser(t)
	if page := b.get("/sign-in"); strings.Contains(page.body, "/sign-in/oidc") {
		t.Error("the sign-in page offers an identity provider there is none of")
	}
	if r := b.get("/sign-in/oidc"); r.status != http.StatusNotFound {
		t.Errorf("GET /sign-in/oidc without a provider: %d, want 404", r.status)
	}
}
