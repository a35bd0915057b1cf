package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// Render renders one document, storing nothing, when a render slot is free
// (see Options.MaxConcurrentRenders); the others wait their turn, in order,
// for as long as ctx lasts. The partnership is already decoded and
// validated.
func (s *Service) Render(ctx context.Context, actor partnership.Actor, req generator.Request) (*generator.Document, error) {
	if err := Authorize(actor, ActionRender); err != nil {
		return nil, err
	}
	return s.render(ctx, req)
}

func (s *Service) render(ctx context.Context, req generator.Request) (*generator.Document, error) {
	held, err := s.takeRenderSlot(ctx, renderNeed(req))
	if err != nil {
		return nil, err
	}
	defer s.renders.release(held)
	start := time.Now()
	doc, err := s.gen.Render(ctx, req)
	s.obs.Rendered(req.Kind, doc, time.Since(start), err)
	return doc, err
}

// takeRenderSlot waits, as long as ctx lasts, for a render slot and the
// memory the render needs (see RenderLimiter).
func (s *Service) takeRenderSlot(ctx context.Context, need int64) (int64, error) {
	start := time.Now()
	held, err := s.renders.acquire(ctx, need)
	if err != nil {
		s.obs.RenderAbandoned()
		return 0, err
	}
	s.obs.RenderWaited(time.Since(start))
	return held, nil
}

// Prepare does the once-per-process work of a first render of kind in
// format (see generator.Generator.Prepare); a one-shot render runs it
// beside reading its input. It needs no permission: it reads nothing a
// caller gives and returns nothing.
func (s *Service) Prepare(kind string, format generator.Format) {
	s.gen.Prepare(kind, format)
}

// CheckKindAndFormat names, by "kind" and "format", what is wrong with a
// request for a document; an empty format means PDF.
func (s *Service) CheckKindAndFormat(kind string, format generator.Format) []partnership.Problem {
	var problems []partnership.Problem
	if kinds := s.gen.Kinds(); !slices.Contains(kinds, kind) {
		problems = append(problems, partnership.Problem{Path: "kind", Message: "Must be one of: " + strings.Join(kinds, ", ")})
	}
	if format != "" && !format.Valid() {
		problems = append(problems, partnership.Problem{Path: "format", Message: FormatProblem})
	}
	return problems
}

// GenerateDocument renders a draft of kind from ref's current revision and
// stores it as the next version of that kind. The draft is dated when its
// revision was saved, not by the clock (DatedAt; GeneratedAt is when it was
// made): the revision is what it sets out, its assessment made that day,
// and the same revision, templates and council profile then always make the
// same bytes, which the register keeps once however often the draft is
// generated again.
func (s *Service) GenerateDocument(ctx context.Context, actor partnership.Actor, ref, kind string, format generator.Format) (*partnership.Document, error) {
	reg, err := s.authorized(actor, ActionGenerateDocument)
	if err != nil {
		return nil, err
	}
	if problems := s.CheckKindAndFormat(kind, format); len(problems) > 0 {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(len(problems)), Problems: problems}
	}
	rev, err := reg.Partnership(ctx, ref)
	if err != nil {
		return nil, err
	}
	doc, err := s.renderRevisionAt(ctx, rev, kind, format, false, rev.CreatedAt)
	if err != nil {
		return nil, err
	}
	return reg.AddDocument(ctx, storedDocument(rev, doc, actor), actor)
}

// renderRevisionAt renders a revision as it was stored, dated at (an
// approved copy bears its draft's date, so that it says what was reviewed).
func (s *Service) renderRevisionAt(ctx context.Context, rev *partnership.Revision, kind string, format generator.Format, approved bool, at time.Time) (*generator.Document, error) {
	p := rev.Partnership
	p.Ref = rev.Ref
	return s.render(ctx, generator.Request{Kind: kind, Format: format, Partnership: &p, At: at, Approved: approved})
}

// storedDocument is what the register keeps of a generated document.
func storedDocument(rev *partnership.Revision, doc *generator.Document, by partnership.Actor) *partnership.Document {
	return &partnership.Document{
		Ref:              rev.Ref,
		Kind:             doc.Kind,
		Format:           string(doc.Format),
		Revision:         rev.Number,
		TemplateID:       doc.TemplateID,
		TemplateVersion:  doc.TemplateVersion,
		TemplateHash:     doc.TemplateHash,
		ProfileHash:      doc.ProfileHash,
		SHA256:           doc.SHA256,
		InputFingerprint: doc.InputFingerprint,
		DatedAt:          doc.GeneratedAt,
		GeneratedBy:      by.Name,
		Status:           partnership.DocumentDraft,
		Bytes:            doc.Bytes,
	}
}

// Documents lists ref's document versions, newest first, without bytes;
// an unknown ref is ENotFound, not an empty list.
func (s *Service) Documents(ctx context.Context, actor partnership.Actor, ref string) ([]partnership.Document, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	if _, err := reg.Partnership(ctx, ref); err != nil {
		return nil, err
	}
	return reg.Documents(ctx, ref)
}

// Document is one stored document with its bytes and review history.
func (s *Service) Document(ctx context.Context, actor partnership.Actor, id int64) (*partnership.Document, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	return reg.Document(ctx, id)
}

// RendersInProgress is how many documents are being rendered now.
func (s *Service) RendersInProgress() int { return s.renders.InProgress() }

// RenderLimit is how many documents may be rendered at once.
func (s *Service) RenderLimit() int { return s.renders.Limit() }
