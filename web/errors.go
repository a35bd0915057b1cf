package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// errorPageData is what the error page shows.
type errorPageData struct {
	Heading  string
	Message  string
	Problems []string // a request's problems, for bad input no form shows
	Incident string   // for our own faults: quoted to the service desk, found in the log
}

// handleError is the forms' one error handler: every error becomes an HTML
// page in the GOV.UK pattern, never a JSON problem or a stack trace. Our own
// faults are logged in full with an incident number, shown only as that.
func (s *Server) handleError(c *echo.Context, err error) {
	if resp, _ := echo.UnwrapResponse(c.Response()); resp != nil && resp.Committed {
		s.logInternal(c.Request(), "", err)
		return
	}
	e := clientError(err)
	if e.Code == partnership.EUnauthorized {
		s.clearCookie(c)
		if rerr := c.Redirect(http.StatusSeeOther, signInAddress(c.Request())); rerr != nil {
			s.logInternal(c.Request(), "", rerr)
		}
		return
	}
	status, data := errorPage(e)
	if status == http.StatusInternalServerError || e.Code == partnership.EStorageFull {
		data.Incident = newIncident()
		s.logInternal(c.Request(), data.Incident, err)
	}
	p := s.newPage(c, data.Heading, data)
	body, rerr := s.views.render("error", p)
	if rerr == nil {
		rerr = c.HTMLBlob(status, body)
	}
	if rerr != nil {
		s.logInternal(c.Request(), data.Incident, rerr)
	}
}

// writeErrorPage answers a plain http request (one refused before Echo saw
// it) with the error page, for nobody signed in.
func (s *Server) writeErrorPage(w http.ResponseWriter, r *http.Request, status int, data errorPageData) {
	p := &page{Title: data.Heading, Council: s.flow.Council().Name, Data: data}
	body, err := s.views.render("error", p)
	if err != nil {
		s.logInternal(r, "", err)
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// errorPage is the status and words for an error's code.
func errorPage(e *partnership.Error) (int, errorPageData) {
	d := errorPageData{Message: e.Message}
	for _, p := range e.Problems {
		d.Problems = append(d.Problems, problemText(p))
	}
	switch e.Code {
	case partnership.ENotFound:
		d.Heading, d.Message = "Page not found", "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address."
		return http.StatusNotFound, d
	case partnership.EForbidden:
		d.Heading = "You cannot use this page"
		return http.StatusForbidden, d
	case partnership.ETooMany:
		d.Heading = "Too many attempts"
		return http.StatusTooManyRequests, d
	case partnership.EConflict, partnership.EStale:
		d.Heading = "This cannot be done now"
		return http.StatusConflict, d
	case partnership.EUnprocessable:
		d.Heading = "The protocol does not allow this"
		return http.StatusUnprocessableEntity, d
	case partnership.EInvalid, partnership.EMalformed, codeBadRequest:
		d.Heading = "There is a problem with what was sent"
		return http.StatusBadRequest, d
	case codeMethodNotAllowed:
		d.Heading, d.Message = "This page cannot be used that way", "Go back and use the page's own buttons and links."
		return http.StatusMethodNotAllowed, d
	case partnership.ETooLarge:
		d.Heading = "What was sent is too large"
		return http.StatusRequestEntityTooLarge, d
	case partnership.EStorageFull:
		d.Heading = "Nothing could be saved"
		return http.StatusServiceUnavailable, d
	}
	d.Heading, d.Message = "Sorry, there is a problem with the service", "Try again later. If it keeps happening, tell the service desk the incident number below."
	return http.StatusInternalServerError, d
}

// Codes for errors Echo raises itself.
const (
	codeMethodNotAllowed partnership.Code = "method_not_allowed"
	codeBadRequest       partnership.Code = "bad_request"
)

// clientError turns any error into a *partnership.Error: ours as they are,
// Echo's by their status, anything else as internal.
func clientError(err error) *partnership.Error {
	var pe *partnership.Error
	if errors.As(err, &pe) {
		return pe
	}
	switch status := echo.StatusCode(err); {
	case status == http.StatusNotFound:
		return partnership.NewError(partnership.ENotFound, "")
	case status == http.StatusMethodNotAllowed:
		return partnership.NewError(codeMethodNotAllowed, "")
	case status == http.StatusRequestEntityTooLarge:
		return partnership.NewError(partnership.ETooLarge, "Send less at once.")
	case status >= 400 && status < 500:
		return partnership.NewError(codeBadRequest, "The request could not be understood.")
	}
	return &partnership.Error{Code: partnership.EInternal, Message: err.Error()}
}

// problemText is a problem as a sentence: its message, after the field's
// path when there is one.
func problemText(p partnership.Problem) string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

func (s *Server) logInternal(r *http.Request, incident string, err error) {
	s.log.LogAttrs(r.Context(), slog.LevelError, "internal error",
		slog.String("incident", incident),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("error", err.Error()),
	)
}

func newIncident() string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
