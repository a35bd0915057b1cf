package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// Keys of values stored on the echo context.
const (
	requestIDKey   = "partnerdocs.request_id"
	problemCodeKey = "partnerdocs.problem_code"
)

// requestID gives every request an id: the caller's X-Request-Id when it is
// a sensible token (so ids can be followed across systems), otherwise a new
// random one. Anything else the caller sends is not trusted into our logs.
func (s *Server) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !safeNameRune(r) {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

func requestIDOf(c *echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// accessLog writes one structured line per request. It answers errors
// itself (through the one error handler) so the line has the final status.
// It never logs the body, the query or any header but the request id.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			s.handleError(c, err)
		}
		resp, status := echo.ResolveResponseStatus(c.Response(), nil)
		var size int64
		if resp != nil {
			size = resp.Size
		}
		code, _ := c.Get(problemCodeKey).(partnership.Code)
		s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
			slog.String("request_id", requestIDOf(c)),
			slog.String("method", c.Request().Method),
			slog.String("path", c.Request().URL.Path),
			slog.Int("status", status),
			slog.String("code", string(code)),
			slog.Int64("bytes", size),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		)
		return nil
	}
}

// recoverPanic turns a panic anywhere below it into an error for the error
// handler, which logs it with its stack and answers 500.
func recoverPanic(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler { // net/http's way to abort a response; not ours to catch
					panic(v)
				}
				err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
			}
		}()
		return next(c)
	}
}

// MaxReturnBytes is the largest CMT return accepted, the one limit the
// command line applies too (see workflow.MaxReturnBytes).
const MaxReturnBytes = workflow.MaxReturnBytes

// bodyLimits are the routes that take a body larger than
// partnership.MaxBodyBytes, with their limit.
var bodyLimits = map[string]int64{
	"reports.cmt.return": MaxReturnBytes,
}

// limitBody refuses a body whose declared length is over the route's limit
// before reading any of it, and caps what can be read from any other body.
// It runs after routing, so it knows the route.
func limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		limit := int64(partnership.MaxBodyBytes)
		if l, ok := bodyLimits[c.RouteInfo().Name]; ok {
			limit = l
		}
		r := c.Request()
		if r.ContentLength > limit {
			return errTooLargeFor(limit)
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
		}
		return next(c)
	}
}

func errTooLarge() *partnership.Error { return errTooLargeFor(partnership.MaxBodyBytes) }

func errTooLargeFor(limit int64) *partnership.Error {
	return partnership.NewError(partnership.ETooLarge, fmt.Sprintf(
		"The request body is larger than the limit of %s.", sizeText(limit)))
}

// sizeText writes a byte count the way people read it: "1 MiB", "512 KiB".
func sizeText(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
