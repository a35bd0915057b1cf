package workbook

// Hand-written format code, kept for a measured target: the workbook of
// 10,000 partnerships in <= 2 s and <= 150 MiB peak (scripts/cmt-10k.sh).
// Splicing the deflated rows into excelize's zip (sheetZip) rather than
// letting excelize hold each sheet's XML took the peak from 252 MiB to
// 88 MiB (commit 5db8372); deflating the rows at level 2 rather than 6 took
// the time from 1.60 s to 1.06 s (commit e3a38fc). archive/zip does the
// zip itself; crc32combine.go joins the pieces' checksums.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// deflatedRows is one large sheet's data rows, deflated as they are made. The
// rows are the middle of the sheet's zip entry: sheetZip deflates the part
// before them and the part after them once excelize has written the sheet,
// and joins the three (a deflate stream may be cut at any flushed block
// boundary, and only its last block is marked final); their CRC-32s are
// joined by crc32Combine. So the rows of 10,000 partnerships are held as a
// few megabytes of compressed bytes, never as XML.
type deflatedRows struct {
	header   int // the rows excelize writes above these
	w        *rowWriter
	out      *bufio.Writer
	fw       *flate.Writer
	deflated bytes.Buffer
	crc      uint32 // of the rows' XML
	size     int64  // the rows' XML, in bytes
}

// rowsCompression is the deflate level of the large sheets' rows. Level 2
// against the default 6, on the 10,000-partnership register of
// scripts/cmt-10k.sh: the workbook takes 1.06 s rather than 1.60 s, and its
// file is 11.9 MB rather than 9.9 MB.
const rowsCompression = 2

func newDeflatedRows(styles []int, wrap []float64, header int) *deflatedRows {
	s := &deflatedRows{header: header}
	s.fw, _ = flate.NewWriter(&s.deflated, rowsCompression) // only a bad level fails
	// Six sheets' compressors take turns; handing each half a megabyte at
	// a time keeps one compressor's tables in cache for longer (32 KB
	// turns made compressing a fifth slower).
	s.out = bufio.NewWriterSize(xmlSink{s}, 512<<10)
	s.w = newRowWriter(s.out, styles, wrap)
	s.w.row = header
	return s
}

// xmlSink takes the rows' XML: it counts and checksums it, and deflates it.
type xmlSink struct{ s *deflatedRows }

func (x xmlSink) Write(p []byte) (int, error) {
	x.s.crc = crc32.Update(x.s.crc, crc32.IEEETable, p)
	x.s.size += int64(len(p))
	return x.s.fw.Write(p)
}

// finish flushes the rows to a block boundary, without ending the deflate
// stream, and lets the compressor go.
func (s *deflatedRows) finish() error {
	if err := s.out.Flush(); err != nil {
		return err
	}
	if err := s.fw.Flush(); err != nil {
		return err
	}
	s.fw, s.out = nil, nil
	return nil
}

// sheetZip is the zip writer excelize saves the workbook through. Every
// part goes to the zip unchanged except the worksheets, which excelize has
// written with their header rows only: sheetZip holds them until Close,
// then writes each with its data rows, from its deflatedRows, spliced in
// before </sheetData>. Which part is which sheet is read from the
// workbook part and its relationships as they pass through, as any
// spreadsheet reader finds them. Nothing is written to a temporary file,
// and the parts are written in a fixed order: the same input gives the
// same bytes.
type sheetZip struct {
	zw       *zip.Writer
	rows     map[string]*deflatedRows // by sheet name
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

func newSheetZip(w io.Writer, rows map[string]*deflatedRows) *sheetZip {
	return &sheetZip{zw: zip.NewWriter(w), rows: rows, held: map[string]*bytes.Buffer{}}
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
		rows := z.rows[names[p]]
		if rows != nil {
			written++
		}
		if err := z.writeSheet(p, rows); err != nil {
			return fmt.Errorf("%s: %w", names[p], err)
		}
	}
	if written != len(z.rows) {
		return fmt.Errorf("workbook: %d of %d large sheets found in the package", written, len(z.rows))
	}
	if err := z.writeContentTypes(); err != nil {
		return err
	}
	return z.zw.Close()
}

// writeSheet writes a worksheet part: as excelize made it, or, for a large
// sheet, deflated in three pieces with its rows in the middle.
func (z *sheetZip) writeSheet(part string, rows *deflatedRows) error {
	data := z.held[part].Bytes()
	if rows == nil {
		w, err := z.zw.Create(part)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	head, tail, ok := splitSheetData(data)
	if !ok {
		return fmt.Errorf("no sheetData in %s", part)
	}
	var dh, dt bytes.Buffer
	fw, _ := flate.NewWriter(&dh, flate.DefaultCompression)
	fw.Write(head) // a bytes.Buffer does not fail
	fw.Flush()
	fw.Reset(&dt)
	fw.Write(tail)
	fw.Close()
	crc := crc32Combine(crc32.ChecksumIEEE(head), rows.crc, rows.size)
	fh := &zip.FileHeader{Name: part, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
		CRC32:              crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail))),
		CompressedSize64:   uint64(dh.Len() + rows.deflated.Len() + dt.Len()),
		UncompressedSize64: uint64(int64(len(head)) + rows.size + int64(len(tail)))}
	w, err := z.zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	for _, b := range [][]byte{dh.Bytes(), rows.deflated.Bytes(), dt.Bytes()} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
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
