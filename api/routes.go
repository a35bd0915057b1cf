package api

import (
	"net/http"

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
		{Method: http.MethodPost, Path: "/api/v1/documents/:kind", Name: "documents.create", Handler: s.createDocument},

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
