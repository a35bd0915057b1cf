package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

func draft(ref string, revision int, body string) *partnership.Document {
	return &partnership.Document{Ref: ref, Kind: "agreement", Format: "pdf", Revision: revision,
		TemplateID: "agreement", TemplateVersion: "1.0.0", InputFingerprint: "fp-" + body, Bytes: []byte(body)}
}

func addDocument(t *testing.T, r register, d *partnership.Document) *partnership.Document {
	t.Helper()
	stored, err := r.AddDocument(context.Background(), d, officer)
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	return stored
}

func TestDocumentsAndVersions(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		first := addDocument(t, r, draft(ref, 1, "%PDF first"))
		sum := sha256.Sum256([]byte("%PDF first"))
		if first.Version != 1 || first.Status != partnership.DocumentDraft || first.SHA256 != hex.EncodeToString(sum[:]) ||
			first.GeneratedBy != officer.Name || !first.GeneratedAt.Equal(start) || !first.DatedAt.Equal(start) {
			t.Fatalf("stored %+v", first)
		}
		second := addDocument(t, r, draft(ref, 1, "%PDF second"))
		docx := draft(ref, 1, "PK docx")
		docx.Format = "docx"
		other := addDocument(t, r, docx)
		if second.Version != 2 || other.Version != 1 {
			t.Errorf("versions %d and %d, want 2 and 1", second.Version, other.Version)
		}
		got, err := r.Document(ctx, first.ID)
		if err != nil || string(got.Bytes) != "%PDF first" || got.Status != partnership.DocumentSuperseded {
			t.Fatalf("first document now %+v, %v", got, err)
		}
		list, err := r.Documents(ctx, ref)
		if err != nil || len(list) != 3 || list[0].ID != other.ID || list[2].ID != first.ID || list[0].Bytes != nil {
			t.Fatalf("Documents: %+v, %v", list, err)
		}

		_, err = r.Document(ctx, 99999)
		wantCode(t, err, partnership.ENotFound)
		_, err = r.Documents(ctx, "PP-1999-001")
		wantCode(t, err, partnership.ENotFound)
		_, err = r.AddDocument(ctx, draft("PP-1999-001", 1, "x"), officer)
		wantCode(t, err, partnership.ENotFound)
		_, err = r.AddDocument(ctx, draft(ref, 2, "x"), officer)
		wantCode(t, err, partnership.EInvalid)
		bad := draft(ref, 1, "x")
		bad.SHA256 = strings.Repeat("0", 64)
		_, err = r.AddDocument(ctx, bad, officer)
		wantCode(t, err, partnership.EInvalid)
	})
}

func TestReviewStateMachine(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "health-alliance.json")).Ref
		d := addDocument(t, r, draft(ref, 1, "%PDF draft"))
		step := func(id int64, action partnership.ReviewAction, comment string, clean *partnership.Document) (*partnership.Document, error) {
			return r.Review(ctx, id, partnership.ReviewEvent{Action: action, Comment: comment}, clean, lawyer)
		}
		clean := &partnership.Document{Format: "pdf", TemplateID: "agreement", TemplateVersion: "1.0.0", Bytes: []byte("%PDF clean")}

		_, err := step(d.ID, partnership.ReviewApprove, "", clean)
		wantCode(t, err, partnership.EConflict)
		if !strings.Contains(err.Error(), "draft") {
			t.Errorf("error does not name the status: %v", err)
		}
		_, err = step(d.ID, partnership.ReviewReturn, "too soon", nil)
		wantCode(t, err, partnership.EConflict)
		if got, err := step(d.ID, partnership.ReviewSubmit, "", nil); err != nil || got.Status != partnership.DocumentInReview {
			t.Fatalf("submit: %+v, %v", got, err)
		}
		_, err = step(d.ID, partnership.ReviewSubmit, "", nil)
		wantCode(t, err, partnership.EConflict)
		queue, err := r.ReviewQueue(ctx)
		if err != nil || len(queue) != 1 || queue[0].ID != d.ID {
			t.Fatalf("queue: %+v, %v", queue, err)
		}
		_, err = step(d.ID, partnership.ReviewReturn, "  ", nil)
		wantCode(t, err, partnership.EInvalid)
		returned, err := step(d.ID, partnership.ReviewReturn, "Clause 4.2: name the lead's signatory.", nil)
		if err != nil || returned.Status != partnership.DocumentReturned || len(returned.Reviews) != 2 ||
			returned.Reviews[1].Comment != "Clause 4.2: name the lead's signatory." || returned.Reviews[1].By != lawyer.Name {
			t.Fatalf("return: %+v, %v", returned, err)
		}
		if _, err := step(d.ID, partnership.ReviewSubmit, "", nil); err != nil {
			t.Fatalf("resubmit: %v", err)
		}
		_, err = step(d.ID, partnership.ReviewApprove, "", nil)
		wantCode(t, err, partnership.EInvalid)
		approved, err := step(d.ID, partnership.ReviewApprove, "Fine.", clean)
		if err != nil {
			t.Fatal(err)
		}
		if approved.Status != partnership.DocumentApproved || approved.ApprovedOf != d.ID || string(approved.Bytes) != "%PDF clean" ||
			approved.Ref != ref || approved.Revision != 1 || approved.Kind != "agreement" {
			t.Fatalf("approved copy %+v", approved)
		}
		original, err := r.Document(ctx, d.ID)
		if err != nil || original.Status != partnership.DocumentApproved || len(original.Reviews) != 4 {
			t.Fatalf("the draft after approval: %+v, %v", original, err)
		}
		if queue, _ := r.ReviewQueue(ctx); len(queue) != 0 {
			t.Errorf("queue after approval: %+v", queue)
		}
		_, err = step(d.ID, partnership.ReviewReturn, "again", nil)
		wantCode(t, err, partnership.EConflict)
		_, err = step(d.ID, "publish", "", nil)
		wantCode(t, err, partnership.EInvalid)
		_, err = step(99999, partnership.ReviewSubmit, "", nil)
		wantCode(t, err, partnership.ENotFound)

		// A newer draft supersedes one in review, not the approved versions.
		next := addDocument(t, r, draft(ref, 1, "%PDF newer"))
		inReview := addDocument(t, r, draft(ref, 1, "%PDF newest"))
		if _, err := step(inReview.ID, partnership.ReviewSubmit, "", nil); err != nil {
			t.Fatal(err)
		}
		addDocument(t, r, draft(ref, 1, "%PDF latest"))
		for id, want := range map[int64]partnership.DocumentStatus{
			d.ID: partnership.DocumentApproved, approved.ID: partnership.DocumentApproved,
			next.ID: partnership.DocumentSuperseded, inReview.ID: partnership.DocumentSuperseded,
		} {
			if got, _ := r.Document(ctx, id); got.Status != want {
				t.Errorf("document %d is %s, want %s", id, got.Status, want)
			}
		}
		_, err = step(inReview.ID, partnership.ReviewApprove, "", clean)
		wantCode(t, err, partnership.EConflict)
	})
}
