package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// signInData is the sign-in page's form.
type signInData struct {
	Token    string // kept only when it came in the address (the first run's link)
	Next     string
	Provider string // the identity provider's name on its button; "" when there is none
}

// newSignInData is the sign-in form going on to next.
func (s *Server) newSignInData(next string) signInData {
	data := signInData{Next: next}
	if s.oidc != nil {
		data.Provider = s.oidc.displayName
	}
	return data
}

// signInPage shows the sign-in form. The first run's address carries the
// one-time secret as ?token=; the form is filled in with it, and signing in
// is still a POST, so following a link never signs anyone in by itself.
func (s *Server) signInPage(c *echo.Context) error {
	data := s.newSignInData(localPath(c.QueryParam("next")))
	data.Token = c.QueryParam("token")
	return s.showOK(c, "sign-in", s.newPage(c, "Sign in", data))
}

// signIn starts a session for the token's holder, with a new session id
// (whatever cookie came with the request is replaced), and goes on to the
// page asked for.
func (s *Server) signIn(c *echo.Context) error {
	data := s.newSignInData(localPath(c.FormValue("next")))
	secret := strings.TrimSpace(c.FormValue("token"))
	if secret == "" {
		return s.signInFailed(c, data, http.StatusUnprocessableEntity, "Enter your access token")
	}
	id, _, err := s.sessions.SignIn(c.Request().Context(), secret, c.RealIP())
	switch partnership.ErrorCode(err) {
	case partnership.EUnauthorized:
		return s.signInFailed(c, data, http.StatusUnauthorized, "The access token is not valid, has been revoked, or the sign-in link has been used")
	case partnership.ETooMany:
		return s.signInFailed(c, data, http.StatusTooManyRequests, err.(*partnership.Error).Message)
	}
	if err != nil {
		return err
	}
	return s.startSession(c, id, data.Next)
}

// startSession gives the browser the new session id and goes on to next.
// Signing in again ends the old session.
func (s *Server) startSession(c *echo.Context, id, next string) error {
	if in, ok := signedInOn(c); ok {
		if err := s.sessions.SignOut(c.Request().Context(), in.id); err != nil {
			return err
		}
	}
	s.setCookie(c, id)
	return c.Redirect(http.StatusSeeOther, next)
}

// signInFailed shows the sign-in page with the token field in error.
func (s *Server) signInFailed(c *echo.Context, data signInData, status int, message string) error {
	p := s.newPage(c, "Sign in", data)
	p.Errors = []fieldError{{Field: "token", Message: message}}
	return s.show(c, status, "sign-in", p)
}

// signInRefused shows the sign-in page with a refusal that is about no
// field (one from the identity provider).
func (s *Server) signInRefused(c *echo.Context, data signInData, status int, message string) error {
	p := s.newPage(c, "Sign in", data)
	p.Errors = []fieldError{{Message: message}}
	return s.show(c, status, "sign-in", p)
}

// signOut ends the session on the server, not only in the browser, and
// clears the cookie. It needs the session's form token like any form; with
// no session there is nothing to end.
func (s *Server) signOut(c *echo.Context) error {
	if in, ok := signedInOn(c); ok {
		if !workflow.FormTokenMatches(in.id, c.FormValue(formTokenField)) {
			return errFormToken
		}
		if err := s.sessions.SignOut(c.Request().Context(), in.id); err != nil {
			return err
		}
	}
	s.clearCookie(c)
	return c.Redirect(http.StatusSeeOther, "/sign-in?done=signed-out")
}
