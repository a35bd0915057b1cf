package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
)

const day = 24 * time.Hour

// TestPruneDrafts: pruning deletes exactly the superseded drafts stored
// before the cut-off that no one ever submitted, and the contents only
// they used; never a returned, reviewed or approved document, an approved
// copy, a partnership's latest draft of a kind and format (however old),
// a recent draft, or a content another document still uses. Each deleted
// draft and the pruning as a whole are in the audit trail; a pruning that
// finds nothing records nothing.
func TestPruneDrafts(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		a := create(t, r, sample(t, "waste-partnership.json")).Ref
		b := create(t, r, sample(t, "health-alliance.json")).Ref
		step := func(id int64, action partnership.ReviewAction, comment string, clean *partnership.Document) {
			t.Helper()
			if _, err := r.Review(ctx, id, partnership.ReviewEvent{Action: action, Comment: comment}, clean, lawyer); err != nil {
				t.Fatalf("%s %d: %v", action, id, err)
			}
		}
		a1 := addDocument(t, r, draft(a, 1, "%PDF A1"))
		a2 := addDocument(t, r, draft(a, 1, "%PDF A2")) // submitted and returned, then superseded
		step(a2.ID, partnership.ReviewSubmit, "", nil)
		step(a2.ID, partnership.ReviewReturn, "Name the signatory.", nil)
		a3 := addDocument(t, r, draft(a, 1, "%PDF A3")) // approved
		step(a3.ID, partnership.ReviewSubmit, "", nil)
		step(a3.ID, partnership.ReviewApprove, "", &partnership.Document{Format: "pdf", Bytes: []byte("%PDF A3 clean")})
		a5 := addDocument(t, r, draft(a, 1, "%PDF A1")) // the same bytes as a1
		a6 := addDocument(t, r, draft(a, 1, "%PDF A6")) // a's latest PDF: kept, however old
		word := draft(a, 1, "PK word")
		word.Format = "docx"
		aWord := addDocument(t, r, word) // a's only Word copy
		b1 := addDocument(t, r, draft(b, 1, "%PDF B1"))
		b2 := addDocument(t, r, draft(b, 1, "%PDF A6")) // shares a6's bytes

		r.clock.Advance(100 * day)
		b3 := addDocument(t, r, draft(b, 1, "%PDF B3")) // superseded, but recent
		b4 := addDocument(t, r, draft(b, 1, "%PDF B4"))
		approvedCopy := latestOf(t, r, a, partnership.DocumentApproved)

		contentsBefore := contentCount(t, r)
		auditBefore := auditCount(t, r)
		pruned, err := r.PruneDrafts(ctx, r.clock.Now().Add(-90*day), admin)
		if err != nil {
			t.Fatal(err)
		}
		wantPruned := []int64{a1.ID, a5.ID, b1.ID, b2.ID}
		if !slices.Equal(pruned.Documents, wantPruned) {
			t.Errorf("pruned %v, want %v", pruned.Documents, wantPruned)
		}
		if pruned.Contents != 2 || pruned.Bytes != int64(len("%PDF A1")+len("%PDF B1")) ||
			contentCount(t, r) != contentsBefore-2 || !pruned.GeneratedBefore.Equal(start.Add(10*day)) {
			t.Errorf("pruning %+v; contents %d, were %d", pruned, contentCount(t, r), contentsBefore)
		}
		for _, id := range wantPruned {
			_, err := r.Document(ctx, id)
			wantCode(t, err, partnership.ENotFound)
		}
		for id, want := range map[int64]string{a2.ID: "%PDF A2", a3.ID: "%PDF A3", approvedCopy: "%PDF A3 clean",
			a6.ID: "%PDF A6", aWord.ID: "PK word", b3.ID: "%PDF B3", b4.ID: "%PDF B4"} {
			wantBytes(t, r, id, want)
		}
		checkPruningAudit(t, r, auditBefore, wantPruned)

		again, err := r.PruneDrafts(ctx, r.clock.Now().Add(-90*day), admin)
		if err != nil || len(again.Documents) != 0 || again.Contents != 0 {
			t.Errorf("pruning again: %+v, %v; want nothing", again, err)
		}
		if n := auditCount(t, r); n != auditBefore+len(wantPruned)+1 {
			t.Errorf("a pruning that deleted nothing wrote %d audit entries", n-auditBefore-len(wantPruned)-1)
		}
		// The versions after a pruned one go on from the highest kept.
		if next := addDocument(t, r, draft(b, 1, "%PDF B5")); next.Version != b4.Version+1 {
			t.Errorf("the next version after pruning is %d, want %d", next.Version, b4.Version+1)
		}
	})
}

// latestOf is the id of ref's newest document with status.
func latestOf(t *testing.T, r register, ref string, status partnership.DocumentStatus) int64 {
	t.Helper()
	list, err := r.Documents(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Status == status && d.ApprovedOf != 0 {
			return d.ID
		}
	}
	t.Fatalf("%s has no %s copy", ref, status)
	return 0
}

func auditCount(t *testing.T, r register) int {
	t.Helper()
	var n int
	if err := r.QueryRowSQL(context.Background(), `SELECT COUNT(*) FROM audit`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkPruningAudit: after the entries there were before, one
// document.prune entry per pruned draft by the pruner, then the pruning's
// own entry naming every draft and the counts.
func checkPruningAudit(t *testing.T, r register, before int, pruned []int64) {
	t.Helper()
	entries, err := r.Audit(context.Background(), 0, len(pruned)+2)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(pruned)+2 || auditCount(t, r) != before+len(pruned)+1 {
		t.Fatalf("%d audit entries, were %d; want %d more", auditCount(t, r), before, len(pruned)+1)
	}
	summary := entries[0]
	if summary.Action != "register.prune" || summary.Actor != admin.Name || summary.Role != partnership.RoleAdmin ||
		!strings.Contains(summary.Detail, fmt.Sprintf("%d superseded drafts", len(pruned))) ||
		!strings.Contains(summary.Detail, "2 stored contents") {
		t.Errorf("the pruning's entry: %+v", summary)
	}
	for i, id := range pruned {
		e := entries[len(pruned)-i]
		if e.Action != "document.prune" || e.Object != docObject(id) || e.Actor != admin.Name {
			t.Errorf("entry for draft %d: %+v", id, e)
		}
		if !strings.Contains(summary.Detail, docObject(id)) {
			t.Errorf("the pruning's entry does not name %s: %s", docObject(id), summary.Detail)
		}
	}
	if entries[len(pruned)+1].Action == "document.prune" {
		t.Errorf("more document.prune entries than drafts pruned")
	}
}
