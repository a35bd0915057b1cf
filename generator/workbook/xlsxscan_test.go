package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// sheetEdgeCases is markup a spreadsheet program may write (or a person may
// type), and markup no program should write, for FuzzSheetRowsMatchesXML to
// start from. Each is read by both readers and must come out the same.
var sheetEdgeCases = []string{
	// Prefixed elements and attributes, attributes in either quote style, in
	// any order, with white space wherever XML allows it.
	`<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row x:r="2"><x:c x:r="B2" x:t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	"<sheetData\n><row\n\tr = '1' spans=\"1:3\"\r\n><c s='2' t='inlineStr'\n r=\"C1\" ><is ><t >a</t ></is ></c\t></row ></sheetData >",
	`<sheetData><row r="1"><c r="A1"t="str"><v>no space between attributes</v></c></row></sheetData>`,
	// Entities and character references in text and attribute values.
	`<sheetData><row r="&#49;"><c r="&#x41;1" t="&#x73;"><v>&#48;</v></c><c t="str"><v>&lt;&gt;&amp;&apos;&quot;&#233;&#x1F600;&#0000065;&#xD800;</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&#0;</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&#xFFFE;</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&#x110000;</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&nbsp;</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&amp</v></c></row></sheetData>`,
	`<sheetData><row><c t="str"><v>&#X41;</v></c></row></sheetData>`,
	// CDATA, comments, processing instructions, the XML declaration and a
	// document type.
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<!-- saved --><sheetData><row><c t="str"><v><![CDATA[<a> & ]]]]><![CDATA[>]]></v><!-- in a cell --></c><?mso-application progid="Excel.Sheet"?></row></sheetData>`,
	`<?xml version='1.0' encoding='utf-8'?><sheetData><row><c><v>1</v></c></row></sheetData>`,
	`<?xml version="1.1"?><sheetData/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><sheetData/>`,
	`<!DOCTYPE worksheet [<!ENTITY x "y>"> <!-- > --> <!ELEMENT c (v)>]><sheetData><row><c><v>1</v></c></row></sheetData>`,
	`<!><sheetData><row><c><v>1</v></c></row></sheetData>`,
	`<sheetData><!-- a -- b --><row/></sheetData>`,
	`<sheetData><!--->--><row><c><v>1</v></c></row></sheetData>`,
	// Rows and cells without r, self-closing elements, skipped and repeated
	// rows, cells outside rows, a formula without a value.
	`<sheetData><row/><row><c/><c><v>2</v></c><c r="E2"/><c><f>A1</f></c></row><row r="5" /><row r="4"><c><v>back</v></c></row><row><c r="XFD6"><v>last</v></c></row></sheetData>`,
	`<sheetData><c><v>outside</v></c><row><c><v>1</v></c></row></sheetData>`,
	`<sheetData><row r="3"><c r="C3"><v>1</v></c><c r="A3"><v>0</v></c></row></sheetData><row r="9"/>`,
	`<sheetData><row r="0"><c r="a1"><v>lower</v></c><c r="$B$1"><v>dollars</v></c></row></sheetData>`,
	`<sheetData><row r="1048576"/></sheetData>`,
	`<sheetData><row r="1048576"/><row/></sheetData>`,
	`<sheetData><row r="-1"><c><v>1</v></c></row></sheetData>`,
	`<sheetData><row r="2"/><row r="-1"/></sheetData>`,
	`<sheetData><row r="+2" r="3"><c r="XFE1"><v>1</v></c></row></sheetData>`,
	// Rich text, phonetic runs, xml:space and Excel's escapes.
	`<sheetData><row><c t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> plain </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></is></c></row></sheetData>`,
	`<sheetData><row><c t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t><t>twice</t></is><v>cached</v></c><c t="inlineStr"><v>only v</v></c><c t="inlineStr"><is/></c></row></sheetData>`,
	// Every cell type: shared, boolean, error, number, date, string.
	`<sheetData><row><c t="s"><v> 2 </v></c><c t="s"><v>9</v></c><c t="s"><v>x</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="n"><v>1.5E-3</v></c><c t="d"><v>2027-03-31T00:00:00</v></c><c t="str"><f>"a"</f><v>a</v></c></row></sheetData>`,
	// Line ends: \r\n and \r read as \n, but not from a reference.
	"<sheetData><row><c t=\"str\"><v>a\r\nb\rc&#13;\n\r</v></c><c t=\"inlineStr\"><is><t>x\r\n</t></is></c><c t=\"s\r\"><v>1</v></c></row></sheetData>",
	// Malformed: each must fail in both readers.
	`<sheetData><row><c><v>1</v></c></row>`,
	`<sheetData><row><c><v>1</v>`,
	`<sheetData><row><c t="str"><v>a ]]> b</v></c></row></sheetData>`,
	`<sheetData><row><c t=str><v>1</v></c></row></sheetData>`,
	`<sheetData><row><c t><v>1</v></c></row></sheetData>`,
	`<sheetData><row><c t="<"><v>1</v></c></row></sheetData>`,
	`<sheetData><row><a:b:c/></row></sheetData>`,
	`<sheetData><row><1c/></row></sheetData>`,
	`<sheetData><row><c/ ></row></sheetData>`,
	`<sheetData><row></row x></sheetData>`,
	"<sheetData><row><c t=\"str\"><v>\x01</v></c></row></sheetData>",
	"<sheetData><row><c t=\"str\"><v>\xff</v></c></row></sheetData>",
	"<sheetData><row><c t=\"str\"><v>\xef\xbf\xbe</v></c></row></sheetData>",
	"<sheetData><row><c t=\"str\"><v><![CDATA[\x02]]></v></c></row></sheetData>",
	`<sheetData><row><c><v>1</v></c></row><![CDATA[never closed`,
	`<sheetData><row><c><v>1</v></c></row><![CDAT[x]]>`,
	`<sheetData><row><c><v>1</v></c></row><!-x>`,
	"<sheetData><row><\xc3\xa9/></row></sheetData>",
	"<sheetData><row><c\xcc\x81/></row></sheetData>",
	"<sheetData><row><c/></row></sheetData><?xml version=\"2\"?>",
}

// sharedStringsEdgeCases is shared strings markup for the same purpose.
var sharedStringsEdgeCases = []string{
	`<sst xmlns="x" count="3"><si><t xml:space="preserve"> a&amp;b </t></si><si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r><rPh><t>ignored</t></rPh></si><si><t>_x0041_&#x42;&#67;</t></si></sst>`,
	`<x:sst xmlns:x="x"><x:si><x:t><![CDATA[a<b]]></x:t></x:si><x:si/><x:si><x:r><x:t>c</x:t></x:r><x:t>d</x:t></x:si></x:sst>`,
	"<sst><si><t>a\r\nb</t></si><si><t>&bad;</t></si></sst>",
}

// sheetOutcome is what a sheet reader answers: the rows handed to fn, as
// "n:cells" (a run of empty rows as "n-m:[]"), and whether it failed.
type sheetOutcome struct {
	rows []string
	err  error
}

func (o sheetOutcome) String() string {
	return fmt.Sprintf("%d rows, error %v\n%s", len(o.rows), o.err, strings.Join(o.rows, "\n"))
}

// sameAs compares outcomes: the same rows, and both failed or neither
// (their errors may read differently).
func (o sheetOutcome) sameAs(p sheetOutcome) bool {
	return (o.err == nil) == (p.err == nil) && strings.Join(o.rows, "\n") == strings.Join(p.rows, "\n")
}

// readSheetOutcome reads a sheet with parse; fn answers false at row stop
// (never when stop is 0). It fails the test on a row number out of order.
func readSheetOutcome(t *testing.T, parse func(fn func(n int, cells []string) bool) error, stop int) sheetOutcome {
	t.Helper()
	var o sheetOutcome
	last, emptyFrom := 0, 0
	endRun := func() {
		if emptyFrom > 0 {
			o.rows = append(o.rows, fmt.Sprintf("%d-%d:[]", emptyFrom, last))
			emptyFrom = 0
		}
	}
	o.err = parse(func(n int, cells []string) bool {
		if n != last+1 {
			t.Fatalf("row %d after row %d", n, last)
		}
		last = n
		if len(cells) == 0 {
			if emptyFrom == 0 {
				emptyFrom = n
			}
		} else {
			endRun()
			o.rows = append(o.rows, fmt.Sprintf("%d:%q", n, cells))
		}
		return n != stop
	})
	endRun()
	return o
}

// fuzzSST is the shared strings the fuzzed sheets are read with.
var fuzzSST = []string{"zero", "one", "two _x0041_"}

// errAfter is a reader failing after its data.
type errAfter struct{ r io.Reader }

var errReadFailed = errors.New("read failed")

func (e errAfter) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		err = errReadFailed
	}
	return n, err
}

// checkSheetRows reads data with parseSheetRows, with the buffer at its
// usual size and at a few bytes (so that tokens straddle refills), and
// with parseSheetRowsXML: all must agree. It does so again stopping at a
// row, and again with the part failing to read at some byte.
func checkSheetRows(t *testing.T, data []byte, small int, stop int, failAt int) {
	t.Helper()
	oracle := func(r io.Reader) func(fn func(int, []string) bool) error {
		return func(fn func(int, []string) bool) error { return parseSheetRowsXML(r, fuzzSST, fn) }
	}
	scanner := func(r io.Reader, size int) func(fn func(int, []string) bool) error {
		return func(fn func(int, []string) bool) error { return scanSheetRows(newXMLScanner(r, size), fuzzSST, fn) }
	}
	compare := func(what string, stop int, r func() io.Reader) {
		t.Helper()
		want := readSheetOutcome(t, oracle(r()), stop)
		if got := readSheetOutcome(t, scanner(r(), xmlScanBuffer), stop); !got.sameAs(want) {
			t.Fatalf("%s: parseSheetRows\n%v\nparseSheetRowsXML\n%v\ninput %q", what, got, want, data)
		}
		if got := readSheetOutcome(t, scanner(iotest.HalfReader(r()), small), stop); !got.sameAs(want) {
			t.Fatalf("%s, a %d-byte buffer: parseSheetRows\n%v\nparseSheetRowsXML\n%v\ninput %q", what, small, got, want, data)
		}
	}
	whole := func() io.Reader { return bytes.NewReader(data) }
	compare("the sheet", 0, whole)
	compare(fmt.Sprintf("stopping at row %d", stop), stop, whole)
	failAt %= len(data) + 1
	compare(fmt.Sprintf("failing at byte %d", failAt), 0, func() io.Reader { return errAfter{bytes.NewReader(data[:failAt])} })
}

// checkSharedStrings reads data as a shared strings part with both
// readers.
func checkSharedStrings(t *testing.T, data []byte, small int) {
	t.Helper()
	want, wantErr := parseSharedStringsXML(bytes.NewReader(data))
	for _, size := range []int{xmlScanBuffer, small} {
		got, err := scanSharedStrings(newXMLScanner(iotest.HalfReader(bytes.NewReader(data)), size))
		if (err == nil) != (wantErr == nil) || err == nil && strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) && err == nil {
			t.Fatalf("a %d-byte buffer: parseSharedStrings %q, %v; parseSharedStringsXML %q, %v\ninput %q", size, got, err, want, wantErr, data)
		}
	}
}

// xmlTokens lists the tokens of data as encoding/xml's RawToken reads
// them, as the return reader sees them: names without prefixes, text, and
// anything else as "other".
func xmlTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
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
			s := "<" + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s+">")
		case xml.EndElement:
			out = append(out, "</"+t.Name.Local+">")
		case xml.CharData:
			out = append(out, fmt.Sprintf("%q", []byte(t)))
		default:
			out = append(out, "other")
		}
	}
}

// scannedTokens lists the tokens of data as xmlScanner reads them, in the
// form xmlTokens gives.
func scannedTokens(data []byte, size int) ([]string, error) {
	sc := newXMLScanner(iotest.HalfReader(bytes.NewReader(data)), size)
	var out []string
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
			s := "<" + string(sc.name)
			for k := range sc.attrs {
				local, value := sc.attr(k)
				s += fmt.Sprintf(" %s=%q", local, value)
			}
			out = append(out, s+">")
		case tokEnd:
			out = append(out, "</"+string(sc.name)+">")
		case tokText:
			out = append(out, fmt.Sprintf("%q", sc.text))
		default:
			out = append(out, "other")
		}
	}
}

// checkTokens compares xmlScanner's tokens with RawToken's.
func checkTokens(t *testing.T, data []byte, small int) {
	t.Helper()
	want, wantErr := xmlTokens(data)
	for _, size := range []int{xmlScanBuffer, small} {
		got, err := scannedTokens(data, size)
		if (err == nil) != (wantErr == nil) || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("a %d-byte buffer: xmlScanner\n%s\n%v\nRawToken\n%s\n%v\ninput %q", size, strings.Join(got, "\n"), err, strings.Join(want, "\n"), wantErr, data)
		}
	}
}

// realParts answers the worksheets and shared strings of workbooks the
// tests build: the register's own workbook, a return filled in with
// excelize, and that return saved again by LibreOffice when it is
// installed (not with -short).
func realParts(t testing.TB) [][]byte {
	t.Helper()
	books := [][]byte{buildWorkbook(t, sampleRevisions(t)), filledReturn(t)}
	if !testing.Short() {
		if b, err := libreOfficeReturn(t); err == nil {
			books = append(books, b)
		} else {
			t.Logf("no sheets saved by LibreOffice: %v", err)
		}
	}
	var parts [][]byte
	for _, b := range books {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") && f.Name != "xl/sharedStrings.xml" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, part)
		}
	}
	return parts
}

// xmlFragments is the vocabulary expandXML builds documents from.
var xmlFragments = [128]string{
	"<", ">", "</", "/>", "<?", "?>", "<!", "<!--", "-->", "--", "<![CDATA[", "]]>", "]", "<!DOCTYPE x [", "<!ENTITY e 'v'>", "]>",
	"&", ";", "&amp;", "&lt;", "&gt;", "&apos;", "&quot;", "&#", "&#x", "&#13;", "&#xD;", "&#x10FFFF;", "&#xFFFE;", "&#0;", "&#55296;", "&nbsp;",
	"\r", "\n", "\r\n", "\t", " ", "=", "\"", "'", ":", "x:", "xmlns:x=\"u\"", "xml:space=\"preserve\"", "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml encoding='latin1'?>", "\ufeff",
	"<sheetData>", "</sheetData>", "<sheetData/>", "<row>", "</row>", "<row/>", "<row r=\"", "<c>", "</c>", "<c/>", "<c r=\"", "<c t=\"s\">", "<c t=\"inlineStr\">", "<c t=\"str\">", "<c t=\"b\">", "<c t=\"e\">",
	"<v>", "</v>", "<v/>", "<f>", "</f>", "<f/>", "<is>", "</is>", "<is/>", "<t>", "</t>", "<t/>", "<r>", "</r>", "<rPh>", "</rPh>",
	"<rPr><b/></rPr>", "<x:row>", "</x:row>", "<x:c>", "</x:c>", "<x:v>", "</x:v>", "<x:is><x:t>", "</x:t></x:is>", "<sst>", "</sst>", "<si>", "</si>", "<si/>", "r=", "t=",
	"\"s\"", "\"inlineStr\"", "\"A1\"", "\"B2\"", "\"XFD1\"", "\"XFE1\"", "\"a1\"", "\"1\"", "\"2\"", "\"0\"", "\"-1\"", "\"1048576\"", "\"1048577\"", "\"x\"", "0", "1",
	"2", "9", "_x0041_", "_x005F_", "\xc3\xa9", "\xe2\x80\x8b", "\xff", "\xed\xa0\x80", "\xef\xbf\xbe", "\x00", "\x01", "\x7f", "é", "<é>", "</é>", "<a:b:c>",
}

// expandXML reads data as a document to build: an ASCII byte stands for
// itself, any other for one of xmlFragments. Random bytes so make markup
// far more often than they would as bytes.
func expandXML(data []byte) []byte {
	var out []byte
	for _, c := range data {
		if c < utf8.RuneSelf {
			out = append(out, c)
		} else {
			out = append(out, xmlFragments[c-utf8.RuneSelf]...)
		}
	}
	return out
}

// FuzzSheetRowsMatchesXML holds the return reader's XML scanning to
// encoding/xml's, through the reader it replaced (parseSheetRowsXML and
// parseSharedStringsXML) and token by token (RawToken): for any input, the
// same rows and cells, the same shared strings and the same tokens, or a
// failure in both. The input is read as a sheet on its own and spliced
// into a real one; seeds are real sheets and hand-written edge cases.
func FuzzSheetRowsMatchesXML(f *testing.F) {
	parts := realParts(f)
	for _, s := range sheetEdgeCases {
		f.Add([]byte(s), uint16(0), uint8(0))
	}
	for _, s := range sharedStringsEdgeCases {
		f.Add([]byte(s), uint16(0), uint8(0))
	}
	for i, p := range parts {
		f.Add(p[:min(len(p), 32<<10)], uint16(i*7919), uint8(i)) // a part cut short is a case too
	}
	// Splice into sheets small enough to read quickly many times.
	var bases [][]byte
	for _, p := range parts {
		if len(p) < 16<<10 && bytes.Contains(p, []byte("<row")) {
			bases = append(bases, p)
		}
	}
	if len(bases) == 0 {
		f.Fatal("no sheets to splice into")
	}
	f.Fuzz(func(t *testing.T, data []byte, at uint16, knobs uint8) {
		small := 1 + int(knobs%29)
		stop := 1 + int(knobs%5)
		checkTokens(t, data, small)
		checkSharedStrings(t, data, small)
		checkSheetRows(t, data, small, stop, int(at))
		built := expandXML(data)
		checkTokens(t, built, small)
		checkSheetRows(t, built, small, stop, int(at)*3)
		base := bases[int(knobs)%len(bases)]
		k := int(at) % (len(base) + 1)
		spliced := append(append(append([]byte(nil), base[:k]...), data...), base[k:]...)
		checkSheetRows(t, spliced, small, stop, int(at)*7)
	})
}

// TestSheetRowsMatchesXMLMutations reads real sheets with random damage
// (bytes changed, removed, repeated or moved) with both readers, so that
// every test run, not only fuzzing, compares them on the unexpected.
func TestSheetRowsMatchesXMLMutations(t *testing.T) {
	parts := realParts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 500
	if testing.Short() {
		n = 100
	}
	for i := range n {
		p := parts[rng.IntN(len(parts))]
		m := mutate(rng, p)
		small := 1 + rng.IntN(40)
		checkTokens(t, m, small)
		checkSheetRows(t, m, small, 1+rng.IntN(4), rng.IntN(len(m)+1))
		if i%10 == 0 {
			checkSharedStrings(t, m, small)
		}
	}
}

// TestSheetRowsMatchesXMLPayloads puts each of many payloads (line ends,
// references, characters XML refuses, markup) in each place a worksheet
// may hold one, alone and, in cell text, attribute values and CDATA, two at
// a time, and reads the result with both readers: a systematic counterpart
// to the fuzzing, which finds such combinations only by chance.
func TestSheetRowsMatchesXMLPayloads(t *testing.T) {
	const cell = `<row><c><v>1</v></c></row>`
	contexts := []string{
		`<sheetData><row><c t="str"><v>%s</v></c></row></sheetData>`,
		`<sheetData><row><c t="inlineStr"><is><t>%s</t></is></c></row></sheetData>`,
		`<sheetData><row><c t="inlineStr"><is><r><t>%s</t></r><rPh><t>%[1]s</t></rPh></is></c></row></sheetData>`,
		`<sheetData><row><c t="str"><v><![CDATA[%s]]></v></c></row></sheetData>`,
		`<sheetData><row r="%s"><c><v>1</v></c></row></sheetData>`,
		`<sheetData><row><c r='%s'><v>1</v></c></row></sheetData>`,
		`<sheetData><row><c t="%s"><v>1</v></c></row></sheetData>`,
		`<sheetData><row><c s="%s"><v>1</v></c></row></sheetData>`,
		`<sheetData><!--%s-->` + cell + `</sheetData>`,
		`<?pi %s?><sheetData>` + cell + `</sheetData>`,
		`<?xml version="1.0" %s?><sheetData>` + cell + `</sheetData>`,
		`<!DOCTYPE %s><sheetData>` + cell + `</sheetData>`,
		`%s<sheetData>` + cell + `</sheetData>`,
		`<sheetData>` + cell + `</sheetData>%s`,
		`<sheetData><row><c%s><v>1</v></c></row></sheetData>`,
		`<sheetData><row><c><v>1</v></c%s></row></sheetData>`,
		`<sheetData><row><%s/></row></sheetData>`,
	}
	payloads := []string{"", "a", "\r", "\n", "\r\n", "\r\r\n", "\n\r", "a\r\nb\r", "\t", " ", "\x00", "\x1f", "\x7f",
		"é", "\xff", "\xc3", "\xed\xa0\x80", "\xef\xbf\xbe", "\xef\xbf\xbf", "\xef\xbf\xbd", "\U0010FFFF", "\ufeff",
		"&amp;", "&lt;&gt;&apos;&quot;", "&amp", "&", "&;", "&#", "&#;", "&#x;", "&#65;", "&#x41;", "&#X41;", "&#13;",
		"&#xD;&#xA;", "&#13;\n", "\r&#10;", "&#0;", "&#9;", "&#xFFFE;", "&#xD800;", "&#1114111;", "&#1114112;",
		"&#99999999999999999999;", "&#x0000000041;", "&nbsp;", "&é;", "]]>", "]]", "]", "<", ">", `"`, "'", "--",
		"-", "->", "-->", "?>", "?", "<!--x-->", "<![CDATA[x]]>", "_x0041_", "_x005F_x0041_", "_x00e9_", "A1", "XFD1",
		"XFE1", "a1", "0", "-1", "+1", " 1", "1048576", "1048577", "s", "inlineStr", ` x:r="1"`, ` r="2"`, ` t="s"`,
		"/", "a:b:c", ":a", "a:", "=", "x:row", "é:c"}
	check := func(doc string) {
		t.Helper()
		checkTokens(t, []byte(doc), 7)
		checkSheetRows(t, []byte(doc), 5, 1, len(doc)/2)
	}
	for _, c := range contexts {
		for _, p := range payloads {
			check(fmt.Sprintf(c, p))
		}
	}
	if testing.Short() {
		return
	}
	// Payloads whose meaning may change with what is next to them.
	pairs := []string{"a", "\r", "\n", "\r\n", "\xc3", "\xa9", "&", "&#", "&#x", "1;", "41;", "amp;", "]", "]]", ">", "]]>",
		"-", "--", "?", `"`, "'", "<", "_x00", "41_", " "}
	for _, c := range []string{contexts[0], contexts[3], contexts[5]} {
		for _, p := range pairs {
			for _, q := range pairs {
				check(fmt.Sprintf(c, p+q))
			}
		}
	}
}

// mutate answers a copy of p with a few random changes.
func mutate(rng *rand.Rand, p []byte) []byte {
	m := append([]byte(nil), p...)
	pieces := []string{"<", ">", "/", "&", ";", "]]>", "<![CDATA[", "<!--", "-->", "\"", "'", "=", " ", "\r", "\n",
		"&#x", "&amp;", "r=\"", "t=\"s\"", "<c>", "</c>", "<row>", "</row>", "<v>", "</v>", "x:", "\xc3", "\xff", "\x00"}
	for range 1 + rng.IntN(4) {
		if len(m) == 0 {
			break
		}
		i := rng.IntN(len(m))
		j := min(len(m), i+1+rng.IntN(16))
		switch rng.IntN(5) {
		case 0: // change a byte
			m[i] = byte(rng.IntN(256))
		case 1: // remove some
			m = append(m[:i], m[j:]...)
		case 2: // repeat some
			m = append(m[:j], append(append([]byte(nil), m[i:j]...), m[j:]...)...)
		case 3: // insert a piece of markup
			m = append(m[:i], append([]byte(pieces[rng.IntN(len(pieces))]), m[i:]...)...)
		case 4: // move some elsewhere
			piece := append([]byte(nil), m[i:j]...)
			m = append(m[:i], m[j:]...)
			k := rng.IntN(len(m) + 1)
			m = append(m[:k], append(piece, m[k:]...)...)
		}
	}
	return m
}

// TestXMLScannerNames checks names of one and two ASCII bytes are read as
// encoding/xml reads them (xmlNameStart is its own table of those).
func TestXMLScannerNames(t *testing.T) {
	for a := range 128 {
		for b := range 128 {
			if b > 0 && !xmlNameStart[a] {
				continue // only a name's start is checked after its first byte
			}
			for _, name := range []string{string(rune(a)), string(rune(a)) + string(rune(b))} {
				for _, doc := range []string{"<" + name + "/>", "<c " + name + "='1'/>", "<?" + name + " ?>"} {
					checkTokens(t, []byte(doc), 3)
				}
			}
		}
	}
}

// TestXMLScannerNonASCIINames checks names with characters beyond ASCII
// (which xmlNameRune answers for from what encoding/xml said once) are read
// as encoding/xml reads them, across the whole of Unicode.
func TestXMLScannerNonASCIINames(t *testing.T) {
	step := rune(227)
	if testing.Short() {
		step = 997
	}
	for r := rune(0x80); r <= 0x10FFFF; r += step {
		c := string(r)
		if !utf8.ValidString(c) {
			continue
		}
		for _, doc := range []string{"<" + c + "/>", "<a" + c + "/>", "<x:" + c + c + " b" + c + "='1'/>"} {
			checkTokens(t, []byte(doc), 64)
		}
	}
}

// TestXMLScannerReadErrors checks a part that fails to read fails, and one
// that reads nothing forever is given up on.
func TestXMLScannerReadErrors(t *testing.T) {
	err := parseSheetRows(iotest.TimeoutReader(strings.NewReader(strings.Repeat("<row/>", 20000))), nil, func(int, []string) bool { return true })
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("a part failing to read: %v", err)
	}
	err = parseSheetRows(readerFunc(func([]byte) (int, error) { return 0, nil }), nil, func(int, []string) bool { return true })
	if !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("a part reading nothing: %v", err)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// TestXMLScannerErrorLine checks a syntax error names its line, as
// encoding/xml's do.
func TestXMLScannerErrorLine(t *testing.T) {
	doc := strings.Repeat("<row>\n</row>\n", 10000) + "<c t=x/>"
	err := scanSheetRows(newXMLScanner(strings.NewReader(doc), 100), nil, func(int, []string) bool { return true })
	var se *xml.SyntaxError
	if !errors.As(err, &se) || se.Line != 20001 {
		t.Errorf("%v, want a syntax error on line 20001", err)
	}
}

// BenchmarkSheetRows reads the Targets sheet of a 2,000 partnership
// workbook (10,000 rows, unzipped) with the scanner and with the
// encoding/xml reader it replaced.
func BenchmarkSheetRows(b *testing.B) {
	var buf bytes.Buffer
	if err := Workbook(&buf, testYear, syntheticRegister(2000), partnership.DefaultCouncil(), testAt); err != nil {
		b.Fatal(err)
	}
	zr, err := checkReturnZip(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	x, err := openXLSX(zr)
	if err != nil {
		b.Fatal(err)
	}
	part, _ := x.sheetPart(SheetTargets)
	rc, err := x.parts[part].Open()
	if err != nil {
		b.Fatal(err)
	}
	sheet, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		b.Fatal(err)
	}
	sst, err := x.sharedStrings()
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct {
		name  string
		parse func(io.Reader, []string, func(int, []string) bool) error
	}{{"scanner", parseSheetRows}, {"encoding-xml", parseSheetRowsXML}} {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			b.ReportAllocs()
			for b.Loop() {
				rows := 0
				if err := r.parse(bytes.NewReader(sheet), sst, func(int, []string) bool { rows++; return true }); err != nil || rows != 10001 {
					b.Fatal(rows, err)
				}
			}
		})
	}
}
