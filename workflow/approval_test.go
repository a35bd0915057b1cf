package workflow_test

import (
	"html"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/store"
	"partnerdocs/templates"
	"partnerdocs/workflow"
)

// submitted generates an agreement of a new waste partnership as by, in
// format, and submits it for review.
func submitted(t *testing.T, s *workflow.Service, by partnership.Actor, format generator.Format) *partnership.Document {
	t.Helper()
	ctx := t.Context()
	p := sample(t, "waste-partnership.json")
	p.Ref = ""
	rev, err := s.CreatePartnership(ctx, by, p)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.GenerateDocument(ctx, by, rev.Ref, "agreement", format)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitDocument(ctx, by, draft.ID, ""); err != nil {
		t.Fatal(err)
	}
	return draft
}

// TestApprovedCopyIsWhatWasReviewed: the approved copy reads word for word
// as the reviewed draft, apart from the draft marks, and records the same
// templates and council profile. The web page copy is compared, whose text
// has no page breaks to move (the PDF's running header and footer fall
// elsewhere once the draft notice is gone); every format is made by the
// same call.
func TestApprovedCopyIsWhatWasReviewed(t *testing.T) {
	s, _ := newService(t)
	draft := submitted(t, s, officer, workflow.FormatHTML)
	// The partnership changes while its draft is in review: the approved
	// copy is still of the revision reviewed.
	cur, err := s.Partnership(t.Context(), officer, draft.Ref)
	if err != nil {
		t.Fatal(err)
	}
	cur.Partnership.Name = "Renamed after submission"
	if _, err := s.UpdatePartnership(t.Context(), officer, draft.Ref, cur.Number, &cur.Partnership); err != nil {
		t.Fatal(err)
	}
	approved, err := s.ApproveDocument(t.Context(), lawyer, draft.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	reviewed, err := s.Document(t.Context(), lawyer, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if approved.TemplateHash != draft.TemplateHash || approved.ProfileHash != draft.ProfileHash || len(draft.TemplateHash) != 64 {
		t.Errorf("approved copy made with templates %q and profile %q; the draft with %q and %q",
			approved.TemplateHash, approved.ProfileHash, draft.TemplateHash, draft.ProfileHash)
	}
	reviewedBody := draftingNotes.ReplaceAll(reviewed.Bytes, nil) // a draft mark too: the approved copy leaves it out
	if len(reviewedBody) == len(reviewed.Bytes) {
		t.Error("the reviewed draft has no drafting notes")
	}
	before, after := withoutDraftMarks(htmlText(reviewedBody)), withoutDraftMarks(htmlText(approved.Bytes))
	if before != after {
		t.Errorf("the approved copy's text differs from the reviewed draft's:\n%s", firstDifference(before, after))
	}
	if len(before) < 10_000 || !strings.Contains(htmlText(reviewed.Bytes), "DRAFT") {
		t.Fatalf("the draft's text is %d characters, marked DRAFT %v: the comparison proves little",
			len(before), strings.Contains(htmlText(reviewed.Bytes), "DRAFT"))
	}
}

// htmlText is the text of a page: its tags dropped, line breaks where
// block elements end, entities read.
func htmlText(page []byte) string {
	s := string(page)
	if i := strings.Index(s, "<body"); i >= 0 {
		s = s[i:]
	}
	s = blockEnd.ReplaceAllString(s, "\n")
	return html.UnescapeString(tag.ReplaceAllString(s, ""))
}

var (
	draftingNotes = regexp.MustCompile(`(?s)<aside class="drafting-notes".*?</aside>`)
	blockEnd      = regexp.MustCompile(`</(p|h[1-6]|li|div|td|th|tr|caption|header|footer|section|aside)>`)
	tag           = regexp.MustCompile(`<[^>]*>`)
)

// withoutDraftMarks is a document's text, words joined by single spaces,
// without the draft marks: the lines that say it is a draft, and the line
// of the draft notice saying when and from which template it was prepared.
func withoutDraftMarks(text string) string {
	var kept []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "Prepared on ") || strings.Contains(strings.ToLower(line), "draft") {
			continue
		}
		kept = append(kept, line)
	}
	return strings.Join(strings.Fields(strings.Join(kept, "\n")), " ")
}

func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return "reviewed: ..." + a[max(0, i-80):min(len(a), i+80)] + "\napproved: ..." + b[max(0, i-80):min(len(b), i+80)]
}

// TestApprovalRefusedWhenTheMakingChanged: a server restarted with a
// changed template (its version unchanged) or council profile refuses to
// approve a draft made before, saying what changed; the draft stays in
// review, and the original making approves it.
func TestApprovalRefusedWhenTheMakingChanged(t *testing.T) {
	reg, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	original := serviceWith(t, reg, generator.Options{})
	draft := submitted(t, original, officer, workflow.FormatPDF)

	changedTemplates := copyTemplates(t)
	main := changedTemplates["agreement/"+templates.MainFile]
	main.Data = append(main.Data, []byte("\nA sentence legal never saw.\n")...)
	renamed := partnership.DefaultCouncil()
	renamed.Name = "North Northamptonshire Council"
	for name, tc := range map[string]struct {
		opts generator.Options
		want string
	}{
		"template": {generator.Options{Templates: changedTemplates}, "the agreement templates have changed"},
		"profile":  {generator.Options{Council: &renamed}, "the council profile has changed"},
	} {
		_, err := serviceWith(t, reg, tc.opts).ApproveDocument(t.Context(), lawyer, draft.ID, "")
		if partnership.ErrorCode(err) != partnership.EConflict || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s changed: %v, want a conflict saying %q", name, err, tc.want)
		}
	}
	if d, err := original.Document(t.Context(), lawyer, draft.ID); err != nil || d.Status != partnership.DocumentInReview {
		t.Fatalf("after the refusals the draft is %v (%v), want in review", d.Status, err)
	}
	if _, err := original.ApproveDocument(t.Context(), lawyer, draft.ID, ""); err != nil {
		t.Errorf("approving with the templates and profile it was made with: %v", err)
	}
}

func serviceWith(t *testing.T, reg *store.DB, opts generator.Options) *workflow.Service {
	t.Helper()
	gen, err := generator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := workflow.New(gen, reg, workflow.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// copyTemplates is the embedded templates as a file system a test can
// change.
func copyTemplates(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(templates.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.Embedded(), path)
		out[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSeparationOfDuties: nobody approves a draft they generated or
// submitted, whatever their role, unless the council profile allows it;
// then the approval's audit entry says so.
func TestSeparationOfDuties(t *testing.T) {
	s, reg := newService(t)
	sam := partnership.Actor{Name: "Sam Sole", Role: partnership.RoleOfficer}
	for _, role := range partnership.RoleValues {
		if !workflow.Allowed(role, workflow.ActionApproveDocument) {
			continue
		}
		draft := submitted(t, s, sam, workflow.FormatHTML)
		_, err := s.ApproveDocument(t.Context(), partnership.Actor{Name: sam.Name, Role: role}, draft.ID, "")
		if partnership.ErrorCode(err) != partnership.EForbidden {
			t.Errorf("%s approving the draft they generated and submitted: %v, want forbidden", role, err)
		}
	}
	// Generated by one officer, submitted by an administrator, who then
	// may not approve it either.
	p := sample(t, "waste-partnership.json")
	p.Ref = ""
	rev, err := s.CreatePartnership(t.Context(), officer, p)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.GenerateDocument(t.Context(), officer, rev.Ref, "mou", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SubmitDocument(t.Context(), admin, draft.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApproveDocument(t.Context(), admin, draft.ID, ""); partnership.ErrorCode(err) != partnership.EForbidden {
		t.Errorf("the administrator who submitted it approving: %v, want forbidden", err)
	}

	small := partnership.DefaultCouncil()
	small.AllowSelfApproval = true
	alone := serviceWith(t, reg, generator.Options{Council: &small})
	own := submitted(t, alone, sam, workflow.FormatHTML)
	if _, err := alone.ApproveDocument(t.Context(), partnership.Actor{Name: sam.Name, Role: partnership.RoleAdmin}, own.ID, ""); err != nil {
		t.Fatalf("self-approval the profile allows: %v", err)
	}
	entries, err := reg.Audit(t.Context(), 0, 1)
	if err != nil || len(entries) != 1 || entries[0].Action != "document.approve" || !strings.Contains(entries[0].Detail, "allow_self_approval") {
		t.Errorf("the self-approval's audit entry: %+v, %v", entries, err)
	}
}
