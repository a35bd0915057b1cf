package web

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// OIDCConfig is how the forms sign people in with the council's identity
// provider by OpenID Connect (the authorisation code flow with PKCE).
type OIDCConfig struct {
	Issuer       string // the provider's issuer URL, as its discovery document states it
	ClientID     string
	ClientSecret string
	// RedirectURL is this service's OIDCCallbackPath as the provider knows
	// it (registered there), e.g. https://partnerdocs.council.gov.uk/sign-in/oidc/callback.
	RedirectURL string
	// Scopes are asked for besides openid (e.g. email, profile, groups).
	Scopes []string
	// RoleClaim is the ID token's claim that holds the person's role;
	// empty is "groups".
	RoleClaim string
	// RoleValues gives the claim value that grants each role; a role
	// missing here is granted by its own name ("officer").
	RoleValues map[partnership.Role]string
	// DisplayName is what the sign-in button calls the provider: "Sign in
	// with <DisplayName>". Empty is "your council account".
	DisplayName string
	// Timeout bounds each call to the provider; zero is ten seconds.
	Timeout time.Duration
}

// OIDCCallbackPath is where the provider sends people back to.
const OIDCCallbackPath = "/sign-in/oidc/callback"

// OIDC is an identity provider found by DiscoverOIDC, ready for the forms.
type OIDC struct {
	oauth       oauth2.Config
	verifier    *oidc.IDTokenVerifier
	client      *http.Client
	roleClaim   string
	roleValues  map[partnership.Role]string
	displayName string
}

// DiscoverOIDC reads the provider's discovery document (once, at start-up,
// within the configured timeout) and returns the provider for Config.OIDC.
func DiscoverOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.ClientSecret == "" || cfg.RedirectURL == "" {
		return nil, errors.New("web: OIDC needs an issuer, a client id, a client secret and a redirect URL")
	}
	if err := workflow.CheckRoleClaimValues(cfg.RoleValues); err != nil {
		return nil, fmt.Errorf("web: OIDC role values: %w", err)
	}
	o := &OIDC{client: &http.Client{Timeout: cmp.Or(cfg.Timeout, 10*time.Second)},
		roleClaim: cmp.Or(cfg.RoleClaim, "groups"), roleValues: cfg.RoleValues,
		displayName: cmp.Or(cfg.DisplayName, "your council account")}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.client), o.client.Timeout)
	defer cancel()
	provider, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("the identity provider at %s: %w", cfg.Issuer, err)
	}
	o.verifier = provider.Verifier(&oidc.Config{ClientID: cfg.ClientID})
	o.oauth = oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		Endpoint: provider.Endpoint(), RedirectURL: cfg.RedirectURL,
		Scopes: append([]string{oidc.ScopeOpenID}, withoutOpenID(cfg.Scopes)...)}
	return o, nil
}

func withoutOpenID(scopes []string) []string {
	var out []string
	for _, s := range scopes {
		if s != oidc.ScopeOpenID && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// oidcFlow is what the browser keeps between leaving for the provider and
// coming back: the state (which the provider sends back, so a callback
// this browser did not start is refused), the nonce (which the ID token
// must carry, so a token minted for another sign-in is refused), the PKCE
// verifier (so a stolen code is worthless), and the page to go on to.
type oidcFlow struct {
	state, nonce, verifier, next string
}

// newOIDCFlow makes a flow with 256 random bits in each of its secrets.
func newOIDCFlow(next string) oidcFlow {
	return oidcFlow{state: randomText(), nonce: randomText(), verifier: oauth2.GenerateVerifier(), next: next}
}

func randomText() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// cookie is the flow as a cookie value: its parts in base64url, joined by
// dots (none of them holds a dot).
func (f oidcFlow) cookie() string {
	return strings.Join([]string{f.state, f.nonce, f.verifier, base64.RawURLEncoding.EncodeToString([]byte(f.next))}, ".")
}

func parseOIDCFlow(value string) (oidcFlow, bool) {
	parts := strings.Split(value, ".")
	if len(parts) != 4 {
		return oidcFlow{}, false
	}
	next, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil || len(parts[0]) < 22 || len(parts[1]) < 22 || len(parts[2]) < 43 {
		return oidcFlow{}, false
	}
	return oidcFlow{state: parts[0], nonce: parts[1], verifier: parts[2], next: localPath(string(next))}, true
}

// authURL is the provider's sign-in page for f.
func (o *OIDC) authURL(f oidcFlow) string {
	return o.oauth.AuthCodeURL(f.state, oidc.Nonce(f.nonce), oauth2.S256ChallengeOption(f.verifier))
}

// errNotVouched is every refusal of a callback that is not about the
// person's role: the page says no more, the log says why.
var errNotVouched = partnership.NewError(partnership.EUnauthorized,
	"You could not be signed in with your council account. Start again from this page; if it happens again, ask your administrator.")

// vouch checks the provider's answer (query) against the browser's flow,
// exchanges the code for tokens, verifies the ID token and its nonce, and
// returns the person it names with their role. The reason for a refusal is
// logged; no code, token or claim value is.
func (o *OIDC) vouch(ctx context.Context, log *slog.Logger, f oidcFlow, found bool, query url.Values) (partnership.Actor, error) {
	refuse := func(reason string, err error) (partnership.Actor, error) {
		attrs := []slog.Attr{slog.String("reason", reason)}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		log.LogAttrs(ctx, slog.LevelWarn, "OIDC sign-in refused", attrs...)
		return partnership.Actor{}, errNotVouched
	}
	switch {
	case !found:
		return refuse("no sign-in in progress in this browser (no flow cookie, or it expired)", nil)
	case subtle.ConstantTimeCompare([]byte(query.Get("state")), []byte(f.state)) != 1:
		return refuse("the state does not match this browser's sign-in", nil)
	case query.Get("error") != "":
		return refuse("the provider answered with an error", errors.New(oauthErrorCode(query.Get("error"))))
	case query.Get("code") == "":
		return refuse("the provider sent no code", nil)
	}
	ctx = oidc.ClientContext(ctx, o.client)
	token, err := o.oauth.Exchange(ctx, query.Get("code"), oauth2.VerifierOption(f.verifier))
	if err != nil {
		return refuse("exchanging the code", exchangeError(err))
	}
	raw, ok := token.Extra("id_token").(string)
	if !ok || raw == "" {
		return refuse("the provider sent no ID token", nil)
	}
	idToken, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return refuse("verifying the ID token", err)
	}
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(f.nonce)) != 1 {
		return refuse("the ID token's nonce does not match this browser's sign-in", nil)
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return refuse("reading the ID token's claims", err)
	}
	return workflow.VouchedActor(claims, o.roleClaim, o.roleValues)
}

// oauthErrorCode is an OAuth error code fit to log: its documented
// characters only (RFC 6749 §5.2), at most 64 of them.
func oauthErrorCode(code string) string {
	if len(code) > 64 || strings.ContainsFunc(code, func(r rune) bool { return r < 0x20 || r > 0x7e || r == '"' || r == '\\' }) {
		return "(not a valid error code)"
	}
	return code
}

// exchangeError is what may be logged of a failed exchange: the token
// endpoint's status and error code, never its body (a provider may echo
// the code).
func exchangeError(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		return fmt.Errorf("token endpoint: %s, error %q", re.Response.Status, oauthErrorCode(re.ErrorCode))
	}
	return err
}
