// partnerdocs patch (PATCHES.md): a TrueType face parsed once and shared by
// any number of documents.

package fpdf

import (
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// UTF8Font is a TrueType face parsed once by ParseUTF8Font, or made from
// its tables by NewUTF8FontFromTables, for any number of documents to use
// with AddUTF8FontParsed. It is never modified afterwards, so it is safe
// for concurrent use.
type UTF8Font struct {
	ttf    []byte
	file   utf8FontFile // its metrics and widths, as parseFile leaves them
	tables *cutTables
	sum    string // the font file's SHA-1, in hex, for the font's resource name
}

// cutTables is what making a subset reads from a face's cmap and loca
// tables: each character's glyph and each glyph's place in the glyf table.
// Both are read where they lie (the loca table in the font file), so a
// face made from tables builds nothing before its first subset.
type cutTables struct {
	// cmap holds each character the cmap maps (to a glyph, or to glyph 0)
	// and its glyph, as big-endian 16-bit pairs in character order.
	cmap     []byte
	loca     []byte // the loca table's first numSymbols+1 offsets
	locaPos  int    // where the loca table starts in the font file
	longLoca bool   // loca format 1: offsets are 32-bit, not 16-bit halves
}

// glyph is char's glyph, and whether the cmap maps char at all.
func (t *cutTables) glyph(char int) (int, bool) {
	lo, hi := 0, len(t.cmap)/4
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := int(binary.BigEndian.Uint16(t.cmap[4*m:])); {
		case c < char:
			lo = m + 1
		case c > char:
			hi = m
		default:
			return int(binary.BigEndian.Uint16(t.cmap[4*m+2:])), true
		}
	}
	return 0, false
}

// position is where glyph symbol starts in the glyf table, and, for
// symbol+1, where it ends.
func (t *cutTables) position(symbol int) int {
	if t.longLoca {
		return int(binary.BigEndian.Uint32(t.loca[4*symbol:]))
	}
	return 2 * int(binary.BigEndian.Uint16(t.loca[2*symbol:]))
}

// numSymbols is the number of glyphs in the face, as its maxp table says.
func (t *cutTables) numSymbols() int {
	if t.longLoca {
		return len(t.loca)/4 - 1
	}
	return len(t.loca)/2 - 1
}

// newCutTables reads numSymbols+1 offsets of the loca table at locaPos in
// ttf, in locaFormat, beside cmap (see cutTables).
func newCutTables(ttf []byte, locaPos, locaFormat, numSymbols int, cmap []byte) (*cutTables, error) {
	size := 2
	switch locaFormat {
	case 0:
	case 1:
		size = 4
	default:
		return nil, fmt.Errorf("fpdf: unknown loca table format %d", locaFormat)
	}
	end := locaPos + (numSymbols+1)*size
	if locaPos < 0 || end > len(ttf) {
		return nil, errors.New("fpdf: the loca table runs past the end of the font file")
	}
	return &cutTables{cmap: cmap, loca: ttf[locaPos:end:end], locaPos: locaPos, longLoca: locaFormat == 1}, nil
}

// ParseUTF8Font parses the TrueType font file ttf, which must not be
// modified afterwards.
func ParseUTF8Font(ttf []byte) (*UTF8Font, error) {
	file := newUTF8Font(&fileReader{array: ttf})
	if err := file.parseFile(); err != nil {
		return nil, err
	}
	tables, err := file.readCutTables()
	if err != nil {
		return nil, err
	}
	file.charSymbolDictionary = nil // tables.cmap holds it
	return &UTF8Font{ttf: ttf, file: *file, tables: tables, sum: fmt.Sprintf("%x", sha1.Sum(ttf))}, nil
}

// readCutTables reads the cmap and loca tables. The cmap's characters come
// from parseFile when it has read them.
func (utf *utf8FontFile) readCutTables() (*cutTables, error) {
	charSymbol := utf.charSymbolDictionary
	utf.fileReader.readerPosition = 0
	utf.skip(4)
	utf.generateTableDescriptions()
	loca := utf.tableDescriptions["loca"]
	if loca == nil || utf.tableDescriptions["head"] == nil || utf.tableDescriptions["maxp"] == nil {
		return nil, errors.New("fpdf: the font has no head, maxp or loca table")
	}
	utf.SeekTable("head")
	utf.skip(50)
	locaFormat := utf.readUint16()
	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()
	if len(charSymbol) == 0 {
		if utf.generateCMAP() == nil {
			return nil, errors.New("fpdf: the font has no Unicode cmap")
		}
		charSymbol = utf.charSymbolDictionary
	}
	return newCutTables(utf.fileReader.array, loca.position, locaFormat, numSymbols, cmapPairs(charSymbol))
}

// cmapPairs is charSymbol as cutTables.cmap holds it. The characters of a
// format 4 cmap, and their glyphs, are 16-bit.
func cmapPairs(charSymbol map[int]int) []byte {
	chars := make([]int, 0, len(charSymbol))
	for c := range charSymbol {
		chars = append(chars, c)
	}
	sort.Ints(chars)
	b := make([]byte, 0, 4*len(chars))
	for _, c := range chars {
		b = binary.BigEndian.AppendUint16(b, uint16(c))
		b = binary.BigEndian.AppendUint16(b, uint16(charSymbol[c]))
	}
	return b
}

// AddUTF8FontParsed is AddUTF8FontFromBytes for a face already parsed: the
// document gets its own reader of the font file and its own record of the
// characters used, and shares the rest with every other document.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	file := font.file
	file.fileReader = &fileReader{array: font.ttf}
	file.shared = font.tables
	var used map[int]int
	if f.aliasNbPagesStr == "" {
		used = makeSubsetRange(57)
	} else {
		used = makeSubsetRange(32)
	}
	f.fonts[fontkey] = fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: FontDescType{
			Ascent:       file.Ascent,
			Descent:      file.Descent,
			CapHeight:    file.CapHeight,
			Flags:        file.Flags,
			FontBBox:     file.Bbox,
			ItalicAngle:  file.ItalicAngle,
			StemV:        file.StemV,
			MissingWidth: round(file.DefaultWidth),
		},
		Up:        int(round(file.UnderlinePosition)),
		Ut:        round(file.UnderlineThickness),
		Cw:        file.CharWidths,
		i:         fmt.Sprintf("%x", sha1.Sum([]byte("UTF8 "+fontkey+" "+font.sum))),
		utf8File:  &file,
		usedRunes: used,
		bmpUsed:   new([1024]uint64),
	}
}
