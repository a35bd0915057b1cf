package workbook

import (
	"fmt"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCellChars is the most UTF-16 units Excel keeps in one cell.
const maxCellChars = 32767

// notePrefixChars is how much of a text too long for its cell the cell
// shows before its note.
const notePrefixChars = 1000

// cellText is the text a cell holds for s, and whether it holds s exactly.
// A text longer than a cell holds, or with a character XML 1.0 cannot
// carry (a control character, U+FFFE, U+FFFF, bytes that are not UTF-8),
// is never cut or rewritten silently: the cell holds its beginning and a
// note saying where to change it, and the writer locks the cell, so a
// return that leaves it as it is changes nothing.
func cellText(s string) (string, bool) {
	if plainASCII(s) {
		return s, true
	}
	units, bad, at := 0, rune(-1), len(s)
	for i, r := range s {
		if r == utf8.RuneError && !utf8.ValidString(s[i:min(i+utf8.UTFMax, len(s))]) || !xmlChar(r) {
			bad, at = r, i
			break
		}
		units += utf16.RuneLen(r)
	}
	if bad < 0 && units <= maxCellChars {
		return s, true
	}
	why := fmt.Sprintf("this text is %d characters long, more than a cell holds", units)
	if bad >= 0 {
		why = fmt.Sprintf("this text contains a character (U+%04X) a workbook cannot hold", bad)
		if bad == utf8.RuneError {
			why = "this text contains bytes that are not UTF-8"
		}
	}
	return truncateUTF16(s[:at], notePrefixChars) + " … [Shown in part: " + why +
		". It cannot be changed in this workbook: change it in the register, through the API or the forms.]", false
}

// plainASCII reports whether s is short enough for a cell and only
// printable ASCII, tabs and line breaks: most of a workbook's text, which
// cellText then need not count character by character.
func plainASCII(s string) bool {
	if len(s) > maxCellChars {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// xmlChar reports whether XML 1.0 can carry r, and the register may hold
// it: no control characters but tab, line feed and carriage return, and
// neither noncharacter U+FFFE nor U+FFFF.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE || r == 0xFFFF, r > 0x10FFFF:
		return false
	}
	return true
}

// truncateUTF16 cuts s to at most n UTF-16 units, never inside a
// character. (An invalid byte counts as the one unit of U+FFFD.)
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // no character takes more UTF-16 units than bytes
		return s
	}
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// exportedRaw is a cell's value as a return reads it back: the cell's
// text, or its number as written.
func exportedRaw(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		text, _ := cellText(x)
		return text
	case excelize.Cell:
		return exportedRaw(x.Value)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return strconv.FormatFloat(excelSerial(x), 'f', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

// exact reports whether a cell's value is written exactly (see cellText).
func exact(v any) bool {
	if c, ok := v.(excelize.Cell); ok {
		v = c.Value
	}
	s, ok := v.(string)
	if !ok {
		return true
	}
	_, ok = cellText(s)
	return ok
}

// canonical is a cell's raw value in the form two cells of a kind are
// compared in: text as it is; a number as Go writes it, whatever the
// spreadsheet wrote (1,000 or 1000.0); a date as YYYY-MM-DD, whether it
// came back as a serial number or as text.
func canonical(kind cellKind, raw string) string {
	switch kind {
	case kindNumber, kindInt, kindMoney:
		if v, ok := parseNumber(raw); ok {
			if v == nil {
				return ""
			}
			return strconv.FormatFloat(*v, 'g', -1, 64)
		}
	case kindDate:
		if d, ok := parseDateCell(raw); ok {
			return string(d)
		}
	}
	return raw
}
