package workbook

// The reference for FuzzSheetScanMatchesXML and TestSheetScanMatchesXML:
// the return's sheets and shared strings read with encoding/xml's RawToken,
// as xlsxread.go read them before sheetscan.go (commit 481597e). Only the
// XML reading differs from xlsxread.go: the value rules (cellTextBuf,
// cellType, quickColumn) are the same code.

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetParserXML holds the state of one sheet being streamed.
type sheetParserXML struct {
	d      *xml.Decoder
	sst    []string
	long   map[int]bool // shared strings too long for a cell
	cells  []string
	over   []int // columns (1-based) of the row's cells too long for a cell
	v      cellTextBuf
	is     cellTextBuf
	at     string // the reference of the cell being read, for errors
	inCell bool   // a cell is being read
}

// parseSharedStrings reads the shared strings part.
func parseSharedStringsXML(r io.Reader) ([]string, map[int]bool, error) {
	d := newPartDecoderXML(r)
	var out []string
	long := map[int]bool{}
	var text cellTextBuf
	total, depth, siDepth, tDepth := 0, 0, 0, 0
	inRun, inPhonetic := false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, long, nil
		}
		if err != nil {
			return out, long, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch name := t.Name.Local; {
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
		case xml.EndElement:
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
		case xml.CharData:
			if tDepth > 0 {
				text.add(t)
			}
		}
	}
}

// parseSheetRows streams <sheetData>'s rows, numbering rows and placing
// cells as excelize's Rows iterator does: a row's r, or one past the last;
// a cell's r, or one past the last cell. A row numbered below 1 or past
// excelize.TotalRows is an error. fn gets the row's cells and the columns
// (1-based) of those too long for a cell, whose text is not kept.
func parseSheetRowsXML(r io.Reader, sst []string, long map[int]bool, fn func(n int, cells []string, over []int) bool) error {
	sp := &sheetParserXML{d: newPartDecoderXML(r), sst: sst, long: long}
	err := sp.rowsXML(fn)
	var run *textRunError
	switch {
	case errors.As(err, &run):
		return &CellTooLongError{Cell: sp.at}
	case err != nil && sp.inCell:
		return &CellError{Cell: sp.at, Err: err}
	}
	return err
}

func (sp *sheetParserXML) rowsXML(fn func(n int, cells []string, over []int) bool) error {
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
		tok, err := sp.d.RawToken()
		if err == io.EOF {
			flush()
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				n, err := rowNumberXML(t)
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
				if err := sp.cellXML(t, cur, &col); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				flush()
				return nil
			}
		}
	}
}

// rowNumber reads the r of a <row>, 0 when it has none.
func rowNumberXML(t xml.StartElement) (int, error) {
	n := 0
	for _, a := range t.Attr {
		if a.Name.Local == "r" {
			var err error
			if n, err = strconv.Atoi(a.Value); err != nil {
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

// cell reads the <c> element t starts, to its end, into the row: its raw
// value, placed at its column from r (col is one past the last otherwise).
func (sp *sheetParserXML) cellXML(t xml.StartElement, row int, col *int) error {
	typ := cellOther
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "r":
			c := quickColumn(a.Value)
			if c == 0 {
				var err error
				if c, _, err = excelize.CellNameToCoordinates(a.Value); err != nil {
					return err
				}
			}
			*col = c
		case "t":
			typ = cellType(a.Value)
		}
	}
	sp.at, _ = excelize.CoordinatesToCellName(*col, max(row, 1))
	sp.inCell = true
	val, long, hasF, err := sp.cellValueXML(typ)
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

// cellValue reads the cell's children: its value, whether that is too
// long for a cell (and so not kept), and whether it has a formula.
func (sp *sheetParserXML) cellValueXML(typ int) (val string, long, hasF bool, err error) {
	sp.v.reset()
	sp.is.reset()
	hasV, hasIS := false, false
	depth := 0
	var inV, inIS, inRun, inPhonetic, inT bool
	for {
		tok, err := sp.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", false, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch name := t.Name.Local; {
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
		case xml.EndElement:
			if depth == 0 {
				val, long = sp.valueXML(typ, hasV, hasIS)
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
		case xml.CharData:
			switch {
			case inV && depth == 1:
				sp.v.add(t)
			case inT:
				sp.is.add(t)
			}
		}
	}
}

// value is the cell's raw value as excelize's getValueFrom gives it, and
// whether it was too long to keep.
func (sp *sheetParserXML) valueXML(typ int, hasV, hasIS bool) (string, bool) {
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

// runGuardXML passes a part's bytes through, counting the bytes since the
// last '<', and fails once they pass maxTextRunBytes.
type runGuardXML struct {
	r   io.Reader
	run int
}

func (g *runGuardXML) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		g.run = n - i - 1
	} else {
		g.run += n
	}
	if g.run > maxTextRunBytes {
		return 0, &textRunError{}
	}
	return n, err
}

// newPartDecoderXML decodes a part strictly, through a runGuardXML.
func newPartDecoderXML(r io.Reader) *xml.Decoder {
	return xml.NewDecoder(bufio.NewReaderSize(&runGuardXML{r: r}, 64<<10))
}
