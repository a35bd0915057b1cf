package store_test

import (
	"context"
	"reflect"
	"testing"

	"partnerdocs/partnership"
)

// assessmentRows is how many assessments the register keeps, and how many
// revisions keep theirs in their own row.
func assessmentRows(t *testing.T, r register) (shared, inline int) {
	t.Helper()
	ctx := context.Background()
	if err := r.QueryRowSQL(ctx, `SELECT COUNT(*) FROM assessments`).Scan(&shared); err != nil {
		t.Fatal(err)
	}
	if err := r.QueryRowSQL(ctx, `SELECT COUNT(*) FROM revisions WHERE assessment <> ''`).Scan(&inline); err != nil {
		t.Fatal(err)
	}
	return shared, inline
}

// editPurpose stores revisions 2..n of ref, each with a new purpose only,
// and answers every revision as stored, revision 1 first.
func editPurpose(t *testing.T, r register, first *partnership.Revision, n int) []*partnership.Revision {
	t.Helper()
	revs := []*partnership.Revision{first}
	for i := 2; i <= n; i++ {
		p := revs[len(revs)-1].Partnership
		p.Purpose = p.Purpose + " Edited."
		rev, err := r.UpdatePartnership(context.Background(), first.Ref, i-1, &p, assess(&p), officer)
		if err != nil {
			t.Fatalf("revision %d: %v", i, err)
		}
		revs = append(revs, rev)
	}
	return revs
}

// wantRevisions fails the test unless every revision reads back as stored,
// alone and in the list of revisions.
func wantRevisions(t *testing.T, r register, revs []*partnership.Revision) {
	t.Helper()
	ctx := context.Background()
	ref := revs[0].Ref
	list, err := r.Revisions(ctx, ref)
	if err != nil || len(list) != len(revs) {
		t.Fatalf("revisions of %s: %d, %v; want %d", ref, len(list), err, len(revs))
	}
	for i, want := range revs {
		got, err := r.PartnershipRevision(ctx, ref, want.Number)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Assessment, want.Assessment) || !reflect.DeepEqual(got.Partnership, want.Partnership) {
			t.Errorf("revision %d of %s does not read back as stored", want.Number, ref)
		}
		if !reflect.DeepEqual(list[i].Assessment, want.Assessment) {
			t.Errorf("revision %d of %s: its assessment in the list is not the one stored", want.Number, ref)
		}
	}
	current, err := r.Partnership(ctx, ref)
	if last := revs[len(revs)-1]; err != nil || !reflect.DeepEqual(current.Assessment, last.Assessment) {
		t.Errorf("the current revision of %s: %v; its assessment is not the last stored", ref, err)
	}
}

// TestEqualAssessmentsShared: revisions whose assessments are equal keep
// one copy of it (the purpose does not change an assessment); a
// partnership assessed differently adds one; each revision reads back its
// own.
func TestEqualAssessmentsShared(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		revs := editPurpose(t, r, create(t, r, sample(t, "waste-partnership.json")), 4)
		if shared, inline := assessmentRows(t, r); shared != 1 || inline != 0 {
			t.Errorf("four revisions with one assessment: %d assessments kept, %d revisions keep their own", shared, inline)
		}
		other := create(t, r, sample(t, "health-alliance.json"))
		if reflect.DeepEqual(other.Assessment, revs[0].Assessment) {
			t.Fatal("the two samples are assessed alike; the test needs two different assessments")
		}
		if shared, _ := assessmentRows(t, r); shared != 2 {
			t.Errorf("two different assessments: %d kept", shared)
		}
		wantRevisions(t, r, revs)
		wantRevisions(t, r, []*partnership.Revision{other})
	})
}

// TestMigrationSharesAssessments: revisions that keep their assessment in
// their own row at schema 11 (stored before, or by hand at that schema)
// share one copy once migrated, and read back as they were; going back
// down puts each assessment back in its row.
func TestMigrationSharesAssessments(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		revs := editPurpose(t, r, create(t, r, sample(t, "waste-partnership.json")), 3)
		if err := r.MigrateDownTo(ctx, 11); err != nil {
			t.Fatal(err)
		}
		var inline int
		if err := r.QueryRowSQL(ctx, `SELECT COUNT(*) FROM revisions WHERE assessment <> ''`).Scan(&inline); err != nil || inline != 3 {
			t.Fatalf("at schema 11, %d of 3 revisions keep their assessment, %v", inline, err)
		}
		// Revision 4, written at schema 11 as the store wrote it then.
		ref := revs[0].Ref
		err := r.ExecSQL(ctx, `INSERT INTO revisions (ref, number, partnership, assessment, name, name_folded, status,
			service_area, significant, classification, next_review, lead_partner_id, lead_partner_name, compliance_gaps,
			created_at, created_by)
			SELECT ref, 4, partnership, assessment, name, name_folded, status, service_area, significant, classification,
			next_review, lead_partner_id, lead_partner_name, compliance_gaps, created_at, created_by
			FROM revisions WHERE ref = ? AND number = 3`, ref)
		if err == nil {
			err = r.ExecSQL(ctx, `UPDATE partnerships SET revision = 4 WHERE ref = ?`, ref)
		}
		if err != nil {
			t.Fatalf("storing a revision at schema 11: %v", err)
		}
		fourth := *revs[2]
		fourth.Number = 4
		revs = append(revs, &fourth)
		if err := r.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if shared, inline := assessmentRows(t, r); shared != 1 || inline != 0 {
			t.Errorf("after migrating: %d assessments kept for one, %d revisions keep their own", shared, inline)
		}
		wantRevisions(t, r, revs)
		if err := r.MigrateDownTo(ctx, 11); err != nil {
			t.Fatal(err)
		}
		var back string
		if err := r.QueryRowSQL(ctx, `SELECT assessment FROM revisions WHERE ref = ? AND number = 4`, ref).Scan(&back); err != nil || back == "" {
			t.Errorf("after migrating down, revision 4's own assessment is %q, %v", back, err)
		}
		if err := r.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		wantRevisions(t, r, revs)
	})
}
