package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A streaming reader of an .xlsx package's worksheets, for ReadReturn. It
// answers each row's cells as raw text exactly as excelize's
// Rows.Columns(Options{RawCellValue: true}) does (shared and inline strings
// resolved, numbers, dates and booleans as stored, trailing empty cells
// dropped), without decoding each cell through reflection. Worksheets and
// shared strings, most of a return, are read with xmlScanner
// (workbook_xlsxscan.go), which reads XML as encoding/xml's RawToken does
// without allocating for each token; the small parts that name the sheets
// are decoded with encoding/xml.

// xlsxPackage is an opened .xlsx: its parts, its sheets by name and its
// shared strings (read on first use).
type xlsxPackage struct {
	parts   map[string]*zip.File
	sheets  []xlsxSheetRef
	sst     []string
	sstErr  error
	sstRead bool
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
// rich-text runs concatenated, phonetic runs left out.
func (p *xlsxPackage) sharedStrings() ([]string, error) {
	if p.sstRead {
		return p.sst, p.sstErr
	}
	p.sstRead = true
	f := p.parts["xl/sharedStrings.xml"]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		p.sstErr = err
		return nil, err
	}
	defer rc.Close()
	p.sst, p.sstErr = parseSharedStrings(rc)
	return p.sst, p.sstErr
}

// parseSharedStrings reads the shared strings part: each item's text, its
// rich-text runs concatenated, phonetic runs left out.
func parseSharedStrings(r io.Reader) ([]string, error) {
	return scanSharedStrings(newXMLScanner(r, xmlScanBuffer))
}

func scanSharedStrings(sc *xmlScanner) ([]string, error) {
	var out []string
	var text []byte
	depth, siDepth, tDepth := 0, 0, 0
	inRun, inPhonetic := false, false
	for {
		tok, err := sc.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch tok {
		case tokStart:
			depth++
			switch name := sc.name; {
			case string(name) == "si" && siDepth == 0:
				siDepth = depth
				text = text[:0]
			case siDepth == 0:
			case string(name) == "r" && depth == siDepth+1:
				inRun = true
			case string(name) == "rPh" && depth == siDepth+1:
				inPhonetic = true
			case string(name) == "t" && !inPhonetic && tDepth == 0 &&
				(depth == siDepth+1 || (inRun && depth == siDepth+2)):
				tDepth = depth
			}
		case tokEnd:
			switch {
			case depth == tDepth:
				tDepth = 0
			case depth == siDepth+1:
				inRun, inPhonetic = false, false
			case depth == siDepth && siDepth > 0:
				out = append(out, bstrUnmarshal(string(text)))
				siDepth = 0
			}
			depth--
		case tokText:
			if tDepth > 0 {
				text = append(text, sc.text...)
			}
		}
	}
}

var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal decodes Excel's _xHHHH_ escapes as excelize does.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range bstrExp.FindAllStringIndex(s, -1) {
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
// the last row, with the row's cells (nil for a row not in the sheet). The
// cells slice is reused: fn must not keep it. fn answering false stops.
func (p *xlsxPackage) eachSheetRow(sheet string, fn func(n int, cells []string) bool) error {
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
	return parseSheetRows(rc, sst, fn)
}

// sheetParser holds the state of one sheet being streamed.
type sheetParser struct {
	sc    *xmlScanner
	sst   []string
	cells []string
	v     []byte // the text of the cell's <v>
	is    []byte // the text of the cell's inline string
	seed  maphash.Seed
	seen  *[1024]string // values read lately, by hash: a column repeats them
}

// str answers b as a string, the one made for the last equal value of the
// same hash when there was one: a sheet repeats most of its values (the
// partnership on each of its rows, labels, small numbers), and each string
// made is an allocation the reader would otherwise pay per cell.
func (sp *sheetParser) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if sp.seen == nil {
		sp.seed, sp.seen = maphash.MakeSeed(), new([1024]string)
	}
	slot := &sp.seen[maphash.Bytes(sp.seed, b)%uint64(len(sp.seen))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// parseSheetRows streams <sheetData>'s rows, numbering rows and placing
// cells as excelize's Rows iterator does: a row's r, or one past the last;
// a cell's r, or one past the last cell. A row numbered below 1 or past
// excelize.TotalRows is an error.
func parseSheetRows(r io.Reader, sst []string, fn func(n int, cells []string) bool) error {
	return scanSheetRows(newXMLScanner(r, xmlScanBuffer), sst, fn)
}

func scanSheetRows(sc *xmlScanner, sst []string, fn func(n int, cells []string) bool) error {
	sp := &sheetParser{sc: sc, sst: sst}
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
			if !fn(emitted, nil) {
				return false
			}
		}
		emitted = cur
		return fn(cur, sp.cells)
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
		switch {
		case tok == tokStart && string(sp.sc.name) == "row":
			n, err := sp.rowNumber()
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
			sp.cells = sp.cells[:0]
		case tok == tokStart && string(sp.sc.name) == "c":
			if !inRow { // a cell outside any row: excelize puts it in row 1
				cur, inRow, col = max(cur, 1), true, 0
				sp.cells = sp.cells[:0]
			}
			col++
			val, hasF, at, err := sp.cell()
			if err != nil {
				return err
			}
			if at > 0 {
				col = at
			}
			if val != "" || hasF {
				for len(sp.cells) < col-1 {
					sp.cells = append(sp.cells, "")
				}
				sp.cells = append(sp.cells, val)
			}
		case tok == tokEnd && string(sp.sc.name) == "sheetData":
			flush()
			return nil
		}
	}
}

// rowNumber reads the r of the <row> just read, 0 when it has none.
func (sp *sheetParser) rowNumber() (int, error) {
	n := 0
	for k := range sp.sc.attrs {
		if local, value := sp.sc.attr(k); string(local) == "r" {
			var err error
			if n, err = atoi(value); err != nil {
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

// Cell types that decide how a cell's value is read.
const (
	cellOther = iota
	cellShared
	cellInline
)

// cell reads the <c> element just started to its end: its raw value,
// whether it has a formula, and its column from r (0 when it has none).
func (sp *sheetParser) cell() (val string, hasF bool, col int, err error) {
	sc := sp.sc
	var ref []byte
	typ := cellOther
	for k := range sc.attrs {
		switch local, value := sc.attr(k); string(local) {
		case "r":
			ref = value
		case "t":
			switch string(value) {
			case "s":
				typ = cellShared
			case "inlineStr":
				typ = cellInline
			default:
				typ = cellOther
			}
		}
	}
	if len(ref) > 0 {
		if col = quickColumn(ref); col == 0 {
			if col, _, err = excelize.CellNameToCoordinates(string(ref)); err != nil {
				return "", false, 0, err
			}
		}
	}
	sp.v, sp.is = sp.v[:0], sp.is[:0]
	hasV, hasIS := false, false
	depth := 0
	var inV, inIS, inRun, inPhonetic, inT bool
	for {
		tok, err := sc.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", false, 0, err
		}
		switch tok {
		case tokStart:
			depth++
			switch name := sc.name; {
			case depth == 1 && string(name) == "v":
				inV, hasV = true, true
			case depth == 1 && string(name) == "f":
				hasF = true
			case depth == 1 && string(name) == "is":
				inIS, hasIS = true, true
			case !inIS:
			case depth == 2 && string(name) == "r":
				inRun = true
			case depth == 2 && string(name) == "rPh":
				inPhonetic = true
			case string(name) == "t" && !inPhonetic && (depth == 2 || (inRun && depth == 3)):
				inT = true
			}
		case tokEnd:
			if depth == 0 {
				return sp.value(typ, hasV, hasIS), hasF, col, nil
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
				sp.v = append(sp.v, sc.text...)
			case inT:
				sp.is = append(sp.is, sc.text...)
			}
		}
	}
}

// value is the cell's raw value as excelize's getValueFrom gives it.
func (sp *sheetParser) value(typ int, hasV, hasIS bool) string {
	switch typ {
	case cellShared:
		if len(sp.v) == 0 {
			return ""
		}
		i := sstIndex(bytes.TrimSpace(sp.v))
		if i < 0 || i >= len(sp.sst) {
			return ""
		}
		return sp.sst[i]
	case cellInline:
		if hasIS {
			if len(sp.is) == 0 {
				return ""
			}
			return bstrUnmarshal(sp.str(sp.is))
		}
	}
	if !hasV {
		return ""
	}
	return sp.str(sp.v)
}

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

// sstIndex reads a shared string index as strconv.Atoi would, answering 0
// (as excelize does) for one that does not parse.
func sstIndex(b []byte) int {
	i, _ := atoi(b)
	return i
}

// atoi is strconv.Atoi on bytes, converting them to a string only when
// they are not a short run of digits.
func atoi(b []byte) (int, error) {
	if len(b) == 0 || len(b) > 9 {
		return strconv.Atoi(string(b))
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return strconv.Atoi(string(b))
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}
