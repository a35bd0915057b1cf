package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/generator"
	"partnerdocs/partnership"
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

// Generator is what the API needs of the document generator;
// *generator.Generator is the real one.
type Generator interface {
	Kinds() []string
	Render(ctx context.Context, req generator.Request) (*generator.Document, error)
	Assess(p *partnership.Partnership, asOf time.Time) partnership.Assessment
	// Council is the council profile documents and workbooks are made for.
	Council() partnership.Council
}

// Config is what a Server is built from.
type Config struct {
	Generator Generator    // required
	Register  Register     // required: the register, and the tokens
	Logger    *slog.Logger // access and error logs; nil discards them
	// MaxConcurrentRenders bounds how many documents are rendered at once;
	// zero means one more than there are CPUs (GOMAXPROCS + 1).
	MaxConcurrentRenders int
}

// Server is the HTTP API. Build it with New; it is safe for concurrent use.
type Server struct {
	gen          Generator
	reg          Register
	flow         *workflow.Service // the use cases, over the same generator and metered register
	log          *slog.Logger
	echo         *echo.Echo
	renders      chan struct{} // a slot per render allowed at once
	permissions  map[string]permission
	authFailures *failureLimiter
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
	renders := renderSlots(cfg.MaxConcurrentRenders)
	m := newMetrics(renders)
	s := &Server{gen: cfg.Generator, reg: meteredRegister{Register: cfg.Register, m: m}, log: log, renders: renders,
		permissions: permissions(), authFailures: newFailureLimiter(), metrics: m, scrape: m.handler(log)}
	flow, err := workflow.New(cfg.Generator, s.reg)
	if err != nil {
		return nil, err
	}
	s.flow = flow
	s.echo = echo.NewWithConfig(echo.Config{
		Logger:           log,
		HTTPErrorHandler: s.handleError,
		// HEAD works wherever GET does (monitors probe /healthz with either);
		// registering a route twice is an error rather than a silent overwrite.
		// A ref may contain "/", sent as %2F, so parameters are unescaped.
		Router: echo.NewRouter(echo.RouterConfig{AutoHandleHEAD: true, UnescapePathParamValues: true}),
	})
	s.echo.Use(s.requestID, s.countRequests, s.accessLog, recoverPanic, limitBody)
	if err := s.addRoutes(); err != nil {
		return nil, err
	}
	return s, nil
}

// addRoutes registers every route behind the permission table's check.
func (s *Server) addRoutes() error {
	for _, r := range s.routes() {
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

// renderSlots returns a semaphore of n slots, or GOMAXPROCS + 1 when n is
// not positive. Rendering is all CPU, so more renders at once than CPUs only
// makes each slower and holds more memory: on 2 CPUs at 8 connections an
// unbounded server answered ~92/s with p99 ~245 ms, a bound of 2 ~84/s with
// p99 ~115 ms, and of 3 ~90/s with p99 ~135 ms (the extra slot keeps a CPU
// busy while another request decodes or writes).
func renderSlots(n int) chan struct{} {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0) + 1
	}
	return make(chan struct{}, n)
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
