package workbook

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// TestColumnsMoveInTheirTableAlone: moving columns in the tables, and
// nothing else, moves them in the written sheets, the dashboard's formulas
// and the return reader alike. The Targets and Register tables are turned
// round (the last column first); the workbook is written, read back with
// excelize, and returned with one target's result filled in.
func TestColumnsMoveInTheirTableAlone(t *testing.T) {
	revs := sampleRevisions(t)
	set := newSheets(testYear, partnership.DefaultCouncil())
	slices.Reverse(set.targets.cols)
	slices.Reverse(set.register.cols)
	var buf bytes.Buffer
	if err := writeWorkbook(&buf, testYear, func(yield func(*partnership.Revision) error) error {
		for _, r := range sortedRevs(revs) {
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}, partnership.DefaultCouncil(), testAt, set); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	f := openWorkbook(t, b)
	for _, s := range []struct {
		name string
		want []string
	}{{SheetTargets, headers(set.targets)}, {SheetRegister, headers(set.register)}} {
		if got := sheetRows(t, f, s.name)[0]; !slices.Equal(got, s.want) {
			t.Errorf("%s headers %q, want %q", s.name, got, s.want)
		}
	}
	// The dashboard counts by status from the Register's Status column and
	// by RAG from the Targets' RAG column, wherever they now are.
	for cell, want := range map[string]string{"B9": "Register!$" + set.register.letter("Status") + "$2",
		"B25": "Targets!$" + set.targets.letter("RAG") + "$2"} {
		if got, _ := f.GetCellFormula(SheetDashboard, cell); !strings.Contains(got, want) {
			t.Errorf("Dashboard!%s = %q, want it over %s", cell, got, want)
		}
	}
	if set.register.letter("Status") == "C" || set.targets.letter("RAG") == "L" {
		t.Fatal("the columns did not move")
	}
	rows := sheetRows(t, f, SheetTargets)
	ref, id := rows[1][set.targets.index("Ref")], rows[1][set.targets.index("Target ID")]
	filled := fill(t, b, func(f *excelize.File) {
		set2 := func(header string, v any) {
			if err := f.SetCellValue(SheetTargets, cellName(set.targets.index(header)+1, 2), v); err != nil {
				t.Fatal(err)
			}
		}
		set2("Actual", 41.5)
		set2("RAG", "Red")
		set2("Commentary", "Moved columns, read back")
	})
	for name, file := range map[string][]byte{"unchanged": b, "filled": filled} {
		rt, err := openReturn(bytes.NewReader(file), int64(len(file)), testYear, set)
		if err != nil {
			t.Fatal(err)
		}
		var changes []*ReturnChange
		for i := range revs {
			if ch := rt.Revise(&revs[i]); ch != nil {
				changes = append(changes, ch)
			}
		}
		if problems := rt.Problems(); len(problems) > 0 {
			t.Fatalf("%s: problems %v", name, problems)
		}
		switch {
		case name == "unchanged" && len(changes) != 0:
			t.Errorf("the unchanged workbook changed %d partnerships", len(changes))
		case name == "filled" && (len(changes) != 1 || changes[0].Ref != ref):
			t.Errorf("the filled workbook changed %d partnerships, want %s", len(changes), ref)
		case name == "filled":
			for _, tg := range changes[0].Partnership.Targets {
				if res := resultFor(&tg, testYear); tg.ID == id && (res == nil || *res.Actual != 41.5 || res.RAG != partnership.RAGRed || res.Commentary != "Moved columns, read back") {
					t.Errorf("%s target %s: result %+v", ref, id, res)
				}
			}
		}
	}
}
