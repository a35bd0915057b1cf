package workbook

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// A streaming reader of an .xlsx package's worksheets, for ReadReturn,
// on sheetScanner (sheetscan.go; the small parts, workbook and
// relationships, with encoding/xml). It answers each row's cells as raw text
// exactly as excelize's Rows.Columns(Options{RawCellValue: true}) does
// (shared and inline strings resolved, numbers, dates and booleans as
// stored, trailing empty cells dropped), without decoding each cell through
// reflection.
//
// Reading is bounded whatever the part holds: no cell's text is held past
// a cell's limit (a longer one is reported, not kept), and a run of more
// than maxTextRunBytes bytes without markup, which no cell can hold, stops
// the part there (the scanner's textRunError), so a return whose one cell unzips to hundreds
// of megabytes is refused after reading about a megabyte of it.

// xlsxPackage is an opened .xlsx: its parts, its sheets by name and its
// shared strings (read on first use).
type xlsxPackage struct {
	parts   map[string]*zip.File
	sheets  []xlsxSheetRef
	sst     []string
	sstLong map[int]bool // items longer than a cell holds (their text is not kept)
	sstErr  error
	sstOnce sync.Once // the sheets may be read at the same time
}

type xlsxSheetRef struct{ name, part string }

// openXLSX finds the workbook part (from _rels/.rels, as excelize does), its
// sheets and their parts. Sheets whose part is missing are left out.
func openXLSX(zr *zip.Reader) (*xlsxPackage, error) {
	p := &xlsxPackage{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.parts[f.Name] = f
	}
	wbPath := "xl/workbook.xml"
	var root xlsxRels
	if err := p.unmarshal("_rels/.rels", &root); err != nil {
		return nil, err
	}
	for _, r := range root.Rels {
		if r.Type == excelize.SourceRelationshipOfficeDocument || strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	if _, ok := p.parts[wbPath]; !ok {
		return nil, fmt.Errorf("the workbook part %s is missing", wbPath)
	}
	if err := p.unmarshal(wbPath, &wb); err != nil {
		return nil, err
	}
	var rels xlsxRels
	if err := p.unmarshal(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"), &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			part := strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				part = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if _, ok := p.parts[part]; ok {
				p.sheets = append(p.sheets, xlsxSheetRef{s.Name, part})
			}
		}
	}
	return p, nil
}

type xlsxRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// unmarshal decodes a small part; a missing part leaves v as it is.
func (p *xlsxPackage) unmarshal(name string, v any) error {
	f := p.parts[name]
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// sheetPart finds a sheet's part, names compared as excelize does (ignoring
// case).
func (p *xlsxPackage) sheetPart(name string) (string, bool) {
	for _, s := range p.sheets {
		if strings.EqualFold(s.name, name) {
			return s.part, true
		}
	}
	return "", false
}

// sharedStrings reads xl/sharedStrings.xml once: each item's text, its
// rich-text runs concatenated, phonetic runs left out. An item longer than
// a cell holds is kept as "" and marked long; the items' text altogether is
// bounded by maxSharedStringBytes.
func (p *xlsxPackage) sharedStrings() ([]string, error) {
	p.sstOnce.Do(func() {
		f := p.parts["xl/sharedStrings.xml"]
		if f == nil {
			return
		}
		rc, err := f.Open()
		if err != nil {
			p.sstErr = err
			return
		}
		defer rc.Close()
		p.sst, p.sstLong, p.sstErr = parseSharedStrings(rc)
	})
	return p.sst, p.sstErr
}

// maxSharedStringBytes bounds the shared strings' text: a return of 10,000
// partnerships saved by Excel has a few megabytes of them.
const maxSharedStringBytes = 64 << 20

// parseSharedStrings reads the shared strings part.
func parseSharedStrings(r io.Reader) ([]string, map[int]bool, error) {
	sc := newSheetScanner(r)
	var out []string
	long := map[int]bool{}
	var text cellTextBuf
	total, depth, siDepth, tDepth := 0, 0, 0, 0
	inRun, inPhonetic := false, false
	for {
		tok, err := sc.next()
		if err == io.EOF {
			return out, long, nil
		}
		if err != nil {
			return out, long, err
		}
		switch tok {
		case tokStart:
			depth++
			switch name := string(sc.name); {
			case name == "si" && siDepth == 0:
				siDepth = depth
				text.reset()
			case siDepth == 0:
			case name == "r" && depth == siDepth+1:
				inRun = true
			case name == "rPh" && depth == siDepth+1:
				inPhonetic = true
			case name == "t" && !inPhonetic && tDepth == 0 && (depth == siDepth+1 || (inRun && depth == siDepth+2)):
				tDepth = depth
			}
		case tokEnd:
			switch {
			case depth == tDepth:
				tDepth = 0
			case depth == siDepth+1:
				inRun, inPhonetic = false, false
			case depth == siDepth && siDepth > 0:
				s, ok := text.value()
				if !ok {
					long[len(out)] = true
				}
				if total += len(s); total > maxSharedStringBytes {
					return out, long, fmt.Errorf("the shared strings are over %d MiB", maxSharedStringBytes>>20)
				}
				out = append(out, s)
				siDepth = 0
			}
			depth--
		case tokText:
			if tDepth > 0 {
				text.add(sc.text)
			}
		}
	}
}

var bstrExp = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`_x[a-fA-F\d]{4}_`) })

// bstrUnmarshal decodes Excel's _xHHHH_ escapes as excelize does.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrExp().FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// errSheetMissing is answered for a sheet the workbook does not have.
var errSheetMissing = errors.New("sheet missing")

// eachSheetRow streams a sheet's rows: fn gets every row number from 1 to
// the last row, with the row's cells (nil for a row not in the sheet) and
// the columns of those too long for a cell. The slices are reused: fn must
// not keep them. fn answering false stops.
func (p *xlsxPackage) eachSheetRow(sheet string, fn func(n int, cells []string, over []int) bool) error {
	part, ok := p.sheetPart(sheet)
	if !ok {
		return errSheetMissing
	}
	sst, err := p.sharedStrings()
	if err != nil {
		return err
	}
	rc, err := p.parts[part].Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return parseSheetRows(rc, sst, p.sstLong, fn)
}

// sheetParser holds the state of one sheet being streamed.
type sheetParser struct {
	sc     *sheetScanner
	sst    []string
	long   map[int]bool // shared strings too long for a cell
	cells  []string
	over   []int // columns (1-based) of the row's cells too long for a cell
	v      cellTextBuf
	is     cellTextBuf
	atCol  int  // the column and row of the cell being read, for errors
	atRow  int  //
	inCell bool // a cell is being read
}

// CellTooLongError is a cell that could not be read to its end because its
// text runs far past what any cell holds.
type CellTooLongError struct{ Cell string }

func (e *CellTooLongError) Error() string {
	return "the cell " + e.Cell + " is far longer than a cell can hold"
}

// parseSheetRows streams <sheetData>'s rows, numbering rows and placing
// cells as excelize's Rows iterator does: a row's r, or one past the last;
// a cell's r, or one past the last cell. A row numbered below 1 or past
// excelize.TotalRows is an error. fn gets the row's cells and the columns
// (1-based) of those too long for a cell, whose text is not kept.
func parseSheetRows(r io.Reader, sst []string, long map[int]bool, fn func(n int, cells []string, over []int) bool) error {
	sp := &sheetParser{sc: newSheetScanner(r), sst: sst, long: long}
	err := sp.rows(fn)
	at, _ := excelize.CoordinatesToCellName(sp.atCol, sp.atRow)
	var run *textRunError
	switch {
	case errors.As(err, &run):
		return &CellTooLongError{Cell: at}
	case err != nil && sp.inCell:
		return &CellError{Cell: at, Err: err}
	}
	return err
}

// CellError is a cell whose markup could not be read: a character XML
// cannot carry, a broken element.
type CellError struct {
	Cell string
	Err  error
}

func (e *CellError) Error() string { return "the cell " + e.Cell + ": " + e.Err.Error() }

func (e *CellError) Unwrap() error { return e.Err }

func (sp *sheetParser) rows(fn func(n int, cells []string, over []int) bool) error {
	emitted := 0   // rows handed to fn
	cur := 0       // the number of the row being read
	inRow := false // cells are being gathered for row cur
	col := 0
	flush := func() bool {
		if !inRow {
			return true
		}
		inRow = false
		for emitted < cur-1 {
			emitted++
			if !fn(emitted, nil, nil) {
				return false
			}
		}
		emitted = cur
		return fn(cur, sp.cells, sp.over)
	}
	for {
		tok, err := sp.sc.next()
		if err == io.EOF {
			flush()
			return nil
		}
		if err != nil {
			return err
		}
		switch tok {
		case tokStart:
			switch string(sp.sc.name) {
			case "row":
				n, err := rowNumber(sp.sc.attrs)
				if err != nil {
					return err
				}
				if n == 0 {
					if n = cur + 1; n > excelize.TotalRows {
						return excelize.ErrMaxRows
					}
				}
				if inRow && n <= cur {
					continue // excelize runs such a row on into the one before
				}
				if !flush() {
					return nil
				}
				cur, inRow, col = n, true, 0
				sp.cells, sp.over = sp.cells[:0], sp.over[:0]
			case "c":
				if !inRow { // a cell outside any row: excelize puts it in row 1
					cur, inRow, col = max(cur, 1), true, 0
					sp.cells, sp.over = sp.cells[:0], sp.over[:0]
				}
				col++
				if err := sp.cell(cur, &col); err != nil {
					return err
				}
			}
		case tokEnd:
			if string(sp.sc.name) == "sheetData" {
				flush()
				return nil
			}
		}
	}
}

// rowNumber reads the r of a <row>, 0 when it has none.
func rowNumber(attrs []scanAttr) (int, error) {
	n := 0
	for _, a := range attrs {
		if string(a.local) == "r" {
			var err error
			if n, err = atoi(a.value); err != nil {
				return 0, err
			}
		}
	}
	switch {
	case n > excelize.TotalRows:
		return 0, excelize.ErrMaxRows
	case n < 0:
		return 0, fmt.Errorf("row number %d", n)
	}
	return n, nil
}

// atoi is strconv.Atoi, without a string for plain numbers.
func atoi(b []byte) (int, error) {
	n := 0
	for i, c := range b {
		if c < '0' || c > '9' || i >= 9 {
			return strconv.Atoi(string(b))
		}
		n = n*10 + int(c-'0')
	}
	if len(b) == 0 {
		return strconv.Atoi("")
	}
	return n, nil
}

// Cell types that decide how a cell's value is read.
const (
	cellOther = iota
	cellShared
	cellInline
)

// cell reads the <c> element just started, to its end, into the row: its
// raw value, placed at its column from r (col is one past the last
// otherwise).
func (sp *sheetParser) cell(row int, col *int) error {
	typ := cellOther
	for _, a := range sp.sc.attrs {
		switch string(a.local) {
		case "r":
			c := quickColumn(a.value)
			if c == 0 {
				var err error
				if c, _, err = excelize.CellNameToCoordinates(string(a.value)); err != nil {
					return err
				}
			}
			*col = c
		case "t":
			typ = cellType(string(a.value))
		}
	}
	sp.atCol, sp.atRow, sp.inCell = *col, max(row, 1), true
	val, long, hasF, err := sp.cellValue(typ)
	if err != nil {
		return err
	}
	sp.inCell = false
	if val != "" || hasF || long {
		for len(sp.cells) < *col-1 {
			sp.cells = append(sp.cells, "")
		}
		sp.cells = append(sp.cells, val)
	}
	if long {
		sp.over = append(sp.over, *col)
	}
	return nil
}

func cellType(t string) int {
	switch t {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	}
	return cellOther
}

// cellValue reads the cell's children: its value, whether that is too
// long for a cell (and so not kept), and whether it has a formula.
func (sp *sheetParser) cellValue(typ int) (val string, long, hasF bool, err error) {
	sp.v.reset()
	sp.is.reset()
	hasV, hasIS := false, false
	depth := 0
	var inV, inIS, inRun, inPhonetic, inT bool
	for {
		tok, err := sp.sc.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", false, false, err
		}
		switch tok {
		case tokStart:
			depth++
			switch name := string(sp.sc.name); {
			case depth == 1 && name == "v":
				inV, hasV = true, true
			case depth == 1 && name == "f":
				hasF = true
			case depth == 1 && name == "is":
				inIS, hasIS = true, true
			case !inIS:
			case depth == 2 && name == "r":
				inRun = true
			case depth == 2 && name == "rPh":
				inPhonetic = true
			case name == "t" && !inPhonetic && (depth == 2 || (inRun && depth == 3)):
				inT = true
			}
		case tokEnd:
			if depth == 0 {
				val, long = sp.value(typ, hasV, hasIS)
				return val, long, hasF, nil
			}
			switch depth {
			case 1:
				inV, inIS = false, false
			case 2:
				inRun, inPhonetic, inT = false, false, false
			case 3:
				inT = false
			}
			depth--
		case tokText:
			switch {
			case inV && depth == 1:
				sp.v.add(sp.sc.text)
			case inT:
				sp.is.add(sp.sc.text)
			}
		}
	}
}

// value is the cell's raw value as excelize's getValueFrom gives it, and
// whether it was too long to keep.
func (sp *sheetParser) value(typ int, hasV, hasIS bool) (string, bool) {
	switch typ {
	case cellShared:
		v, ok := sp.v.value()
		if !ok || v == "" {
			return "", !ok
		}
		i, _ := strconv.Atoi(strings.TrimSpace(v)) // excelize reads what does not parse as 0
		if i < 0 || i >= len(sp.sst) {
			return "", false
		}
		return sp.sst[i], sp.long[i]
	case cellInline:
		if hasIS {
			s, ok := sp.is.value()
			return s, !ok
		}
	}
	if !hasV {
		return "", false
	}
	s, ok := sp.v.value()
	return s, !ok
}

// cellTextBuf gathers a cell's text, keeping no more than a cell can hold:
// Excel's _xHHHH_ escapes are decoded once it is whole, and each shrinks
// seven characters to one, so up to seven times a cell's limit is kept
// before the text is known to be too long.
type cellTextBuf struct {
	b     []byte
	units int
	long  bool
}

const maxRawCellUnits = 7 * maxCellChars

func (c *cellTextBuf) reset() { c.b, c.units, c.long = c.b[:0], 0, false }

func (c *cellTextBuf) add(p []byte) {
	if c.long {
		return
	}
	for _, r := range string(p) {
		c.units += utf16.RuneLen(r)
	}
	if c.units > maxRawCellUnits {
		c.long, c.b = true, c.b[:0]
		return
	}
	c.b = append(c.b, p...)
}

// value is the text, Excel's escapes decoded, or "" and false when it is
// longer than a cell holds.
func (c *cellTextBuf) value() (string, bool) {
	if c.long {
		return "", false
	}
	s := bstrUnmarshal(string(c.b))
	if utf16Len(s) > maxCellChars {
		return "", false
	}
	return s, true
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// maxTextRunBytes is the longest run of a part's bytes without markup that
// is read: a cell's text at its longest, every character written as a
// numeric reference, is under 330 KB.
const maxTextRunBytes = 1 << 20

// textRunError stops a part at a run of text longer than maxTextRunBytes.
type textRunError struct{}

func (*textRunError) Error() string { return "a run of text longer than any cell holds" }

// quickColumn reads the column of a plain reference such as F12, or answers
// 0 for excelize to judge.
func quickColumn[T string | []byte](ref T) int {
	col, i := 0, 0
	for ; i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i == len(ref) || ref[i] < '1' || ref[i] > '9' || len(ref)-i > 7 || col > excelize.MaxColumns {
		return 0
	}
	row := 0
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0
		}
		row = row*10 + int(ref[i]-'0')
	}
	if row > excelize.TotalRows {
		return 0
	}
	return col
}
