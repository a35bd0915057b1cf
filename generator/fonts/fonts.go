package fonts

import (
	"embed"
	"fmt"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Two faces only: every embedded UTF-8 face costs fpdf a fixed few
// milliseconds per document.
//
//go:embed LiberationSans-Regular.ttf LiberationSans-Bold.ttf
var files embed.FS

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
	reg, err := load("LiberationSans-Regular.ttf")
	if err != nil {
		return nil, err
	}
	bold, err := load("LiberationSans-Bold.ttf")
	if err != nil {
		return nil, err
	}
	return &Faces{Regular: reg, Bold: bold}, nil
}

// Face is one TrueType face.
type Face struct {
	ttf  []byte
	font *sfnt.Font
	// bmp holds the advance width, in 1/1000 em, of every character of the
	// Basic Multilingual Plane, or -1 where the face has no glyph.
	bmp []int16
	// missing is the advance of the .notdef glyph, which a character the
	// face lacks prints as.
	missing    int
	unitsPerEm sfnt.Units
}

func load(name string) (*Face, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := sfnt.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	face := &Face{ttf: b, font: f, unitsPerEm: f.UnitsPerEm(), bmp: make([]int16, 0x10000)}
	var buf sfnt.Buffer
	if face.missing, err = face.advance(&buf, 0); err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	for r := range rune(0x10000) {
		face.bmp[r] = -1
		if r >= 0xD800 && r <= 0xDFFF || r == 0xFFFF {
			continue // surrogates are not characters; U+FFFF is the cmap's end mark
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return nil, fmt.Errorf("font %s: U+%04X: %w", name, r, err)
		}
		if g == 0 {
			continue
		}
		a, err := face.advance(&buf, g)
		if err != nil {
			return nil, fmt.Errorf("font %s: U+%04X: %w", name, r, err)
		}
		face.bmp[r] = int16(a)
	}
	return face, nil
}

// advance is glyph g's advance width in 1/1000 em, rounded.
func (f *Face) advance(buf *sfnt.Buffer, g sfnt.GlyphIndex) (int, error) {
	// At one pixel per font unit, the advance is in font units, exactly.
	a, err := f.font.GlyphAdvance(buf, g, fixed.I(int(f.unitsPerEm)), font.HintingNone)
	if err != nil {
		return 0, err
	}
	upem := int(f.unitsPerEm)
	return (a.Round()*1000 + upem/2) / upem, nil
}

// TTF is the font file, for a renderer to embed.
func (f *Face) TTF() []byte { return f.ttf }

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	if uint32(r) < uint32(len(f.bmp)) {
		return f.bmp[r] >= 0
	}
	_, ok := f.beyondBMP(r)
	return ok
}

// Width is the advance of s in 1/1000 em; a character the face has no
// glyph for counts as the .notdef glyph it prints as.
func (f *Face) Width(s string) int {
	w := 0
	for _, r := range s {
		if uint32(r) < uint32(len(f.bmp)) {
			if a := f.bmp[r]; a >= 0 {
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
	var buf sfnt.Buffer
	g, err := f.font.GlyphIndex(&buf, r)
	if err != nil || g == 0 {
		return 0, false
	}
	a, err := f.advance(&buf, g)
	return a, err == nil
}
