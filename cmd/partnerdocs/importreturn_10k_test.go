package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/store"
)

// TestImportReturn10k times the import of a return of 10,000 partnerships
// (each with 5 targets, 8 risks and 3 representatives) on SQLite: the
// register is seeded, its workbook written by `partnerdocs workbook`, every
// target's actual, RAG and commentary filled in with excelize, and then
// `partnerdocs import-return` is timed as a whole. Before that, the same
// steps are timed one by one on a copy of the register (CurrentRevisions,
// ReadReturn, Assess, ApplyRevisions). Run it alone:
//
//	PARTNERDOCS_IMPORT_10K=1 go test ./cmd/partnerdocs -run TestImportReturn10k -v -timeout 20m
func TestImportReturn10k(t *testing.T) {
	if os.Getenv("PARTNERDOCS_IMPORT_10K") == "" {
		t.Skip("set PARTNERDOCS_IMPORT_10K=1 to measure")
	}
	const n = 10_000
	ctx := t.Context()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "register.db")

	start := time.Now()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	base, err := partnership.Decode(bytes.NewReader(readSample(t, "waste-partnership.json")))
	if err != nil {
		t.Fatal(err)
	}
	council, at := partnership.DefaultCouncil(), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	officer := partnership.Actor{Name: "olive", Role: partnership.RoleOfficer}
	for i := range n {
		p := shape10k(base, i)
		if _, err := db.CreatePartnership(ctx, p, partnership.Assess(p, council, at), officer); err != nil {
			t.Fatalf("partnership %d: %v", i, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %d partnerships in %v", n, time.Since(start).Round(time.Millisecond))

	out, filled := filepath.Join(dir, "cmt.xlsx"), filepath.Join(dir, "return.xlsx")
	start = time.Now()
	if r := run(t, nil, nil, "workbook", "--year", "2026/27", "--out", out, "--database", dbPath); r.status != 0 {
		t.Fatalf("workbook: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	t.Logf("workbook written in %v", time.Since(start).Round(time.Millisecond))
	rows := fillAllTargets(t, out, filled)
	if rows != 5*n {
		t.Fatalf("%d target rows filled, want %d", rows, 5*n)
	}
	info, err := os.Stat(filled)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("return: %d target rows filled, %.1f MiB", rows, float64(info.Size())/(1<<20))

	// The steps one by one, on a copy of the register.
	copyPath := filepath.Join(dir, "copy.db")
	data, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	timeSteps(t, copyPath, filled, n)

	start = time.Now()
	r := run(t, nil, nil, "import-return", "--year", "2026/27", filled, "--database", dbPath)
	took := time.Since(start)
	if r.status != 0 {
		t.Fatalf("import-return: exit %d, stderr:\n%.2000s", r.status, r.stderr)
	}
	if got := bytes.Count([]byte(r.stdout), []byte("\n")); got != n {
		t.Fatalf("import-return stored %d revisions, want %d", got, n)
	}
	t.Logf("partnerdocs import-return of %d partnerships: %v", n, took.Round(time.Millisecond))
	if took > 5*time.Second {
		t.Errorf("import-return took %v, over the 5 s target", took.Round(time.Millisecond))
	}
}

// shape10k is the sample as partnership i: 5 targets, 8 risks and 3
// representatives, no result for 2026/27 yet.
func shape10k(base *partnership.Partnership, i int) *partnership.Partnership {
	p := *base
	p.Ref, p.Name = fmt.Sprintf("PP-%05d", i), fmt.Sprintf("%s %d", base.Name, i)
	p.Targets = nil
	for j := range 5 {
		t := base.Targets[j%len(base.Targets)]
		t.ID, t.Results = fmt.Sprintf("T%d", j+1), nil
		p.Targets = append(p.Targets, t)
	}
	p.Risks = nil
	for j := range 8 {
		k := base.Risks[j%len(base.Risks)]
		k.ID = fmt.Sprintf("R%d", j+1)
		p.Risks = append(p.Risks, k)
	}
	p.Representatives = append([]partnership.Representative(nil), base.Representatives[:3]...)
	return &p
}

// fillAllTargets fills in actual, RAG and commentary on every row of the
// Targets sheet, and returns how many rows it filled.
func fillAllTargets(t *testing.T, from, to string) int {
	t.Helper()
	start := time.Now()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(generator.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]int{}
	for j, v := range rows[0] {
		cols[v] = j
	}
	rags := []string{"Green", "Amber", "Red"}
	filled := 0
	for i := 1; i < len(rows); i++ {
		row := i + 1
		set := func(col string, v any) {
			cell, _ := excelize.CoordinatesToCellName(cols[col]+1, row)
			if err := f.SetCellValue(generator.SheetTargets, cell, v); err != nil {
				t.Fatal(err)
			}
		}
		set("Actual", float64(40+i%20)+0.5)
		set("RAG", rags[i%len(rags)])
		set("Commentary", fmt.Sprintf("Commentary on row %d: progress in the year, as reported by the lead officer.", row))
		filled++
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
	t.Logf("filled in %v", time.Since(start).Round(time.Millisecond))
	return filled
}

// timeSteps times the import's steps one by one: the same calls as
// `partnerdocs import-return`.
func timeSteps(t *testing.T, dbPath, file string, n int) {
	t.Helper()
	ctx := t.Context()
	total := time.Now()
	start := time.Now()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	revs, err := db.CurrentRevisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	current := make(map[string]*partnership.Revision, len(revs))
	for i := range revs {
		current[revs[i].Ref] = &revs[i]
	}
	tCurrent := time.Since(start)

	start = time.Now()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	changes, problems, err := generator.ReadReturn(fh, info.Size(), "2026/27", current)
	if err != nil || len(problems) > 0 || len(changes) != n {
		t.Fatalf("ReadReturn: %v, %d problems (first %+v), %d changes", err, len(problems), problems[:min(1, len(problems))], len(changes))
	}
	tRead := time.Since(start)

	start = time.Now()
	council, now := partnership.DefaultCouncil(), time.Now()
	batch := make([]partnership.RevisionChange, len(changes))
	for i, ch := range changes {
		batch[i] = partnership.RevisionChange{Ref: ch.Ref, Base: ch.Base, Partnership: ch.Partnership,
			Assessment: partnership.Assess(ch.Partnership, council, now)}
	}
	tAssess := time.Since(start)

	start = time.Now()
	stored, err := db.ApplyRevisions(ctx, batch, cliAdmin())
	if err != nil || len(stored) != n {
		t.Fatalf("ApplyRevisions: %v, %d stored", err, len(stored))
	}
	tApply := time.Since(start)
	t.Logf("steps: open+CurrentRevisions %v, ReadReturn %v, Assess %v, ApplyRevisions %v; total %v",
		tCurrent.Round(time.Millisecond), tRead.Round(time.Millisecond), tAssess.Round(time.Millisecond),
		tApply.Round(time.Millisecond), time.Since(total).Round(time.Millisecond))
}
