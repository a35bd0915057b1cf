package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
)

func TestCreateGetUpdate(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		p := sample(t, "waste-partnership.json")
		p.Ref = ""
		rev := create(t, r, p)
		if rev.Ref != "PP-2026-001" || rev.Number != 1 || rev.CreatedBy != officer.Name || !rev.CreatedAt.Equal(start) {
			t.Fatalf("created %s revision %d by %s at %v", rev.Ref, rev.Number, rev.CreatedBy, rev.CreatedAt)
		}
		got, err := r.Partnership(ctx, rev.Ref)
		if err != nil {
			t.Fatal(err)
		}
		want := *p
		want.Ref = rev.Ref
		if !reflect.DeepEqual(got.Partnership, want) {
			t.Errorf("read back a different partnership")
		}
		if !reflect.DeepEqual(got.Assessment, assess(p)) {
			t.Errorf("read back a different assessment")
		}

		r.clock.Advance(time.Hour)
		changed := want
		changed.Name = "Joint Municipal Waste Strategy (renewed)"
		changed.Status = partnership.StatusUnderReview
		rev2, err := r.UpdatePartnership(ctx, rev.Ref, 1, &changed, assess(&changed), officer)
		if err != nil {
			t.Fatal(err)
		}
		if rev2.Number != 2 || !rev2.CreatedAt.Equal(start.Add(time.Hour)) {
			t.Fatalf("update made revision %d at %v", rev2.Number, rev2.CreatedAt)
		}
		current, err := r.Partnership(ctx, rev.Ref)
		if err != nil || current.Number != 2 || current.Partnership.Name != changed.Name {
			t.Fatalf("current: %+v, %v", current, err)
		}
		old, err := r.PartnershipRevision(ctx, rev.Ref, 1)
		if err != nil || old.Partnership.Name != p.Name {
			t.Fatalf("revision 1 is not the original: %v", err)
		}
		revs, err := r.Revisions(ctx, rev.Ref)
		if err != nil || len(revs) != 2 || revs[0].Number != 1 || revs[1].Number != 2 {
			t.Fatalf("revisions: %+v, %v", revs, err)
		}
		if revs[0].Partnership.Name != "" {
			t.Errorf("Revisions carries the partnership")
		}
	})
}

func TestAssignedRefs(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		taken := sample(t, "minimal-proposal.json")
		taken.Ref = "PP-2026-002"
		create(t, r, taken)
		var refs []string
		for range 3 {
			p := sample(t, "minimal-proposal.json")
			p.Ref = ""
			refs = append(refs, create(t, r, p).Ref)
		}
		want := []string{"PP-2026-001", "PP-2026-003", "PP-2026-004"}
		if !reflect.DeepEqual(refs, want) {
			t.Errorf("assigned %v, want %v", refs, want)
		}
	})
}

func TestPartnershipErrors(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		p := sample(t, "community-safety-partnership.json")
		p.Ref = "PP-2025-017"
		create(t, r, p)

		_, err := r.CreatePartnership(ctx, p, assess(p), officer)
		wantCode(t, err, partnership.EConflict)

		_, err = r.Partnership(ctx, "PP-1999-001")
		wantCode(t, err, partnership.ENotFound)
		_, err = r.PartnershipRevision(ctx, p.Ref, 2)
		wantCode(t, err, partnership.ENotFound)
		_, err = r.Revisions(ctx, "PP-1999-001")
		wantCode(t, err, partnership.ENotFound)
		unnamed := *p
		unnamed.Ref = ""
		_, err = r.UpdatePartnership(ctx, "PP-1999-001", 1, &unnamed, assess(p), officer)
		wantCode(t, err, partnership.ENotFound)

		if _, err := r.UpdatePartnership(ctx, p.Ref, 1, p, assess(p), officer); err != nil {
			t.Fatal(err)
		}
		_, err = r.UpdatePartnership(ctx, p.Ref, 1, p, assess(p), officer)
		wantCode(t, err, partnership.EStale)
		if !strings.Contains(err.Error(), "revision 2") {
			t.Errorf("stale error does not name the current revision: %v", err)
		}

		other := *p
		other.Ref = "PP-2025-018"
		_, err = r.UpdatePartnership(ctx, p.Ref, 2, &other, assess(&other), officer)
		wantCode(t, err, partnership.EInvalid)
		_, err = r.CreatePartnership(ctx, nil, partnership.Assessment{}, officer)
		wantCode(t, err, partnership.EInvalid)
	})
}
