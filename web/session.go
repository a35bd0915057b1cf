package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// Session cookie names. Over TLS the cookie has the __Host- prefix, which
// browsers only accept Secure, with Path=/ and no Domain: so no other host
// or plain-HTTP page can plant or overwrite it. Over plain HTTP (a laptop,
// 127.0.0.1) a prefixed cookie would be refused, so it is named plainly.
const (
	secureCookieName = "__Host-partnerdocs-session"
	plainCookieName  = "partnerdocs-session"
	// formTokenField is the hidden field every changing form carries.
	formTokenField = "form_token"
)

// signedIn is the session a request carries: its id (from the cookie) and
// what the register keeps of it.
type signedIn struct {
	id      string
	session *partnership.Session
}

const signedInKey = "web.signed_in"

func signedInOn(c *echo.Context) (signedIn, bool) {
	in, ok := c.Get(signedInKey).(signedIn)
	return in, ok
}

// actorOf is who is signed in on c; requireSignIn has made sure someone is.
func actorOf(c *echo.Context) partnership.Actor {
	in, _ := signedInOn(c)
	if in.session == nil {
		return partnership.Actor{}
	}
	return in.session.Actor
}

func (s *Server) secure(r *http.Request) bool { return s.secureCookies || r.TLS != nil }

func (s *Server) cookieName(r *http.Request) string {
	if s.secure(r) {
		return secureCookieName
	}
	return plainCookieName
}

// loadSession finds the live session the request's cookie names, if any,
// and keeps it on the context; a stale cookie is cleared. It never refuses
// a request: requireSignIn does that for the pages that need it.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, staticPrefix) {
			return next(c)
		}
		cookie, err := c.Cookie(s.cookieName(c.Request()))
		if err != nil || cookie.Value == "" {
			return next(c)
		}
		sess, err := s.sessions.Resume(c.Request().Context(), cookie.Value)
		switch {
		case err == nil:
			c.Set(signedInKey, signedIn{id: cookie.Value, session: sess})
		case partnership.ErrorCode(err) == partnership.EUnauthorized:
			s.clearCookie(c)
		default:
			return err
		}
		return next(c)
	}
}

// setCookie gives the browser a new session's id.
func (s *Server) setCookie(c *echo.Context, id string) {
	c.SetCookie(&http.Cookie{
		Name: s.cookieName(c.Request()), Value: id, Path: "/",
		HttpOnly: true, Secure: s.secure(c.Request()), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(c *echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: s.cookieName(c.Request()), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(c.Request()), SameSite: http.SameSiteLaxMode,
	})
}

// requireSignIn lets a request through to a page for action only when
// someone is signed in whose role may do it. Nobody signed in is sent to
// sign in (and back here afterwards, for a page); the wrong role gets the
// 403 page. A form must also carry the session's form token.
func (s *Server) requireSignIn(action workflow.Action) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			in, ok := signedInOn(c)
			if !ok {
				return c.Redirect(http.StatusSeeOther, signInAddress(c.Request()))
			}
			if c.Request().Method == http.MethodPost && !workflow.FormTokenMatches(in.id, c.FormValue(formTokenField)) {
				return errFormToken
			}
			if err := workflow.Authorize(in.session.Actor, action); err != nil {
				return err
			}
			return next(c)
		}
	}
}

// errFormToken: a form without this session's token is refused, as one
// posted from another site or from a session that has since ended.
var errFormToken = partnership.NewError(partnership.EForbidden,
	"This form has expired or did not come from this service. Go back, reload the page and try again.")

// signInAddress is /sign-in, coming back to the page asked for when it is
// a page (a GET); after a form was posted, back to home.
func signInAddress(r *http.Request) string {
	if r.Method != http.MethodGet || r.URL.Path == "/" {
		return "/sign-in"
	}
	return "/sign-in?next=" + url.QueryEscape(r.URL.RequestURI())
}

// localPath is next when it is a path on this server, and "/" otherwise, so
// that the sign-in page cannot send anyone to another site.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	return next
}
