package web

import (
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// route is one page or form: who may use it is its action in workflow's
// permission table; public pages need nobody signed in.
type route struct {
	method, path string
	action       workflow.Action
	public       bool
	maxBody      int64 // the largest body it takes; 0 is formBodyBytes
	handler      echo.HandlerFunc
}

// formBodyBytes is the largest body a form sends, unless its route says
// otherwise: the contract's own limit on a partnership.
const formBodyBytes = partnership.MaxBodyBytes

// routes is every page and form the forms answer, in one list.
func (s *Server) routes() []route {
	return append(s.oidcRoutes(), []route{
		{method: http.MethodGet, path: staticPrefix + "*", public: true, handler: s.static.serve},
		{method: http.MethodGet, path: "/sign-in", public: true, handler: s.signInPage},
		{method: http.MethodPost, path: "/sign-in", public: true, handler: s.signIn},
		{method: http.MethodPost, path: "/sign-out", public: true, handler: s.signOut},

		{method: http.MethodGet, path: "/", action: workflow.ActionReadRegister, handler: s.home},
		{method: http.MethodGet, path: "/partnerships", action: workflow.ActionReadRegister, handler: s.partnerships},
		{method: http.MethodGet, path: "/partnerships/new", action: workflow.ActionCreatePartnership, handler: s.newPartnershipPage},
		{method: http.MethodPost, path: "/partnerships/new", action: workflow.ActionCreatePartnership, handler: s.contractPost},
		{method: http.MethodGet, path: "/partnerships/:ref/edit", action: workflow.ActionUpdatePartnership, handler: s.editPartnershipPage},
		{method: http.MethodPost, path: "/partnerships/:ref/edit", action: workflow.ActionUpdatePartnership, handler: s.contractPost},
		{method: http.MethodGet, path: "/partnerships/:ref", action: workflow.ActionReadRegister, handler: s.partnership},
		{method: http.MethodGet, path: "/partnerships/:ref/compare", action: workflow.ActionReadRegister, handler: s.compareRevisions},
		{method: http.MethodPost, path: "/partnerships/:ref/documents", action: workflow.ActionGenerateDocument, handler: s.generateDocument},

		{method: http.MethodGet, path: "/documents/:id", action: workflow.ActionReadRegister, handler: s.document},
		{method: http.MethodGet, path: "/documents/:id/file", action: workflow.ActionReadRegister, handler: s.documentFile},
		{method: http.MethodGet, path: "/documents/:id/preview", action: workflow.ActionRender, handler: s.documentPreview},
		{method: http.MethodGet, path: "/documents/:id/compare/:other", action: workflow.ActionCompareDocuments, handler: s.documentComparison},
		{method: http.MethodPost, path: "/documents/:id/submit", action: workflow.ActionSubmitDocument, handler: s.submitDocument},
		{method: http.MethodPost, path: "/documents/:id/approve", action: workflow.ActionApproveDocument, handler: s.approveDocument},
		{method: http.MethodPost, path: "/documents/:id/return", action: workflow.ActionReturnDocument, handler: s.returnDocument},

		{method: http.MethodGet, path: "/review", action: workflow.ActionReviewQueue, handler: s.reviewQueue},
		{method: http.MethodGet, path: "/audit", action: workflow.ActionAudit, handler: s.audit},

		{method: http.MethodGet, path: "/reports/cmt", action: workflow.ActionCMTWorkbook, handler: s.cmtPage},
		{method: http.MethodGet, path: "/reports/cmt/workbook", action: workflow.ActionCMTWorkbook, handler: s.cmtWorkbook},
		{method: http.MethodPost, path: "/reports/cmt", action: workflow.ActionCMTReturn, maxBody: workflow.MaxReturnBytes, handler: s.cmtReturn},
	}...)
}

// oidcRoutes are signing in with the identity provider, when there is one.
func (s *Server) oidcRoutes() []route {
	if s.oidc == nil {
		return nil
	}
	return []route{
		{method: http.MethodGet, path: "/sign-in/oidc", public: true, handler: s.oidcSignIn},
		{method: http.MethodGet, path: OIDCCallbackPath, public: true, handler: s.oidcCallback},
	}
}

// addRoutes registers every route, behind the sign-in and permission check
// unless it is public.
func (s *Server) addRoutes() error {
	for _, r := range s.routes() {
		er := echo.Route{Method: r.method, Path: r.path, Handler: r.handler}
		limit := r.maxBody
		if limit == 0 {
			limit = formBodyBytes
		}
		er.Middlewares = []echo.MiddlewareFunc{limitBody(limit)}
		if !r.public {
			er.Middlewares = append(er.Middlewares, s.requireSignIn(r.action))
		}
		if _, err := s.echo.AddRoute(er); err != nil {
			return err
		}
	}
	return nil
}
