package workflow

import (
	"context"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// MaxCommentChars bounds a review comment.
const MaxCommentChars = 10_000

// SubmitDocument sends a draft for legal review, with an optional comment.
func (s *Service) SubmitDocument(ctx context.Context, actor partnership.Actor, id int64, comment string) (*partnership.Document, error) {
	return s.reviewStep(ctx, actor, ActionSubmitDocument, id, partnership.ReviewSubmit, comment)
}

// ReturnDocument returns a draft in review to the officer, saying why.
func (s *Service) ReturnDocument(ctx context.Context, actor partnership.Actor, id int64, comment string) (*partnership.Document, error) {
	return s.reviewStep(ctx, actor, ActionReturnDocument, id, partnership.ReviewReturn, comment)
}

// ApproveDocument approves a draft in review: a clean copy without the
// DRAFT mark is made from exactly what was reviewed (the same revision,
// templates, council profile and date) and stored as the approved
// document, which is returned. Nobody approves a draft they generated or
// submitted, unless the council profile allows it (audited as such); and
// when the templates or the profile have changed since the draft was made,
// approval is refused (EConflict): the draft must be made and reviewed
// again.
func (s *Service) ApproveDocument(ctx context.Context, actor partnership.Actor, id int64, comment string) (*partnership.Document, error) {
	reg, err := s.authorized(actor, ActionApproveDocument)
	if err != nil {
		return nil, err
	}
	step, err := s.reviewEvent(actor, id, partnership.ReviewApprove, comment)
	if err != nil {
		return nil, err
	}
	draft, err := reg.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if draft.Status != partnership.DocumentInReview {
		return nil, partnership.NewError(partnership.EConflict,
			"Only a document in review can be approved; this one is "+string(draft.Status)+".")
	}
	if step.Note, err = s.separateDuties(actor, draft); err != nil {
		return nil, err
	}
	if err := s.sameMaking(draft); err != nil {
		return nil, err
	}
	rev, err := reg.PartnershipRevision(ctx, draft.Ref, draft.Revision)
	if err != nil {
		return nil, err
	}
	doc, err := s.renderRevisionAt(ctx, rev, draft.Kind, generator.Format(draft.Format), true, draft.DatedAt)
	if err != nil {
		return nil, err
	}
	clean := storedDocument(rev, doc, actor)
	clean.Status, clean.ApprovedOf = partnership.DocumentApproved, draft.ID
	return reg.Review(ctx, id, step, clean, actor)
}

// MayApprove reports whether actor may approve draft as it stands: their
// role may, the draft is in review, and they did not generate or submit
// it (or the council profile allows that). A front end offers approval
// only then; ApproveDocument checks again.
func (s *Service) MayApprove(actor partnership.Actor, draft *partnership.Document) bool {
	_, err := s.separateDuties(actor, draft)
	return Allowed(actor.Role, ActionApproveDocument) && draft.Status == partnership.DocumentInReview && err == nil
}

// separateDuties refuses an approval by whoever generated or submitted the
// draft, unless the council profile allows it; then it answers the note
// the audit entry carries.
func (s *Service) separateDuties(actor partnership.Actor, draft *partnership.Document) (string, error) {
	own := draft.GeneratedBy == actor.Name
	for _, r := range draft.Reviews {
		own = own || (r.Action == partnership.ReviewSubmit && r.By == actor.Name)
	}
	switch {
	case !own:
		return "", nil
	case s.gen.Council().AllowSelfApproval:
		return "approved by its own author, as the council profile allows (allow_self_approval)", nil
	}
	return "", partnership.NewError(partnership.EForbidden,
		"You generated or submitted this draft, so someone else must approve it.")
}

// sameMaking refuses approval when the draft's templates or council
// profile are not the ones the clean copy would be made with now.
func (s *Service) sameMaking(draft *partnership.Document) error {
	templates, profile, _ := s.gen.Fingerprints(draft.Kind)
	var changed []string
	switch {
	case draft.TemplateHash == "" || draft.ProfileHash == "":
		changed = append(changed, "this draft was made before partnerdocs recorded its templates and council profile")
	default:
		if templates != draft.TemplateHash {
			changed = append(changed, "the "+draft.Kind+" templates have changed since this draft was made (it was made with version "+draft.TemplateVersion+")")
		}
		if profile != draft.ProfileHash {
			changed = append(changed, "the council profile has changed since this draft was made")
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return partnership.NewError(partnership.EConflict, "This draft cannot be approved: "+strings.Join(changed, "; and ")+
		". Generate the document again and submit the new draft for review.")
}

func (s *Service) reviewStep(ctx context.Context, actor partnership.Actor, a Action, id int64, action partnership.ReviewAction, comment string) (*partnership.Document, error) {
	reg, err := s.authorized(actor, a)
	if err != nil {
		return nil, err
	}
	step, err := s.reviewEvent(actor, id, action, comment)
	if err != nil {
		return nil, err
	}
	return reg.Review(ctx, id, step, nil, actor)
}

// reviewEvent is the step to record, with its comment checked: a return
// must say why, and no comment may be longer than MaxCommentChars.
func (s *Service) reviewEvent(actor partnership.Actor, id int64, action partnership.ReviewAction, comment string) (partnership.ReviewEvent, error) {
	comment = norm.NFC.String(strings.TrimSpace(comment))
	var problem string
	switch {
	case action == partnership.ReviewReturn && comment == "":
		problem = "Say why the draft is being returned"
	case utf8.RuneCountInString(comment) > MaxCommentChars:
		problem = "Must be 10000 characters or fewer"
	}
	if problem != "" {
		return partnership.ReviewEvent{}, &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(1),
			Problems: []partnership.Problem{{Path: "comment", Message: problem}}}
	}
	return partnership.ReviewEvent{DocumentID: id, Action: action, By: actor.Name, At: s.now().UTC(), Comment: comment}, nil
}

// ReviewQueue lists the documents waiting for legal review, oldest first.
func (s *Service) ReviewQueue(ctx context.Context, actor partnership.Actor) ([]partnership.Document, error) {
	reg, err := s.authorized(actor, ActionReviewQueue)
	if err != nil {
		return nil, err
	}
	return reg.ReviewQueue(ctx)
}

// Audit lists the audit trail, newest first: at most limit entries before
// the entry with id before (0: from the newest).
func (s *Service) Audit(ctx context.Context, actor partnership.Actor, before int64, limit int) ([]partnership.AuditEntry, error) {
	reg, err := s.authorized(actor, ActionAudit)
	if err != nil {
		return nil, err
	}
	return reg.Audit(ctx, before, limit)
}
