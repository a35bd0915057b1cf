package api

import (
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// reviewBody is the optional body of a review step: a comment, which
// returning a draft requires.
type reviewBody struct {
	Comment string `json:"comment"`
}

// submitDocument answers POST /api/v1/documents/:id/submit: a draft goes to
// legal review.
func (s *Server) submitDocument(c *echo.Context) error {
	actor, id, comment, err := reviewRequest(c, false)
	if err != nil {
		return err
	}
	d, err := s.flow.SubmitDocument(c.Request().Context(), actor, id, comment)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, d)
}

// returnDocument answers POST /api/v1/documents/:id/return with
// {"comment": "..."}: the draft goes back to the officer, saying why.
func (s *Server) returnDocument(c *echo.Context) error {
	actor, id, comment, err := reviewRequest(c, true)
	if err != nil {
		return err
	}
	d, err := s.flow.ReturnDocument(c.Request().Context(), actor, id, comment)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, d)
}

// approveDocument answers POST /api/v1/documents/:id/approve: a clean copy
// without the DRAFT mark is generated from the same revision and stored as
// the approved document, which is the answer (its address in Location).
func (s *Server) approveDocument(c *echo.Context) error {
	actor, id, comment, err := reviewRequest(c, false)
	if err != nil {
		return err
	}
	approved, err := s.flow.ApproveDocument(c.Request().Context(), actor, id, comment)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, documentPath(approved.ID))
	return sendJSON(c, http.StatusOK, approved)
}

// reviewRequest is who asks, about which document, with what comment (the
// body may be left out unless a comment is required).
func reviewRequest(c *echo.Context, needsComment bool) (partnership.Actor, int64, string, error) {
	actor, err := actorOf(c)
	if err != nil {
		return actor, 0, "", err
	}
	id, err := documentID(c)
	if err != nil {
		return actor, 0, "", err
	}
	var body reviewBody
	if err := decodeSmallBody(c, &body, !needsComment); err != nil {
		return actor, 0, "", err
	}
	return actor, id, body.Comment, nil
}

// reviewQueue answers GET /api/v1/review-queue: the documents waiting for
// legal review, oldest first.
func (s *Server) reviewQueue(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	docs, err := s.flow.ReviewQueue(c.Request().Context(), actor)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, listOf(docs))
}
