// Package api is partnerdocs' HTTP interface: a JSON API on Echo v5.
//
// Every route is listed in routes.go. Every error, whether a handler's
// *partnership.Error, one of Echo's own (no such route, wrong method) or a
// recovered panic, goes through the one error handler in errors.go, which
// answers with RFC 9457 problem details (application/problem+json):
//
//	{
//	  "type": "about:blank",
//	  "title": "Unprocessable Entity",
//	  "status": 422,
//	  "detail": "The partnership has 2 problems.",
//	  "code": "validation_failed",
//	  "errors": [{"path": "partners[3].comms_contact.email", "message": "..."}],
//	  "request_id": "..."
//	}
//
// The code is the stable part a client may rely on; the title is the HTTP
// status text and the detail is for people. Our own faults are answered with a
// generic message and logged in full with the request id, so an officer who
// reports the id can be helped without the response leaking internals.
//
// Every request gets an id (the caller's X-Request-Id when it is a sensible
// token, otherwise a new one), echoed in the X-Request-Id response header and
// written to the one structured access-log line per request. Bodies and
// credentials are never logged. Request bodies are limited to
// partnership.MaxBodyBytes: a declared Content-Length over the limit is
// refused before anything is read, and the limit is enforced while reading.
//
// The package depends on partnership and generator only; it never imports a
// database driver.
package api
