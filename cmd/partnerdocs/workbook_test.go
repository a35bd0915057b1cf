package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/store"
)

// seedRegister stores the named samples in a new SQLite register and
// returns its path and their refs.
func seedRegister(t *testing.T, names ...string) (string, []string) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var refs []string
	for _, name := range names {
		p, err := partnership.Decode(bytes.NewReader(readSample(t, name)))
		if err != nil {
			t.Fatal(err)
		}
		a := partnership.Assess(p, partnership.DefaultCouncil(), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
		rev, err := db.CreatePartnership(t.Context(), p, a, partnership.Actor{Name: "olive", Role: partnership.RoleOfficer})
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, rev.Ref)
	}
	return dbPath, refs
}

// TestWorkbookCommand writes the year's workbook from the register through
// a temporary file, and refuses a year not written 2026/27.
func TestWorkbookCommand(t *testing.T) {
	dbPath, refs := seedRegister(t, "waste-partnership.json", "health-alliance.json")
	dir := t.TempDir()
	out := filepath.Join(dir, "cmt.xlsx")
	r := run(t, nil, nil, "workbook", "--year", "2026/27", "--out", out, "--database", dbPath)
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"cmt.xlsx"}) {
		t.Errorf("directory holds %q, want only cmt.xlsx", got)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetRegister)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, row := range rows {
		if len(row) > 0 && slices.Contains(refs, row[0]) {
			found = append(found, row[0])
		}
	}
	if len(found) != len(refs) {
		t.Errorf("register sheet has rows for %q, want %q", found, refs)
	}

	for _, year := range []string{"2026-27", "2026/28", ""} {
		r := run(t, nil, nil, "workbook", "--year", year, "--out", filepath.Join(dir, "bad.xlsx"), "--database", dbPath)
		if r.status != 2 || !strings.Contains(r.stderr, "--year") {
			t.Errorf("--year %q: exit %d, stderr %q; want 2 naming --year", year, r.status, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.xlsx")); err == nil {
		t.Error("a refused command left a file")
	}
}
