package api

import (
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/workflow"
)

// Timeouts of the HTTP server. A document takes tens of milliseconds to
// render, so these are generous for honest clients and short enough that a
// slow or idle one cannot hold a connection for long.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 64 << 10
)

// Config is what a Server is built from.
type Config struct {
	Generator workflow.Generator // required
	Register  workflow.Register  // required: the register, and the tokens
	Logger    *slog.Logger       // access and error logs; nil discards them
	// MaxConcurrentRenders bounds how many documents are rendered at once;
	// zero means one more than there are CPUs (GOMAXPROCS + 1).
	MaxConcurrentRenders int
	// Renders, when set, is the render limiter the process's front ends
	// share (workflow.NewRenderLimiter), and MaxConcurrentRenders is not
	// used.
	Renders *workflow.RenderLimiter
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (workflow.ClientAddress); none: the connection's peer is.
	TrustedProxies []*net.IPNet
}

// Server is the HTTP API. Build it with New; it is safe for concurrent use.
type Server struct {
	flow         *workflow.Service // the use cases, over the metered register
	log          *slog.Logger
	echo         *echo.Echo
	permissions  map[string]permission
	authFailures *workflow.FailureLimiter
	metrics      *metrics
	scrape       http.Handler // GET /metrics: the metrics' exposition
}

// New builds the server and registers every route.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Generator == nil:
		return nil, errors.New("api: Config.Generator is required")
	case cfg.Register == nil:
		return nil, errors.New("api: Config.Register is required")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := newMetrics()
	s := &Server{log: log, permissions: permissions(), authFailures: workflow.NewFailureLimiter(cfg.Register), metrics: m}
	reg := meteredRegister{Register: cfg.Register, m: m}
	flow, err := workflow.New(cfg.Generator, reg, workflow.Options{MaxConcurrentRenders: cfg.MaxConcurrentRenders, Renders: cfg.Renders, Observer: s})
	if err != nil {
		return nil, err
	}
	s.flow = flow
	m.watchRenders(flow)
	s.scrape = m.handler(log)
	s.echo = echo.NewWithConfig(echo.Config{
		Logger:           log,
		HTTPErrorHandler: s.handleError,
		// HEAD works wherever GET does (monitors probe /healthz with either);
		// registering a route twice is an error rather than a silent overwrite.
		// A ref may contain "/", sent as %2F, so parameters are unescaped.
		Router: echo.NewRouter(echo.RouterConfig{AutoHandleHEAD: true, UnescapePathParamValues: true}),
	})
	s.echo.IPExtractor = func(r *http.Request) string { return workflow.ClientAddress(r, cfg.TrustedProxies) }
	s.echo.Use(s.requestID, s.countRequests, s.accessLog, recoverPanic, limitBody)
	if err := s.addRoutes(); err != nil {
		return nil, err
	}
	return s, nil
}

// addRoutes registers every route behind the permission table's check.
func (s *Server) addRoutes() error {
	for _, r := range append(s.routes(), s.deprecatedRoutes()...) {
		auth, err := s.authorize(r.Name)
		if err != nil {
			return err
		}
		r.Middlewares = append([]echo.MiddlewareFunc{auth}, r.Middlewares...)
		if _, err := s.echo.AddRoute(r); err != nil {
			return err
		}
	}
	return nil
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.echo }

// HTTPServer returns an *http.Server for addr that serves this API with the
// package's timeouts and header limit.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.echo,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
