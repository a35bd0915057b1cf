// partnerdocs patch (PATCHES.md): a TrueType face parsed once and shared by
// any number of documents.

package fpdf

import (
	"crypto/sha1"
	"errors"
	"fmt"
)

// UTF8Font is a TrueType face parsed once by ParseUTF8Font, for any number
// of documents to use with AddUTF8FontParsed. It is never modified after
// ParseUTF8Font returns, so it is safe for concurrent use.
type UTF8Font struct {
	ttf    []byte
	file   utf8FontFile // as parseFile left it
	tables *cutTables
	sum    string // the font file's SHA-1, for the font's resource name
}

// cutTables is what making a subset reads from a face's cmap and loca
// tables: each character's glyph and each glyph's place in the glyf table.
type cutTables struct {
	charSymbol     map[int]int
	symbolPosition []int
}

// ParseUTF8Font parses the TrueType font file ttf, which must not be
// modified afterwards.
func ParseUTF8Font(ttf []byte) (*UTF8Font, error) {
	file := newUTF8Font(&fileReader{array: ttf})
	if err := file.parseFile(); err != nil {
		return nil, err
	}
	tables := file.readCutTables()
	if tables == nil {
		return nil, errors.New("fpdf: the font has no Unicode cmap")
	}
	return &UTF8Font{ttf: ttf, file: *file, tables: tables, sum: fmt.Sprintf("%x", sha1.Sum(ttf))}, nil
}

// readCutTables reads the cmap and loca tables, or returns nil if the face
// has no Unicode cmap. The cmap's characters come from parseFile when it
// has read them.
func (utf *utf8FontFile) readCutTables() *cutTables {
	charSymbol := utf.charSymbolDictionary
	utf.fileReader.readerPosition = 0
	utf.skip(4)
	utf.generateTableDescriptions()
	utf.SeekTable("head")
	utf.skip(50)
	locaFormat := utf.readUint16()
	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()
	if len(charSymbol) == 0 {
		if utf.generateCMAP() == nil {
			return nil
		}
		charSymbol = utf.charSymbolDictionary
	}
	utf.parseLOCATable(locaFormat, numSymbols)
	return &cutTables{charSymbol: charSymbol, symbolPosition: utf.symbolPosition}
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
