package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// partnershipData is a partnership's page: the current revision, its
// assessment, its documents and its revisions, and the form to generate a
// document for those who may.
type partnershipData struct {
	Revision    *partnership.Revision
	Documents   []partnership.Document
	Revisions   []partnership.Revision
	CanGenerate bool
	Kinds       []string
	Formats     []string
	Chosen      generateChoice // what was chosen, kept when the form has a problem
}

// generateChoice is the generate form's fields.
type generateChoice struct{ Kind, Format string }

// partnership shows the current revision of a partnership.
func (s *Server) partnership(c *echo.Context) error {
	p, err := s.partnershipPage(c, generateChoice{Format: string(workflow.FormatPDF)})
	if err != nil {
		return err
	}
	return s.showOK(c, "partnership", p)
}

// partnershipPage gathers a partnership's page for the ref in the address.
func (s *Server) partnershipPage(c *echo.Context, chosen generateChoice) (*page, error) {
	ctx, actor, ref := c.Request().Context(), actorOf(c), c.Param("ref")
	rev, err := s.flow.Partnership(ctx, actor, ref)
	if err != nil {
		return nil, err
	}
	data := &partnershipData{Revision: rev, CanGenerate: workflow.Allowed(actor.Role, workflow.ActionGenerateDocument),
		Kinds: s.flow.Kinds(), Formats: []string{string(workflow.FormatPDF), string(workflow.FormatDOCX), string(workflow.FormatHTML)},
		Chosen: chosen}
	if data.Documents, err = s.flow.Documents(ctx, actor, ref); err != nil {
		return nil, err
	}
	if data.Revisions, err = s.flow.Revisions(ctx, actor, ref); err != nil {
		return nil, err
	}
	return s.newPage(c, rev.Partnership.Name, data), nil
}

// generateDocument generates a draft of the chosen kind and format from the
// current revision and shows it. A missing choice, or a document the
// protocol does not allow for this partnership, is shown on the
// partnership's page beside the form.
func (s *Server) generateDocument(c *echo.Context) error {
	chosen := generateChoice{Kind: c.FormValue("kind"), Format: c.FormValue("format")}
	doc, err := s.flow.GenerateDocument(c.Request().Context(), actorOf(c), c.Param("ref"), chosen.Kind, workflow.Format(chosen.Format))
	problems := generateProblems(err)
	if problems == nil {
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, documentAddress(doc.ID)+"?done=generated")
	}
	p, perr := s.partnershipPage(c, chosen)
	if perr != nil {
		return perr
	}
	p.Errors = problems
	return s.show(c, http.StatusUnprocessableEntity, "partnership", p)
}

// generateProblems are the form's problems in err: a kind or format not
// chosen, or a document the protocol does not allow (shown against the
// kind); nil for any other error.
func generateProblems(err error) []fieldError {
	var problems []fieldError
	switch partnership.ErrorCode(err) {
	case partnership.EInvalid:
		for _, p := range err.(*partnership.Error).Problems {
			msg := "Choose a document to generate"
			if p.Path == "format" {
				msg = "Choose a format"
			}
			problems = append(problems, fieldError{Field: p.Path, Message: msg})
		}
	case partnership.EUnprocessable:
		problems = append(problems, fieldError{Field: "kind", Message: err.(*partnership.Error).Message})
	}
	return problems
}

func partnershipAddress(ref string) string { return "/partnerships/" + url.PathEscape(ref) }

// criteriaWords names the §3(a) criteria met.
func criteriaWords(cs []partnership.Criterion) string {
	words := make([]string, len(cs))
	for i, c := range cs {
		words[i] = phrase(c)
	}
	return strings.Join(words, "; ")
}

// basisWords is the UK GDPR Article 6 basis a partner relies on, in words:
// its own, or the council's when it gives none (and then says so); "" when
// neither is given.
func basisWords(p partnership.Partnership, pt partnership.Partner) string {
	basis, interest := p.PartnerBasis(pt)
	if basis == "" {
		return ""
	}
	s := phrase(basis) + " (" + basis.Article() + ")"
	if interest != "" {
		s += ": " + interest.Text()
	}
	if pt.LawfulBasis == "" {
		s += ", as the council's"
	}
	return s
}

// capWords is the liability cap agreed, in pounds, or that none was.
func capWords(pence *int64) string {
	if pence == nil {
		return "No cap agreed"
	}
	return poundsWords(*pence)
}
