package api

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v5"
	"golang.org/x/text/unicode/norm"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// maxCommentChars bounds a review comment: long enough for a lawyer's
// notes, short enough that the review history stays readable.
const maxCommentChars = 10_000

// reviewBody is the body of a review step: a comment, required when a
// draft is returned and optional when it is approved.
type reviewBody struct {
	Comment string `json:"comment"`
}

// submitDocument answers POST /api/v1/documents/:id/submit: an officer
// sends a draft to legal review.
func (s *Server) submitDocument(c *echo.Context) error {
	return s.reviewStep(c, partnership.ReviewSubmit, false)
}

// returnDocument answers POST /api/v1/documents/:id/return: legal sends a
// draft back to the officer with a comment saying why.
func (s *Server) returnDocument(c *echo.Context) error {
	return s.reviewStep(c, partnership.ReviewReturn, true)
}

// reviewStep applies a step that needs no new document.
func (s *Server) reviewStep(c *echo.Context, action partnership.ReviewAction, needsComment bool) error {
	actor, id, step, err := reviewRequest(c, action, needsComment)
	if err != nil {
		return err
	}
	d, err := s.reg.Review(c.Request().Context(), id, step, nil, actor)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, d)
}

// approveDocument answers POST /api/v1/documents/:id/approve. The approved
// copy is rendered again from the same revision, kind and format, without
// the DRAFT mark, and stored beside the draft it was approved from.
func (s *Server) approveDocument(c *echo.Context) error {
	actor, id, step, err := reviewRequest(c, partnership.ReviewApprove, false)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	draft, err := s.reg.Document(ctx, id)
	if err != nil {
		return err
	}
	if draft.Status != partnership.DocumentInReview {
		return notInReview(draft)
	}
	rev, err := s.reg.PartnershipRevision(ctx, draft.Ref, draft.Revision)
	if err != nil {
		return err
	}
	doc, err := s.renderRevision(c, rev, draft.Kind, generator.Format(draft.Format), true)
	if err != nil {
		return err
	}
	clean := registerDocument(rev, doc, actor)
	clean.Status, clean.ApprovedOf = partnership.DocumentApproved, draft.ID
	approved, err := s.reg.Review(ctx, id, step, clean, actor)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, documentPath(approved.ID))
	return sendJSON(c, http.StatusOK, approved)
}

// notInReview refuses to approve a document that is not waiting for it,
// before the work of rendering it again (the register checks again, in its
// transaction).
func notInReview(d *partnership.Document) error {
	return partnership.NewError(partnership.EConflict,
		"Only a document in review can be approved; this one is "+string(d.Status)+".")
}

// reviewRequest reads who is acting, on which document, with what comment.
func reviewRequest(c *echo.Context, action partnership.ReviewAction, needsComment bool) (partnership.Actor, int64, partnership.ReviewEvent, error) {
	var step partnership.ReviewEvent
	actor, err := actorOf(c)
	if err != nil {
		return actor, 0, step, err
	}
	id, err := documentID(c)
	if err != nil {
		return actor, 0, step, err
	}
	comment, err := reviewComment(c, needsComment)
	if err != nil {
		return actor, 0, step, err
	}
	step = partnership.ReviewEvent{DocumentID: id, Action: action, By: actor.Name, At: time.Now().UTC(), Comment: comment}
	return actor, id, step, nil
}

func reviewComment(c *echo.Context, required bool) (string, error) {
	var body reviewBody
	if err := decodeSmallBody(c, &body, !required); err != nil {
		return "", err
	}
	comment := norm.NFC.String(strings.TrimSpace(body.Comment))
	var problem string
	switch {
	case required && comment == "":
		problem = "Say why the draft is being returned"
	case utf8.RuneCountInString(comment) > maxCommentChars:
		problem = "Must be 10000 characters or fewer"
	}
	if problem != "" {
		return "", withProblems(nil, []partnership.Problem{{Path: "comment", Message: problem}})
	}
	return comment, nil
}

// reviewQueue answers GET /api/v1/review-queue: documents waiting for
// legal review, oldest first.
func (s *Server) reviewQueue(c *echo.Context) error {
	docs, err := s.reg.ReviewQueue(c.Request().Context())
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, listOf(docs))
}
