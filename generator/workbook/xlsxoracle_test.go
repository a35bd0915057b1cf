package workbook

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The encoding/xml reader the return reader used before xmlScanner: kept as
// the oracle FuzzSheetRowsMatchesXML holds parseSheetRows and
// parseSharedStrings to. It is the code that shipped, renamed, with two
// corrections marked "corrected", where it broke eachSheetRow's promise of
// rows numbered 1 to the last (a first row with a negative r, and a row
// without r after row 1,048,576); parseSheetRows refuses both.

func parseSharedStringsXML(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	var out []string
	var sb strings.Builder
	depth, siDepth, tDepth := 0, 0, 0
	inRun, inPhonetic := false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Local == "si" && siDepth == 0:
				siDepth = depth
				sb.Reset()
			case siDepth == 0:
			case t.Name.Local == "r" && depth == siDepth+1:
				inRun = true
			case t.Name.Local == "rPh" && depth == siDepth+1:
				inPhonetic = true
			case t.Name.Local == "t" && !inPhonetic && tDepth == 0 &&
				(depth == siDepth+1 || (inRun && depth == siDepth+2)):
				tDepth = depth
			}
		case xml.EndElement:
			switch {
			case depth == tDepth:
				tDepth = 0
			case depth == siDepth+1:
				inRun, inPhonetic = false, false
			case depth == siDepth && siDepth > 0:
				out = append(out, bstrUnmarshal(sb.String()))
				siDepth = 0
			}
			depth--
		case xml.CharData:
			if tDepth > 0 {
				sb.Write(t)
			}
		}
	}
}

// sheetParserXML holds the state of one sheet being streamed.
type sheetParserXML struct {
	d     *xml.Decoder
	sst   []string
	cells []string
	text  []byte
	sb    strings.Builder
}

// parseSheetRowsXML streams <sheetData>'s rows, numbering rows and placing
// cells as excelize's Rows iterator does: a row's r, or one past the last;
// a cell's r, or one past the last cell.
func parseSheetRowsXML(r io.Reader, sst []string, fn func(n int, cells []string) bool) error {
	sp := &sheetParserXML{d: xml.NewDecoder(bufio.NewReaderSize(r, 64<<10)), sst: sst}
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
				n := 0
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err = strconv.Atoi(a.Value); err != nil {
							return err
						}
					}
				}
				if n > excelize.TotalRows {
					return excelize.ErrMaxRows
				}
				if n < 0 { // corrected: was handed to fn as a row number
					return fmt.Errorf("row number %d", n)
				}
				if n == 0 {
					if n = cur + 1; n > excelize.TotalRows { // corrected: was read as a row
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
			case "c":
				if !inRow { // a cell outside any row: excelize puts it in row 1
					cur, inRow, col = max(cur, 1), true, 0
					sp.cells = sp.cells[:0]
				}
				col++
				val, hasF, at, err := sp.cell(t)
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
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				flush()
				return nil
			}
		}
	}
}

// cell reads one <c> element to its end: its raw value, whether it has a
// formula, and its column from r (0 when it has none).
func (sp *sheetParserXML) cell(start xml.StartElement) (val string, hasF bool, col int, err error) {
	var typ, ref string
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			ref = a.Value
		case "t":
			typ = a.Value
		}
	}
	if ref != "" {
		if col = quickColumn(ref); col == 0 {
			if col, _, err = excelize.CellNameToCoordinates(ref); err != nil {
				return "", false, 0, err
			}
		}
	}
	v := sp.text[:0]
	hasV, hasIS := false, false
	sp.sb.Reset()
	depth := 0
	var inV, inIS, inRun, inPhonetic, inT bool
	for {
		tok, err := sp.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", false, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1 && t.Name.Local == "v":
				inV, hasV = true, true
			case depth == 1 && t.Name.Local == "f":
				hasF = true
			case depth == 1 && t.Name.Local == "is":
				inIS, hasIS = true, true
			case !inIS:
			case depth == 2 && t.Name.Local == "r":
				inRun = true
			case depth == 2 && t.Name.Local == "rPh":
				inPhonetic = true
			case t.Name.Local == "t" && !inPhonetic && (depth == 2 || (inRun && depth == 3)):
				inT = true
			}
		case xml.EndElement:
			if depth == 0 {
				sp.text = v
				return sp.value(typ, v, hasV, hasIS), hasF, col, nil
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
				v = append(v, t...)
			case inT:
				sp.sb.Write(t)
			}
		}
	}
}

// value is the cell's raw value as excelize's getValueFrom gives it.
func (sp *sheetParserXML) value(typ string, v []byte, hasV, hasIS bool) string {
	switch typ {
	case "s":
		if len(v) == 0 {
			return ""
		}
		i := sstIndex(bytes.TrimSpace(v))
		if i < 0 || i >= len(sp.sst) {
			return ""
		}
		return sp.sst[i]
	case "inlineStr":
		if hasIS {
			if sp.sb.Len() == 0 {
				return ""
			}
			return bstrUnmarshal(sp.sb.String())
		}
	}
	if !hasV {
		return ""
	}
	return string(v)
}
