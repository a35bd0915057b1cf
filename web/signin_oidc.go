package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// The flow cookie keeps a sign-in with the identity provider between
// leaving for it and coming back: ten minutes at most, sent back by the
// browser on the provider's redirect (a top-level GET, so SameSite=Lax
// allows it), and __Host- prefixed over TLS like the session cookie.
const (
	secureFlowCookieName = "__Host-partnerdocs-oidc"
	plainFlowCookieName  = "partnerdocs-oidc"
	flowCookieSeconds    = 600
)

// oidcSignIn leaves for the identity provider's sign-in page, with a new
// flow kept in the browser. It is a link, not a form: it changes nothing
// here, and works without JavaScript.
func (s *Server) oidcSignIn(c *echo.Context) error {
	flow := newOIDCFlow(localPath(c.QueryParam("next")))
	s.setFlowCookie(c, flow.cookie(), flowCookieSeconds)
	return c.Redirect(http.StatusSeeOther, s.oidc.authURL(flow))
}

// oidcCallback is where the provider sends the browser back. The flow
// cookie is spent whatever happens, so a callback works once; what the
// provider vouches for starts a new session, as a token does.
func (s *Server) oidcCallback(c *echo.Context) error {
	flow, found := s.flowCookie(c)
	s.setFlowCookie(c, "", -1)
	ctx := c.Request().Context()
	id, _, err := s.sessions.SignInAs(ctx, c.RealIP(), func(ctx context.Context) (partnership.Actor, error) {
		return s.oidc.vouch(ctx, s.log, flow, found, c.QueryParams())
	})
	data := s.newSignInData(flow.next)
	switch code := partnership.ErrorCode(err); code {
	case partnership.EUnauthorized, partnership.EForbidden, partnership.ETooMany:
		return s.signInRefused(c, data, refusalStatus[code], err.(*partnership.Error).Message)
	}
	if err != nil {
		return err
	}
	return s.startSession(c, id, flow.next)
}

// refusalStatus is the status of the sign-in page refusing a callback.
var refusalStatus = map[partnership.Code]int{
	partnership.EUnauthorized: http.StatusUnauthorized,
	partnership.EForbidden:    http.StatusForbidden,
	partnership.ETooMany:      http.StatusTooManyRequests,
}

func (s *Server) flowCookie(c *echo.Context) (oidcFlow, bool) {
	cookie, err := c.Cookie(s.flowCookieName(c.Request()))
	if err != nil {
		return oidcFlow{next: "/"}, false
	}
	flow, ok := parseOIDCFlow(cookie.Value)
	if !ok {
		return oidcFlow{next: "/"}, false
	}
	return flow, true
}

// setFlowCookie sets the flow cookie to value for maxAge seconds, or
// clears it when maxAge is negative.
func (s *Server) setFlowCookie(c *echo.Context, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: s.flowCookieName(c.Request()), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secure(c.Request()), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) flowCookieName(r *http.Request) string {
	if s.secure(r) {
		return secureFlowCookieName
	}
	return plainFlowCookieName
}
