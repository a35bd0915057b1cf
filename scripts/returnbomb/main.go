// Command returnbomb is what scripts/return-bomb.sh needs for issue 9's
// target "the 480 MB-cell return refused with the server's resident memory
// <= 100 MiB above its idle level": it turns a downloaded annual workbook
// into a return whose one editable cell (the first target's Commentary, on
// the Targets sheet) holds size bytes of one repeated character. The cell
// is streamed through deflate as it is written, so neither this program nor
// the file holds it: 480 MB zip to about half a megabyte.
//
//	returnbomb -in WORKBOOK -out BOMB [-bytes 503316480]
//
// It prints the cell, e.g. M2, on standard output.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	in := flag.String("in", "", "the workbook the register wrote (required)")
	out := flag.String("out", "", "the return to write (required)")
	size := flag.Int64("bytes", 480<<20, "the bomb cell's length in bytes")
	flag.Parse()
	if *in == "" || *out == "" || *size < 1 || *size > 4<<30 {
		flag.Usage()
		os.Exit(2)
	}
	cell, err := bomb(*in, *out, *size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "returnbomb:", err)
		os.Exit(1)
	}
	fmt.Println(cell)
}

// bomb copies the workbook in to out, its Targets sheet's first Commentary
// cell replaced by size bytes of 'a', and answers the cell's reference.
func bomb(in, out string, size int64) (string, error) {
	f, err := excelize.OpenFile(in)
	if err != nil {
		return "", err
	}
	rows, err := f.Rows("Targets")
	if err != nil {
		return "", err
	}
	var header []string
	if rows.Next() {
		header, err = rows.Columns()
	}
	rows.Close()
	col := -1
	for i, h := range header {
		if h == "Commentary" {
			col = i + 1
		}
	}
	if err != nil || col < 0 {
		return "", fmt.Errorf("the Targets sheet has no Commentary column (%v)", err)
	}
	cell, _ := excelize.CoordinatesToCellName(col, 2)
	f.Close()

	zr, err := zip.OpenReader(in)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	sheetPart, err := sheetPartOf(&zr.Reader, "Targets")
	if err != nil {
		return "", err
	}
	fh, err := os.Create(out)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	zw := zip.NewWriter(fh)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	found := false
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			return "", err
		}
		rc, err := zf.Open()
		if err != nil {
			return "", err
		}
		if zf.Name != sheetPart {
			_, err = io.Copy(w, rc)
			rc.Close()
			if err != nil {
				return "", err
			}
			continue
		}
		sheet, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return "", err
		}
		if err := writeBombSheet(w, sheet, cell, size); err != nil {
			return "", err
		}
		found = true
	}
	if !found {
		return "", fmt.Errorf("the Targets sheet's part %s is not in the file", sheetPart)
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return cell, fh.Close()
}

// sheetPartOf finds a sheet's part from xl/workbook.xml and its
// relationships.
func sheetPartOf(zr *zip.Reader, name string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := unmarshalPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if s.Name == name && r.ID == s.ID {
				return path.Join("xl", strings.TrimPrefix(r.Target, "/xl/")), nil
			}
		}
	}
	return "", fmt.Errorf("no sheet %s in the workbook", name)
}

func unmarshalPart(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(v)
}

// writeBombSheet writes the sheet with cell replaced by an inline string of
// size bytes of 'a' (or, when the sheet has no such cell, added at the
// start of row 2).
func writeBombSheet(w io.Writer, sheet []byte, cell string, size int64) error {
	var before, after []byte
	if m := regexp.MustCompile(`<c r="` + cell + `"[^>]*?(/>|>.*?</c>)`).FindIndex(sheet); m != nil {
		before, after = sheet[:m[0]], sheet[m[1]:]
	} else if m := regexp.MustCompile(`<row r="2"[^>]*>`).FindIndex(sheet); m != nil {
		before, after = sheet[:m[1]], sheet[m[1]:]
	} else {
		return errors.New("the Targets sheet has no row 2")
	}
	if _, err := w.Write(before); err != nil {
		return err
	}
	fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>`, cell)
	chunk := bytes.Repeat([]byte("a"), 64<<10)
	for n := int64(0); n < size; n += int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(int64(len(chunk)), size-n)]); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, `</t></is></c>`); err != nil {
		return err
	}
	_, err := w.Write(after)
	return err
}
