package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/workflow"
)

// Config is what the forms are built from.
type Config struct {
	Flow     *workflow.Service  // required: the use cases
	Sessions *workflow.Sessions // required: signing in and sessions
	Inbox    workflow.Inbox     // required: drafts returned to an officer
	Logger   *slog.Logger       // nil discards the logs
	// SecureCookies marks the session cookie Secure, with the __Host-
	// prefix, even for a request that did not arrive over TLS: for a server
	// behind a proxy that terminates TLS. Over TLS it always is.
	SecureCookies bool
	// OIDC, when set, offers signing in with the council's identity
	// provider (see DiscoverOIDC) beside the access token.
	OIDC *OIDC
	// Now is the clock pages judge dates by (reviews overdue); nil is
	// time.Now.
	Now func() time.Time
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (workflow.ClientAddress); none: the connection's peer is.
	TrustedProxies []*net.IPNet
}

// Server is the forms. Build it with New; it is safe for concurrent use.
type Server struct {
	flow          *workflow.Service
	sessions      *workflow.Sessions
	inbox         workflow.Inbox
	log           *slog.Logger
	views         *views
	forms         *contractForm
	static        *staticFiles
	echo          *echo.Echo
	handler       http.Handler
	secureCookies bool
	oidc          *OIDC
	now           func() time.Time
}

// New builds the forms and registers every page.
func New(cfg Config) (*Server, error) {
	if cfg.Flow == nil || cfg.Sessions == nil || cfg.Inbox == nil {
		return nil, errors.New("web: Config.Flow, Config.Sessions and Config.Inbox are required")
	}
	s := &Server{flow: cfg.Flow, sessions: cfg.Sessions, inbox: cfg.Inbox, log: cfg.Logger,
		secureCookies: cfg.SecureCookies, oidc: cfg.OIDC, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.forms = newContractForm()
	var err error
	if s.views, err = parseViews(templateFuncs(ukTime())); err != nil {
		return nil, err
	}
	if s.static, err = newStaticFiles(); err != nil {
		return nil, err
	}
	s.echo = echo.NewWithConfig(echo.Config{
		Logger:           s.log,
		HTTPErrorHandler: s.handleError,
		Router:           echo.NewRouter(echo.RouterConfig{AutoHandleHEAD: true, UnescapePathParamValues: true}),
	})
	s.echo.IPExtractor = func(r *http.Request) string { return workflow.ClientAddress(r, cfg.TrustedProxies) }
	s.echo.Use(s.accessLog, recoverPanic, securityHeaders, s.loadSession)
	if err := s.addRoutes(); err != nil {
		return nil, err
	}
	s.handler = s.refuseCrossOrigin(s.echo)
	return s, nil
}

// Handler returns the forms as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// refuseCrossOrigin refuses a form posted from another site before any
// handler sees it, with Go's own check (Sec-Fetch-Site, else Origin against
// Host), and answers with the forms' 403 page.
func (s *Server) refuseCrossOrigin(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "cross-origin request refused",
			slog.String("method", r.Method), slog.String("path", r.URL.Path))
		s.writeErrorPage(w, r, http.StatusForbidden, errorPageData{
			Heading: "This form was sent from another website",
			Message: "For your safety, forms can only be sent from this service's own pages. Go back to the page, reload it and try again.",
		})
	}))
	return cop.Handler(h)
}

// securityHeaders: pages load scripts, styles and frames from this server
// only, are never framed by another site, and are never cached (drafts name
// real people). The sign-in address may carry a secret, so no page sends a
// Referer.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Frame-Options", "DENY") // for browsers without frame-ancestors
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		return next(c)
	}
}

const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

// accessLog writes one line per request, after answering any error with
// the error page. It never logs the query (a sign-in address carries a
// secret there), the body, or a cookie.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			s.handleError(c, err)
		}
		_, status := echo.ResolveResponseStatus(c.Response(), nil)
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "page",
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		)
		return nil
	}
}

// recoverPanic turns a panic below it into an error, answered with the 500
// page and logged with its stack.
func recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
			}
		}()
		return next(c)
	}
}
