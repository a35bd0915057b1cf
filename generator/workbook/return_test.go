package workbook

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

func currentOf(revs []partnership.Revision) map[string]*partnership.Revision {
	m := make(map[string]*partnership.Revision, len(revs))
	for i := range revs {
		m[revs[i].Ref] = &revs[i]
	}
	return m
}

func readBack(t *testing.T, b []byte, revs []partnership.Revision) ([]ReturnChange, []CellProblem) {
	t.Helper()
	changes, problems, err := ReadReturn(bytes.NewReader(b), int64(len(b)), testYear, currentOf(revs))
	if err != nil {
		t.Fatal(err)
	}
	return changes, problems
}

// fill opens the workbook, lets edit set cells, and saves it as an officer
// would.
func fill(t *testing.T, b []byte, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := openWorkbook(t, b)
	edit(f)
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func TestReadReturnUnchanged(t *testing.T) {
	revs := sampleRevisions(t)
	changes, problems := readBack(t, buildWorkbook(t, revs), revs)
	if len(changes) != 0 || len(problems) != 0 {
		t.Errorf("an untouched workbook: %d changes, problems %v", len(changes), problems)
	}
}

func TestReadReturnRoundTrip(t *testing.T) {
	revs := sampleRevisions(t)
	b := buildWorkbook(t, revs)
	targets := sheetRows(t, openWorkbook(t, b), SheetTargets)
	reviews := sheetRows(t, openWorkbook(t, b), SheetReviews)
	want := map[string]bool{} // refs expected to change
	b = fill(t, b, func(f *excelize.File) {
		for r := 1; r < len(targets); r += 3 { // every third target
			n := r + 1
			set(t, f, SheetTargets, fmt.Sprintf("K%d", n), 1000.5+float64(r))
			set(t, f, SheetTargets, fmt.Sprintf("L%d", n), "Amber")
			set(t, f, SheetTargets, fmt.Sprintf("M%d", n), fmt.Sprintf("Row %d — réalisé", n))
			want[targets[r][0]] = true
		}
		for r := 1; r < len(reviews); r++ {
			n := r + 1
			set(t, f, SheetReviews, fmt.Sprintf("E%d", n), time.Date(2027, 3, 1+r, 0, 0, 0, 0, time.UTC))
			set(t, f, SheetReviews, fmt.Sprintf("F%d", n), "Assessor "+reviews[r][0])
			set(t, f, SheetReviews, fmt.Sprintf("G%d", n), "Limited")
			set(t, f, SheetReviews, fmt.Sprintf("H%d", n), "Continue with actions")
			set(t, f, SheetReviews, fmt.Sprintf("I%d", n), "First action\nSecond action")
			want[reviews[r][0]] = true
		}
	})
	changes, problems := readBack(t, b, revs)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(changes) != len(want) {
		t.Errorf("%d changes, want %d", len(changes), len(want))
	}
	cur := currentOf(revs)
	for _, ch := range changes {
		if ch.Base != cur[ch.Ref].Number {
			t.Errorf("%s: base %d, want %d", ch.Ref, ch.Base, cur[ch.Ref].Number)
		}
		checkChangedTargets(t, ch, targets)
		checkChangedReview(t, ch, reviews)
	}
}

func checkChangedTargets(t *testing.T, ch ReturnChange, targets [][]string) {
	t.Helper()
	for r := 1; r < len(targets); r += 3 {
		if targets[r][0] != ch.Ref {
			continue
		}
		n := r + 1
		var res *partnership.TargetResult
		for i := range ch.Partnership.Targets {
			if ch.Partnership.Targets[i].ID == targets[r][3] {
				res = resultFor(&ch.Partnership.Targets[i], testYear)
			}
		}
		if res == nil || res.Actual == nil || *res.Actual != 1000.5+float64(r) || res.RAG != partnership.RAGAmber ||
			res.Commentary != fmt.Sprintf("Row %d — réalisé", n) {
			t.Errorf("%s target %s: result %+v", ch.Ref, targets[r][3], res)
		}
	}
}

func checkChangedReview(t *testing.T, ch ReturnChange, reviews [][]string) {
	t.Helper()
	for r := 1; r < len(reviews); r++ {
		if reviews[r][0] != ch.Ref {
			continue
		}
		typ, _ := parseLabel(reviews[r][3], partnership.ReviewTypeValues)
		var got *partnership.Review
		for i, v := range ch.Partnership.Reviews {
			if v.FinancialYear == testYear && v.Type == typ {
				got = &ch.Partnership.Reviews[i]
			}
		}
		want := partnership.Date(time.Date(2027, 3, 1+r, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
		if got == nil || got.CompletedOn != want || got.Overall != partnership.OverallLimited ||
			got.Recommendation != partnership.RecommendationContinueWithActions || got.Assessor != "Assessor "+ch.Ref ||
			strings.Join(got.Actions, "|") != "First action|Second action" {
			t.Errorf("%s review row %d: %+v", ch.Ref, r+1, got)
		}
	}
}

func TestReadReturnBadCells(t *testing.T) {
	revs := sampleRevisions(t)
	cases := []struct {
		name, sheet, cell string
		value             any
		message           string
		at                string // the cell named, when not the one edited
	}{
		{"purple RAG", SheetTargets, "L2", "purple", "not one of", ""},
		{"text in actual", SheetTargets, "K3", "about half", "must be a number", ""},
		{"edited baseline", SheetTargets, "I4", 999999, "read-only", ""},
		{"edited name", SheetTargets, "B2", "Another name", "read-only", ""},
		{"unknown target", SheetTargets, "D2", "T-NOPE", "no target", ""},
		{"unknown partnership", SheetTargets, "A2", "PP-0000-000", "No partnership", ""},
		{"not a date", SheetReviews, "E2", "next Tuesday", "not a date", ""},
		{"overall outside the list", SheetReviews, "G2", "Splendid", "not one of", ""},
		{"missing overall", SheetReviews, "F2", "A. Officer", "required", "G2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := fill(t, buildWorkbook(t, revs), func(f *excelize.File) {
				set(t, f, SheetTargets, "L5", "Green") // a good change alongside
				set(t, f, c.sheet, c.cell, c.value)
			})
			changes, problems := readBack(t, b, revs)
			if len(changes) != 0 {
				t.Errorf("%d changes despite a bad cell", len(changes))
			}
			at := cmp.Or(c.at, c.cell)
			found := false
			for _, p := range problems {
				found = found || (p.Sheet == c.sheet && p.Cell == at && strings.Contains(p.Message, c.message))
			}
			if !found {
				t.Errorf("no problem naming %s!%s (%q): %v", c.sheet, at, c.message, problems)
			}
		})
	}
}

func TestReadReturnRefusesNonWorkbooks(t *testing.T) {
	revs := sampleRevisions(t)
	bomb := func(entries int, each int) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zeros := make([]byte, 1<<20)
		for i := range entries {
			w, _ := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i))
			for range each {
				w.Write(zeros)
			}
		}
		w, _ := zw.Create("xl/workbook.xml")
		w.Write([]byte("<workbook/>"))
		zw.Close()
		return buf.Bytes()
	}
	for name, b := range map[string][]byte{
		"text":             []byte("Ref,Name\nPP-1,=HYPERLINK(\"x\")\n"),
		"empty":            nil,
		"zip without xlsx": bomb(1, 0)[:0],
		"zip bomb":         bomb(1, maxReturnUnzipped>>20+1),
		"many parts":       bomb(maxReturnEntries+1, 0),
	} {
		changes, problems, err := ReadReturn(bytes.NewReader(b), int64(len(b)), testYear, currentOf(revs))
		if err == nil || partnership.ErrorCode(err) != partnership.EInvalid || changes != nil || problems != nil {
			t.Errorf("%s: err %v (%s), %d changes, %d problems", name, err, partnership.ErrorCode(err), len(changes), len(problems))
		}
	}
}
