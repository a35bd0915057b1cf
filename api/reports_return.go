package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

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
	body, err := readWorkbookBody(c.Request().Body)
	if err != nil {
		return err
	}
	if err := requireWorkbook(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	out, err := s.flow.ImportReturn(c.Request().Context(), actor, fy, bytes.NewReader(body), int64(len(body)))
	s.metrics.returns.WithLabelValues(returnOutcome(err)).Inc()
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, listOf(out))
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
// its end); limitBody has capped it at workflow.MaxReturnBytes. It is read
// before its media type is checked, so that a return sent with no body at
// all is told it is empty (422), not that its type is wrong.
func readWorkbookBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(r)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errTooLargeFor(workflow.MaxReturnBytes)
	case err != nil:
		return nil, bodyReadError(err)
	case len(body) == 0:
		return nil, partnership.NewError(partnership.EInvalid, "The body is empty: send the workbook.")
	}
	return body, nil
}
