package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
)

// returnedRevision is one partnership changed by a CMT return.
type returnedRevision struct {
	Ref      string `json:"ref"`
	Revision int    `json:"revision"`
}

// cmtReturn answers POST /api/v1/reports/cmt/:year/return: the workbook
// comes back with officers' entries, every cell is checked against the
// register's current revisions, and the changes are stored as new
// revisions (each reassessed) all together, or not at all. Problems in
// cells are answered 422 with each as {path: "Sheet!Cell", message}; a
// partnership changed since the workbook was made is 412 naming it.
func (s *Server) cmtReturn(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	fy, err := yearParam(c.Param("year"))
	if err != nil {
		return err
	}
	if err := requireWorkbook(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	body, err := readWorkbookBody(c.Request().Body)
	if err != nil {
		return err
	}
	out, err := s.importReturn(c.Request().Context(), fy, body, actor)
	s.metrics.returns.WithLabelValues(returnOutcome(err)).Inc()
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, listOf(out))
}

// importReturn checks a return's cells against the current revisions and
// stores the changes, all or none.
func (s *Server) importReturn(ctx context.Context, fy partnership.FinancialYear, body []byte, actor partnership.Actor) ([]returnedRevision, error) {
	revs, err := s.reg.CurrentRevisions(ctx)
	if err != nil {
		return nil, err
	}
	current := make(map[string]*partnership.Revision, len(revs))
	for i := range revs {
		current[revs[i].Ref] = &revs[i]
	}
	changes, problems, err := workbook.ReadReturn(bytes.NewReader(body), int64(len(body)), fy, current)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, cellProblems(problems)
	}
	now := time.Now()
	batch := make([]partnership.RevisionChange, len(changes))
	for i, ch := range changes {
		batch[i] = partnership.RevisionChange{Ref: ch.Ref, Base: ch.Base, Partnership: ch.Partnership,
			Assessment: s.gen.Assess(ch.Partnership, now)}
	}
	stored, err := s.reg.ApplyRevisions(ctx, batch, actor)
	if err != nil {
		return nil, err
	}
	out := make([]returnedRevision, len(stored))
	for i, rev := range stored {
		out[i] = returnedRevision{Ref: rev.Ref, Revision: rev.Number}
	}
	return out, nil
}

// cellProblems is the 422 for a return with problems in its cells, each
// named Sheet!Cell as Excel writes a reference, and by sheet and cell.
func cellProblems(problems []workbook.CellProblem) error {
	out := make([]partnership.Problem, len(problems))
	for i, p := range problems {
		path := p.Sheet
		if p.Cell != "" {
			path = p.Sheet + "!" + p.Cell
		}
		out[i] = partnership.Problem{Path: path, Sheet: p.Sheet, Cell: p.Cell, Message: p.Message}
	}
	return &partnership.Error{Code: partnership.EInvalid, Message: fmt.Sprintf(
		"The return has %d %s; nothing was applied. Correct the cells and send it again.",
		len(out), plural(len(out), "problem", "problems")), Problems: out}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// requireWorkbook accepts a body sent as an Excel workbook or as plain
// bytes (what most clients send for a file).
func requireWorkbook(contentType string) error {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil || (mediaType != xlsxContentType && mediaType != "application/octet-stream") {
		return partnership.NewError(partnership.EUnsupported,
			`The body must be the workbook, sent as "Content-Type: `+xlsxContentType+`" or "application/octet-stream".`)
	}
	return nil
}

// readWorkbookBody reads the whole body (the workbook is a zip, read from
// its end); limitBody has capped it at MaxReturnBytes.
func readWorkbookBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(r)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errTooLargeFor(MaxReturnBytes)
	case err != nil:
		return nil, partnership.NewError(partnership.EMalformed, "The body could not be read to the end.")
	case len(body) == 0:
		return nil, partnership.NewError(partnership.EInvalid, "The body is empty: send the workbook.")
	}
	return body, nil
}
