package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// audit answers GET /api/v1/audit?before=ID&limit=N: the audit trail,
// newest first, a page at a time; next is the before of the next page.
func (s *Server) audit(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	r := &filterReader{q: c.QueryParams()}
	r.known("before", "limit")
	before, limit := r.entryID("before"), r.limit("limit")
	if len(r.problems) > 0 {
		return &partnership.Error{Code: partnership.EInvalid, Message: problemCount(len(r.problems)), Problems: r.problems}
	}
	if limit == 0 {
		limit = partnership.DefaultPageSize
	}
	entries, err := s.flow.Audit(c.Request().Context(), actor, before, limit)
	if err != nil {
		return err
	}
	next := ""
	if len(entries) == limit && entries[len(entries)-1].ID > 1 {
		next = strconv.FormatInt(entries[len(entries)-1].ID, 10)
	}
	return sendJSON(c, http.StatusOK, pageOf(entries, next))
}

// entryID is an audit entry's id, from 1.
func (r *filterReader) entryID(name string) int64 {
	v, ok := r.one(name)
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		r.add(name, "Must be the next cursor of the previous page (a whole number from 1)")
		return 0
	}
	return n
}
