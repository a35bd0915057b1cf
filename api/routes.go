package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"
)

// routes is every route the server answers, in one list. Each name has a
// line in the permission table (permissions.go), which says who may use it.
// Nothing is ever deleted: a partnership is closed or withdrawn by a PUT
// that changes its status, and documents are immutable versions.
func (s *Server) routes() []echo.Route {
	return []echo.Route{
		{Method: http.MethodGet, Path: "/healthz", Name: "health", Handler: s.health},
		{Method: http.MethodGet, Path: "/readyz", Name: "readyz", Handler: s.readyz},
		{Method: http.MethodGet, Path: "/metrics", Name: "metrics", Handler: s.exposeMetrics},

		{Method: http.MethodPost, Path: "/api/v1/assess", Name: "assess", Handler: s.assess},
		{Method: http.MethodPost, Path: "/api/v1/render/:kind", Name: "render", Handler: s.createDocument},

		{Method: http.MethodPost, Path: "/api/v1/partnerships", Name: "partnerships.create", Handler: s.createPartnership},
		{Method: http.MethodGet, Path: "/api/v1/partnerships", Name: "partnerships.list", Handler: s.listPartnerships},
		{Method: http.MethodGet, Path: "/api/v1/partnerships/:ref", Name: "partnerships.show", Handler: s.showPartnership},
		{Method: http.MethodPut, Path: "/api/v1/partnerships/:ref", Name: "partnerships.update", Handler: s.updatePartnership},
		{Method: http.MethodGet, Path: "/api/v1/partnerships/:ref/revisions", Name: "partnerships.revisions", Handler: s.listRevisions},
		{Method: http.MethodGet, Path: "/api/v1/partnerships/:ref/revisions/:n", Name: "partnerships.revision", Handler: s.showRevision},

		{Method: http.MethodPost, Path: "/api/v1/partnerships/:ref/documents", Name: "partnerships.documents.create", Handler: s.generatePartnershipDocument},
		{Method: http.MethodGet, Path: "/api/v1/partnerships/:ref/documents", Name: "partnerships.documents.list", Handler: s.listPartnershipDocuments},
		{Method: http.MethodGet, Path: "/api/v1/documents/:id", Name: "documents.show", Handler: s.showDocument},
		{Method: http.MethodGet, Path: "/api/v1/documents/:id/compare/:other", Name: "documents.compare", Handler: s.compareDocuments},

		{Method: http.MethodPost, Path: "/api/v1/documents/:id/submit", Name: "documents.submit", Handler: s.submitDocument},
		{Method: http.MethodPost, Path: "/api/v1/documents/:id/approve", Name: "documents.approve", Handler: s.approveDocument},
		{Method: http.MethodPost, Path: "/api/v1/documents/:id/return", Name: "documents.return", Handler: s.returnDocument},
		{Method: http.MethodGet, Path: "/api/v1/review-queue", Name: "review.queue", Handler: s.reviewQueue},

		{Method: http.MethodGet, Path: "/api/v1/audit", Name: "audit", Handler: s.audit},

		{Method: http.MethodGet, Path: "/api/v1/reports/cmt/:year", Name: "reports.cmt", Handler: s.cmtWorkbook},
		{Method: http.MethodPost, Path: "/api/v1/reports/cmt/:year/return", Name: "reports.cmt.return", Handler: s.cmtReturn},

		{Method: http.MethodGet, Path: "/api/v1/openapi.json", Name: "openapi", Handler: s.openAPI},
	}
}

// The stateless render moved from POST /api/v1/documents/{kind}, which
// OpenAPI cannot tell from GET /api/v1/documents/{id}, to POST
// /api/v1/render/{kind}. The old path answers as before for one release,
// saying it is deprecated and when it goes (RFC 9745, RFC 8594), and is
// left out of the OpenAPI document.
var (
	renderDeprecatedOn = time.Date(2026, time.December, 3, 0, 0, 0, 0, time.UTC)
	renderSunsetOn     = time.Date(2027, time.June, 30, 23, 59, 59, 0, time.UTC)
)

// deprecatedRoutes are the old paths still answered, each with the headers
// that say where it moved.
func (s *Server) deprecatedRoutes() []echo.Route {
	return []echo.Route{
		{Method: http.MethodPost, Path: "/api/v1/documents/:kind", Name: "documents.create", Handler: s.createDocument,
			Middlewares: []echo.MiddlewareFunc{deprecated(renderDeprecatedOn, renderSunsetOn, "/api/v1/render/")}},
	}
}

// deprecated adds Deprecation, Sunset and a Link to the successor, whose
// path is successorPrefix followed by the route's last parameter.
func deprecated(on, sunset time.Time, successorPrefix string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			h := c.Response().Header()
			h.Set("Deprecation", "@"+strconv.FormatInt(on.Unix(), 10))
			h.Set("Sunset", sunset.Format(http.TimeFormat))
			if names := c.PathValues(); len(names) > 0 {
				h.Set("Link", "<"+successorPrefix+url.PathEscape(names[len(names)-1].Value)+`>; rel="successor-version"`)
			}
			return next(c)
		}
	}
}
