package partnership

import (
	"errors"
	"strings"
)

// Code is a stable, machine-readable error code. The API maps each code to an
// HTTP status in exactly one place; clients may rely on the code's text.
type Code string

// Error codes.
const (
	EInvalid       Code = "validation_failed"      // the request was understood but breaks the contract's rules
	EMalformed     Code = "malformed_json"         // the body is not JSON, or not the contract's shape
	ETooLarge      Code = "body_too_large"         // the body is over the limit
	EUnsupported   Code = "unsupported_media_type" // the body is not application/json
	ENotFound      Code = "not_found"              // no such thing
	EConflict      Code = "conflict"               // the request clashes with what is stored
	EUnprocessable Code = "not_eligible"           // valid, but the protocol does not allow this document for it
	EStale         Code = "precondition_failed"    // If-Match names a revision that is no longer current (412)
	ENeedsMatch    Code = "precondition_required"  // an update without If-Match (428)
	EUnauthorized  Code = "unauthorized"           // no valid token (401)
	EForbidden     Code = "forbidden"              // the token's role may not do this (403)
	ETooMany       Code = "too_many_requests"      // failed authentication from this address: slow down (429)
	EStorageFull   Code = "storage_full"           // the register has no room to write: nothing was saved (503)
	EInternal      Code = "internal"               // our fault; details are logged, never shown
)

// Problem is one thing wrong with a request, named by its JSON path
// (for example "partners[3].comms_contact.email"). A problem in a
// workbook's cell is named as Excel names it ("Targets!L5") and also by
// its sheet and cell ("L5"; no cell for the sheet as a whole).
type Problem struct {
	Path    string `json:"path"`
	Sheet   string `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Message string `json:"message"`
}

// Error is the error type of the whole application: a code, a message a
// council officer understands, and for validation every problem found.
type Error struct {
	Code     Code
	Message  string
	Problems []Problem
}

func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.Path)
		b.WriteString(": ")
		b.WriteString(p.Message)
	}
	return b.String()
}

// NewError returns an *Error with no problems listed.
func NewError(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// ErrorCode returns the code of err when it is, or wraps, an *Error, and
// EInternal otherwise.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
