package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// partsRead is what a reader makes of a shared strings part and a sheet
// part: the strings (and those too long), every row handed to fn (its
// number, cells and over-long columns), and the errors.
type partsRead struct {
	sst, rows       string
	sstErr, rowsErr error
}

func (pr partsRead) String() string {
	return fmt.Sprintf("shared strings %s (%v)\nrows\n%s(%v)", pr.sst, pr.sstErr, pr.rows, pr.rowsErr)
}

// readParts reads sst and sheet with sheetScanner (xml false) or with the
// encoding/xml reference (xml true); oneByte feeds the scanner a byte at a
// time, so that every token crosses a refill.
func readParts(sst, sheet []byte, xml, oneByte bool) partsRead {
	var pr partsRead
	wrap := func(b []byte) io.Reader {
		if oneByte {
			return iotest.OneByteReader(bytes.NewReader(b))
		}
		return bytes.NewReader(b)
	}
	parseSST, parseRows := parseSharedStrings, parseSheetRows
	if xml {
		parseSST, parseRows = parseSharedStringsXML, parseSheetRowsXML
	}
	strs, long, err := parseSST(wrap(sst))
	pr.sst, pr.sstErr = fmt.Sprintf("%q long %v", strs, long), err
	if err != nil {
		return pr
	}
	var b strings.Builder
	last := 0
	pr.rowsErr = parseRows(wrap(sheet), strs, long, func(n int, cells []string, over []int) bool {
		if n != last+1 {
			pr.rowsErr = fmt.Errorf("row %d after row %d", n, last)
			return false
		}
		last = n
		fmt.Fprintf(&b, "%d:%q over %v\n", n, cells, over)
		return true
	})
	pr.rows = b.String()
	return pr
}

// checkSameAsXML reads the parts with both readers. Whatever the scanner
// reads, encoding/xml reads the same (the scanner may refuse more: a
// directive, a name outside ASCII, a surrogate); it reads the same fed a
// byte at a time; when mustRead, both read the parts without error. It
// answers the rows read.
func checkSameAsXML(t testing.TB, label string, sst, sheet []byte, mustRead bool) string {
	t.Helper()
	ref, got := readParts(sst, sheet, true, false), readParts(sst, sheet, false, false)
	if slow := readParts(sst, sheet, false, true); slow.String() != got.String() {
		t.Fatalf("%s: a byte at a time %v\nat once %v", label, slow, got)
	}
	switch {
	case got.sstErr == nil && ref.sstErr != nil:
		t.Fatalf("%s: shared strings read %s; encoding/xml: %v", label, got.sst, ref.sstErr)
	case got.sstErr == nil && got.sst != ref.sst:
		t.Fatalf("%s: shared strings\n%s\nencoding/xml\n%s", label, got.sst, ref.sst)
	case got.sstErr == nil && got.rowsErr == nil && ref.rowsErr != nil:
		t.Fatalf("%s: rows read\n%s\nencoding/xml: %v", label, got.rows, ref.rowsErr)
	case got.sstErr == nil && got.rowsErr == nil && got.rows != ref.rows:
		t.Fatalf("%s: rows\n%s\nencoding/xml\n%s", label, got.rows, ref.rows)
	case mustRead && (got.sstErr != nil || got.rowsErr != nil || ref.sstErr != nil || ref.rowsErr != nil):
		t.Fatalf("%s: not read: %v %v (encoding/xml %v %v)", label, got.sstErr, got.rowsErr, ref.sstErr, ref.rowsErr)
	}
	return got.rows
}

// workbookParts is a workbook's shared strings and sheet parts, by sheet.
func workbookParts(t testing.TB, b []byte) (sst []byte, sheets map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	x, err := openXLSX(zr)
	if err != nil {
		t.Fatal(err)
	}
	read := func(part string) []byte {
		f := x.parts[part]
		if f == nil {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	sheets = map[string][]byte{}
	for _, s := range x.sheets {
		sheets[s.name] = read(s.part)
	}
	return read("xl/sharedStrings.xml"), sheets
}

// checkWorkbookSameAsXML compares the readers on every sheet of a workbook.
func checkWorkbookSameAsXML(t testing.TB, label string, b []byte) {
	t.Helper()
	sst, sheets := workbookParts(t, b)
	cells := 0
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range sheets {
			if !yield(k) {
				return
			}
		}
	}) {
		rows := checkSameAsXML(t, label+" "+name, sst, sheets[name], true)
		cells += strings.Count(rows, `" "`)
	}
	if cells < 20 {
		t.Errorf("%s: only %d cells read", label, cells)
	}
}

// scanWorkbooks are the workbooks the tests write, as the register writes
// them and saved again by excelize and by LibreOffice: each sample alone,
// all together, texts longer than a cell, and a filled-in return.
func scanWorkbooks(t testing.TB, withLibreOffice bool) map[string][]byte {
	t.Helper()
	revs := sampleRevisions(t)
	out := map[string][]byte{}
	for _, r := range revs {
		out["sample "+r.Ref] = buildWorkbook(t, []partnership.Revision{r})
	}
	out["all samples"] = buildWorkbook(t, revs)
	out["long texts"] = buildWorkbook(t, longTexts(t))
	out["filled return"] = filledReturn(t)
	for _, name := range []string{"all samples", "long texts"} {
		var buf bytes.Buffer
		if _, err := openWorkbook(t, out[name]).WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		out[name+" saved by excelize"] = buf.Bytes()
	}
	if withLibreOffice {
		b, err := libreOfficeReturn(t)
		if err != nil {
			t.Fatal(err)
		}
		out["filled return saved by LibreOffice"] = b
		if b, err = libreOfficeSamples(t); err != nil {
			t.Fatal(err)
		}
		out["all samples saved by LibreOffice"] = b
	}
	return out
}

// libreOfficeAll holds the all-samples workbook as LibreOffice saves it.
var libreOfficeAll struct {
	once sync.Once
	b    []byte
	err  error
}

func libreOfficeSamples(t testing.TB) ([]byte, error) {
	libreOfficeAll.once.Do(func() {
		libreOfficeAll.b, libreOfficeAll.err = resaveWithLibreOffice(buildWorkbook(t, sampleRevisions(t)))
	})
	return libreOfficeAll.b, libreOfficeAll.err
}

func TestSheetScanMatchesXMLWorkbooks(t *testing.T) {
	lo := !testing.Short()
	if lo {
		pdftest.Tool(t, "soffice", "libreoffice-calc-nogui")
	}
	books := scanWorkbooks(t, lo)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range books {
			if !yield(k) {
				return
			}
		}
	}) {
		checkWorkbookSameAsXML(t, name, books[name])
	}
}

// scanPayloads are awkward markup, each read as a sheet with the shared
// strings scanSST.
var scanPayloads = []string{
	`<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</t></is></c></row>`,
	`<row r="1"><c r="A1" t="str"><v>&#65;&#x42;&#x00043;&#128512;&#x1F600;&#9;&#10;&#13;</v></c></row>`,
	`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<b>&amp; ]] > ]]]]><![CDATA[>]]></t></is></c></row>`,
	`<row r="1"><!-- a comment <c r="A1"><v>1</v></c> --><c r="B1"><?pi <c?><v>2</v></c></row>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row x:r="2"><x:c x:r="B2" x:t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	`<?xml version='1.0' encoding='utf-8'?><row r='1'><c r='A1' t='inlineStr' s="3"><is><t xml:space='preserve'>  two spaces  </t></is></c></row>`,
	`<row r="1" spans="1:3"	x14ac:dyDescent="0.25"><c r="A1"
	t="s"><v> 0 </v></c><c r = "C1" t = "b" ><v>1</v></c></row>`,
	`<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>bold </t></r><r><t xml:space="preserve">and plain</t></r><rPh sb="0"><t>phonetic</t></rPh></is></c></row>`,
	`<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>99</v></c></row>`,
	`<row r="1"><c r="A1" t="inlineStr"><is><t>😀 emoji, 𝄞 astral, é, ẞ, 中文, עברית</t></is></c><c r="B1" t="str"><v>` + "\U0010FFFD" + `</v></c></row>`,
	`<row r="1"><c r="A1" t="inlineStr"><is><t>]]&gt; and ]&#93;> and ]]&#62;</t></is></c></row>`,
	"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>line\r\nnext\rthird\n</v></c><c r=\"B1\" t=\"str\"><f>A1&amp;\"x\"</f><v>calc</v></c></row>",
	`<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="n"><v>1.5E-7</v></c><c r="C1" t="b"><v>0</v></c><c r="D1"><f>1+1</f></c><c r="E1" t="d"><v>2027-03-31</v></c></row>`,
	`<row r="1"><c r="A1" t="str"><v>_x0041__x005F_x0042_ _xD83D__xDE00_</v></c></row><row r="4"><c r="B4"/><c t="inlineStr"><is><t/></is></c></row>`,
	`<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c r="C2"><v>x</v></c></row>`,
	"\uFEFF<sheetData><row r=\"1\"><c r=\"A1\"><v>after a BOM</v></c></row></sheetData><row r=\"9\"><c r=\"A9\"><v>after sheetData</v></c></row>",
}

// scanSST are shared strings for scanPayloads: plain, preserved spaces,
// rich text with a phonetic run, entities and references, and CDATA.
const scanSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
	`<si><t>plain</t></si><si><t xml:space="preserve">  spaced &amp; &#x263A; </t></si>` +
	`<si><r><rPr><b/><sz val="11"/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></si>` +
	`<x:si><x:t><![CDATA[cdata <kept>]]></x:t></x:si><si><t>😀</t></si></sst>`

func TestSheetScanMatchesXMLPayloads(t *testing.T) {
	for i, p := range scanPayloads {
		rows := checkSameAsXML(t, fmt.Sprintf("payload %d", i), []byte(scanSST), []byte(p), true)
		if !strings.Contains(rows, `"`) {
			t.Errorf("payload %d: no cell read: %s", i, rows)
		}
	}
}

// TestSheetScanRefuses checks malformed markup is an error, never misread:
// some of it encoding/xml reads (marked), the scanner refuses anyway.
func TestSheetScanRefuses(t *testing.T) {
	for _, bad := range []string{
		`<row r="1"><c r="A1"><v>1</v></c`, `<row r="1"><c r="A1"><v>1`, `<row r="1"><c r="A1" t="s><v>1</v></c></row>`,
		`<row><c><v>&nbsp;</v></c></row>`, `<row><c><v>&amp</v></c></row>`, `<row><c><v>&#xZZ;</v></c></row>`, `<row><c><v>&#X41;</v></c></row>`,
		`<row><c><v>&#0;</v></c></row>`, `<row><c><v>&#x110000;</v></c></row>`, `<row><c><v>&#xFFFE;</v></c></row>`,
		`<row><c><v>&#xD800;</v></c></row>`, // encoding/xml reads U+FFFD
		"<row><c><v>\xff</v></c></row>", "<row><c><v>\xed\xa0\x80</v></c></row>", "<row><c><v>\x01</v></c></row>", "<row><c><v>\uFFFF</v></c></row>",
		`<row><c r="A1" t="inlineStr"><is><t>]]></t></is></c></row>`, `<row><c><v><![CDATA[open`, `<row><c><v><!-- open`, `<row><!-- a -- b --><c/></row>`,
		`<!DOCTYPE x [<!ENTITY e "x">]><row><c><v>&e;</v></c></row>`, // encoding/xml skips the directive
		`<row><c r=A1><v>1</v></c></row>`, `<row><c r><v>1</v></c></row>`, `<row><c r="<"><v>1</v></c></row>`, `<row><c / ><v>1</v></c></row>`,
		`<row><a:b:c/></row>`, `<row><1c/></row>`, `<row></row x>`, `<row><c ="1"/></row>`,
		`<row><é/></row>`, // encoding/xml reads the name
		`<?xml version="1.1"?><row/>`, `<?xml version="1.0" encoding="ISO-8859-1"?><row/>`, `<? x?><row/>`, `<row`, `<`,
	} {
		var scanErr error
		for sc := newSheetScanner(strings.NewReader(bad)); scanErr == nil; _, scanErr = sc.next() {
		}
		rowsErr := parseSheetRows(strings.NewReader(bad), nil, nil, func(int, []string, []int) bool { return true })
		if scanErr == io.EOF && rowsErr == nil {
			t.Errorf("%q: read", bad)
		}
	}
}

// TestSheetScanBounded checks a run of text past maxTextRunBytes stops the
// part, naming the cell, and that a long run of markup does not.
func TestSheetScanBounded(t *testing.T) {
	long := `<row r="3"><c r="C3" t="inlineStr"><is><t>` + strings.Repeat("a", maxTextRunBytes+1) + `</t></is></c></row>`
	err := parseSheetRows(strings.NewReader(long), nil, nil, func(int, []string, []int) bool { return true })
	var tooLong *CellTooLongError
	if !errors.As(err, &tooLong) || tooLong.Cell != "C3" {
		t.Errorf("a run of %d bytes: %v", maxTextRunBytes+1, err)
	}
	many := `<row r="1">` + strings.Repeat(`<c r="A1"><v>1</v></c>`, 100_000) + `</row>`
	var cells []string
	if err := parseSheetRows(strings.NewReader(many), nil, nil, func(_ int, c []string, _ []int) bool { cells = c; return true }); err != nil || len(cells) != 100_000 {
		t.Errorf("100,000 cells: %v, %d read", err, len(cells))
	}
}

// scanVocabulary is what FuzzSheetScanMatchesXML builds markup from: every
// piece either reader meets in a worksheet or shared strings.
var scanVocabulary = []string{
	`<worksheet xmlns="x">`, `<sheetData>`, `</sheetData>`, `<row>`, `<row r="2">`, `<row r='1' spans="1:2">`, `</row>`, `<x:row x:r="3">`, `</x:row>`,
	`<c>`, `<c r="B2" t="s">`, `<c r='A1' t='inlineStr'>`, `<c t="str">`, `<c t="b">`, `<c t="e" s="1">`, `<c r="C5"/>`, `<x:c r="D2">`, `</c>`, `</x:c>`,
	`<v>`, `</v>`, `<f>`, `</f>`, `<f/>`, `<is>`, `</is>`, `<t>`, `<t xml:space="preserve">`, `</t>`, `<t/>`, `<r>`, `</r>`, `<rPh>`, `</rPh>`, `<rPr><b/></rPr>`,
	`<sst>`, `<si>`, `</si>`, `</sst>`, `0`, `1`, `12`, ` 2 `, `text`, `a b`, `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#65;`, `&#x1F600;`, `&#xD;`, `&#10;`,
	`<![CDATA[a<b&c]]>`, `<![CDATA[]]]]><![CDATA[>]]>`, `<!-- c -->`, `<?pi x?>`, `<?xml version="1.0" encoding="UTF-8"?>`, `😀`, `é`, `_x0041_`, "\r\n", "\r", " ", "\t", `]`, `>`,
}

func FuzzSheetScanMatchesXML(f *testing.F) {
	for _, p := range scanPayloads {
		f.Add([]byte(p), uint8(0))
	}
	f.Add([]byte(scanSST), uint8(0))
	f.Add([]byte{0, 3, 4, 9, 40, 21, 22, 44, 23, 20, 8, 2}, uint8(1))
	f.Add([]byte("x &amp; \xf0\x9f\x98\x80 ]]"), uint8(2))
	for _, b := range scanWorkbooks(f, false) {
		sst, sheets := workbookParts(f, b)
		f.Add(sst, uint8(0))
		for _, s := range sheets {
			f.Add(s, uint8(0))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		switch mode % 3 {
		case 0: // the bytes as they are, as shared strings and as a sheet
			checkSameAsXML(t, "bytes", data, data, false)
		case 1: // markup built from the vocabulary: what encoding/xml reads, the scanner reads
			var b strings.Builder
			for _, c := range data {
				b.WriteString(scanVocabulary[int(c)%len(scanVocabulary)])
			}
			built := []byte(b.String())
			ref := readParts(built, built, true, false)
			checkSameAsXML(t, "built", built, built, ref.sstErr == nil && ref.rowsErr == nil)
		case 2: // the bytes as a cell's text, in a sheet and in the shared strings
			sst := []byte(`<sst><si><t>` + string(data) + `</t></si></sst>`)
			sheet := []byte(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>` + string(data) + `</t></is></c></row>`)
			checkSameAsXML(t, "text", sst, sheet, false)
		}
	})
}
