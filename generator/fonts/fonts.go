package fonts

import (
	"embed"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Two faces only: every embedded UTF-8 face costs fpdf a fixed few
// milliseconds per document. Beside each are its width table (see
// widthsFile) and fpdf's tables of it (see tablesFile), generated from it.
//
//go:generate go test -run "^(TestWidthTables|TestFPDFTables)$" -update
//go:embed LiberationSans-Regular.widths LiberationSans-Bold.widths
var files embed.FS

// The font files, and fpdf's tables of them, are embedded as byte slices
// rather than in files, as embed.FS hands out a copy of a file each time
// it is read: a slice is the bytes in the program's data, of which a
// process maps in only the pages it reads (a document's subsets take a
// few glyphs), where copying the two 400 KB files cost every process that
// drew a PDF some 400 page faults. Nothing writes to them: fpdf and sfnt
// only read a font file, and every document drawn shares them.
var (
	//go:embed LiberationSans-Regular.ttf
	regularTTF []byte
	//go:embed LiberationSans-Regular.fpdf
	regularTables []byte
	//go:embed LiberationSans-Bold.ttf
	boldTTF []byte
	//go:embed LiberationSans-Bold.fpdf
	boldTables []byte
)

// The font files' names.
const (
	regularFile = "LiberationSans-Regular.ttf"
	boldFile    = "LiberationSans-Bold.ttf"
)

// embedded is the named font file and fpdf's tables of it, or nils.
func embedded(name string) (ttf, tables []byte) {
	switch name {
	case regularFile:
		return regularTTF, regularTables
	case boldFile:
		return boldTTF, boldTables
	}
	return nil, nil
}

// Family is the faces' family name.
const Family = "LiberationSans"

// Faces are the faces the documents are set in.
type Faces struct {
	Regular, Bold *Face
}

// Face returns the bold face when bold is true, the regular one otherwise.
func (fs *Faces) Face(bold bool) *Face {
	if bold {
		return fs.Bold
	}
	return fs.Regular
}

// Load reads both faces. The result is only read afterwards, so it is safe
// for concurrent use.
func Load() (*Faces, error) {
	reg, err := load(regularFile)
	if err != nil {
		return nil, err
	}
	bold, err := load(boldFile)
	if err != nil {
		return nil, err
	}
	return &Faces{Regular: reg, Bold: bold}, nil
}

// Face is one TrueType face.
type Face struct {
	ttf    []byte // the font file
	tables []byte // fpdf's tables of it (see tablesFile)
	// bmp holds the advance width, in 1/1000 em, of every character of the
	// Basic Multilingual Plane, or -1 where the face has no glyph: see
	// bmpTable.
	bmp bmpTable
	// missing is the advance of the .notdef glyph, which a character the
	// face lacks prints as.
	missing int
	// font is the parsed font, needed only for a character beyond the
	// Basic Multilingual Plane, and parsed on the first.
	font func() (*sfnt.Font, error)
}

func load(name string) (*Face, error) {
	ttf, tables := embedded(name)
	if ttf == nil {
		return nil, fmt.Errorf("no font file %s", name)
	}
	widths, err := files.ReadFile(widthsFile(name))
	if err != nil {
		return nil, err
	}
	face := &Face{
		ttf:    ttf,
		tables: tables,
		font:   sync.OnceValues(func() (*sfnt.Font, error) { return sfnt.Parse(ttf) }),
	}
	if face.bmp, face.missing, err = parseWidths(widths); err != nil {
		return nil, fmt.Errorf("font %s: %s: %w", name, widthsFile(name), err)
	}
	return face, nil
}

// widthsFile names a face's width table: its advance widths in 1/1000 em,
// rounded, as the font's hmtx table gives them, tabulated once from the
// font by go generate (TestWidthTables recomputes them and fails if they
// differ), so that a process does not look up 65,536 characters in each
// face every time it starts. The table is little-endian 16-bit numbers: the
// .notdef glyph's width, then for each character of the Basic Multilingual
// Plane the face has, in order, its code point and its width.
func widthsFile(ttf string) string { return strings.TrimSuffix(ttf, ".ttf") + ".widths" }

// tablesFile names fpdf's tables of a face: what fpdf.ParseUTF8Font reads
// from the font file (its metrics, character widths, cmap, and SHA-1),
// encoded by fpdf's UTF8Font.Tables once by go generate (TestFPDFTables
// parses the font again and fails if they differ), so that a process
// makes the face with fpdf.NewUTF8FontFromTables instead of parsing it.
func tablesFile(ttf string) string { return strings.TrimSuffix(ttf, ".ttf") + ".fpdf" }

// bmpTable holds a width for each character of the Basic Multilingual
// Plane, by blocks of 256 characters: a block in which the face has no
// glyph is nil, so the table is the 21 blocks Liberation Sans has
// characters in (11 KB), not all 256 (128 KB), for a process to allocate.
type bmpTable [256]*[256]int16

// width is r's width, or -1 where the face has no glyph for r; r must be
// in the Basic Multilingual Plane.
func (t *bmpTable) width(r rune) int16 {
	if b := t[uint16(r)>>8]; b != nil {
		return b[uint8(r)]
	}
	return -1
}

// parseWidths reads a width table: a width for every character of the
// Basic Multilingual Plane, -1 for those it does not list, and the .notdef
// width.
func parseWidths(b []byte) (bmp bmpTable, missing int, err error) {
	if len(b) < 2 || len(b)%4 != 2 {
		return bmp, 0, fmt.Errorf("%d bytes: not a width table", len(b))
	}
	missing = int(binary.LittleEndian.Uint16(b))
	var blocks [][256]int16 // one allocation for all
	prev := -1
	for i := 2; i < len(b); i += 4 {
		r, w := int(binary.LittleEndian.Uint16(b[i:])), binary.LittleEndian.Uint16(b[i+2:])
		if r <= prev || w > math.MaxInt16 {
			return bmpTable{}, 0, fmt.Errorf("byte %d: U+%04X width %d: out of order or too wide", i, r, w)
		}
		if prev < 0 || r>>8 != prev>>8 {
			if blocks == nil {
				blocks = make([][256]int16, 0, countBlocks(b[2:]))
			}
			blocks = append(blocks, [256]int16{})
			block := &blocks[len(blocks)-1]
			for j := range block {
				block[j] = -1
			}
			bmp[r>>8] = block
		}
		bmp[r>>8][r&0xFF], prev = int16(w), r
	}
	return bmp, missing, nil
}

// countBlocks is how many blocks of 256 the code points of pairs, in
// order, fall in.
func countBlocks(pairs []byte) int {
	n, last := 0, -1
	for i := 0; i+1 < len(pairs); i += 4 {
		if b := int(binary.LittleEndian.Uint16(pairs[i:])) >> 8; b != last {
			n, last = n+1, b
		}
	}
	return n
}

// advance is glyph g's advance width in 1/1000 em, rounded.
func advance(f *sfnt.Font, buf *sfnt.Buffer, g sfnt.GlyphIndex) (int, error) {
	// At one pixel per font unit, the advance is in font units, exactly.
	upem := int(f.UnitsPerEm())
	a, err := f.GlyphAdvance(buf, g, fixed.I(upem), font.HintingNone)
	if err != nil {
		return 0, err
	}
	return (a.Round()*1000 + upem/2) / upem, nil
}

// TTF is the font file, for a renderer to embed.
func (f *Face) TTF() []byte { return f.ttf }

// FPDFTables are fpdf's tables of the face, for
// fpdf.NewUTF8FontFromTables with TTF (see tablesFile).
func (f *Face) FPDFTables() []byte { return f.tables }

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return f.bmp.width(r) >= 0
	}
	_, ok := f.beyondBMP(r)
	return ok
}

// Width is the advance of s in 1/1000 em; a character the face has no
// glyph for counts as the .notdef glyph it prints as.
func (f *Face) Width(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x10000 { // range never yields a negative rune
			if a := f.bmp.width(r); a >= 0 {
				w += int(a)
				continue
			}
		} else if a, ok := f.beyondBMP(r); ok {
			w += a
			continue
		}
		w += f.missing
	}
	return w
}

// beyondBMP is the advance of a character beyond the Basic Multilingual
// Plane, and whether the face has a glyph for it. Liberation Sans has none
// there and documents rarely hold them, so they are looked up in the font
// rather than tabulated.
func (f *Face) beyondBMP(r rune) (int, bool) {
	if r > utf8.MaxRune {
		return 0, false
	}
	font, err := f.font()
	if err != nil {
		return 0, false
	}
	var buf sfnt.Buffer
	g, err := font.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		return 0, false
	}
	a, err := advance(font, &buf, g)
	return a, err == nil
}
