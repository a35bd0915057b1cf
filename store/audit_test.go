package store_test

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"partnerdocs/partnership"
)

func TestAuditTrail(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		p := sample(t, "youth-employment-mou.json")
		rev := create(t, r, p)
		r.clock.Advance(1)
		if _, err := r.UpdatePartnership(ctx, rev.Ref, 1, p, assess(p), officer); err != nil {
			t.Fatal(err)
		}
		d := addDocument(t, r, draft(rev.Ref, 2, "%PDF"))
		if _, err := r.Review(ctx, d.ID, partnership.ReviewEvent{Action: partnership.ReviewSubmit}, nil, officer); err != nil {
			t.Fatal(err)
		}
		if _, err := r.CreateToken(ctx, &partnership.Token{Name: "ci", Role: partnership.RolePolicy, Hash: make([]byte, 32)}, admin); err != nil {
			t.Fatal(err)
		}
		if err := r.RevokeToken(ctx, "ci", admin); err != nil {
			t.Fatal(err)
		}
		entries := auditOf(t, r)
		var got []string
		for _, e := range entries {
			got = append(got, e.Action+" "+e.Object)
		}
		want := []string{"token.revoke token:ci", "token.create token:ci",
			"document.submit " + docObject(d.ID), "document.generate " + docObject(d.ID),
			"partnership.update partnership:" + rev.Ref, "partnership.create partnership:" + rev.Ref}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("audit trail %q, want %q", got, want)
		}
		if u := entries[4]; u.FromRevision != 1 || u.ToRevision != 2 || u.Actor != officer.Name || u.Role != officer.Role {
			t.Errorf("update entry %+v", u)
		}
		page, err := r.Audit(ctx, entries[1].ID, 2)
		if err != nil || len(page) != 2 || page[0].ID != entries[2].ID {
			t.Errorf("Audit(before, 2): %+v, %v", page, err)
		}

		// Failed writes leave the trail as it was.
		_, err = r.UpdatePartnership(ctx, rev.Ref, 1, p, assess(p), officer)
		wantCode(t, err, partnership.EStale)
		_, err = r.CreatePartnership(ctx, p, assess(p), officer)
		wantCode(t, err, partnership.EConflict)
		_, err = r.Review(ctx, d.ID, partnership.ReviewEvent{Action: partnership.ReviewSubmit}, nil, officer)
		wantCode(t, err, partnership.EConflict)
		_, err = r.CreateToken(ctx, &partnership.Token{Name: "ci", Role: partnership.RoleAdmin, Hash: make([]byte, 32)}, admin)
		wantCode(t, err, partnership.EConflict)
		err = r.RevokeToken(ctx, "ci", admin)
		wantCode(t, err, partnership.EConflict)
		if after := auditOf(t, r); !reflect.DeepEqual(after, entries) {
			t.Errorf("failed writes changed the audit trail: %+v", after)
		}
	})
}

// TestAuditIsAppendOnly goes round the store to the database itself: its
// triggers refuse to change or remove an entry.
func TestAuditIsAppendOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		create(t, r, sample(t, "minimal-proposal.json"))
		raw := rawDB(t, r)
		for _, stmt := range []string{`UPDATE audit SET actor = 'mallory'`, `DELETE FROM audit`} {
			if _, err := raw.Exec(stmt); err == nil {
				t.Errorf("%s: allowed", stmt)
			}
		}
		if entries := auditOf(t, r); len(entries) != 1 || entries[0].Actor != officer.Name {
			t.Errorf("audit trail changed: %+v", entries)
		}
	})
}

func auditOf(t *testing.T, r register) []partnership.AuditEntry {
	t.Helper()
	entries, err := r.Audit(context.Background(), 0, partnership.MaxPageSize)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// rawDB opens a second connection to the register under test.
func rawDB(t *testing.T, r register) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if isPostgresDSN(r.dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, r.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
