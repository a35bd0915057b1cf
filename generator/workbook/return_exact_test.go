package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// longTexts is a valid partnership whose texts are longer than a cell
// holds: a commentary of 20,000 characters outside the Basic Multilingual
// Plane (40,000 UTF-16 units) and ten review actions of 3,500 characters
// (35,009 characters in the one cell).
func longTexts(t testing.TB) []partnership.Revision {
	revs := sampleRevisions(t)[:1]
	p := &revs[0].Partnership
	p.Targets = slices.Clone(p.Targets)
	actual := 12.5
	p.Targets[0].Results = []partnership.TargetResult{{FinancialYear: testYear, Actual: &actual, RAG: partnership.RAGGreen,
		Commentary: strings.Repeat("😀", partnership.MaxTextChars)}}
	var actions []string
	for i := range 10 {
		actions = append(actions, fmt.Sprintf("Action %d: %s", i, strings.Repeat("x", 3500-10)))
	}
	p.Reviews = []partnership.Review{{FinancialYear: testYear, Type: partnership.ReviewTypeSelfAssessment, CompletedOn: "2027-03-01",
		Assessor: strings.Repeat("é", 30_000/2), Overall: partnership.OverallReasonable,
		Recommendation: partnership.RecommendationContinue, Actions: actions}}
	if problems := partnership.Validate(p); len(problems) > 0 {
		t.Fatalf("the long partnership is not valid: %v", problems)
	}
	return revs
}

// TestReturnUnchangedChangesNothing: every sample's workbook, and one with
// texts longer than a cell, returned as it is, or opened and saved again,
// changes nothing and has no problem.
func TestReturnUnchangedChangesNothing(t *testing.T) {
	cases := map[string][]partnership.Revision{"long texts": longTexts(t)}
	for _, rev := range sampleRevisions(t) {
		cases[rev.Ref] = []partnership.Revision{rev}
	}
	cases["all samples"] = sampleRevisions(t)
	for name, revs := range cases {
		b := buildWorkbook(t, revs)
		for how, file := range map[string][]byte{"as written": b, "saved again": fill(t, b, func(*excelize.File) {})} {
			changes, problems := readBack(t, file, revs)
			if len(changes) != 0 || len(problems) != 0 {
				t.Errorf("%s, %s: %d changes, problems %v", name, how, len(changes), problems)
			}
		}
	}
}

// TestReturnLongTextLockedAndKept: a text longer than a cell is written
// as its beginning and a note, locked; a change elsewhere in its row keeps
// it whole; a change to it is refused at its cell.
func TestReturnLongTextLockedAndKept(t *testing.T) {
	revs := longTexts(t)
	b := buildWorkbook(t, revs)
	f := openWorkbook(t, b)
	comment := cellOf(t, f, SheetTargets, "Commentary", 2)
	text, _ := f.GetCellValue(SheetTargets, comment)
	if !strings.HasPrefix(text, "😀😀") || !strings.Contains(text, "change it in the register") {
		t.Errorf("the long commentary reads %.80q…", text)
	}
	if style, _ := f.GetCellStyle(SheetTargets, comment); !lockedStyle(t, f, style) {
		t.Errorf("the long commentary's cell %s is not locked", comment)
	}
	rag := cellOf(t, f, SheetTargets, "RAG", 2)
	changes, problems := readBack(t, fill(t, b, func(f *excelize.File) { set(t, f, SheetTargets, rag, "Amber") }), revs)
	if len(problems) > 0 || len(changes) != 1 {
		t.Fatalf("a RAG changed beside a long commentary: %d changes, problems %v", len(changes), problems)
	}
	got := changes[0].Partnership
	if res := resultFor(&got.Targets[0], testYear); res.RAG != partnership.RAGAmber || res.Commentary != revs[0].Partnership.Targets[0].Results[0].Commentary {
		t.Errorf("result after the return: RAG %s, commentary of %d bytes", res.RAG, len(res.Commentary))
	}
	if !slices.Equal(got.Reviews[0].Actions, revs[0].Partnership.Reviews[0].Actions) {
		t.Errorf("the review's actions changed: %d of them", len(got.Reviews[0].Actions))
	}
	actions := cellOf(t, f, SheetReviews, "Actions (one per line)", 2)
	_, problems = readBack(t, fill(t, b, func(f *excelize.File) {
		set(t, f, SheetTargets, comment, "Shorter now")
		set(t, f, SheetReviews, actions, "One action")
	}), revs)
	if !hasProblemAt(problems, SheetTargets, comment, "read-only") || !hasProblemAt(problems, SheetReviews, actions, "read-only") {
		t.Errorf("edits to long texts: problems %v, want %s!%s and %s!%s read-only", problems, SheetTargets, comment, SheetReviews, actions)
	}
}

// TestReturnRefusesWhatTheContractRefuses: an officer's cell over the
// contract's limit, or with a character the register cannot hold, is
// refused at its cell, and so is a revision Validate refuses.
func TestReturnRefusesWhatTheContractRefuses(t *testing.T) {
	revs := sampleRevisions(t)
	b := buildWorkbook(t, revs)
	f := openWorkbook(t, b)
	comment, rag := cellOf(t, f, SheetTargets, "Commentary", 2), cellOf(t, f, SheetTargets, "RAG", 2)
	assessor, overall := cellOf(t, f, SheetReviews, "Assessor", 2), cellOf(t, f, SheetReviews, "Overall", 2)
	completed := cellOf(t, f, SheetReviews, "Completed on", 2)
	_, problems := readBack(t, fill(t, b, func(f *excelize.File) {
		set(t, f, SheetTargets, rag, "Green")
		set(t, f, SheetTargets, comment, strings.Repeat("a", partnership.MaxTextChars+1))
		set(t, f, SheetReviews, assessor, "Ann _xFFFE_ Smith")
		set(t, f, SheetReviews, overall, "Limited")
		set(t, f, SheetReviews, completed, "2027-03-01")
	}), revs)
	if !hasProblemAt(problems, SheetTargets, comment, "20,000 characters or fewer") {
		t.Errorf("a commentary of 20,001 characters: problems %v", problems)
	}
	if !hasProblemAt(problems, SheetReviews, assessor, "U+FFFE") {
		t.Errorf("an assessor with U+FFFE: problems %v", problems)
	}
}

// TestReturnValidatedChangeNamedByCell: a change that breaks a rule of the
// contract found only by Validate (here a one-line field given two lines)
// is refused at the cell it came from.
func TestReturnValidatedChangeNamedByCell(t *testing.T) {
	revs := sampleRevisions(t)
	b := buildWorkbook(t, revs)
	f := openWorkbook(t, b)
	assessor := cellOf(t, f, SheetReviews, "Assessor", 2)
	changes, problems := readBack(t, fill(t, b, func(f *excelize.File) {
		set(t, f, SheetReviews, assessor, "Ann\nSmith")
		set(t, f, SheetReviews, cellOf(t, f, SheetReviews, "Overall", 2), "Limited")
		set(t, f, SheetReviews, cellOf(t, f, SheetReviews, "Completed on", 2), "2027-03-01")
	}), revs)
	if len(changes) != 0 || !hasProblemAt(problems, SheetReviews, assessor, "one line") {
		t.Errorf("an assessor on two lines: %d changes, problems %v; want one at %s!%s", len(changes), problems, SheetReviews, assessor)
	}
}

// cellOf is the cell of the column headed header on row n.
func cellOf(t testing.TB, f *excelize.File, sheet, header string, n int) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", sheet, err)
	}
	i := slices.Index(rows[0], header)
	if i < 0 {
		t.Fatalf("%s has no column %q", sheet, header)
	}
	return cellName(i+1, n)
}

func lockedStyle(t testing.TB, f *excelize.File, id int) bool {
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Protection == nil || st.Protection.Locked
}

func hasProblemAt(problems []CellProblem, sheet, cell, says string) bool {
	return slices.ContainsFunc(problems, func(p CellProblem) bool {
		return p.Sheet == sheet && p.Cell == cell && strings.Contains(p.Message, says)
	})
}

// cellBomb is a return of revs whose Targets sheet has, in its first
// row's Commentary, one cell of size bytes: the sheet is deflated as it is
// made, from a repeated pattern, so the test holds the small zip only.
func cellBomb(t testing.TB, revs []partnership.Revision, size int64) (data []byte, cell string) {
	t.Helper()
	b := buildWorkbook(t, revs)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	x, err := openXLSX(zr)
	if err != nil {
		t.Fatal(err)
	}
	part, _ := x.sheetPart(SheetTargets)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	s := newSheets(testYear, partnership.DefaultCouncil()).targets
	cell = cellName(s.index("Commentary")+1, 2)
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == part {
			writeBombSheet(t, w, headers(s), revs[0].Ref, cell, size)
			continue
		}
		rc, _ := zf.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), cell
}

func writeBombSheet(t testing.TB, w io.Writer, header []string, ref, cell string, size int64) {
	var head strings.Builder
	head.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`)
	for i, h := range header {
		fmt.Fprintf(&head, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cellName(i+1, 1), h)
	}
	fmt.Fprintf(&head, `</row><row r="2"><c r="A2" t="inlineStr"><is><t>%s</t></is></c><c r="%s" t="inlineStr"><is><t>`, ref, cell)
	io.WriteString(w, head.String())
	chunk := bytes.Repeat([]byte("All on track. "), 64<<10/14)
	for n := int64(0); n < size; n += int64(len(chunk)) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
}

// bombBytes is the one cell of the bomb: 480 MB, as the hostile test sent.
const bombBytes = 480 << 20

// TestReturnCellBombRefused: a return whose one cell unzips to 480 MB is
// refused with a problem naming that cell (its memory is measured by
// BenchmarkReturnCellBomb, not here).
func TestReturnCellBombRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: building the bomb deflates 480 MB (CI runs it in full)")
	}
	revs := sampleRevisions(t)
	data, cell := cellBomb(t, revs, bombBytes)
	if len(data) > MaxReturnBytes {
		t.Fatalf("the bomb is %d bytes, over the limit", len(data))
	}
	changes, problems := readBack(t, data, revs)
	if len(changes) != 0 || !hasProblemAt(problems, SheetTargets, cell, "longer than a cell can hold") {
		t.Errorf("the cell bomb (%d KB zipped): %d changes, problems %v", len(data)>>10, len(changes), problems)
	}
}
