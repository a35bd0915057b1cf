package fonts

import (
	"encoding/binary"
	"errors"
	"unicode"
)

// oldFace is the hand-written reader, kept only to compare against sfnt.
type oldFace struct {
	ttf          []byte
	widths       map[rune]int
	missingWidth int
}

type ttfTables map[string][]byte

func (f *oldFace) parse() error {
	tables, err := readTables(f.ttf)
	if err != nil {
		return err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || hmtx == nil || cmap == nil {
		return errors.New("missing or short head, hhea, hmtx or cmap table")
	}
	unitsPerEm := int(binary.BigEndian.Uint16(head[18:]))
	nMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	advance := func(glyph int) int {
		if glyph >= nMetrics {
			glyph = nMetrics - 1
		}
		if 4*glyph+2 > len(hmtx) {
			return 0
		}
		a := int(binary.BigEndian.Uint16(hmtx[4*glyph:]))
		return (a*1000 + unitsPerEm/2) / unitsPerEm
	}
	glyphs, err := readCmap(cmap)
	if err != nil {
		return err
	}
	f.widths = make(map[rune]int, len(glyphs))
	for r, g := range glyphs {
		f.widths[r] = advance(g)
	}
	f.missingWidth = advance(0)
	return nil
}

func readTables(b []byte) (ttfTables, error) {
	if len(b) < 12 {
		return nil, errors.New("not a TrueType file")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	t := make(ttfTables, n)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errors.New("truncated table directory")
		}
		off := int(binary.BigEndian.Uint32(b[rec+8:]))
		length := int(binary.BigEndian.Uint32(b[rec+12:]))
		if off+length > len(b) {
			return nil, errors.New("table outside the file")
		}
		t[string(b[rec:rec+4])] = b[off : off+length]
	}
	return t, nil
}

// readCmap reads the Unicode cmap subtable, preferring the full-repertoire
// format 12 over the BMP-only format 4.
func readCmap(c []byte) (map[rune]int, error) {
	if len(c) < 4 {
		return nil, errors.New("short cmap")
	}
	n := int(binary.BigEndian.Uint16(c[2:]))
	var fmt4, fmt12 []byte
	for i := 0; i < n && 4+8*i+8 <= len(c); i++ {
		rec := c[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(c) || !(platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) {
			continue
		}
		switch binary.BigEndian.Uint16(c[off:]) {
		case 4:
			fmt4 = c[off:]
		case 12:
			fmt12 = c[off:]
		}
	}
	switch {
	case fmt12 != nil:
		return readCmap12(fmt12), nil
	case fmt4 != nil:
		return readCmap4(fmt4), nil
	}
	return nil, errors.New("no Unicode cmap subtable")
}

func readCmap12(s []byte) map[rune]int {
	m := map[rune]int{}
	if len(s) < 16 {
		return m
	}
	groups := int(binary.BigEndian.Uint32(s[12:]))
	for i := 0; i < groups && 16+12*i+12 <= len(s); i++ {
		g := s[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		glyph := int(binary.BigEndian.Uint32(g[8:]))
		for r := start; r <= end && r <= unicode.MaxRune; r++ {
			m[rune(r)] = glyph + int(r-start)
		}
	}
	return m
}

func readCmap4(s []byte) map[rune]int {
	m := map[rune]int{}
	if len(s) < 14 {
		return m
	}
	segX2 := int(binary.BigEndian.Uint16(s[6:]))
	u16 := func(off int) int {
		if off+2 > len(s) {
			return 0
		}
		return int(binary.BigEndian.Uint16(s[off:]))
	}
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	for i := 0; i < segX2/2; i++ {
		end, start := u16(ends+2*i), u16(starts+2*i)
		delta, ro := u16(deltas+2*i), u16(ranges+2*i)
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if gi := u16(ranges + 2*i + ro + 2*(c-start)); gi != 0 {
				g = (gi + delta) & 0xFFFF
			}
			if g != 0 {
				m[rune(c)] = g
			}
		}
	}
	return m
}
