package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// documentData is a stored document's page: what it is, its review
// history, its preview, and the review steps the signed-in role may take
// now.
type documentData struct {
	Document   *partnership.Document
	Name       string // the partnership's name
	CanSubmit  bool
	CanReview  bool   // approve or return
	OwnDraft   bool   // in review, their role reviews, but they generated or submitted it
	Comment    string // a return's comment as typed, kept when it has a problem
	ReturnNote string // the latest return's comment, for the officer
	// Previous is the version of this document before it (same kind and
	// format), which the page compares it with; nil for the first.
	Previous *partnership.Document
}

// document shows one stored document.
func (s *Server) document(c *echo.Context) error {
	p, err := s.documentPage(c)
	if err != nil {
		return err
	}
	return s.showOK(c, "document", p)
}

func (s *Server) documentPage(c *echo.Context) (*page, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	doc, err := s.storedDocument(c)
	if err != nil {
		return nil, err
	}
	rev, err := s.flow.Revision(ctx, actor, doc.Ref, doc.Revision)
	if err != nil {
		return nil, err
	}
	data := &documentData{Document: doc, Name: rev.Partnership.Name,
		CanSubmit: workflow.Allowed(actor.Role, workflow.ActionSubmitDocument) &&
			(doc.Status == partnership.DocumentDraft || doc.Status == partnership.DocumentReturned),
		CanReview: s.flow.MayApprove(actor, doc),
		OwnDraft: !s.flow.MayApprove(actor, doc) && doc.Status == partnership.DocumentInReview &&
			workflow.Allowed(actor.Role, workflow.ActionApproveDocument),
	}
	for _, r := range doc.Reviews {
		if r.Action == partnership.ReviewReturn {
			data.ReturnNote = r.Comment
		}
	}
	if data.Previous, err = s.previousVersion(c, doc); err != nil {
		return nil, err
	}
	return s.newPage(c, kindTitle(doc.Kind)+" for "+rev.Partnership.Name, data), nil
}

// previousVersion is the draft of doc's kind and format generated just
// before it, or nil (approved copies are not drafts, and are left out).
func (s *Server) previousVersion(c *echo.Context, doc *partnership.Document) (*partnership.Document, error) {
	if !workflow.Allowed(actorOf(c).Role, workflow.ActionCompareDocuments) {
		return nil, nil
	}
	docs, err := s.flow.Documents(c.Request().Context(), actorOf(c), doc.Ref)
	if err != nil {
		return nil, err
	}
	for i := range docs { // newest first
		d := &docs[i]
		if d.ID < doc.ID && d.Kind == doc.Kind && d.Format == doc.Format && d.ApprovedOf == 0 {
			return d, nil
		}
	}
	return nil, nil
}

// documentComparison sends the redline of the document with an earlier
// or later version of it, sandboxed like a preview.
func (s *Server) documentComparison(c *echo.Context) error {
	id, err1 := strconv.ParseInt(c.Param("id"), 10, 64)
	other, err2 := strconv.ParseInt(c.Param("other"), 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || other <= 0 {
		return partnership.NewError(partnership.ENotFound, "")
	}
	cmp, err := s.flow.CompareDocuments(c.Request().Context(), actorOf(c), id, other, workflow.FormatHTML)
	if err != nil {
		return err
	}
	return sendSandboxed(c, cmp.Redline.Bytes)
}

// storedDocument is the document whose id is in the address; an id that is
// not a number is a page that does not exist.
func (s *Server) storedDocument(c *echo.Context) (*partnership.Document, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, partnership.NewError(partnership.ENotFound, "")
	}
	return s.flow.Document(c.Request().Context(), actorOf(c), id)
}

// documentFile sends the stored bytes: a PDF or Word file as a download, a
// web page shown sandboxed (it runs nothing and reaches nothing).
func (s *Server) documentFile(c *echo.Context) error {
	doc, err := s.storedDocument(c)
	if err != nil {
		return err
	}
	name := doc.Ref + "-" + doc.Kind + "-v" + strconv.Itoa(doc.Version) + "." + doc.Format
	h := c.Response().Header()
	h.Set("ETag", `"`+doc.SHA256+`"`)
	switch workflow.Format(doc.Format) {
	case workflow.FormatHTML:
		return sendSandboxed(c, doc.Bytes)
	case workflow.FormatDOCX:
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", doc.Bytes)
	}
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/pdf", doc.Bytes)
}

// documentPreview renders the stored document again as a web page, from
// the same revision at the same generation time, for reading in the page
// whatever format was stored.
func (s *Server) documentPreview(c *echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	doc, err := s.storedDocument(c)
	if err != nil {
		return err
	}
	if workflow.Format(doc.Format) == workflow.FormatHTML {
		return sendSandboxed(c, doc.Bytes)
	}
	rev, err := s.flow.Revision(ctx, actor, doc.Ref, doc.Revision)
	if err != nil {
		return err
	}
	p := rev.Partnership
	p.Ref = rev.Ref
	out, err := s.flow.Render(ctx, actor, workflow.RenderRequest{Kind: doc.Kind, Format: workflow.FormatHTML, Partnership: &p,
		At: doc.DatedAt, Approved: doc.Status == partnership.DocumentApproved})
	if err != nil {
		return err
	}
	return sendSandboxed(c, out.Bytes)
}

// sendSandboxed sends a generated web page under a policy that lets it
// show its own inline styles and nothing else: no scripts, no requests, no
// forms, framed only by this service's pages. That last is said with
// X-Frame-Options, not frame-ancestors 'self': a sandboxed page's origin is
// opaque, so 'self' would match no page at all.
func sendSandboxed(c *echo.Context, body []byte) error {
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	return c.HTMLBlob(http.StatusOK, body)
}

// submitDocument sends a draft for legal review.
func (s *Server) submitDocument(c *echo.Context) error {
	return s.reviewStep(c, "submitted", func(id int64, comment string) (*partnership.Document, error) {
		return s.flow.SubmitDocument(c.Request().Context(), actorOf(c), id, comment)
	})
}

// approveDocument approves a draft in review and shows the approved copy.
func (s *Server) approveDocument(c *echo.Context) error {
	return s.reviewStep(c, "approved", func(id int64, comment string) (*partnership.Document, error) {
		return s.flow.ApproveDocument(c.Request().Context(), actorOf(c), id, comment)
	})
}

// returnDocument returns a draft to the officer; the comment is required,
// and a missing one is shown with the GOV.UK error pattern.
func (s *Server) returnDocument(c *echo.Context) error {
	return s.reviewStep(c, "returned", func(id int64, comment string) (*partnership.Document, error) {
		return s.flow.ReturnDocument(c.Request().Context(), actorOf(c), id, comment)
	})
}

// reviewStep takes one step on the document in the address and shows the
// result; a comment with a problem is shown on the document's page.
func (s *Server) reviewStep(c *echo.Context, done string, step func(id int64, comment string) (*partnership.Document, error)) error {
	doc, err := s.storedDocument(c)
	if err != nil {
		return err
	}
	comment := c.FormValue("comment")
	result, err := step(doc.ID, comment)
	if partnership.ErrorCode(err) != partnership.EInvalid {
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, documentAddress(result.ID)+"?done="+done)
	}
	p, perr := s.documentPage(c)
	if perr != nil {
		return perr
	}
	for _, prob := range err.(*partnership.Error).Problems {
		p.Errors = append(p.Errors, fieldError{Field: done + "-" + prob.Path, Message: prob.Message})
	}
	p.Data.(*documentData).Comment = comment
	return s.show(c, http.StatusUnprocessableEntity, "document", p)
}

func documentAddress(id int64) string { return "/documents/" + strconv.FormatInt(id, 10) }
