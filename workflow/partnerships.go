package workflow

import (
	"context"
	"strconv"
	"time"

	"partnerdocs/partnership"
)

// Assess is what the protocol says of a proposal, judged on asOf (zero:
// now). The partnership is already decoded and validated.
func (s *Service) Assess(actor partnership.Actor, p *partnership.Partnership, asOf time.Time) (partnership.Assessment, error) {
	if err := Authorize(actor, ActionAssess); err != nil {
		return partnership.Assessment{}, err
	}
	if asOf.IsZero() {
		asOf = s.now()
	}
	return s.assess(p, asOf), nil
}

// CreatePartnership adds a partnership to the register as revision 1,
// assessed now. An empty ref is assigned.
func (s *Service) CreatePartnership(ctx context.Context, actor partnership.Actor, p *partnership.Partnership) (*partnership.Revision, error) {
	reg, err := s.authorized(actor, ActionCreatePartnership)
	if err != nil {
		return nil, err
	}
	if err := validated(p); err != nil {
		return nil, err
	}
	return reg.CreatePartnership(ctx, p, s.assess(p, s.now()), actor)
}

// UpdatePartnership stores p as the next revision of ref when base is the
// current revision (EStale otherwise). p's ref must be ref or empty.
func (s *Service) UpdatePartnership(ctx context.Context, actor partnership.Actor, ref string, base int, p *partnership.Partnership) (*partnership.Revision, error) {
	reg, err := s.authorized(actor, ActionUpdatePartnership)
	if err != nil {
		return nil, err
	}
	if p.Ref != "" && p.Ref != ref {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(1),
			Problems: []partnership.Problem{{Path: "ref", Message: "Must be " + strconv.Quote(ref) + " (the ref in the address) or left out"}}}
	}
	p.Ref = ref
	if err := validated(p); err != nil {
		return nil, err
	}
	return reg.UpdatePartnership(ctx, ref, base, p, s.assess(p, s.now()), actor)
}

// Partnership is the current revision of ref.
func (s *Service) Partnership(ctx context.Context, actor partnership.Actor, ref string) (*partnership.Revision, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	return reg.Partnership(ctx, ref)
}

// Revision is revision n of ref.
func (s *Service) Revision(ctx context.Context, actor partnership.Actor, ref string, n int) (*partnership.Revision, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	return reg.PartnershipRevision(ctx, ref, n)
}

// Revisions lists every revision of ref, oldest first, without the
// partnership itself.
func (s *Service) Revisions(ctx context.Context, actor partnership.Actor, ref string) ([]partnership.Revision, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	return reg.Revisions(ctx, ref)
}

// RevisionComparison is two revisions of a partnership and the fields in
// which they differ.
type RevisionComparison struct {
	From, To *partnership.Revision
	Changes  []partnership.Change
}

// CompareRevisions compares revision from of ref with revision to, field
// by field. A revision number that is not one of ref's is ENotFound; the
// same number twice is EInvalid.
func (s *Service) CompareRevisions(ctx context.Context, actor partnership.Actor, ref string, from, to int) (*RevisionComparison, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, err
	}
	if from == to {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: "Choose two different revisions to compare",
			Problems: []partnership.Problem{{Path: "to", Message: "Choose a revision other than the first"}}}
	}
	a, err := reg.PartnershipRevision(ctx, ref, from)
	if err != nil {
		return nil, err
	}
	b, err := reg.PartnershipRevision(ctx, ref, to)
	if err != nil {
		return nil, err
	}
	return &RevisionComparison{From: a, To: b, Changes: partnership.Changes(&a.Partnership, &b.Partnership)}, nil
}

// ListPartnerships is a page of current revisions matching filter; next is
// the cursor of the next page, "" at the end.
func (s *Service) ListPartnerships(ctx context.Context, actor partnership.Actor, filter partnership.PartnershipFilter) ([]partnership.PartnershipSummary, string, error) {
	reg, err := s.authorized(actor, ActionReadRegister)
	if err != nil {
		return nil, "", err
	}
	return reg.ListPartnerships(ctx, filter)
}

// assess applies the protocol's rules (package partnership decides) with
// the council profile, whose role titles name the approvers.
func (s *Service) assess(p *partnership.Partnership, asOf time.Time) partnership.Assessment {
	return partnership.Assess(p, s.gen.Council(), asOf)
}

// authorized is the register, when actor may do a.
func (s *Service) authorized(actor partnership.Actor, a Action) (Register, error) {
	if err := Authorize(actor, a); err != nil {
		return nil, err
	}
	return s.register()
}

// validated is nil when p keeps the contract, and otherwise the
// validation error naming every problem: a front end that forgot to
// validate cannot store an invalid partnership.
func validated(p *partnership.Partnership) error {
	if p == nil {
		return partnership.NewError(partnership.EInvalid, "No partnership given.")
	}
	problems := partnership.Validate(p)
	if len(problems) == 0 {
		return nil
	}
	return &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(len(problems)), Problems: problems}
}

// ProblemCount is the message of a validation error with n problems.
func ProblemCount(n int) string {
	if n == 1 {
		return "The request has 1 problem."
	}
	return "The request has " + strconv.Itoa(n) + " problems."
}
