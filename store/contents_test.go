package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"partnerdocs/partnership"
)

// contentCount is how many document contents the register keeps.
func contentCount(t *testing.T, r register) int {
	t.Helper()
	var n int
	if err := r.QueryRowSQL(context.Background(), `SELECT COUNT(*) FROM document_contents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantBytes fails the test unless document id reads back as want.
func wantBytes(t *testing.T, r register, id int64, want string) {
	t.Helper()
	d, err := r.Document(context.Background(), id)
	if err != nil {
		t.Fatalf("document %d: %v", id, err)
	}
	if string(d.Bytes) != want {
		t.Errorf("document %d reads %q, want %q", id, d.Bytes, want)
	}
}

// TestEqualDocumentsShareTheirBytes: two documents with the same bytes,
// of one partnership or two, in any status, keep one copy between them;
// each still reads back whole, with its own record.
func TestEqualDocumentsShareTheirBytes(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a := create(t, r, sample(t, "waste-partnership.json")).Ref
		b := create(t, r, sample(t, "health-alliance.json")).Ref
		first := addDocument(t, r, draft(a, 1, "%PDF same"))
		again := addDocument(t, r, draft(a, 1, "%PDF same"))
		other := addDocument(t, r, draft(b, 1, "%PDF same"))
		different := addDocument(t, r, draft(b, 1, "%PDF different"))
		if first.SHA256 != again.SHA256 || first.SHA256 != other.SHA256 || first.ID == again.ID || again.Version != 2 {
			t.Fatalf("stored %+v and %+v", first, again)
		}
		if n := contentCount(t, r); n != 2 {
			t.Errorf("%d contents kept for two different byte strings", n)
		}
		// The approved copy of one may equal another document, too.
		if _, err := r.Review(ctx, different.ID, partnership.ReviewEvent{Action: partnership.ReviewSubmit}, nil, officer); err != nil {
			t.Fatal(err)
		}
		clean := &partnership.Document{Format: "pdf", TemplateID: "agreement", TemplateVersion: "1.0.0", Bytes: []byte("%PDF same")}
		approved, err := r.Review(ctx, different.ID, partnership.ReviewEvent{Action: partnership.ReviewApprove}, clean, lawyer)
		if err != nil {
			t.Fatal(err)
		}
		if n := contentCount(t, r); n != 2 {
			t.Errorf("%d contents kept after an approved copy equal to a draft", n)
		}
		for id, want := range map[int64]string{first.ID: "%PDF same", again.ID: "%PDF same", other.ID: "%PDF same",
			different.ID: "%PDF different", approved.ID: "%PDF same"} {
			wantBytes(t, r, id, want)
		}
		if got, err := r.Document(ctx, other.ID); err != nil || got.Ref != b || got.Status != partnership.DocumentSuperseded {
			t.Errorf("the other partnership's copy: %+v, %v", got, err)
		}
	})
}

// TestMigrationMovesBytesToContents: documents stored at schema 6, with
// their bytes in the documents table (two of them equal), read back whole
// once migrated; the migration keeps one copy of equal bytes, dates each
// as it was generated, and going back down restores each document's
// bytes.
func TestMigrationMovesBytesToContents(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		kept := addDocument(t, r, draft(ref, 1, "%PDF kept"))
		if err := r.MigrateDownTo(ctx, 6); err != nil {
			t.Fatal(err)
		}
		var back string
		if err := r.QueryRowSQL(ctx, `SELECT bytes FROM documents WHERE id = ?`, kept.ID).Scan(&back); err != nil || back != "%PDF kept" {
			t.Fatalf("after migrating down, document %d has bytes %q, %v", kept.ID, back, err)
		}
		old := start.Add(-400 * 24 * time.Hour)
		for version, body := range []string{"%PDF old", "%PDF old", "%PDF kept", "%PDF older"} {
			err := r.ExecSQL(ctx, `INSERT INTO documents (ref, kind, format, version, revision, template_id,
				template_version, sha256, fingerprint, generated_at, generated_by, status, bytes)
				VALUES (?, 'mou', 'pdf', ?, 1, 'mou', '1.0.0', ?, 'fp', ?, 'olive', 'superseded', ?)`,
				ref, version+1, hexSHA256(body), old, []byte(body))
			if err != nil {
				t.Fatalf("storing a document at schema 6: %v", err)
			}
		}
		if err := r.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		list, err := r.Documents(ctx, ref)
		if err != nil || len(list) != 5 {
			t.Fatalf("after migrating: %d documents, %v", len(list), err)
		}
		want := map[int]string{1: "%PDF old", 2: "%PDF old", 3: "%PDF kept", 4: "%PDF older"}
		for _, d := range list {
			if d.Kind != "mou" {
				continue
			}
			wantBytes(t, r, d.ID, want[d.Version])
			if !d.DatedAt.Equal(old) || !d.GeneratedAt.Equal(old) {
				t.Errorf("migrated document %d generated %s, dated %s; want both %s", d.ID, d.GeneratedAt, d.DatedAt, old)
			}
		}
		wantBytes(t, r, kept.ID, "%PDF kept")
		if n := contentCount(t, r); n != 3 {
			t.Errorf("%d contents for three different byte strings", n)
		}
		// Retention counts from their generation: the three superseded mou
		// drafts before the latest are a year old.
		pruned, err := r.PruneDrafts(ctx, start.Add(-90*24*time.Hour), admin)
		if err != nil || len(pruned.Documents) != 3 || pruned.Contents != 1 {
			t.Errorf("pruning the migrated drafts: %+v, %v; want 3 drafts and the one content only they used", pruned, err)
		}
	})
}

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
