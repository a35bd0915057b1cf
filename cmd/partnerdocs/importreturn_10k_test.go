package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
)

// BenchmarkImportReturn10k measures `partnerdocs import-return` of a return
// of 10,000 partnerships (each with 5 targets, 8 risks and 3
// representatives) on SQLite. Outside the timer the register is seeded, its
// workbook written by `partnerdocs workbook` and every target's actual, RAG
// and commentary filled in with excelize; each iteration then imports the
// return into a fresh copy of the seeded register (the copy is not timed).
// Run it alone:
//
//	go test ./cmd/partnerdocs -run '^$' -bench ImportReturn10k -benchtime 1x -count 6 -timeout 30m
func BenchmarkImportReturn10k(b *testing.B) {
	const n = 10_000
	ctx := b.Context()
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "register.db")

	db, err := store.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	sample, err := samples.Read("waste-partnership.json")
	if err != nil {
		b.Fatal(err)
	}
	base, err := partnership.Decode(bytes.NewReader(sample))
	if err != nil {
		b.Fatal(err)
	}
	council, at := partnership.DefaultCouncil(), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	officer := partnership.Actor{Name: "olive", Role: partnership.RoleOfficer}
	for i := range n {
		p := samples.Shape10k(base, i)
		if _, err := db.CreatePartnership(ctx, p, partnership.Assess(p, council, at), officer); err != nil {
			b.Fatalf("partnership %d: %v", i, err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	seeded, err := os.ReadFile(dbPath)
	if err != nil {
		b.Fatal(err)
	}

	out, filled := filepath.Join(dir, "cmt.xlsx"), filepath.Join(dir, "return.xlsx")
	if r := runBench(b, "workbook", "--year", "2026/27", "--out", out, "--database", dbPath); r.status != 0 {
		b.Fatalf("workbook: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if rows := fillAllTargets(b, out, filled); rows != 5*n {
		b.Fatalf("%d target rows filled, want %d", rows, 5*n)
	}
	info, err := os.Stat(filled)
	if err != nil {
		b.Fatal(err)
	}

	copyPath := filepath.Join(dir, "copy.db")

	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(copyPath, seeded, 0o600); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r := runBench(b, "import-return", "--year", "2026/27", filled, "--database", copyPath)
		if r.status != 0 {
			b.Fatalf("import-return: exit %d, stderr:\n%.2000s", r.status, r.stderr)
		}
		if got := strings.Count(r.stdout, "\n"); got != n {
			b.Fatalf("import-return stored %d revisions, want %d", got, n)
		}
	}
	// After the loop: b.Loop resets the timer, and with it any metric
	// reported before.
	b.ReportMetric(float64(info.Size())/(1<<20), "MiB/return")
}

// runBench runs partnerdocs with args, no environment and no stdin.
func runBench(b *testing.B, args ...string) result {
	var stdout, stderr bytes.Buffer
	m := &Main{Stdin: bytes.NewReader(nil), Stdout: &stdout, Stderr: &stderr, LookupEnv: lookupIn(nil)}
	status := m.Exec(b.Context(), args)
	return result{status: status, stdout: stdout.String(), stderr: stderr.String()}
}

// fillAllTargets fills in actual, RAG and commentary on every row of the
// Targets sheet, and returns how many rows it filled.
func fillAllTargets(t testing.TB, from, to string) int {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetTargets)
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
			if err := f.SetCellValue(workbook.SheetTargets, cell, v); err != nil {
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
	return filled
}

// step is how long one of the import's steps took, and its metric.
