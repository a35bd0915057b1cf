package web

import (
	"strconv"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// reviewQueue is legal's queue: the drafts waiting for review, oldest
// submission first.
func (s *Server) reviewQueue(c *echo.Context) error {
	queue, err := s.flow.ReviewQueue(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return s.showOK(c, "review", s.newPage(c, "Legal review", queue))
}

// auditData is a page of the audit trail and the address of the next.
type auditData struct {
	Entries []partnership.AuditEntry
	Older   string
}

const auditPageSize = 50

// audit is the audit trail, newest first, a page at a time.
func (s *Server) audit(c *echo.Context) error {
	before, err := strconv.ParseInt(c.QueryParamOr("before", "0"), 10, 64)
	if err != nil || before < 0 {
		return partnership.NewError(partnership.ENotFound, "")
	}
	entries, err := s.flow.Audit(c.Request().Context(), actorOf(c), before, auditPageSize)
	if err != nil {
		return err
	}
	data := auditData{Entries: entries}
	if len(entries) == auditPageSize && entries[len(entries)-1].ID > 1 {
		data.Older = "/audit?before=" + strconv.FormatInt(entries[len(entries)-1].ID, 10)
	}
	return s.showOK(c, "audit", s.newPage(c, "Audit trail", data))
}
