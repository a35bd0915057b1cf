package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// Codes for errors that Echo raises itself, before any handler of ours runs.
const (
	codeMethodNotAllowed partnership.Code = "method_not_allowed"
	codeBadRequest       partnership.Code = "bad_request"
	// codeUnavailable: a dependency (the register's database) does not answer.
	codeUnavailable partnership.Code = "unavailable"
	// codeRequestTimeout: the body did not arrive within the server's read
	// timeout (a slow or stalled client), which is not a malformed body.
	codeRequestTimeout partnership.Code = "request_timeout"
)

// bodyReadError is the error for a body that could not be read to the
// end: 408 when the client was too slow to send it, else 400.
func bodyReadError(err error) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return partnership.NewError(codeRequestTimeout, fmt.Sprintf(
			"The request body did not arrive within %s; send it again.", ReadTimeout))
	}
	return partnership.NewError(partnership.EMalformed, "The request body could not be read to the end.")
}

// problemContentType is the media type of RFC 9457 problem details.
const problemContentType = "application/problem+json"

// problemDetails is an RFC 9457 problem with our extension members: the
// stable code, every problem's JSON path, and the request id to quote.
type problemDetails struct {
	Type      string                `json:"type"`
	Title     string                `json:"title"`
	Status    int                   `json:"status"`
	Detail    string                `json:"detail,omitempty"`
	Code      partnership.Code      `json:"code"`
	Errors    []partnership.Problem `json:"errors"`
	RequestID string                `json:"request_id,omitempty"`
	// CurrentRevision is the partnership's current revision when an update
	// was based on an older one (412), so the client can fetch it and retry.
	CurrentRevision int `json:"current_revision,omitempty"`
}

// statusOf maps each error code to its HTTP status: the one place where
// that is decided.
func statusOf(code partnership.Code) int {
	switch code {
	case partnership.EMalformed, codeBadRequest:
		return http.StatusBadRequest
	case partnership.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case partnership.EUnsupported:
		return http.StatusUnsupportedMediaType
	case partnership.EInvalid, partnership.EUnprocessable:
		return http.StatusUnprocessableEntity
	case partnership.ENotFound:
		return http.StatusNotFound
	case codeMethodNotAllowed:
		return http.StatusMethodNotAllowed
	case partnership.EConflict:
		return http.StatusConflict
	case partnership.EUnauthorized:
		return http.StatusUnauthorized
	case partnership.EForbidden:
		return http.StatusForbidden
	case partnership.EStale:
		return http.StatusPreconditionFailed
	case partnership.ENeedsMatch:
		return http.StatusPreconditionRequired
	case partnership.ETooMany:
		return http.StatusTooManyRequests
	case codeUnavailable, partnership.EStorageFull:
		return http.StatusServiceUnavailable
	case codeRequestTimeout:
		return http.StatusRequestTimeout
	default:
		return http.StatusInternalServerError
	}
}

// handleError is the server's one error handler. What the client sees is
// built from the error's code; our own faults are logged in full and shown
// only as a generic message with the request id.
func (s *Server) handleError(c *echo.Context, err error) {
	if resp, _ := echo.UnwrapResponse(c.Response()); resp != nil && resp.Committed {
		s.logInternal(c, fmt.Errorf("error after the response was sent: %w", err))
		return
	}
	if clientGone(c, err) {
		// Nobody is waiting for an answer: not our fault, and not worth
		// an error in the log. 499 is what the access log and metrics
		// record (the code proxies use for a client that closed first).
		c.Set(problemCodeKey, codeClientClosed)
		c.Response().WriteHeader(statusClientClosed)
		return
	}
	e := clientError(err)
	status := statusOf(e.Code)
	if e.Code == partnership.EStorageFull {
		s.logInternal(c, err) // the operator must make room; the log has the driver's own words
	}
	if status == http.StatusInternalServerError {
		s.logInternal(c, err)
		e = partnership.NewError(partnership.EInternal,
			"Something went wrong on our side. Please try again; if it keeps happening, quote the request id.")
	}
	if status == http.StatusUnauthorized {
		// RFC 6750: say how to authenticate; never echo what was sent.
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="partnerdocs"`)
	}
	c.Set(problemCodeKey, e.Code)
	s.writeProblem(c, status, e, staleRevisionOf(err))
}

// statusClientClosed is the status recorded for a request whose client
// went away before the answer: nginx's 499, never seen by anyone.
const (
	statusClientClosed                  = 499
	codeClientClosed   partnership.Code = "client_closed"
)

// clientGone reports whether err is only the request's own cancellation:
// the client closed the connection (or gave up) while it was served.
func clientGone(c *echo.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(c.Request().Context().Err(), context.Canceled)
}

// staleRevision is an update refused because it was based on an older
// revision than current; the problem tells the client which is current.
type staleRevision struct {
	err     *partnership.Error
	current int
}

func (e *staleRevision) Error() string { return e.err.Error() }
func (e *staleRevision) Unwrap() error { return e.err }

func staleRevisionOf(err error) int {
	var st *staleRevision
	if errors.As(err, &st) {
		return st.current
	}
	return 0
}

// clientError turns any error into a *partnership.Error: ours as they are,
// Echo's by their status, anything else as internal.
func clientError(err error) *partnership.Error {
	var pe *partnership.Error
	if errors.As(err, &pe) {
		return pe
	}
	switch echo.StatusCode(err) {
	case http.StatusNotFound:
		return partnership.NewError(partnership.ENotFound, "There is nothing at this address.")
	case http.StatusMethodNotAllowed:
		return partnership.NewError(codeMethodNotAllowed, "This address does not accept that method; the Allow header lists the ones it does.")
	case http.StatusRequestEntityTooLarge:
		return errTooLarge()
	case http.StatusUnsupportedMediaType:
		return errNotJSON()
	}
	if status := echo.StatusCode(err); status >= 400 && status < 500 {
		return partnership.NewError(codeBadRequest, "The request could not be understood.")
	}
	return &partnership.Error{Code: partnership.EInternal, Message: err.Error()}
}

func (s *Server) writeProblem(c *echo.Context, status int, e *partnership.Error, currentRevision int) {
	body, err := json.Marshal(problemDetails{
		Type:            "about:blank",
		Title:           http.StatusText(status),
		Status:          status,
		Detail:          e.Message,
		Code:            e.Code,
		Errors:          append([]partnership.Problem{}, e.Problems...),
		RequestID:       requestIDOf(c),
		CurrentRevision: currentRevision,
	})
	if err == nil {
		err = c.Blob(status, problemContentType, body)
	}
	if err != nil {
		s.logInternal(c, fmt.Errorf("writing problem details: %w", err))
	}
}

func (s *Server) logInternal(c *echo.Context, err error) {
	s.log.LogAttrs(c.Request().Context(), slog.LevelError, "internal error",
		slog.String("request_id", requestIDOf(c)),
		slog.String("method", c.Request().Method),
		slog.String("path", c.Request().URL.Path),
		slog.String("error", err.Error()),
	)
}
