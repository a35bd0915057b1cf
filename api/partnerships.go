package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// list is the body of every listing: the items, and for paged listings the
// cursor of the next page ("" at the end).
type list[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next,omitempty"`
}

func listOf[T any](items []T) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{Items: items}
}

func pageOf[T any](items []T, next string) list[T] {
	l := listOf(items)
	l.Next = &next
	return l
}

// createPartnership answers POST /api/v1/partnerships: the partnership is
// decoded and validated as for a document, assessed, and stored as revision
// 1 (with a ref assigned when it has none).
func (s *Server) createPartnership(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	p, err := s.partnershipBody(c)
	if err != nil {
		return err
	}
	rev, err := s.flow.CreatePartnership(c.Request().Context(), actor, p)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, partnershipPath(rev.Ref))
	return sendRevision(c, http.StatusCreated, rev)
}

// showPartnership answers GET /api/v1/partnerships/:ref with the current
// revision; its ETag is what an update must send as If-Match.
func (s *Server) showPartnership(c *echo.Context) error {
	actor, ref, err := actorAndRef(c)
	if err != nil {
		return err
	}
	rev, err := s.flow.Partnership(c.Request().Context(), actor, ref)
	if err != nil {
		return err
	}
	return sendRevision(c, http.StatusOK, rev)
}

// updatePartnership answers PUT /api/v1/partnerships/:ref. It stores a new
// revision only when If-Match names the current one: an update based on an
// older revision is refused (412) rather than silently overwriting someone
// else's change, and one that names none is refused too (428).
func (s *Server) updatePartnership(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	ref, err := refParam(c)
	if err != nil {
		return err
	}
	base, err := ifMatchRevision(c.Request().Header.Get("If-Match"))
	if err != nil {
		return err
	}
	p, err := s.partnershipBody(c)
	if err != nil {
		return err
	}
	rev, err := s.flow.UpdatePartnership(c.Request().Context(), actor, ref, base, p)
	if partnership.ErrorCode(err) == partnership.EStale {
		return s.stale(c, actor, ref, err)
	}
	if err != nil {
		return err
	}
	return sendRevision(c, http.StatusOK, rev)
}

// stale adds the current revision to a refused update, in the problem and
// as the ETag, so the client can fetch it, merge and try again.
func (s *Server) stale(c *echo.Context, actor partnership.Actor, ref string, err error) error {
	pe, _ := err.(*partnership.Error)
	if pe == nil {
		pe = partnership.NewError(partnership.EStale, "The partnership has changed since the revision you edited.")
	}
	current, cerr := s.flow.Partnership(c.Request().Context(), actor, ref)
	if cerr != nil {
		return pe
	}
	c.Response().Header().Set("ETag", revisionETag(current.Number))
	return &staleRevision{err: pe, current: current.Number}
}

// listRevisions answers GET /api/v1/partnerships/:ref/revisions: every
// revision, oldest first, without the partnership itself.
func (s *Server) listRevisions(c *echo.Context) error {
	actor, ref, err := actorAndRef(c)
	if err != nil {
		return err
	}
	revs, err := s.flow.Revisions(c.Request().Context(), actor, ref)
	if err != nil {
		return err
	}
	items := make([]revisionSummary, len(revs))
	for i, r := range revs {
		items[i] = revisionSummary{Ref: r.Ref, Number: r.Number, Assessment: r.Assessment, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
	}
	return sendJSON(c, http.StatusOK, listOf(items))
}

// revisionSummary is one revision in a partnership's history, without the
// partnership itself (GET .../revisions/{n} gives that).
type revisionSummary struct {
	Ref        string                 `json:"ref"`
	Number     int                    `json:"revision"`
	Assessment partnership.Assessment `json:"assessment"`
	CreatedAt  time.Time              `json:"created_at"`
	CreatedBy  string                 `json:"created_by"`
}

// showRevision answers GET /api/v1/partnerships/:ref/revisions/:n.
func (s *Server) showRevision(c *echo.Context) error {
	actor, ref, err := actorAndRef(c)
	if err != nil {
		return err
	}
	n, err := positiveParam(c, "n")
	if err != nil {
		return err
	}
	rev, err := s.flow.Revision(c.Request().Context(), actor, ref, int(n))
	if err != nil {
		return err
	}
	return sendRevision(c, http.StatusOK, rev)
}

// partnershipBody reads a partnership from a JSON body, strictly.
func (s *Server) partnershipBody(c *echo.Context) (*partnership.Partnership, error) {
	if err := requireJSON(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return nil, err
	}
	return decodeBody(c.Request().Body)
}

// ifMatchRevision reads If-Match: "<revision>", the ETag of the revision the
// client edited. "*" is no help: it would match whatever is there.
func ifMatchRevision(header string) (int, error) {
	h := strings.TrimSpace(header)
	if len(h) >= 3 && h[0] == '"' && h[len(h)-1] == '"' {
		if n, err := strconv.Atoi(h[1 : len(h)-1]); err == nil && n >= 1 {
			return n, nil
		}
	}
	return 0, partnership.NewError(partnership.ENeedsMatch,
		`An update must send "If-Match" with the ETag of the revision it was based on, such as "3"; GET the partnership to find it.`)
}

func sendRevision(c *echo.Context, status int, rev *partnership.Revision) error {
	c.Response().Header().Set("ETag", revisionETag(rev.Number))
	return sendJSON(c, status, rev)
}

func revisionETag(n int) string { return `"` + strconv.Itoa(n) + `"` }

// sendJSON answers with JSON that must not be kept in shared caches: the
// register names real people.
func sendJSON(c *echo.Context, status int, v any) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(status, v)
}

func partnershipPath(ref string) string { return "/api/v1/partnerships/" + url.PathEscape(ref) }

// actorAndRef is who asks, and the partnership the address names.
func actorAndRef(c *echo.Context) (partnership.Actor, string, error) {
	actor, err := actorOf(c)
	if err != nil {
		return actor, "", err
	}
	ref, err := refParam(c)
	return actor, ref, err
}

// refParam is the :ref of the address. One that could never be a ref is
// not looked for: there is nothing there.
func refParam(c *echo.Context) (string, error) {
	ref := c.Param("ref")
	if ref == "" || !validRef(ref) {
		return "", notHere("ref", "Must be a partnership's ref, such as PP-2026-001")
	}
	return ref, nil
}

// validRef applies the contract's rule for refs (package partnership's
// Validate, so there is one rule).
func validRef(ref string) bool {
	return !slices.ContainsFunc(partnership.Validate(&partnership.Partnership{Ref: ref}),
		func(p partnership.Problem) bool { return p.Path == "ref" })
}

// positiveParam is a path parameter that must be a whole number from 1.
func positiveParam(c *echo.Context, name string) (int64, error) {
	n, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || n < 1 {
		return 0, notHere(name, "Must be a whole number from 1")
	}
	return n, nil
}

// notHere is a 404 for an address that names something the wrong way.
func notHere(path, message string) *partnership.Error {
	return &partnership.Error{Code: partnership.ENotFound, Message: "There is nothing at this address.",
		Problems: []partnership.Problem{{Path: path, Message: message}}}
}
