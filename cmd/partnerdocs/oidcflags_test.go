package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"
)

const testClientSecret = "s3cret-that-must-never-be-printed"

func TestOIDCFlagUsageErrors(t *testing.T) {
	issuer := "https://login.shire.gov.uk/"
	all := []string{"serve", "--oidc-issuer", issuer, "--oidc-client-id", "partnerdocs", "--oidc-client-secret", testClientSecret}
	cases := []struct {
		name string
		args []string
		want string // on stderr
	}{
		{"issuer alone", []string{"serve", "--oidc-issuer", issuer}, "--oidc-client-id is missing"},
		{"no secret", []string{"serve", "--oidc-issuer", issuer, "--oidc-client-id", "partnerdocs"}, "--oidc-client-secret is missing"},
		{"no issuer", []string{"serve", "--oidc-client-id", "partnerdocs", "--oidc-client-secret", testClientSecret}, "--oidc-issuer is missing"},
		{"issuer in the clear", []string{"serve", "--oidc-issuer", "http://login.shire.gov.uk/", "--oidc-client-id", "x", "--oidc-client-secret", testClientSecret}, "must be https://"},
		{"issuer not a URL", []string{"serve", "--oidc-issuer", "login.shire.gov.uk", "--oidc-client-id", "x", "--oidc-client-secret", testClientSecret}, "not an absolute URL"},
		{"no redirect on all addresses", append(all, "--addr", "0.0.0.0:8080"), "--oidc-redirect-url is needed"},
		{"no redirect on port 0", append(all, "--addr", "127.0.0.1:0"), "--oidc-redirect-url is needed"},
		{"redirect in the clear", append(all, "--oidc-redirect-url", "http://partnerdocs.shire.gov.uk/sign-in/oidc/callback"), "--oidc-redirect-url"},
		{"two roles, one value", append(all, "--oidc-role-officer", "Staff", "--oidc-role-legal", "Staff"), "officer and legal"},
		{"no role claim", append(all, "--oidc-role-claim", " "), "--oidc-role-claim"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, nil, tc.args...)
			if r.status != exitInvalid || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2 and %q", r.status, r.stderr, tc.want)
			}
			if strings.Contains(r.stderr+r.stdout, testClientSecret) {
				t.Error("the client secret was printed")
			}
		})
	}
	// the secret may come from the environment instead
	env := map[string]string{"PARTNERDOCS_OIDC_CLIENT_SECRET": testClientSecret}
	r := run(t, env, nil, "serve", "--oidc-issuer", issuer, "--addr", "127.0.0.1:0")
	if r.status != exitInvalid || !strings.Contains(r.stderr, "--oidc-client-id is missing") {
		t.Errorf("secret from the environment, no client id: exit %d, stderr:\n%s", r.status, r.stderr)
	}
}

func TestDefaultRedirectURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/sign-in/oidc/callback",
		"[::1]:9000":     "http://[::1]:9000/sign-in/oidc/callback",
		"localhost:80":   "http://localhost:80/sign-in/oidc/callback",
	} {
		if got, err := defaultRedirectURL(addr); err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", addr, got, err, want)
		}
	}
}

// TestServeWithOIDC starts serve with an in-process identity provider,
// the client secret in the environment, and checks that the sign-in page
// offers it and that signing in leaves for it with this service's
// callback.
func TestServeWithOIDC(t *testing.T) {
	idp, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idp.Shutdown() })
	ln, err := net.Listen("tcp", "127.0.0.1:0") // only to find a free port for the callback
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := idp.Config()
	env := map[string]string{
		"PARTNERDOCS_DATABASE":           filepath.Join(t.TempDir(), "register.db"),
		"PARTNERDOCS_OIDC_CLIENT_SECRET": cfg.ClientSecret,
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	base, stop := startServeTo(t, env, stdout, stderr, "serve", "--addr", addr,
		"--oidc-issuer", cfg.Issuer, "--oidc-client-id", cfg.ClientID, "--oidc-name", "Shire Council account")
	defer stop()
	if strings.Contains(stdout.String(), "sign-in?token=") {
		t.Errorf("with an identity provider, serve printed a first-run sign-in link:\n%s", stdout)
	}
	page := get(t, http.DefaultClient, base+"/sign-in")
	if !strings.Contains(page, "Sign in with Shire Council account") {
		t.Errorf("the sign-in page does not offer the identity provider:\n%s", page)
	}
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirects.Get(base + "/sign-in/oidc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	to, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(to.String(), idp.AuthorizationEndpoint()) ||
		to.Query().Get("redirect_uri") != "http://"+addr+"/sign-in/oidc/callback" || to.Query().Get("client_id") != cfg.ClientID {
		t.Errorf("GET /sign-in/oidc: %d to %s", resp.StatusCode, to)
	}
	stop()
	if strings.Contains(stderr.String(), cfg.ClientSecret) {
		t.Error("the client secret is in the log")
	}
}

func TestServeStopsWhenTheProviderCannotBeFound(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String() + "/oidc"
	ln.Close() // nothing answers there now
	r := run(t, map[string]string{"PARTNERDOCS_DATABASE": filepath.Join(t.TempDir(), "register.db")}, nil,
		"serve", "--addr", "127.0.0.1:0", "--oidc-redirect-url", "http://127.0.0.1:8080/sign-in/oidc/callback",
		"--oidc-issuer", issuer, "--oidc-client-id", "partnerdocs", "--oidc-client-secret", testClientSecret)
	if r.status != 1 || !strings.Contains(r.stderr, "identity provider at "+issuer) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 naming the issuer", r.status, r.stderr)
	}
	if strings.Contains(r.stderr, testClientSecret) {
		t.Error("the client secret was printed")
	}
}

// startServe runs partnerdocs with args until stop is called, and returns
// the address it listens on.
func startServe(t *testing.T, env map[string]string, stderr io.Writer, args ...string) (base string, stop func()) {
	t.Helper()
	return startServeTo(t, env, io.Discard, stderr, args...)
}

// startServeTo is startServe with serve's standard output going to stdout.
func startServeTo(t *testing.T, env map[string]string, stdout, stderr io.Writer, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	listening := make(chan net.Addr, 1)
	m := &Main{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr, LookupEnv: lookupIn(env),
		Listening: func(a net.Addr) { listening <- a }}
	exited := make(chan int, 1)
	go func() { exited <- m.Exec(ctx, args) }()
	select {
	case a := <-listening:
		base = "http://" + a.String()
	case status := <-exited:
		cancel()
		t.Fatalf("serve exited %d before listening:\n%s", status, stderr)
	}
	stopped := false
	return base, func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop after its context was cancelled")
		}
	}
}

func get(t *testing.T, client *http.Client, addr string) string {
	t.Helper()
	resp, err := client.Get(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}
