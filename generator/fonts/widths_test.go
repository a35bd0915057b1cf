package fonts

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
)

var update = flag.Bool("update", false, "rewrite the width tables (*.widths) from the fonts")

// TestWidthTables recomputes each face's widths from the font itself, every
// character of the Basic Multilingual Plane looked up in its cmap and hmtx
// tables, and fails if the embedded table Load reads says otherwise; with
// -update (go generate) it rewrites the table instead.
func TestWidthTables(t *testing.T) {
	for _, name := range []string{regularFile, boldFile} {
		ttf, _ := embedded(name)
		bmp, missing, err := scanWidths(ttf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if *update {
			if err := os.WriteFile(widthsFile(name), formatWidths(bmp, missing), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		face, err := load(name)
		if err != nil {
			t.Fatalf("%v; run go generate ./generator/fonts", err)
		}
		if missing != face.missing {
			t.Errorf("%s: .notdef width %d in the font, %d in %s", name, missing, face.missing, widthsFile(name))
		}
		for r, w := range bmp {
			if got := face.bmp.width(rune(r)); got != w {
				t.Fatalf("%s: U+%04X: width %d in the font, %d in %s (-1: no glyph); run go generate ./generator/fonts",
					name, r, w, got, widthsFile(name))
			}
		}
	}
}

// scanWidths looks every character of the Basic Multilingual Plane up in
// the font: its advance in 1/1000 em, or -1 where the font has no glyph,
// and the .notdef glyph's advance.
func scanWidths(ttf []byte) (bmp []int16, missing int, err error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, 0, err
	}
	var buf sfnt.Buffer
	if missing, err = advance(f, &buf, 0); err != nil {
		return nil, 0, err
	}
	bmp = make([]int16, 0x10000)
	for r := range rune(0x10000) {
		bmp[r] = -1
		if r >= 0xD800 && r <= 0xDFFF || r == 0xFFFF {
			continue // surrogates are not characters; U+FFFF is the cmap's end mark
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return nil, 0, fmt.Errorf("U+%04X: %w", r, err)
		}
		if g == 0 {
			continue
		}
		a, err := advance(f, &buf, g)
		if err != nil {
			return nil, 0, fmt.Errorf("U+%04X: %w", r, err)
		}
		bmp[r] = int16(a)
	}
	return bmp, missing, nil
}

// formatWidths is the width table parseWidths reads.
func formatWidths(bmp []int16, missing int) []byte {
	b := binary.LittleEndian.AppendUint16(nil, uint16(missing))
	for r, w := range bmp {
		if w >= 0 {
			b = binary.LittleEndian.AppendUint16(b, uint16(r))
			b = binary.LittleEndian.AppendUint16(b, uint16(w))
		}
	}
	return b
}

// A width table that is not one is refused.
func TestParseWidthsRefusesABadTable(t *testing.T) {
	good := formatWidths([]int16{-1, 500, 600}, 750)
	bmp, missing, err := parseWidths(good)
	if err != nil || missing != 750 || bmp.width(1) != 500 || bmp.width(2) != 600 || bmp.width(0) != -1 || bmp.width(3) != -1 || bmp.width(0x100) != -1 {
		t.Fatalf("a good table: %v, notdef %d", err, missing)
	}
	outOfOrder := binary.LittleEndian.AppendUint16(slices.Clone(good), 1)
	outOfOrder = binary.LittleEndian.AppendUint16(outOfOrder, 500)
	tooWide := binary.LittleEndian.AppendUint16(binary.LittleEndian.AppendUint16(slices.Clone(good), 3), 0x8000)
	for name, table := range map[string][]byte{"empty": nil, "cut short": good[:len(good)-1], "out of order": outOfOrder, "too wide": tooWide} {
		if _, _, err := parseWidths(table); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}
