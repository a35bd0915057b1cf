package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/internal/pdftest"
)

// filledReturn is a return with every kind of cell an officer or a
// spreadsheet program may leave: numbers, dates, text needing escapes,
// rich text, formulas, booleans and Excel's _xHHHH_ escapes. It takes a
// testing.TB so that FuzzSheetScanMatchesXML can seed itself with its
// sheets.
func filledReturn(t testing.TB) []byte {
	t.Helper()
	revs := sampleRevisions(t)
	b := buildWorkbook(t, revs)
	targets := sheetRows(t, openWorkbook(t, b), SheetTargets)
	reviews := sheetRows(t, openWorkbook(t, b), SheetReviews)
	f := openWorkbook(t, b)
	set := func(sheet, cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for r := 1; r < len(targets); r++ {
		n := r + 1
		switch r % 4 {
		case 0:
			set(SheetTargets, fmt.Sprintf("K%d", n), 1000.5+float64(r))
			set(SheetTargets, fmt.Sprintf("M%d", n), "a < b & \"c\" — réalisé\nline two")
		case 1:
			set(SheetTargets, fmt.Sprintf("K%d", n), true)
			set(SheetTargets, fmt.Sprintf("M%d", n), "  spaced _x000D_ and _x005F_x0041_ ")
		case 2:
			if err := f.SetCellFormula(SheetTargets, fmt.Sprintf("K%d", n), "=1+1"); err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellRichText(SheetTargets, fmt.Sprintf("M%d", n), []excelize.RichTextRun{
				{Text: "bold "}, {Text: "and plain", Font: &excelize.Font{Bold: true}},
			}); err != nil {
				t.Fatal(err)
			}
		case 3:
			set(SheetTargets, fmt.Sprintf("K%d", n), 1e-7)
			set(SheetTargets, fmt.Sprintf("L%d", n), "")
		}
	}
	for r := 1; r < len(reviews); r++ {
		n := r + 1
		set(SheetReviews, fmt.Sprintf("E%d", n), time.Date(2027, 3, 1+r, 0, 0, 0, 0, time.UTC))
		set(SheetReviews, fmt.Sprintf("I%d", n), "First\r\nSecond")
	}
	set(SheetReviews, fmt.Sprintf("P%d", len(reviews)+3), "beyond the last row")
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// readSheets reads every row of a sheet with the streaming reader.
func readSheetRows(t *testing.T, b []byte, sheet string) map[int][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err == nil {
		err = checkReturnZip(zr)
	}
	if err != nil {
		t.Fatal(err)
	}
	x, err := openXLSX(zr)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int][]string{}
	last := 0
	err = x.eachSheetRow(sheet, func(n int, cells []string, _ []int) bool {
		if n != last+1 {
			t.Fatalf("%s: row %d after row %d", sheet, n, last)
		}
		last = n
		rows[n] = append([]string(nil), cells...)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkAgainstExcelize compares the streaming reader with excelize, cell by
// cell (GetCellValue) and row by row (Rows.Columns, which ReadReturn used).
func checkAgainstExcelize(t *testing.T, b []byte) {
	t.Helper()
	f := openWorkbook(t, b)
	raw := excelize.Options{RawCellValue: true}
	for _, sheet := range []string{SheetTargets, SheetReviews, SheetExport} {
		got := readSheetRows(t, b, sheet)
		rows, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		n, cells := 0, 0
		for rows.Next() {
			n++
			want, err := rows.Columns(raw)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got[n], "\x00") != strings.Join(want, "\x00") || len(got[n]) != len(want) {
				t.Errorf("%s row %d: %q, excelize %q", sheet, n, got[n], want)
			}
			for c := range max(len(want), 16) {
				name, _ := excelize.CoordinatesToCellName(c+1, n)
				v, err := f.GetCellValue(sheet, name, raw)
				if err != nil {
					t.Fatal(err)
				}
				if g := cellAtMap(got, n, c); g != v {
					t.Errorf("%s!%s: %q, excelize %q", sheet, name, g, v)
				}
				if v != "" {
					cells++
				}
			}
		}
		rows.Close()
		if len(got) != n {
			t.Errorf("%s: %d rows, excelize %d", sheet, len(got), n)
		}
		if cells < 10 {
			t.Errorf("%s: only %d cells with values in %d rows", sheet, cells, n)
		}
	}
}

func cellAtMap(rows map[int][]string, n, c int) string {
	if c >= len(rows[n]) {
		return ""
	}
	return rows[n][c]
}

func TestXLSXReaderMatchesExcelize(t *testing.T) {
	checkAgainstExcelize(t, filledReturn(t))
}

// TestXLSXReaderMatchesExcelizeLibreOffice checks a return saved by
// LibreOffice (shared strings throughout, its own row and cell markup).
func TestXLSXReaderMatchesExcelizeLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice; not with -short")
	}
	pdftest.Tool(t, "soffice", "libreoffice-calc-nogui")
	b, err := libreOfficeReturn(t)
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstExcelize(t, b)
}

// libreOffice holds filledReturn as LibreOffice saves it, converted once
// per test binary for TestXLSXReaderMatchesExcelizeLibreOffice and
// TestSheetScanMatchesXMLWorkbooks.
var libreOffice struct {
	once sync.Once
	b    []byte
	err  error
}

// libreOfficeReturn is filledReturn opened and saved again by LibreOffice.
func libreOfficeReturn(t testing.TB) ([]byte, error) {
	libreOffice.once.Do(func() {
		libreOffice.b, libreOffice.err = resaveWithLibreOffice(filledReturn(t))
	})
	return libreOffice.b, libreOffice.err
}

func resaveWithLibreOffice(b []byte) ([]byte, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "partnerdocs-libreoffice-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "return.xlsx")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("LibreOffice could not convert: %v %s", err, msg)
	}
	b, err = os.ReadFile(filepath.Join(out, "return.xlsx"))
	if err != nil {
		return nil, fmt.Errorf("LibreOffice wrote nothing: %v", err)
	}
	return b, nil
}

// TestXLSXReaderMarkup covers markup excelize does not write: cells without
// r, self-closing cells, rows without r, skipped rows, entities, phonetic
// runs and prefixed elements.
func TestXLSXReaderMarkup(t *testing.T) {
	sst := `<sst xmlns="x"><si><t xml:space="preserve"> a&amp;b </t></si>` +
		`<si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r><rPh><t>ignored</t></rPh></si>` +
		`<si><t>_x0041_&#x42;&#67;</t></si></sst>`
	strs, _, err := parseSharedStrings(strings.NewReader(sst))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{" a&b ", "rich text", "ABC"}; strings.Join(strs, "|") != strings.Join(want, "|") {
		t.Fatalf("shared strings %q, want %q", strs, want)
	}
	sheet := `<?xml version="1.0"?><x:worksheet xmlns:x="x"><x:sheetData>` +
		`<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c/><x:c t="inlineStr"><x:is><x:t>in&lt;line</x:t></x:is></x:c></x:row>` +
		`<row r="3"><c r="B3" t="s"><v> 0 </v></c><c t="str"><v>next</v></c><c r="E3"><f>1+1</f></c><c r="F3" t="b"><v>1</v></c></row>` +
		`<row><c r="A4" t="s"><v>99</v></c><c r="B4"><v>2.5E-3</v></c></row>` +
		`</x:sheetData></x:worksheet>`
	var got []string
	err = parseSheetRows(strings.NewReader(sheet), strs, nil, func(n int, cells []string, _ []int) bool {
		got = append(got, fmt.Sprintf("%d:%q", n, cells))
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`1:["rich text" "" "in<line"]`,
		`2:[]`,
		`3:["" " a&b " "next" "" "" "1"]`,
		`4:["" "2.5E-3"]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []string{`<sheetData><row><c r="1A"><v>1</v></c></row></sheetData>`,
		`<sheetData><row r="x"/></sheetData>`, `<sheetData><row r="1048577"/></sheetData>`, `<sheetData><row><c><v>1</v>`} {
		if err := parseSheetRows(strings.NewReader(bad), nil, nil, func(int, []string, []int) bool { return true }); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func FuzzParseSheetRows(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><r><t>x</t></r></is></c></row><row><c/></row></sheetData></worksheet>`))
	f.Add([]byte(`<sst><si><t>a_x0041_</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>`))
	f.Add([]byte(`<sheetData><row r="3"><c r="XFD3" t="str"><v>&amp;&#65;</v></c></row><row r="1"><c r="A1"/></row></sheetData>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sst, long, _ := parseSharedStrings(bytes.NewReader(data))
		last := 0
		_ = parseSheetRows(bytes.NewReader(data), sst, long, func(n int, cells []string, _ []int) bool {
			if n != last+1 {
				t.Fatalf("row %d after row %d", n, last)
			}
			last = n
			return true
		})
	})
}

// TestOpenXLSXRefusesBrokenParts checks an unreadable workbook part is an
// error rather than a workbook without sheets.
func TestOpenXLSXRefusesBrokenParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook><sheets><sheet"))
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err == nil {
		err = checkReturnZip(zr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openXLSX(zr); err == nil {
		t.Error("a broken workbook part opened")
	}
}
