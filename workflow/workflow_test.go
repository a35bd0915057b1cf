package workflow_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// newService is the real use cases over the real generator and a new
// SQLite register in a temporary directory.
func newService(t *testing.T) (*workflow.Service, *store.DB) {
	t.Helper()
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	s, err := workflow.New(gen, reg, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, reg
}

func sample(t *testing.T, name string) *partnership.Partnership {
	t.Helper()
	data, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	admin   = partnership.Actor{Name: "Ada Admin", Role: partnership.RoleAdmin}
	officer = partnership.Actor{Name: "Olu Officer", Role: partnership.RoleOfficer}
	lawyer  = partnership.Actor{Name: "Lee Legal", Role: partnership.RoleLegal}
)

// useCase is one use case called as some actor.
type useCase struct {
	action workflow.Action
	call   func(ctx context.Context, s *workflow.Service, a partnership.Actor) error
}

// useCases calls every use case of the Service that a front end may call on
// someone's behalf, with arguments that exist (ref and id).
func useCases(t *testing.T, ref string, id int64) map[string]useCase {
	p := sample(t, "waste-partnership.json")
	return map[string]useCase{
		"Assess": {workflow.ActionAssess, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Assess(a, p, time.Time{})
			return err
		}},
		"Render": {workflow.ActionRender, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Render(ctx, a, workflow.RenderRequest{Kind: "mou", Format: workflow.FormatHTML, Partnership: p})
			return err
		}},
		"Compare": {workflow.ActionRender, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			v := workflow.VersionRequest{Partnership: p, Label: "this"}
			_, err := s.Compare(ctx, a, workflow.CompareRequest{Kind: "mou", Format: workflow.FormatHTML, Old: v, New: v})
			return err
		}},
		"CreatePartnership": {workflow.ActionCreatePartnership, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			q := *p
			q.Ref = ""
			_, err := s.CreatePartnership(ctx, a, &q)
			return err
		}},
		"UpdatePartnership": {workflow.ActionUpdatePartnership, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			q := *p
			_, err := s.UpdatePartnership(ctx, a, ref, 1, &q)
			return err
		}},
		"Partnership": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Partnership(ctx, a, ref)
			return err
		}},
		"Revision": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Revision(ctx, a, ref, 1)
			return err
		}},
		"Revisions": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Revisions(ctx, a, ref)
			return err
		}},
		"CompareRevisions": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.CompareRevisions(ctx, a, ref, 1, 2)
			return err
		}},
		"ListPartnerships": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, _, err := s.ListPartnerships(ctx, a, partnership.PartnershipFilter{Limit: 10})
			return err
		}},
		"GenerateDocument": {workflow.ActionGenerateDocument, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.GenerateDocument(ctx, a, ref, "mou", workflow.FormatHTML)
			return err
		}},
		"Documents": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Documents(ctx, a, ref)
			return err
		}},
		"Document": {workflow.ActionReadRegister, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Document(ctx, a, id)
			return err
		}},
		"CompareDocuments": {workflow.ActionCompareDocuments, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.CompareDocuments(ctx, a, id, id, workflow.FormatHTML)
			return err
		}},
		"SubmitDocument": {workflow.ActionSubmitDocument, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.SubmitDocument(ctx, a, id, "")
			return err
		}},
		"ApproveDocument": {workflow.ActionApproveDocument, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.ApproveDocument(ctx, a, id, "")
			return err
		}},
		"ReturnDocument": {workflow.ActionReturnDocument, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.ReturnDocument(ctx, a, id, "Clause 4 needs the s.101 delegation.")
			return err
		}},
		"ReviewQueue": {workflow.ActionReviewQueue, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.ReviewQueue(ctx, a)
			return err
		}},
		"Audit": {workflow.ActionAudit, func(ctx context.Context, s *workflow.Service, a partnership.Actor) error {
			_, err := s.Audit(ctx, a, 0, 10)
			return err
		}},
	}
}

// TestEveryUseCaseChecksItsAction calls every use case as every role: a
// role the table leaves out is refused with EForbidden before anything is
// read or stored, whichever front end called; a role it lets in is never
// refused for its role. So a new front end (the forms) cannot do more than
// the table allows by forgetting a check.
func TestEveryUseCaseChecksItsAction(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.GenerateDocument(ctx, officer, rev.Ref, "mou", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	for name, uc := range useCases(t, rev.Ref, doc.ID) {
		for _, role := range partnership.RoleValues {
			err := uc.call(ctx, s, partnership.Actor{Name: "Test " + string(role), Role: role})
			forbidden := partnership.ErrorCode(err) == partnership.EForbidden
			if allowed := workflow.Allowed(role, uc.action); forbidden == allowed {
				t.Errorf("%s as %s: %v; the table says allowed=%v", name, role, err, allowed)
			}
		}
	}
}

// TestCompareRevisions: two revisions of a partnership compared field by
// field; the same revision twice, or one that does not exist, is refused.
func TestCompareRevisions(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	p := sample(t, "waste-partnership.json")
	rev, err := s.CreatePartnership(ctx, officer, p)
	if err != nil {
		t.Fatal(err)
	}
	q := rev.Partnership
	q.Name = "Renamed <b>partnership</b>"
	if _, err := s.UpdatePartnership(ctx, officer, rev.Ref, 1, &q); err != nil {
		t.Fatal(err)
	}
	cmp, err := s.CompareRevisions(ctx, lawyer, rev.Ref, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.From.Number != 1 || cmp.To.Number != 2 || len(cmp.Changes) != 1 ||
		cmp.Changes[0] != (partnership.Change{Path: "name", Before: p.Name, After: q.Name}) {
		t.Errorf("compared: %d to %d, %+v", cmp.From.Number, cmp.To.Number, cmp.Changes)
	}
	if _, err := s.CompareRevisions(ctx, lawyer, rev.Ref, 2, 2); partnership.ErrorCode(err) != partnership.EInvalid {
		t.Errorf("the same revision twice: %v, want invalid", err)
	}
	if _, err := s.CompareRevisions(ctx, lawyer, rev.Ref, 1, 9); partnership.ErrorCode(err) != partnership.ENotFound {
		t.Errorf("a revision that does not exist: %v, want not found", err)
	}
}

// TestRolesAsTheReadmeSaysThem pins the table to the roles as the README
// describes them, so a slip in the table is caught here and not by a user.
func TestRolesAsTheReadmeSaysThem(t *testing.T) {
	want := map[partnership.Role][]workflow.Action{
		partnership.RoleOfficer: {workflow.ActionAssess, workflow.ActionRender, workflow.ActionCreatePartnership,
			workflow.ActionUpdatePartnership, workflow.ActionReadRegister, workflow.ActionGenerateDocument, workflow.ActionSubmitDocument,
			workflow.ActionCompareDocuments},
		partnership.RoleLegal: {workflow.ActionAssess, workflow.ActionRender, workflow.ActionReadRegister,
			workflow.ActionApproveDocument, workflow.ActionReturnDocument, workflow.ActionReviewQueue, workflow.ActionCompareDocuments},
		partnership.RolePolicy: {workflow.ActionAssess, workflow.ActionRender, workflow.ActionReadRegister,
			workflow.ActionReviewQueue, workflow.ActionAudit, workflow.ActionCMTWorkbook, workflow.ActionCMTReturn,
			workflow.ActionCompareDocuments},
		partnership.RoleAdmin: workflow.Actions(),
	}
	for role, actions := range want {
		may := map[workflow.Action]bool{}
		for _, a := range actions {
			may[a] = true
		}
		for _, a := range workflow.Actions() {
			if got := workflow.Allowed(role, a); got != may[a] {
				t.Errorf("%s may %s: %v, want %v", role, a, got, may[a])
			}
		}
	}
}

// TestInvalidPartnershipIsNeverStored: a front end that forgets to
// validate still cannot store a partnership that breaks the contract.
func TestInvalidPartnershipIsNeverStored(t *testing.T) {
	s, reg := newService(t)
	ctx := t.Context()
	p := sample(t, "waste-partnership.json")
	p.Name = ""
	p.Partners[0].Name = string(make([]byte, 0))
	_, err := s.CreatePartnership(ctx, officer, p)
	pe, ok := err.(*partnership.Error)
	if !ok || pe.Code != partnership.EInvalid || len(pe.Problems) < 2 {
		t.Fatalf("create with no name: %v, want every problem named", err)
	}
	if !hasPath(pe.Problems, "name") || !hasPath(pe.Problems, "partners[0].name") {
		t.Errorf("problems %+v do not name name and partners[0].name", pe.Problems)
	}
	page, _, err := reg.ListPartnerships(ctx, partnership.PartnershipFilter{Limit: 10})
	if err != nil || len(page) != 0 {
		t.Errorf("register after a refused create: %d partnerships, %v", len(page), err)
	}
}

// TestUpdateKeepsTheRefOfTheAddress: the ref in the body must be the one
// being updated, or left out.
func TestUpdateKeepsTheRefOfTheAddress(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := sample(t, "waste-partnership.json")
	p.Ref = "PP-1999-001"
	_, err = s.UpdatePartnership(ctx, officer, rev.Ref, 1, p)
	if pe, ok := err.(*partnership.Error); !ok || pe.Code != partnership.EInvalid || !hasPath(pe.Problems, "ref") {
		t.Fatalf("update with another ref: %v, want a problem at ref", err)
	}
	p.Ref = ""
	got, err := s.UpdatePartnership(ctx, officer, rev.Ref, 1, p)
	if err != nil || got.Number != 2 || got.Ref != rev.Ref {
		t.Fatalf("update without a ref: %+v, %v; want revision 2 of %s", got, err, rev.Ref)
	}
	if _, err := s.UpdatePartnership(ctx, officer, rev.Ref, 1, p); partnership.ErrorCode(err) != partnership.EStale {
		t.Errorf("update based on revision 1 after 2: %v, want stale", err)
	}
}

// TestReviewSteps takes a draft through return, resubmission and approval:
// a return must say why, only a draft in review can be approved, and the
// approved copy is generated from the same revision without the DRAFT mark.
func TestReviewSteps(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.GenerateDocument(ctx, officer, rev.Ref, "mou", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := s.Document(ctx, officer, draft.ID); err != nil || !bytes.Contains(d.Bytes, []byte("DRAFT")) {
		t.Fatalf("the draft (%v) does not carry the DRAFT mark", err)
	}
	if _, err := s.ApproveDocument(ctx, lawyer, draft.ID, ""); partnership.ErrorCode(err) != partnership.EConflict {
		t.Errorf("approving a draft not in review: %v, want conflict", err)
	}
	if _, err := s.SubmitDocument(ctx, officer, draft.ID, ""); err != nil {
		t.Fatal(err)
	}
	_, err = s.ReturnDocument(ctx, lawyer, draft.ID, "   ")
	if pe, ok := err.(*partnership.Error); !ok || !hasPath(pe.Problems, "comment") {
		t.Errorf("returning without a reason: %v, want a problem at comment", err)
	}
	approved, err := s.ApproveDocument(ctx, lawyer, draft.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if approved.Status != partnership.DocumentApproved || approved.ApprovedOf != draft.ID || approved.Revision != draft.Revision {
		t.Errorf("approved copy %+v, want approved, of draft %d, revision %d", approved, draft.ID, draft.Revision)
	}
	stored, err := s.Document(ctx, lawyer, approved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored.Bytes, []byte("DRAFT")) {
		t.Error("the approved copy still carries the DRAFT mark")
	}
	queue, err := s.ReviewQueue(ctx, lawyer)
	if err != nil || len(queue) != 0 {
		t.Errorf("review queue after approval: %d, %v", len(queue), err)
	}
}

// TestRenderWithoutRegister: the command line renders and assesses with no
// register; a use case that needs one says so rather than panicking.
func TestRenderWithoutRegister(t *testing.T) {
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := workflow.New(gen, nil, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Render(t.Context(), admin, workflow.RenderRequest{Kind: "agreement", Format: workflow.FormatHTML,
		Partnership: sample(t, "waste-partnership.json")})
	if err != nil || !bytes.Contains(doc.Bytes, []byte("<h1")) {
		t.Fatalf("render without a register: %v", err)
	}
	if _, err := s.Partnership(t.Context(), admin, "PP-2026-001"); err == nil {
		t.Error("reading the register of a service without one: no error")
	}
}

func hasPath(problems []partnership.Problem, path string) bool {
	for _, p := range problems {
		if p.Path == path {
			return true
		}
	}
	return false
}

// TestActionsAreSortedAndDistinct: Actions lists each action once, sorted.
func TestActionsAreSortedAndDistinct(t *testing.T) {
	all := workflow.Actions()
	for i := 1; i < len(all); i++ {
		if all[i-1] >= all[i] {
			t.Errorf("Actions: %q before %q", all[i-1], all[i])
		}
	}
}
