package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/url"
	"strings"

	"partnerdocs/partnership"
	"partnerdocs/web"
	"partnerdocs/workflow"
)

// oidcFlags are serve's flags for signing in to the forms with the
// council's identity provider by OpenID Connect. The issuer, client id and
// client secret go together: all three turn it on, none leaves it off.
// The secret is best set as PARTNERDOCS_OIDC_CLIENT_SECRET, so that it is
// not on the command line for ps to show; it is never logged or printed.
type oidcFlags struct {
	issuer, clientID, clientSecret string
	redirectURL                    string
	roleClaim                      string
	scopes                         string
	name                           string
	// roleValues are --oidc-role-officer and the rest: one flag per role,
	// so each has its own environment variable, and a value may hold
	// commas (a directory group's distinguished name often does).
	roleValues map[partnership.Role]*string
}

func (f *oidcFlags) flags(fs *flag.FlagSet) {
	fs.StringVar(&f.issuer, "oidc-issuer", "", "the council's identity provider: its OpenID Connect issuer `URL` (https); "+
		"with --oidc-client-id and --oidc-client-secret, offers signing in to the forms with it")
	fs.StringVar(&f.clientID, "oidc-client-id", "", "this service's client `id` at the identity provider")
	fs.StringVar(&f.clientSecret, "oidc-client-secret", "", "this service's client `secret` at the identity provider "+
		"(set it in the environment rather than here, where ps shows it)")
	fs.StringVar(&f.redirectURL, "oidc-redirect-url", "", "the `URL` of "+web.OIDCCallbackPath+" as registered with the identity provider "+
		"(default: on --addr, when that is a loopback address with a fixed port)")
	fs.StringVar(&f.roleClaim, "oidc-role-claim", "groups", "the ID token's `claim` that holds each person's role")
	fs.StringVar(&f.scopes, "oidc-scopes", "openid email profile", "the `scopes` asked of the identity provider, separated by spaces")
	fs.StringVar(&f.name, "oidc-name", "your council account", "the identity provider's `name` on the sign-in button (\"Sign in with …\")")
	f.roleValues = map[partnership.Role]*string{}
	for _, role := range partnership.RoleValues {
		f.roleValues[role] = fs.String("oidc-role-"+string(role), string(role),
			"the role claim's `value` that grants the "+string(role)+" role")
	}
}

// check refuses a partial set of the three flags that turn signing in with
// the identity provider on, naming the first one missing; addr is where
// serve listens, for the default redirect URL.
func (f *oidcFlags) check(command, addr string) error {
	missing, given := "", 0
	for _, fl := range []struct{ name, value string }{
		{"--oidc-issuer", f.issuer}, {"--oidc-client-id", f.clientID}, {"--oidc-client-secret", f.clientSecret},
	} {
		if fl.value != "" {
			given++
		} else if missing == "" {
			missing = fl.name
		}
	}
	switch {
	case given == 0:
		return nil
	case missing != "":
		return usageErrorf("%s: %s is missing: --oidc-issuer, --oidc-client-id and --oidc-client-secret go together", command, missing)
	}
	return f.checkSettings(command, addr)
}

func (f *oidcFlags) checkSettings(command, addr string) error {
	if f.redirectURL == "" {
		var err error
		if f.redirectURL, err = defaultRedirectURL(addr); err != nil {
			return usageErrorf("%s: %v", command, err)
		}
	}
	for _, u := range []struct{ flag, value string }{{"--oidc-issuer", f.issuer}, {"--oidc-redirect-url", f.redirectURL}} {
		if err := checkProviderURL(u.flag, u.value); err != nil {
			return usageErrorf("%s: %v", command, err)
		}
	}
	if strings.TrimSpace(f.roleClaim) == "" {
		return usageErrorf("%s: --oidc-role-claim must name a claim", command)
	}
	if err := workflow.CheckRoleClaimValues(f.values()); err != nil {
		return usageErrorf("%s: --oidc-role-*: %v", command, err)
	}
	return nil
}

// defaultRedirectURL is the callback on addr, for a server on this machine
// (127.0.0.1:8080 gives http://127.0.0.1:8080/sign-in/oidc/callback).
// Elsewhere only the council knows the address people reach it by.
func defaultRedirectURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || !isLoopback(host) || port == "0" {
		return "", fmt.Errorf("--oidc-redirect-url is needed: --addr %q is not a loopback address with a fixed port", addr)
	}
	return "http://" + net.JoinHostPort(host, port) + web.OIDCCallbackPath, nil
}

// checkProviderURL refuses an address that is not https, except on this
// machine: codes and tokens must not cross a network in the clear.
func checkProviderURL(flag, value string) error {
	u, err := url.Parse(value)
	switch {
	case err != nil || u.Host == "" || u.Fragment != "" || u.User != nil:
		return fmt.Errorf("%s %q is not an absolute URL", flag, value)
	case u.Scheme == "https", u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%s %q must be https:// (http:// only for 127.0.0.1 or localhost)", flag, value)
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

func (f *oidcFlags) values() map[partnership.Role]string {
	values := map[partnership.Role]string{}
	for role, v := range f.roleValues {
		values[role] = *v
	}
	return values
}

// provider discovers the identity provider, when the flags name one (nil
// when they do not). A provider that cannot be reached stops start-up.
func (f *oidcFlags) provider(ctx context.Context) (*web.OIDC, error) {
	if f.issuer == "" {
		return nil, nil
	}
	o, err := web.DiscoverOIDC(ctx, web.OIDCConfig{
		Issuer: f.issuer, ClientID: f.clientID, ClientSecret: f.clientSecret, RedirectURL: f.redirectURL,
		Scopes: strings.Fields(f.scopes), RoleClaim: f.roleClaim, RoleValues: f.values(), DisplayName: f.name,
	})
	if err != nil {
		return nil, fmt.Errorf("serve: signing in with OpenID Connect: %w", err)
	}
	return o, nil
}
