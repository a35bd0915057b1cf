package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// readyTimeout is how long /readyz waits for the database: a load balancer
// probes often and must not pile up requests behind a database that hangs.
const readyTimeout = 2 * time.Second

// readyz answers GET /readyz: whether this instance can serve, which is
// whether the register's database answers and can be written. A register
// without room is 503 storage_full; any other failure 503 unavailable.
func (s *Server) readyz(c *echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	if err := s.flow.Ready(ctx); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "not ready",
			slog.String("request_id", requestIDOf(c)), slog.String("error", err.Error()))
		if partnership.ErrorCode(err) == partnership.EStorageFull {
			return err
		}
		return partnership.NewError(codeUnavailable, "The register's database is not answering, or cannot be written.")
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
