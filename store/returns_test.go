package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
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

// BenchmarkReviseEach revises every partnership of a register of 10,000
// on SQLite in one batch, as a CMT return changing all of them does (each
// iteration bases on the last).
func BenchmarkReviseEach(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	seedMany(b, r, 10_000)
	revs, err := r.CurrentRevisions(ctx)
	if err != nil {
		b.Fatal(err)
	}
	bases := make(map[string]int, len(revs))
	for _, rev := range revs {
		bases[rev.Ref] = rev.Number
	}
	same := func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
		return &cur.Partnership, cur.Assessment, nil
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.ReviseEach(ctx, bases, same, admin); err != nil {
			b.Fatal(err)
		}
		for ref := range bases {
			bases[ref]++
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
