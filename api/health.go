package api

import (
	"net/http"

	"github.com/labstack/echo/v5"
)

// health answers GET /healthz: the process is up and serving. It checks
// nothing else; readiness of dependencies belongs to /readyz when there are
// any.
func (s *Server) health(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
