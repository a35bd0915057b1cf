package generator

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// sheetBody is the data rows of one large sheet, written at save time.
type sheetBody struct {
	styles []int     // each column's cell style
	wrap   []float64 // each wrapped column's width, 0 for the others
	header int       // the rows excelize writes above the body
	rows   func(w *rowWriter) error
}

// sheetZip is the zip writer excelize saves the workbook through. Every
// part goes to the zip unchanged except the worksheets, which excelize has
// written with their header rows only: sheetZip holds them until Close,
// then writes each with its data rows, from its sheetBody, spliced in
// before </sheetData>. Which part is which sheet is read from the
// workbook part and its relationships as they pass through, as any
// spreadsheet reader finds them.
//
// The rows are compressed as they are made, so nothing of their size is
// ever held in memory or written to a temporary file, and the parts are
// written in a fixed order: the same input gives the same bytes.
type sheetZip struct {
	zw       *zip.Writer
	bodies   map[string]sheetBody // by sheet name
	held     map[string]*bytes.Buffer
	workbook bytes.Buffer // copies of xl/workbook.xml and its relationships
	rels     bytes.Buffer
	types    bytes.Buffer // [Content_Types].xml, written at Close
}

const (
	contentTypesPart = "[Content_Types].xml"
	workbookPart     = "xl/workbook.xml"
	workbookRelsPart = "xl/_rels/workbook.xml.rels"
)

func newSheetZip(w io.Writer, bodies map[string]sheetBody) *sheetZip {
	return &sheetZip{zw: zip.NewWriter(w), bodies: bodies, held: map[string]*bytes.Buffer{}}
}

func (z *sheetZip) Create(name string) (io.Writer, error) {
	if name == contentTypesPart {
		return &z.types, nil
	}
	if dir, file := path.Split(name); dir == "xl/worksheets/" && strings.HasSuffix(file, ".xml") {
		b := new(bytes.Buffer)
		z.held[name] = b
		return b, nil
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	switch name {
	case workbookPart:
		return io.MultiWriter(w, &z.workbook), nil
	case workbookRelsPart:
		return io.MultiWriter(w, &z.rels), nil
	}
	return w, nil
}

func (z *sheetZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

// Close writes the worksheets, each large one with its rows, and closes
// the zip.
func (z *sheetZip) Close() error {
	names, err := z.sheetNames()
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(z.held))
	for p := range z.held {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	written := 0
	for _, p := range paths {
		body, ok := z.bodies[names[p]]
		if ok {
			written++
		}
		if err := z.writeSheet(p, body, ok); err != nil {
			return fmt.Errorf("%s: %w", names[p], err)
		}
	}
	if written != len(z.bodies) {
		return fmt.Errorf("workbook: %d of %d large sheets found in the package", written, len(z.bodies))
	}
	if err := z.writeContentTypes(); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *sheetZip) writeSheet(part string, body sheetBody, spliced bool) error {
	w, err := z.zw.Create(part)
	if err != nil {
		return err
	}
	data := z.held[part].Bytes()
	if !spliced {
		_, err := w.Write(data)
		return err
	}
	head, tail, ok := splitSheetData(data)
	if !ok {
		return fmt.Errorf("no sheetData in %s", part)
	}
	out := bufio.NewWriterSize(w, 64<<10)
	out.Write(head)
	rw := newRowWriter(out, body.styles, body.wrap)
	rw.row = body.header
	if err := body.rows(rw); err != nil {
		return err
	}
	out.Write(tail)
	return out.Flush()
}

// splitSheetData splits a worksheet where its rows end: before
// </sheetData>, or inside an empty <sheetData/>.
func splitSheetData(data []byte) (head, tail []byte, ok bool) {
	if i := bytes.LastIndex(data, []byte("</sheetData>")); i >= 0 {
		return data[:i], data[i:], true
	}
	if i := bytes.Index(data, []byte("<sheetData/>")); i >= 0 {
		return append(slices.Clip(data[:i]), "<sheetData>"...), append([]byte("</sheetData>"), data[i+len("<sheetData/>"):]...), true
	}
	return nil, nil, false
}

// sheetNames maps each worksheet part to its sheet's name, from the
// workbook's <sheets> and the relationships they refer to.
func (z *sheetZip) sheetNames() (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(z.workbook.Bytes(), &wb); err != nil {
		return nil, fmt.Errorf("workbook part: %w", err)
	}
	if err := xml.Unmarshal(z.rels.Bytes(), &rels); err != nil {
		return nil, fmt.Errorf("workbook relationships: %w", err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			t = path.Join("xl", r.Target)
		}
		targets[r.ID] = t
	}
	names := map[string]string{}
	for _, s := range wb.Sheets {
		names[targets[s.RID]] = s.Name
	}
	return names, nil
}

// contentTypes is [Content_Types].xml: a content type by file extension
// (Default) and by part (Override).
type contentTypes struct {
	XMLName   xml.Name      `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []contentType `xml:"Default"`
	Overrides []contentType `xml:"Override"`
}

type contentType struct {
	Extension   string `xml:",attr,omitempty"`
	PartName    string `xml:",attr,omitempty"`
	ContentType string `xml:",attr"`
}

// writeContentTypes writes [Content_Types].xml with its defaults sorted by
// extension: excelize adds the image types from a map, in a different order
// each time.
func (z *sheetZip) writeContentTypes() error {
	var ct contentTypes
	if err := xml.Unmarshal(z.types.Bytes(), &ct); err != nil {
		return fmt.Errorf("content types: %w", err)
	}
	slices.SortFunc(ct.Defaults, func(a, b contentType) int { return strings.Compare(a.Extension, b.Extension) })
	w, err := z.zw.Create(contentTypesPart)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(ct)
}
