package api

import (
	"net/http"

	"github.com/labstack/echo/v5"
)

// routes is every route the server answers, in one list.
func (s *Server) routes() []echo.Route {
	return []echo.Route{
		{Method: http.MethodGet, Path: "/healthz", Name: "health", Handler: s.health},
		{Method: http.MethodPost, Path: "/api/v1/assess", Name: "assess", Handler: s.assess},
		{Method: http.MethodPost, Path: "/api/v1/documents/:kind", Name: "documents.create", Handler: s.createDocument},
	}
}
