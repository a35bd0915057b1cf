package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
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

// BenchmarkReviseAll revises every partnership of a register of 10,000
// on SQLite in one transaction, as a CMT return changing all of them does.
func BenchmarkReviseAll(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	seedMany(b, r, 10_000)
	same := func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
		return &cur.Partnership, cur.Assessment, nil
	}
	b.ResetTimer()
	for b.Loop() {
		revs, err := r.ReviseAll(ctx, same, func() error { return nil }, admin)
		if err != nil || len(revs) != 10_000 {
			b.Fatalf("%d revised, %v", len(revs), err)
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

// TestReviseAll: every current revision is handed to revise once, across
// pages (on several goroutines at once); each partnership revise changes
// gets its next revision and a "partnership.return" audit entry, stored in
// ref order, in the one transaction; an error from revise or from done, or
// a changed ref, stores nothing at all.
func TestReviseAll(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		seedMany(t, r, 300) // more than one page
		all, err := r.CurrentRevisions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		index := map[string]int{}
		for i, rev := range all {
			index[rev.Ref] = i
		}
		before := auditOf(t, r)
		var mu sync.Mutex
		seen := map[string]int{}
		renameEven := func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
			mu.Lock()
			seen[cur.Ref]++
			mu.Unlock()
			if index[cur.Ref]%2 == 1 {
				return nil, partnership.Assessment{}, nil
			}
			p := cur.Partnership
			p.Name += " (returned)"
			return &p, assess(&p), nil
		}
		none := func() error { return nil }
		refused := errors.New("refused")
		for name, try := range map[string]func() error{
			"revise": func() error {
				_, err := r.ReviseAll(ctx, func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
					if index[cur.Ref] == 280 {
						return nil, partnership.Assessment{}, refused
					}
					return renameEven(cur)
				}, none, admin)
				return err
			},
			"done": func() error {
				_, err := r.ReviseAll(ctx, renameEven, func() error { return refused }, admin)
				return err
			},
			"ref": func() error {
				_, err := r.ReviseAll(ctx, func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
					p := cur.Partnership
					p.Ref = "PP-1999-001"
					return &p, cur.Assessment, nil
				}, none, admin)
				if !errors.Is(err, refused) {
					wantCode(t, err, partnership.EInvalid)
					return refused
				}
				return err
			},
		} {
			if err := try(); !errors.Is(err, refused) {
				t.Errorf("%s: %v, want the refusal", name, err)
			}
			if after := auditOf(t, r); !reflect.DeepEqual(after, before) {
				t.Fatalf("%s: a refused pass changed the audit trail: %+v", name, after[:len(after)-len(before)])
			}
		}

		clear(seen)
		r.clock.Advance(time.Minute)
		revs, err := r.ReviseAll(ctx, renameEven, none, admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, rev := range all {
			if seen[rev.Ref] != 1 {
				t.Errorf("revise saw %s %d times, want once", rev.Ref, seen[rev.Ref])
			}
		}
		if len(seen) != len(all) {
			t.Errorf("revise saw %d partnerships, want %d", len(seen), len(all))
		}
		var want []string
		for i, rev := range all {
			if i%2 == 0 {
				want = append(want, rev.Ref)
			}
		}
		var got []string
		for _, rev := range revs {
			got = append(got, rev.Ref)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("revised %d partnerships, want the %d even ones in ref order", len(got), len(want))
		}
		for i, was := range all {
			cur, err := r.Partnership(ctx, was.Ref)
			if err != nil {
				t.Fatal(err)
			}
			changed := i%2 == 0
			switch {
			case changed && (cur.Number != was.Number+1 || cur.Partnership.Name != was.Partnership.Name+" (returned)" ||
				cur.CreatedBy != admin.Name || !cur.CreatedAt.Equal(start.Add(time.Minute))):
				t.Errorf("%s now at revision %d %q by %s at %v", was.Ref, cur.Number, cur.Partnership.Name, cur.CreatedBy, cur.CreatedAt)
			case !changed && cur.Number != was.Number:
				t.Errorf("%s, left as it was, is at revision %d, not %d", was.Ref, cur.Number, was.Number)
			}
		}
		entries := auditOf(t, r)
		if len(entries) != len(before)+len(want) {
			t.Fatalf("%d audit entries after the pass, want %d", len(entries), len(before)+len(want))
		}
		for _, e := range entries[:len(want)] {
			if e.Action != "partnership.return" || e.ToRevision != e.FromRevision+1 || e.Actor != admin.Name {
				t.Errorf("audit entry %+v", e)
			}
		}
	})
}
