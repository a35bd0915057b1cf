package workbook

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// writeRow writes values as row 2 of a sheet, as sheetZip does, and reads
// the row back with the return's reader.
func writeRow(t testing.TB, values ...any) (xmlText string, cells []string) {
	t.Helper()
	var buf bytes.Buffer
	out := bufio.NewWriter(&buf)
	w := newRowWriter(out, make([]int, len(values)), nil)
	w.row = 1
	if err := w.emit(values...); err != nil {
		t.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + buf.String() + `</sheetData></worksheet>`
	err := parseSheetRows(strings.NewReader(sheet), nil, nil, func(n int, c []string, _ []int) bool {
		if n == 2 {
			cells = append([]string(nil), c...)
		}
		return true
	})
	if err != nil {
		t.Fatalf("%v in %s", err, sheet)
	}
	return buf.String(), cells
}

// Text reads back exactly as written, whatever Excel or XML would make of
// it, and is never a formula.
func TestRowWriterTextRoundTrip(t *testing.T) {
	for _, s := range []string{"plain", "_x0041_", "_x0041_x0042_", "_x005F_", "__x0041__", "_x004", "a & b < c > d \" e ' f",
		" lead", "trail\t", "line\nbreak", "cr\r\nlf", "=SUM(A1:A2)", "@A1", "Łódź Ελληνικά Україна €£", "𝔘nicode astral", ""} {
		xmlText, cells := writeRow(t, s)
		if len(cells) == 0 && s != "" || len(cells) > 0 && cells[0] != s {
			t.Errorf("%q read back as %q from %s", s, cells, xmlText)
		}
		if s != "" && !strings.Contains(xmlText, `t="inlineStr"`) || strings.Contains(xmlText, "<f>") {
			t.Errorf("%q is not an inline string: %s", s, xmlText)
		}
	}
}

func FuzzRowWriterText(f *testing.F) {
	for _, s := range []string{"_x0041_", "_x005F_x0041_", " a ", "a\r\nb", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
		}) {
			t.Skip("validation refuses control characters; invalid UTF-8 cannot be stored")
		}
		if len(s) > 4096 {
			// Long text is TestTruncateUTF16's; here it would only make
			// minimising a find slow enough to outlast -fuzztime.
			return
		}
		_, cells := writeRow(t, s)
		if got := strings.Join(cells, ""); got != s {
			t.Fatalf("%q read back as %q", s, got)
		}
	})
}

func TestRowWriterNumbersDatesFormulas(t *testing.T) {
	day := time.Date(2027, time.March, 31, 0, 0, 0, 0, time.UTC)
	xmlText, cells := writeRow(t, 42, int64(-7), 1234567.89, day, true, nil,
		excelize.Cell{Formula: `IF(I2>=15,"High","Low")`, Value: "High"}, excelize.Cell{Formula: "G2*H2", Value: 12})
	want := []string{"42", "-7", "1234567.89", "46477", "1", "", "High", "12"}
	for i, w := range want {
		if i >= len(cells) || cells[i] != w {
			t.Errorf("cell %d = %q, want %q (%s)", i, cellAt([][]string{cells}, 0, i), w, xmlText)
		}
	}
	if got, err := excelize.ExcelDateToTime(46477, false); err != nil || !got.Equal(day) {
		t.Errorf("serial 46477 is %v, want %v", got, day)
	}
	for _, frag := range []string{`<c r="F2"`, `<f>IF(I2&gt;=15,&quot;High&quot;,&quot;Low&quot;)</f>`, `t="str"`, `t="b"`} {
		if strings.Contains(xmlText, frag) != (frag != `<c r="F2"`) {
			t.Errorf("%s: %q wrongly present or missing", xmlText, frag)
		}
	}
	for _, bad := range []any{struct{}{}, []string{"x"}} {
		var buf bytes.Buffer
		w := newRowWriter(bufio.NewWriter(&buf), []int{0}, nil)
		if err := w.emit(bad); err == nil {
			t.Errorf("a %T was written", bad)
		}
	}
}

func TestExcelSerialAgreesWithExcelize(t *testing.T) {
	for _, d := range []time.Time{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC), time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC)} {
		got, err := excelize.ExcelDateToTime(excelSerial(d), false)
		if err != nil || got.Sub(d).Abs() > time.Millisecond {
			t.Errorf("%v: serial %v reads back as %v (%v)", d, excelSerial(d), got, err)
		}
	}
}

// Excel's last date, 31 December 9999, is serial 2958465 (beyond what
// excelize's own conversion can read back).
func TestExcelSerialLastDate(t *testing.T) {
	if got := excelSerial(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)); got != 2958465 {
		t.Errorf("31 December 9999 is serial %v, want 2958465", got)
	}
}

func TestTruncateUTF16(t *testing.T) {
	long := strings.Repeat("a", maxCellChars-1) + "𝔘" + "b"
	got := truncateUTF16(long, maxCellChars)
	if got != strings.Repeat("a", maxCellChars-1) {
		t.Errorf("cut inside a surrogate pair or at the wrong place: %d units", len(utf16.Encode([]rune(got))))
	}
	if s := strings.Repeat("é", maxCellChars); truncateUTF16(s, maxCellChars) != s {
		t.Error("a string at the limit was cut")
	}
}

// A row whose wrapped text needs more lines than one is given their
// height, not marked custom; a row of short text keeps the default.
func TestRowWriterHeights(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
	}{
		{"short", `<row r="2">`},
		{strings.Repeat("word ", 20), `<row r="2" ht="45">`}, // 100 characters, 36 to a line at width 40
		{"one\ntwo\nthree\nfour", `<row r="2" ht="60">`},
		{strings.Repeat("x", 10000), `<row r="2" ht="409">`},
	} {
		var buf bytes.Buffer
		out := bufio.NewWriter(&buf)
		w := newRowWriter(out, []int{0, 0}, []float64{40, 0})
		w.row = 1
		if err := w.emit(c.text, strings.Repeat("not wrapped ", 30)); err != nil {
			t.Fatal(err)
		}
		out.Flush()
		if !strings.HasPrefix(buf.String(), c.want) || strings.Contains(buf.String(), "customHeight") {
			t.Errorf("%.20q...: row starts %.40s, want %s", c.text, buf.String(), c.want)
		}
	}
}
