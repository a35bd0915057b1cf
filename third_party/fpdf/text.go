// partnerdocs patch (PATCHES.md): Text's common case, a UTF-8 face and text
// of the Basic Multilingual Plane, appended to the page rather than
// formatted with fmt, encoded and escaped in one pass. The bytes written
// are the same as Text's.

package fpdf

import (
	"strconv"
	"unicode/utf8"
)

// bmpOnly reports whether s is valid UTF-8 with no character beyond the
// Basic Multilingual Plane, which utf8toutf16 encodes as two bytes each.
func bmpOnly(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r > 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

func (f *Fpdf) textUTF8(x, y float64, s string) {
	b := f.textBuf[:0]
	if f.colorFlag {
		b = append(b, "q "...)
		b = append(b, f.color.text.str...)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	used := f.currentFont.bmpUsed
	for _, r := range s {
		if used == nil || used[r>>6]&(1<<(r&63)) == 0 {
			f.currentFont.usedRunes[int(r)] = int(r)
			if used != nil {
				used[r>>6] |= 1 << (r & 63)
			}
		}
		b = appendEscaped(appendEscaped(b, byte(r>>8)), byte(r))
	}
	b = append(b, ") Tj ET"...)
	if f.colorFlag {
		b = append(b, " Q"...)
	}
	b = append(b, '\n')
	must(f.pages[f.page].Write(b))
	f.textBuf = b
}

// appendEscaped appends c as escape writes it in a literal string.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}
