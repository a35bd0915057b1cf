package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
)

func TestKeepDraftsFlag(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * 24 * time.Hour, true},
		{"0d", 0, true},
		{"36h", 36 * time.Hour, true},
		{"0", 0, true},
		{"-1d", 0, false},
		{"-5m", 0, false},
		{"1.5d", 0, false},
		{"d", 0, false},
		{"soon", 0, false},
	} {
		var d keepDuration
		err := d.Set(c.in)
		if (err == nil) != c.ok || (c.ok && time.Duration(d) != c.want) {
			t.Errorf("%q: %v, %v; want %v, ok %v", c.in, time.Duration(d), err, c.want, c.ok)
		}
	}
	for d, want := range map[keepDuration]string{keepDuration(90 * 24 * time.Hour): "90d", keepDuration(36 * time.Hour): "36h0m0s"} {
		if got := d.String(); got != want {
			t.Errorf("%v prints %q, want %q", time.Duration(d), got, want)
		}
	}
}

// oldDrafts stores, 200 days ago, a partnership with two agreements and
// two checklists (each of the first superseded by the second), and returns
// the ids of the superseded ones.
func oldDrafts(t *testing.T, dbPath string) []int64 {
	t.Helper()
	long := time.Now().Add(-200 * 24 * time.Hour)
	db, err := store.Open(t.Context(), dbPath, store.WithNow(func() time.Time { return long }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	data, err := samples.Read("waste-partnership.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	officer := partnership.Actor{Name: "olive", Role: partnership.RoleOfficer}
	rev, err := db.CreatePartnership(t.Context(), p, partnership.Assess(p, partnership.DefaultCouncil(), long), officer)
	if err != nil {
		t.Fatal(err)
	}
	var superseded []int64
	for _, kind := range []string{"agreement", "checklist"} {
		for i := range 2 {
			d, err := db.AddDocument(t.Context(), &partnership.Document{Ref: rev.Ref, Kind: kind, Format: "pdf", Revision: 1,
				Bytes: fmt.Appendf(nil, "%%PDF %s %d", kind, i)}, officer)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				superseded = append(superseded, d.ID)
			}
		}
	}
	return superseded
}

// pruningEntries are the audit trail's pruning entries, newest first.
func pruningEntries(t *testing.T, dbPath string) []partnership.AuditEntry {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, err := db.Audit(t.Context(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var pruning []partnership.AuditEntry
	for _, e := range entries {
		if strings.HasSuffix(e.Action, ".prune") {
			pruning = append(pruning, e)
		}
	}
	return pruning
}

// TestPrune: "partnerdocs prune" deletes the superseded drafts older than
// --keep-drafts (or PARTNERDOCS_KEEP_DRAFTS), says which, and the audit
// trail records it as done by "cli"; a retention longer than their age
// deletes nothing.
func TestPrune(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "register.db")
	superseded := oldDrafts(t, dbPath)
	env := map[string]string{"PARTNERDOCS_DATABASE": dbPath, "PARTNERDOCS_KEEP_DRAFTS": "90d"}
	if r := run(t, env, nil, "prune", "--keep-drafts", "365d"); r.status != 0 || !strings.HasPrefix(r.stdout, "pruned 0 superseded drafts") {
		t.Fatalf("prune keeping a year: exit %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	if entries := pruningEntries(t, dbPath); len(entries) != 0 {
		t.Errorf("a pruning that deleted nothing is in the audit trail: %+v", entries)
	}
	r := run(t, env, nil, "prune")
	wantIDs := fmt.Sprintf("(documents %d, %d)", superseded[0], superseded[1])
	if r.status != 0 || !strings.HasPrefix(r.stdout, "pruned 2 superseded drafts") || !strings.Contains(r.stdout, wantIDs) ||
		!strings.Contains(r.stdout, "2 stored contents") {
		t.Fatalf("prune: exit %d, stdout %q, stderr %q; want 2 drafts %s", r.status, r.stdout, r.stderr, wantIDs)
	}
	entries := pruningEntries(t, dbPath)
	if len(entries) != 3 || entries[0].Action != "register.prune" {
		t.Fatalf("pruning entries %+v", entries)
	}
	for _, e := range entries {
		if e.Actor != cliActor || e.Role != partnership.RoleAdmin {
			t.Errorf("entry %+v: want actor cli, role admin", e)
		}
	}
}

func TestPruneUsageErrors(t *testing.T) {
	env := map[string]string{"PARTNERDOCS_DATABASE": filepath.Join(t.TempDir(), "register.db")}
	for _, args := range [][]string{
		{"prune"},
		{"prune", "--keep-drafts", "0"},
		{"prune", "--keep-drafts", "soon"},
		{"prune", "--keep-drafts", "-3d"},
		{"serve", "--keep-drafts", "a while"},
	} {
		if r := run(t, env, nil, args...); r.status != 2 || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q; want 2 and nothing printed", args, r.status, r.stdout)
		}
	}
}

// TestServePrunesWhenConfigured: serve with PARTNERDOCS_KEEP_DRAFTS has
// pruned before it listens, as "system", and stops cleanly.
func TestServePrunesWhenConfigured(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	dbPath := filepath.Join(t.TempDir(), "register.db")
	superseded := oldDrafts(t, dbPath)
	env := map[string]string{"PARTNERDOCS_ADDR": "127.0.0.1:0", "PARTNERDOCS_DATABASE": dbPath, "PARTNERDOCS_KEEP_DRAFTS": "90d"}
	listening := make(chan net.Addr, 1)
	stderr := &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, LookupEnv: lookupIn(env),
		Listening: func(a net.Addr) { listening <- a }}
	exited := make(chan int, 1)
	go func() { exited <- m.Exec(ctx, []string{"serve"}) }()
	select {
	case <-listening:
	case status := <-exited:
		t.Fatalf("serve exited %d before listening:\n%s", status, stderr)
	}
	entries := pruningEntries(t, dbPath)
	if len(entries) != len(superseded)+1 || entries[0].Actor != "system" || entries[0].Action != "register.prune" {
		t.Errorf("after start-up, pruning entries %+v; want %d drafts pruned by system", entries, len(superseded))
	}
	if !strings.Contains(stderr.String(), `"msg":"pruned superseded drafts","documents":2`) {
		t.Errorf("the pruning is not in the log:\n%s", stderr)
	}
	cancel()
	if status := <-exited; status != 0 {
		t.Errorf("serve exited %d:\n%s", status, stderr)
	}
}
