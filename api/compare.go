package api

import (
	"fmt"

	"github.com/labstack/echo/v5"

	"partnerdocs/workflow"
)

// compareDocuments answers GET /api/v1/documents/:id/compare/:other: the
// redline of two stored versions of one partnership's document of one
// kind. ?format=html (the default, a page shown inline), docx (Word with
// tracked changes) or pdf, both downloads.
func (s *Server) compareDocuments(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	id, err := documentID(c)
	if err != nil {
		return err
	}
	other, err := positiveParam(c, "other")
	if err != nil {
		return err
	}
	// The generator refuses a format it cannot write.
	format := workflow.Format(c.QueryParam("format"))
	if format == "" {
		format = workflow.FormatHTML
	}
	cmp, err := s.flow.CompareDocuments(c.Request().Context(), actor, id, other, format)
	if err != nil {
		return err
	}
	name := documentFilename(cmp.Ref, fmt.Sprintf("%s-compare-%d-%d", cmp.Kind, cmp.Older, cmp.Newer), format)
	return sendDocument(c, cmp.Redline, name)
}
