package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// durationBuckets suit what a request or a render takes here: from a
// millisecond (a health probe) to ten seconds (the largest workbook).
var durationBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// workbookBuckets suit the CMT workbook: under a second for a small
// register, about two for 10,000 partnerships, a minute at most.
var workbookBuckets = []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}

// unmatchedRoute labels a request that matched no route (404) or no method
// of its route (405): its path is never a label.
const unmatchedRoute = "unmatched"

// metrics is the Server's collectors and the registry that holds them,
// exposed at GET /metrics in Prometheus' text format. The registry is the
// Server's own, not the global default, so several servers in one process
// (tests) never share or collide. Every label value comes from a small
// fixed set (route names from routes.go, methods, status codes, document
// kinds and formats the generator knows, error codes): never a path, a ref,
// a token or anything a user typed, so the number of series stays small and
// nothing personal or secret reaches the monitoring system.
type metrics struct {
	registry *prometheus.Registry

	requests        *prometheus.CounterVec   // route, method, code
	requestDuration *prometheus.HistogramVec // route
	responseSize    *prometheus.HistogramVec // route
	inFlight        prometheus.Gauge

	rendered             *prometheus.CounterVec   // kind, format
	renderFailures       *prometheus.CounterVec   // kind
	renderDuration       *prometheus.HistogramVec // kind
	renderWait           prometheus.Histogram
	renderWaitsAbandoned prometheus.Counter

	workbooks        prometheus.Counter
	workbookDuration prometheus.Histogram
	returns          *prometheus.CounterVec // outcome

	authFailures    *prometheus.CounterVec // reason
	authRateLimited prometheus.Counter

	registerDuration *prometheus.HistogramVec // operation
	registerErrors   *prometheus.CounterVec   // operation, code
}

// Outcomes of a CMT return, and reasons for a failed authentication: every
// value is created at start-up, so each series exists (at 0) from the first
// scrape and a rate over it is never missing.
const (
	returnApplied = "applied" // the changes were stored
	returnRefused = "refused" // the return was the problem: cells, a stale base (4xx)
	returnFailed  = "failed"  // we were: the register or the reader failed (5xx)

	authMissing = "missing" // no bearer token
	// authInvalid is a token the register does not know or has revoked: it
	// answers a revoked token as not found, like one never issued, on
	// purpose (store/tokens.go), so the two cannot be told apart here.
	authInvalid = "invalid"
)

// newMetrics builds the collectors, with the Go runtime's and the
// process's; watchRenders adds the gauges of the render limit.
func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_http_requests_total",
			Help: "HTTP requests answered, by route name (routes.go; unmatched for no route), method and status code.",
		}, []string{"route", "method", "code"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnerdocs_http_request_duration_seconds",
			Help:    "Time from routing a request to its last byte written, by route name.",
			Buckets: durationBuckets,
		}, []string{"route"}),
		responseSize: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnerdocs_http_response_size_bytes",
			Help:    "Size of response bodies, by route name.",
			Buckets: prometheus.ExponentialBuckets(256, 4, 9), // 256 B .. 16 MiB
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "partnerdocs_http_requests_in_flight",
			Help: "Requests being answered now.",
		}),
		rendered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_documents_rendered_total",
			Help: "Documents rendered, by kind and format (drafts, approved copies and stateless documents alike).",
		}, []string{"kind", "format"}),
		renderFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_document_render_failures_total",
			Help: "Renders that failed (the template or the input refused, or the client went away), by kind.",
		}, []string{"kind"}),
		renderDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnerdocs_document_render_duration_seconds",
			Help:    "Time to render a document once it has a render slot, by kind.",
			Buckets: durationBuckets,
		}, []string{"kind"}),
		renderWait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "partnerdocs_document_render_wait_seconds",
			Help:    "Time a render waited for a slot under the render limit (--max-renders); 0 when one was free.",
			Buckets: durationBuckets,
		}),
		renderWaitsAbandoned: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "partnerdocs_document_render_waits_abandoned_total",
			Help: "Renders never started because the client went away while waiting for a slot: the render limit's only refusal.",
		}),
		workbooks: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "partnerdocs_cmt_workbooks_generated_total",
			Help: "CMT workbooks generated and sent in full.",
		}),
		workbookDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "partnerdocs_cmt_workbook_duration_seconds",
			Help:    "Time to write a CMT workbook to its client (it is streamed as it is written).",
			Buckets: workbookBuckets,
		}),
		returns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_cmt_returns_total",
			Help: "CMT returns received as workbooks, by outcome: applied, refused (problems in cells, a stale base) or failed (our fault).",
		}, []string{"outcome"}),
		authFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_auth_failures_total",
			Help: "Requests refused authentication, by reason: missing (no bearer token) or invalid (unknown or revoked).",
		}, []string{"reason"}),
		authRateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "partnerdocs_auth_rate_limited_total",
			Help: "Requests refused (429) because their address failed authentication too often lately.",
		}),
		registerDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "partnerdocs_register_operation_duration_seconds",
			Help:    "Time of each call to the register (the database), by operation.",
			Buckets: durationBuckets,
		}, []string{"operation"}),
		registerErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "partnerdocs_register_errors_total",
			Help: "Register calls that returned an error, by operation and error code (not_found, precondition_failed, internal...).",
		}, []string{"operation", "code"}),
	}
	for _, outcome := range []string{returnApplied, returnRefused, returnFailed} {
		m.returns.WithLabelValues(outcome)
	}
	for _, reason := range []string{authMissing, authInvalid} {
		m.authFailures.WithLabelValues(reason)
	}
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.requestDuration, m.responseSize, m.inFlight,
		m.rendered, m.renderFailures, m.renderDuration, m.renderWait, m.renderWaitsAbandoned,
		m.workbooks, m.workbookDuration, m.returns,
		m.authFailures, m.authRateLimited,
		m.registerDuration, m.registerErrors,
	)
	return m
}

// watchRenders adds gauges that read the render limit when scraped.
func (m *metrics) watchRenders(flow *workflow.Service) {
	m.registry.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "partnerdocs_document_renders_in_progress",
			Help: "Documents being rendered now.",
		}, func() float64 { return float64(flow.RendersInProgress()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "partnerdocs_document_render_slots",
			Help: "Documents that may be rendered at once (the render limit).",
		}, func() float64 { return float64(flow.RenderLimit()) }),
	)
}

// handler serves the registry in Prometheus' exposition format.
func (m *metrics) handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError),
	})
}

// exposeMetrics answers GET /metrics. The numbers describe the service,
// not partnerships, but are for the council's monitoring only: the
// permission table gives the route to admin tokens.
func (s *Server) exposeMetrics(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	s.scrape.ServeHTTP(c.Response(), c.Request())
	return nil
}

// countRequests is the middleware that counts and times every request by
// its route's name. It sits outside accessLog, which answers errors, so it
// sees the status that was sent.
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	m := s.metrics
	return func(c *echo.Context) error {
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		start := time.Now()
		err := next(c)
		resp, status := echo.ResolveResponseStatus(c.Response(), err)
		var size int64
		if resp != nil {
			size = resp.Size
		}
		route := routeLabel(c.RouteInfo().Name)
		m.requests.WithLabelValues(route, methodLabel(c.Request().Method), strconv.Itoa(status)).Inc()
		m.requestDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
		m.responseSize.WithLabelValues(route).Observe(float64(size))
		return err
	}
}

// routeLabel is the route's name from routes.go, or unmatchedRoute for
// Echo's own not-found and method-not-allowed routes.
func routeLabel(name string) string {
	switch name {
	case "", echo.NotFoundRouteName, echo.MethodNotAllowedRouteName:
		return unmatchedRoute
	}
	return name
}

// methodLabel keeps a method a client invented out of the labels.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// RenderWaited observes a render's wait for its slot (workflow.Observer).
func (s *Server) RenderWaited(d time.Duration) { s.metrics.renderWait.Observe(d.Seconds()) }

// RenderAbandoned counts a client that gave up waiting for a render slot.
func (s *Server) RenderAbandoned() { s.metrics.renderWaitsAbandoned.Inc() }

// Rendered counts one render of a kind the generator knows (the handlers
// check the kind before rendering; "other" only guards the label).
func (s *Server) Rendered(kind string, doc *workflow.Rendered, took time.Duration, err error) {
	kind = s.kindLabel(kind)
	if err != nil {
		s.metrics.renderFailures.WithLabelValues(kind).Inc()
		return
	}
	s.metrics.rendered.WithLabelValues(kind, string(doc.Format)).Inc()
	s.metrics.renderDuration.WithLabelValues(kind).Observe(took.Seconds())
}

func (s *Server) kindLabel(kind string) string {
	if slices.Contains(s.flow.Kinds(), kind) {
		return kind
	}
	return "other"
}

// returnOutcome is how a CMT return that arrived as a workbook ended.
func returnOutcome(err error) string {
	switch {
	case err == nil:
		return returnApplied
	case statusOf(clientError(err).Code) < http.StatusInternalServerError:
		return returnRefused
	}
	return returnFailed
}

// errorCodeLabel is an error's code for a label: the domain's codes as they
// are, and a client that went away or ran out of time named as such rather
// than as our fault.
func errorCodeLabel(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline_exceeded"
	}
	return string(partnership.ErrorCode(err))
}
