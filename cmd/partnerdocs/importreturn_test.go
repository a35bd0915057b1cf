package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/store"
)

// TestImportReturn: a workbook filled in and taken back stores a new
// revision, audited as done by "cli"; one with a bad cell prints it as
// Sheet!Cell: message, exits 2 and stores nothing; one made before the
// partnership's latest revision is refused as stale.
func TestImportReturn(t *testing.T) {
	dbPath, refs := seedRegister(t, "waste-partnership.json", "health-alliance.json")
	dir := t.TempDir()
	out := filepath.Join(dir, "cmt.xlsx")
	if r := run(t, nil, nil, "workbook", "--year", "2026/27", "--out", out, "--database", dbPath); r.status != 0 {
		t.Fatalf("workbook: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	actual, rag := targetCells(t, out, refs[0])

	bad := filepath.Join(dir, "bad.xlsx")
	fill(t, out, bad, map[string]any{actual: 48.5, rag: "Purple"})
	r := run(t, nil, nil, "import-return", "--year", "2026/27", bad, "--database", dbPath)
	want := regexp.MustCompile(`(?m)^` + workbook.SheetTargets + `!` + rag + `: .+$`)
	if r.status != 2 || !want.MatchString(r.stderr) {
		t.Errorf("bad RAG: exit %d, stderr %q; want 2 and a line %s!%s: message", r.status, r.stderr, workbook.SheetTargets, rag)
	}
	if n := currentRevision(t, dbPath, refs[0]); n != 1 {
		t.Errorf("a refused return stored revision %d", n)
	}

	good := filepath.Join(dir, "good.xlsx")
	fill(t, out, good, map[string]any{actual: 48.5, rag: "Amber"})
	r = run(t, nil, nil, "import-return", good, "--year", "2026/27", "--database", dbPath)
	if r.status != 0 || strings.TrimSpace(r.stdout) != refs[0]+"\t2" {
		t.Fatalf("import-return: exit %d, stdout %q, stderr:\n%s", r.status, r.stdout, r.stderr)
	}
	if n := currentRevision(t, dbPath, refs[0]); n != 2 {
		t.Errorf("after the return %s is at revision %d, want 2", refs[0], n)
	}
	if e := latestAudit(t, dbPath); e.Action != "partnership.return" || e.Object != "partnership:"+refs[0] ||
		e.Actor != cliActor || e.Role != partnership.RoleAdmin || e.FromRevision != 1 || e.ToRevision != 2 {
		t.Errorf("latest audit entry %+v, want partnership.return 1 -> 2 by cli (admin)", e)
	}

	// The same workbook again, with another figure: made from revision 1,
	// the partnership is now at 2. Refused, naming both; nothing stored.
	stale := filepath.Join(dir, "stale.xlsx")
	fill(t, out, stale, map[string]any{actual: 50, rag: "Green"})
	r = run(t, nil, nil, "import-return", stale, "--year", "2026/27", "--database", dbPath)
	if r.status == 0 || !strings.Contains(r.stderr, "partnership "+refs[0]+" is at revision 2, not 1") {
		t.Errorf("stale return: exit %d, stderr %q; want a refusal naming %s at revision 2, not 1", r.status, r.stderr, refs[0])
	}
	if n := currentRevision(t, dbPath, refs[0]); n != 2 {
		t.Errorf("a stale return left %s at revision %d, want 2", refs[0], n)
	}

	r = run(t, nil, nil, "import-return", "--year", "2026/27", "--database", dbPath)
	if r.status != 2 {
		t.Errorf("no file: exit %d, want 2", r.status)
	}
}

// targetCells finds the Actual and RAG cells of ref's first target.
func targetCells(t *testing.T, path, ref string) (actual, rag string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]int{}
	for i, row := range rows {
		if len(cols) == 0 {
			for j, v := range row {
				cols[v] = j
			}
			if _, ok := cols["Actual"]; !ok {
				clear(cols)
			}
			continue
		}
		if len(row) > 0 && row[cols["Ref"]] == ref {
			actual, _ = excelize.CoordinatesToCellName(cols["Actual"]+1, i+1)
			rag, _ = excelize.CoordinatesToCellName(cols["RAG"]+1, i+1)
			return actual, rag
		}
	}
	t.Fatalf("no target row for %s", ref)
	return "", ""
}

// fill copies the workbook at from to to with the Targets cells set.
func fill(t *testing.T, from, to string, cells map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellValue(workbook.SheetTargets, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
}

func currentRevision(t *testing.T, dbPath, ref string) int {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rev, err := db.Partnership(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return rev.Number
}

func latestAudit(t *testing.T, dbPath string) partnership.AuditEntry {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, err := db.Audit(t.Context(), 0, 1)
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit: %v, %v", entries, err)
	}
	return entries[0]
}
