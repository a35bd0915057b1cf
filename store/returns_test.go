package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
)

// TestCurrentRevisions: every partnership's current revision, with its
// partnership and stored assessment, in ref order; an empty register gives
// an empty list.
func TestCurrentRevisions(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		revs, err := r.CurrentRevisions(ctx)
		if err != nil || revs == nil || len(revs) != 0 {
			t.Fatalf("empty register: %v, %v", revs, err)
		}
		// Refs whose byte order differs from a natural-language collation.
		refs := []string{"pp-2026-010", "PP-2026-002", "PP-2026-1", "PP_2026_003", "PP-2026-001"}
		names := []string{"waste-partnership.json", "health-alliance.json", "minimal-proposal.json",
			"community-safety-partnership.json", "youth-employment-mou.json"}
		want := map[string]partnership.Revision{}
		for i, ref := range refs {
			p := sample(t, names[i])
			p.Ref = ref
			create(t, r, p)
		}
		// A second revision of one of them: the current one is returned.
		r.clock.Advance(time.Hour)
		p := sample(t, "health-alliance.json")
		p.Ref, p.Name = "PP-2026-002", "Health and Wellbeing Alliance (renewed)"
		if _, err := r.UpdatePartnership(ctx, p.Ref, 1, p, assess(p), officer); err != nil {
			t.Fatal(err)
		}
		for _, ref := range refs {
			rev, err := r.Partnership(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			want[ref] = *rev
		}

		revs, err = r.CurrentRevisions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sorted := slices.Clone(refs)
		slices.Sort(sorted)
		var got []string
		for _, rev := range revs {
			got = append(got, rev.Ref)
		}
		if !reflect.DeepEqual(got, sorted) {
			t.Fatalf("refs %q, want %q (byte order)", got, sorted)
		}
		for _, rev := range revs {
			if !reflect.DeepEqual(rev, want[rev.Ref]) {
				t.Errorf("%s: CurrentRevisions gives a different revision from Partnership:\n%+v\nwant\n%+v", rev.Ref, rev, want[rev.Ref])
			}
		}
		if rev := revs[slices.Index(sorted, "PP-2026-002")]; rev.Number != 2 || rev.Partnership.Name != p.Name {
			t.Errorf("PP-2026-002: revision %d %q, want the current one (2)", rev.Number, rev.Partnership.Name)
		}
		if rev := revs[0]; !rev.Assessment.Significant && rev.Assessment.Classification == "" {
			t.Errorf("%s: no assessment read back", rev.Ref)
		}
	})
}

// TestApplyRevisions: a batch is stored as one new revision of each
// partnership with a "partnership.return" audit entry each.
func TestApplyRevisions(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a, b := seedTwo(t, r)
		r.clock.Advance(time.Minute)
		changes := []partnership.RevisionChange{changed(t, b, "Youth Employment (returned)"), changed(t, a, "Waste (returned)")}
		revs, err := r.ApplyRevisions(ctx, changes, admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 || revs[0].Ref != b.Ref || revs[0].Number != 3 || revs[1].Ref != a.Ref || revs[1].Number != 2 {
			t.Fatalf("applied %+v", revs)
		}
		for i, ch := range changes {
			cur, err := r.Partnership(ctx, ch.Ref)
			if err != nil {
				t.Fatal(err)
			}
			if cur.Number != ch.Base+1 || cur.Partnership.Name != ch.Partnership.Name || cur.CreatedBy != admin.Name ||
				!cur.CreatedAt.Equal(start.Add(time.Minute)) || !reflect.DeepEqual(cur.Assessment, ch.Assessment) {
				t.Errorf("%s now at revision %d %q by %s at %v", ch.Ref, cur.Number, cur.Partnership.Name, cur.CreatedBy, cur.CreatedAt)
			}
			if !reflect.DeepEqual(*cur, revs[i]) {
				t.Errorf("%s: returned revision differs from the stored one", ch.Ref)
			}
		}
		entries := auditOf(t, r)
		for i, ch := range []partnership.RevisionChange{changes[1], changes[0]} { // newest first
			e := entries[i]
			if e.Action != "partnership.return" || e.Object != "partnership:"+ch.Ref || e.FromRevision != ch.Base ||
				e.ToRevision != ch.Base+1 || e.Actor != admin.Name || e.Role != admin.Role {
				t.Errorf("audit entry %d: %+v", i, e)
			}
		}
		// An empty batch does nothing.
		if revs, err := r.ApplyRevisions(ctx, nil, admin); err != nil || len(revs) != 0 {
			t.Errorf("empty batch: %v, %v", revs, err)
		}
		if after := auditOf(t, r); !reflect.DeepEqual(after, entries) {
			t.Errorf("an empty batch changed the audit trail")
		}
	})
}

// TestApplyRevisionsAllOrNothing: one stale change, an unknown ref, or a
// malformed batch leaves every partnership and the audit trail as they were.
func TestApplyRevisionsAllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a, b := seedTwo(t, r)
		before := auditOf(t, r)

		good := changed(t, a, "Waste (returned)")
		stale := changed(t, b, "Youth Employment (returned)")
		stale.Base = 1 // b is at revision 2
		_, err := r.ApplyRevisions(ctx, []partnership.RevisionChange{good, stale}, admin)
		wantCode(t, err, partnership.EStale)
		if !strings.Contains(err.Error(), b.Ref) || !strings.Contains(err.Error(), "revision 2") {
			t.Errorf("stale error does not name %s and its current revision 2: %v", b.Ref, err)
		}

		unknown := changed(t, a, "x")
		unknown.Ref, unknown.Partnership.Ref = "PP-1999-001", ""
		_, err = r.ApplyRevisions(ctx, []partnership.RevisionChange{good, unknown}, admin)
		wantCode(t, err, partnership.ENotFound)

		_, err = r.ApplyRevisions(ctx, []partnership.RevisionChange{good, good}, admin)
		wantCode(t, err, partnership.EInvalid)
		empty := good
		empty.Partnership = nil
		_, err = r.ApplyRevisions(ctx, []partnership.RevisionChange{empty}, admin)
		wantCode(t, err, partnership.EInvalid)
		renamed := changed(t, a, "x")
		renamed.Partnership.Ref = b.Ref
		_, err = r.ApplyRevisions(ctx, []partnership.RevisionChange{renamed}, admin)
		wantCode(t, err, partnership.EInvalid)

		for _, want := range []*partnership.Revision{a, b} {
			cur, err := r.Partnership(ctx, want.Ref)
			if err != nil {
				t.Fatal(err)
			}
			if cur.Number != want.Number || cur.Partnership.Name != want.Partnership.Name {
				t.Errorf("%s changed to revision %d %q", want.Ref, cur.Number, cur.Partnership.Name)
			}
		}
		if after := auditOf(t, r); !reflect.DeepEqual(after, before) {
			t.Errorf("failed batches changed the audit trail: %+v", after[:len(after)-len(before)])
		}
	})
}

// seedTwo stores the waste partnership at revision 1 and the youth
// employment MOU at revision 2 and returns their current revisions.
func seedTwo(t *testing.T, r register) (a, b *partnership.Revision) {
	t.Helper()
	a = create(t, r, sample(t, "waste-partnership.json"))
	p := sample(t, "youth-employment-mou.json")
	b = create(t, r, p)
	b2, err := r.UpdatePartnership(context.Background(), b.Ref, 1, p, assess(p), officer)
	if err != nil {
		t.Fatal(err)
	}
	return a, b2
}

// changed is a change to rev's partnership that renames it, based on rev.
func changed(t *testing.T, rev *partnership.Revision, name string) partnership.RevisionChange {
	t.Helper()
	p := rev.Partnership
	p.Name = name
	return partnership.RevisionChange{Ref: rev.Ref, Base: rev.Number, Partnership: &p, Assessment: assess(&p)}
}

// EachCurrentRevision streams the same revisions as CurrentRevisions, in
// the same order, across many decode batches; an error from fn stops it
// with that error, and the snapshot is let go (a write then succeeds).
func TestEachCurrentRevision(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		const n = 300 // several batches per decoder
		seedMany(t, r, n)
		all, err := r.CurrentRevisions(ctx)
		if err != nil || len(all) != n {
			t.Fatalf("%d revisions, %v", len(all), err)
		}
		i := 0
		err = r.EachCurrentRevision(ctx, func(rev *partnership.Revision) error {
			if !reflect.DeepEqual(*rev, all[i]) {
				t.Fatalf("revision %d: %s, want %s", i, rev.Ref, all[i].Ref)
			}
			i++
			return nil
		})
		if err != nil || i != n {
			t.Fatalf("%d revisions, %v", i, err)
		}

		stop := errors.New("enough")
		for _, at := range []int{1, 5, 100, n} {
			calls := 0
			err = r.EachCurrentRevision(ctx, func(*partnership.Revision) error {
				if calls++; calls == at {
					return stop
				}
				return nil
			})
			if !errors.Is(err, stop) || calls != at {
				t.Errorf("stop at %d: %d calls, %v", at, calls, err)
			}
		}
		p := sample(t, "minimal-proposal.json")
		p.Ref = ""
		if _, err := r.CreatePartnership(ctx, p, assess(p), officer); err != nil {
			t.Errorf("a write after a stopped read: %v", err)
		}
	})
}

// BenchmarkCurrentRevisions reads the current revisions of a register of
// 10,000 partnerships on SQLite.
func BenchmarkCurrentRevisions(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	seedMany(b, r, 10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		revs, err := r.CurrentRevisions(ctx)
		if err != nil || len(revs) != 10_000 {
			b.Fatalf("%d revisions, %v", len(revs), err)
		}
	}
}

// BenchmarkApplyRevisions applies a return changing all of a register of
// 10,000 partnerships on SQLite (each iteration bases on the last).
func BenchmarkApplyRevisions(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	seedMany(b, r, 10_000)
	revs, err := r.CurrentRevisions(ctx)
	if err != nil {
		b.Fatal(err)
	}
	changes := make([]partnership.RevisionChange, len(revs))
	for i := range revs {
		changes[i] = partnership.RevisionChange{Ref: revs[i].Ref, Base: revs[i].Number,
			Partnership: &revs[i].Partnership, Assessment: revs[i].Assessment}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.ApplyRevisions(ctx, changes, admin); err != nil {
			b.Fatal(err)
		}
		for i := range changes {
			changes[i].Base++
		}
	}
}

// seedMany stores n partnerships cycling through the samples.
func seedMany(b testing.TB, r register, n int) {
	b.Helper()
	names := []string{"waste-partnership.json", "community-safety-partnership.json", "health-alliance.json",
		"youth-employment-mou.json", "minimal-proposal.json", "community-partnership.json"}
	ctx := context.Background()
	for i := range n {
		p := sample(b, names[i%len(names)])
		p.Ref, p.Name = "", fmt.Sprintf("%s %d", p.Name, i)
		if _, err := r.CreatePartnership(ctx, p, assess(p), officer); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReviseEach: each partnership named is revised from its current
// revision, in the one transaction, with a "partnership.return" audit
// entry each; a stale base, an unknown ref or an error from revise stores
// nothing at all.
func TestReviseEach(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a, b := seedTwo(t, r)
		before := auditOf(t, r)
		rename := func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
			p := cur.Partnership
			p.Name += " (returned)"
			return &p, assess(&p), nil
		}

		_, err := r.ReviseEach(ctx, map[string]int{a.Ref: a.Number, b.Ref: 1}, rename, admin)
		wantCode(t, err, partnership.EStale)
		_, err = r.ReviseEach(ctx, map[string]int{a.Ref: a.Number, "PP-1999-001": 1}, rename, admin)
		wantCode(t, err, partnership.ENotFound)
		calls := 0
		_, err = r.ReviseEach(ctx, map[string]int{a.Ref: a.Number, b.Ref: b.Number}, func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
			if calls++; calls == 2 {
				return nil, partnership.Assessment{}, partnership.NewError(partnership.EInvalid, "refused")
			}
			return rename(cur)
		}, admin)
		wantCode(t, err, partnership.EInvalid)
		if after := auditOf(t, r); !reflect.DeepEqual(after, before) {
			t.Fatalf("refused batches changed the audit trail: %+v", after[:len(after)-len(before)])
		}

		r.clock.Advance(time.Minute)
		revs, err := r.ReviseEach(ctx, map[string]int{a.Ref: a.Number, b.Ref: b.Number}, rename, admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 {
			t.Fatalf("revised %+v, want 2", revs)
		}
		for _, want := range []*partnership.Revision{a, b} {
			cur, err := r.Partnership(ctx, want.Ref)
			if err != nil {
				t.Fatal(err)
			}
			if cur.Number != want.Number+1 || cur.Partnership.Name != want.Partnership.Name+" (returned)" ||
				cur.CreatedBy != admin.Name || !cur.CreatedAt.Equal(start.Add(time.Minute)) {
				t.Errorf("%s now at revision %d %q by %s at %v", want.Ref, cur.Number, cur.Partnership.Name, cur.CreatedBy, cur.CreatedAt)
			}
		}
		entries := auditOf(t, r)
		if len(entries) != len(before)+2 {
			t.Fatalf("%d audit entries after the batch, want %d", len(entries), len(before)+2)
		}
		for _, e := range entries[:2] {
			if e.Action != "partnership.return" || e.ToRevision != e.FromRevision+1 || e.Actor != admin.Name {
				t.Errorf("audit entry %+v", e)
			}
		}
	})
}
