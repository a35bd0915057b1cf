package workbook

// Hand-written format code, kept for a measured target: the workbook of
// 10,000 partnerships in <= 2 s and <= 150 MiB peak (scripts/cmt-10k.sh).
// Through excelize's StreamWriter it peaked at 252 MiB resident and took
// 2.14 s (BenchmarkWorkbook10k); written here, 88 MiB and 0.96 s (commit
// 5db8372; 1.1 s and 91 MiB now).
//
// The rows of the workbook's large sheets are written here as SpreadsheetML
// straight into the sheet's zip entry (see zip.go), rather than
// through excelize's StreamWriter. The StreamWriter keeps each sheet's XML
// in a buffer that grows to 16 MiB (then spills to a temporary file) until
// the whole workbook is written, and boxes every cell on the way; writing
// the rows as the zip entry is compressed keeps the workbook's memory to the
// register it is made from.
//
// The cells are written as excelize's StreamWriter writes them, so the
// return reader and every spreadsheet reader see the same file:
//   - text is an inline string (t="inlineStr"), never a formula, with
//     xml:space="preserve" when it starts or ends with white space, Excel's
//     _xHHHH_ escapes escaped; a text a cell cannot hold exactly (too long,
//     or with a character XML cannot carry) is written as cellText's note;
//   - numbers are written in Go's shortest form; dates are serial day
//     numbers of the 1900 date system under a date style;
//   - a formula cell carries its cached value (t="str" for text).

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowWriter writes the data rows of one sheet, styling each cell by its
// column. It starts after the header rows excelize writes (sheetBody.header).
type rowWriter struct {
	out    *bufio.Writer
	row    int
	styles []int
	wrap   []float64 // the width of each wrapped column, 0 for the others
	cols   []string  // column letters
	buf    []byte
	values []any // a row's values, reused
}

func newRowWriter(out *bufio.Writer, styles []int, wrap []float64) *rowWriter {
	w := &rowWriter{out: out, styles: styles, wrap: wrap, cols: make([]string, len(styles))}
	for i := range w.cols {
		w.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return w
}

// next is the number of the row the next emit writes.
func (w *rowWriter) next() int { return w.row + 1 }

// emit writes one row: a nil value leaves its cell out (the column's style
// still applies); an excelize.Cell gives a formula or its own style.
func (w *rowWriter) emit(values ...any) error {
	w.row++
	if len(values) > len(w.cols) {
		return fmt.Errorf("row %d: %d values for %d columns", w.row, len(values), len(w.cols))
	}
	b := append(w.buf[:0], `<row r="`...)
	b = strconv.AppendInt(b, int64(w.row), 10)
	if lines := w.lines(values); lines > 1 {
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, min(float64(lines)*lineHeight, maxRowHeight), 'f', -1, 64)
	}
	b = append(b, `">`...)
	var err error
	for i, v := range values {
		if b, err = w.appendCell(b, i, v); err != nil {
			return fmt.Errorf("row %d, column %s: %w", w.row, w.cols[i], err)
		}
	}
	b = append(b, `</row>`...)
	w.buf = b
	_, err = w.out.Write(b)
	return err
}

// Row heights. A spreadsheet does not size a row to its wrapped text when
// it opens a file (LibreOffice does not; Excel only once a cell is edited),
// so a row whose wrapped cells need more than one line is given a height
// for them: the lines each needs at its column's width, in the default
// 11-point font. The height is not marked custom, so Excel still refits the
// row when an officer edits it.
const (
	lineHeight   = 15  // points, one line of the default font
	maxRowHeight = 409 // points, the most a row can be
	// charsPerWidth is how many characters of ordinary text fit in one
	// unit of column width (the width of a digit), allowing for breaks
	// between words.
	charsPerWidth = 0.9
)

// lines is how many lines the row's tallest wrapped cell needs.
func (w *rowWriter) lines(values []any) int {
	most := 1
	for i, v := range values {
		s, ok := v.(string)
		if !ok || w.wrap == nil || w.wrap[i] == 0 {
			continue
		}
		per := max(int(w.wrap[i]*charsPerWidth), 1)
		n := 0
		for line := range strings.Lines(s) {
			n += max((utf8.RuneCountInString(strings.TrimRight(line, "\r\n"))+per-1)/per, 1)
		}
		most = max(most, n)
	}
	return most
}

func (w *rowWriter) appendCell(b []byte, col int, v any) ([]byte, error) {
	style, formula := w.styles[col], ""
	if c, ok := v.(excelize.Cell); ok {
		if c.StyleID != 0 {
			style = c.StyleID
		}
		formula, v = c.Formula, c.Value
	}
	if v == nil && formula == "" {
		return b, nil
	}
	b = append(b, `<c r="`...)
	b = append(b, w.cols[col]...)
	b = strconv.AppendInt(b, int64(w.row), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	return appendCellValue(b, v, formula)
}

// appendCellValue writes the rest of a cell from ` t="..."` to </c>.
func appendCellValue(b []byte, v any, formula string) ([]byte, error) {
	if s, ok := v.(string); ok {
		return appendTextCell(b, s, formula), nil
	}
	if _, ok := v.(bool); ok {
		b = append(b, ` t="b"`...)
	}
	b = append(b, '>')
	b = appendFormula(b, formula)
	if v == nil {
		return append(b, `</c>`...), nil
	}
	b = append(b, `<v>`...)
	switch x := v.(type) {
	case int:
		b = strconv.AppendInt(b, int64(x), 10)
	case int64:
		b = strconv.AppendInt(b, x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return b, fmt.Errorf("%v is not a number a cell can hold", x)
		}
		b = strconv.AppendFloat(b, x, 'f', -1, 64)
	case time.Time:
		b = strconv.AppendFloat(b, excelSerial(x), 'f', -1, 64)
	case bool:
		b = append(b, '0')
		if x {
			b[len(b)-1] = '1'
		}
	default:
		return b, fmt.Errorf("a %T cannot be written to a cell", v)
	}
	return append(b, `</v></c>`...), nil
}

// appendTextCell writes text as an inline string or, under a formula, as
// the formula's cached text.
func appendTextCell(b []byte, s, formula string) []byte {
	s, _ = cellText(s) // the caller styles a cell that is not exact as locked
	space := ""
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		space = ` xml:space="preserve"`
	}
	if formula != "" {
		b = append(b, ` t="str"`...)
		b = append(b, space...)
		b = append(b, '>')
		b = appendFormula(b, formula)
		b = append(b, `<v>`...)
		b = appendEscapedText(b, s)
		return append(b, `</v></c>`...)
	}
	b = append(b, ` t="inlineStr"><is><t`...)
	b = append(b, space...)
	b = append(b, '>')
	b = appendEscapedText(b, s)
	return append(b, `</t></is></c>`...)
}

func appendFormula(b []byte, formula string) []byte {
	if formula == "" {
		return b
	}
	b = append(b, `<f>`...)
	b = appendXMLEscaped(b, formula)
	return append(b, `</f>`...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendEscapedText escapes text for XML and for Excel: an underscore that
// would start an _xHHHH_ escape is itself written as _x005F_, so that the
// text reads back exactly as entered.
func appendEscapedText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && isBstrEscape(s[i:]) {
			b = appendXMLEscaped(b, s[start:i])
			b = append(b, "_x005F"...)
			start = i // the underscore itself follows
		}
	}
	return appendXMLEscaped(b, s[start:])
}

// isBstrEscape reports whether s starts with _xHHHH_.
func isBstrEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// appendXMLEscaped escapes s as XML character data. A character XML 1.0
// cannot hold (most control characters, invalid UTF-8) becomes U+FFFD, as
// encoding/xml does; a carriage return is kept as a reference.
func appendXMLEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
			continue
		}
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '<':
			b = append(b, "&lt;"...)
		case c == '>':
			b = append(b, "&gt;"...)
		case c == '"':
			b = append(b, "&quot;"...)
		case c == '\r':
			b = append(b, "&#xD;"...)
		case c < 0x20 && c != '\t' && c != '\n':
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, c)
		}
		i++
	}
	return b
}

// excelEpoch is day 0 of Excel's 1900 date system as it counts dates after
// February 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is t's serial day number, with the time of day as a
// fraction. It counts in seconds, not time.Duration, which cannot span the
// years Excel can (to 9999).
func excelSerial(t time.Time) float64 {
	secs := t.Unix() - excelEpoch.Unix()
	return float64(secs)/86400 + float64(t.Nanosecond())/86400e9
}
