// partnerdocs patch (PATCHES.md): a face made from tables ParseUTF8Font
// read once, at build time, so a process does not parse the font file.

package fpdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// tablesMagic starts a face's tables and names the version of their
// layout (see Tables).
const tablesMagic = "fpdf UTF-8 font tables 1\n"

// utf8WidthCount is the length of a UTF-8 face's character widths
// (utf8FontFile.CharWidths), as parseHMTXTable makes them.
const utf8WidthCount = 256 * 256

// Tables encodes what ParseUTF8Font read from the font file, for
// NewUTF8FontFromTables to make the same face from without parsing it.
// All numbers are big-endian:
//
//	the magic, tablesMagic
//	uint32: the font file's length
//	uint32 n, then the font file's first n bytes, its table directory
//	40 bytes: the font file's SHA-1, in hex
//	int64 × 10: Ascent, Descent, CapHeight, Flags, the bounding box
//	  (x min, y min, x max, y max), ItalicAngle, StemV
//	float64 × 3: DefaultWidth, UnderlinePosition, UnderlineThickness
//	uint32 loca position, uint16 loca format, uint16 glyph count
//	uint32 n, then n pairs of uint16 character and uint32 width: the
//	  character widths that are not 0, in character order
//	uint32 n, then n pairs of uint16 character and uint16 glyph: the cmap
func (f *UTF8Font) Tables() ([]byte, error) {
	dir, err := tableDirectory(f.ttf)
	if err != nil {
		return nil, err
	}
	file, t := &f.file, f.tables
	b := append([]byte(tablesMagic), make([]byte, 0, 64*1024)...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(f.ttf)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(dir)))
	b = append(b, dir...)
	b = append(b, f.sum...)
	for _, v := range []int{file.Ascent, file.Descent, file.CapHeight, file.Flags, file.Bbox.Xmin, file.Bbox.Ymin,
		file.Bbox.Xmax, file.Bbox.Ymax, file.ItalicAngle, file.StemV} {
		b = binary.BigEndian.AppendUint64(b, uint64(int64(v)))
	}
	for _, v := range []float64{file.DefaultWidth, file.UnderlinePosition, file.UnderlineThickness} {
		b = binary.BigEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = binary.BigEndian.AppendUint32(b, uint32(t.locaPos))
	locaFormat := uint16(0)
	if t.longLoca {
		locaFormat = 1
	}
	b = binary.BigEndian.AppendUint16(b, locaFormat)
	b = binary.BigEndian.AppendUint16(b, uint16(t.numSymbols()))
	if len(file.CharWidths) != utf8WidthCount {
		return nil, fmt.Errorf("fpdf: %d character widths, not %d", len(file.CharWidths), utf8WidthCount)
	}
	count := len(b)
	b = append(b, 0, 0, 0, 0)
	n := 0
	for c, w := range file.CharWidths {
		if w == 0 {
			continue
		}
		if w < 0 || w > math.MaxUint32 {
			return nil, fmt.Errorf("fpdf: U+%04X: width %d", c, w)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(c))
		b = binary.BigEndian.AppendUint32(b, uint32(w))
		n++
	}
	binary.BigEndian.PutUint32(b[count:], uint32(n))
	b = binary.BigEndian.AppendUint32(b, uint32(len(t.cmap)/4))
	return append(b, t.cmap...), nil
}

// tableDirectory is the start of a TrueType font file that lists its
// tables, with each one's checksum, position and length.
func tableDirectory(ttf []byte) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("fpdf: not a TrueType font file")
	}
	n := 12 + 16*int(binary.BigEndian.Uint16(ttf[4:]))
	if n > len(ttf) {
		return nil, errors.New("fpdf: the font file's table directory is cut short")
	}
	return ttf[:n], nil
}

// NewUTF8FontFromTables makes the face ParseUTF8Font would parse from ttf
// from tables, its Tables, without parsing ttf: the widths are set out in
// a table of their own, and the cmap and loca tables are read where they
// lie when a document's subset is made. Neither ttf nor tables may be
// modified afterwards. Tables of another font file are refused, by its
// length and its table directory, which holds each table's checksum.
func NewUTF8FontFromTables(ttf, tables []byte) (*UTF8Font, error) {
	r := tablesReader{b: tables}
	if string(r.next(len(tablesMagic))) != tablesMagic {
		return nil, errors.New("fpdf: not UTF-8 font tables, or tables of another version")
	}
	size := r.uint32()
	dir := r.next(r.uint32())
	if r.err == nil && (size != len(ttf) || len(dir) < 12 || !bytes.HasPrefix(ttf, dir)) {
		return nil, errors.New("fpdf: the tables are not the font file's")
	}
	font := &UTF8Font{ttf: ttf, sum: string(r.next(40))}
	file := &font.file
	for _, v := range []*int{&file.Ascent, &file.Descent, &file.CapHeight, &file.Flags, &file.Bbox.Xmin, &file.Bbox.Ymin,
		&file.Bbox.Xmax, &file.Bbox.Ymax, &file.ItalicAngle, &file.StemV} {
		*v = int(int64(r.uint64()))
	}
	for _, v := range []*float64{&file.DefaultWidth, &file.UnderlinePosition, &file.UnderlineThickness} {
		*v = math.Float64frombits(r.uint64())
	}
	locaPos, locaFormat, numSymbols := r.uint32(), r.uint16(), r.uint16()
	widths := r.next(6 * r.uint32())
	cmap := r.next(4 * r.uint32())
	if r.err != nil || len(r.b) > 0 {
		return nil, errors.New("fpdf: the font tables are cut short or run on")
	}
	file.CharWidths = make([]int, utf8WidthCount)
	for i := 0; i < len(widths); i += 6 {
		file.CharWidths[binary.BigEndian.Uint16(widths[i:])] = int(binary.BigEndian.Uint32(widths[i+2:]))
	}
	var err error
	font.tables, err = newCutTables(ttf, locaPos, locaFormat, numSymbols, cmap)
	if err != nil {
		return nil, err
	}
	return font, nil
}

// tablesReader reads Tables' numbers in turn; past the end it reads zeros
// and records the error.
type tablesReader struct {
	b   []byte
	err error
}

func (r *tablesReader) next(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err, r.b = errors.New("cut short"), nil
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *tablesReader) uint16() int {
	if b := r.next(2); b != nil {
		return int(binary.BigEndian.Uint16(b))
	}
	return 0
}

func (r *tablesReader) uint32() int {
	if b := r.next(4); b != nil {
		return int(binary.BigEndian.Uint32(b))
	}
	return 0
}

func (r *tablesReader) uint64() uint64 {
	if b := r.next(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}
