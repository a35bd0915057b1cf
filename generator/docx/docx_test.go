package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
)

var at = time.Date(2026, time.April, 1, 9, 30, 0, 0, time.UTC)

func newRenderer(t testing.TB) *Renderer {
	t.Helper()
	faces, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return New(faces)
}

const document = `# Test Agreement

## Parties {#parties}

The parties are named in [](#money).

1. first
2. second

## Money {#money .schedule}

| Partner | Contribution to the running costs of the shared service |
|:--|--:|
| Corby Borough Council | £1,000 |
| East Northamptonshire Council <x> | £2,000 |
`

var meta = outline.Meta{Title: "Test Agreement", Subject: "The Test Partnership", Keywords: "test; partnership",
	Council: "Test Council & Co", Ref: "TP-1", Footer: "Template test v1.0.0", Draft: true, At: at}

func render(t *testing.T, r *Renderer, m outline.Meta) map[string][]byte {
	t.Helper()
	return renderSource(t, r, document, m)
}

func renderSource(t *testing.T, r *Renderer, src string, m outline.Meta) map[string][]byte {
	t.Helper()
	o, err := outline.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Render(o, m)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if !f.Modified.Equal(at) {
			t.Errorf("%s is dated %v, want the document's time", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(data); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		parts[f.Name] = data
	}
	return parts
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestRenderParts(t *testing.T) {
	parts := render(t, newRenderer(t), meta)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
		"word/_rels/document.xml.rels", "word/document.xml", "word/footer1.xml", "word/header1.xml",
		"word/settings.xml", "word/styles.xml"} {
		if parts[name] == nil {
			t.Errorf("no part %s", name)
		}
	}
	body := string(parts["word/document.xml"])
	for _, want := range []string{
		`<w:pStyle w:val="DraftNotice"/>`,
		` w:name="pd_money"/>`,
		`<w:hyperlink w:anchor="pd_money" w:history="1"><w:r><w:t>Schedule 1</w:t></w:r></w:hyperlink>`,
		`<w:t>(b)</w:t>`,
		`<w:t>East Northamptonshire Council &lt;x&gt;</w:t>`,
		`<w:pageBreakBefore/>`,
		`<w:tblHeader/>`,
		`<w:jc w:val="right"/>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if h := string(parts["word/header1.xml"]); !strings.Contains(h, "Test Council &amp; Co") || !strings.Contains(h, "DRAFT, not approved") {
		t.Errorf("header %s", h)
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "<cp:contentStatus>Draft, not approved</cp:contentStatus>") {
		t.Error("the core properties do not say the document is a draft")
	}
	approved := meta
	approved.Draft = false
	parts = render(t, newRenderer(t), approved)
	for name, data := range parts {
		if bytes.Contains(data, []byte("DRAFT")) {
			t.Errorf("the approved copy's %s says DRAFT", name)
		}
	}
	if bytes.Contains(parts["word/document.xml"], []byte(`<w:pStyle w:val="DraftNotice"/>`)) {
		t.Error("the approved copy has the draft notice")
	}
}

var gridCol = regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`)

// The columns share the text width exactly, the longer text getting more.
func TestColumnWidths(t *testing.T) {
	body := string(render(t, newRenderer(t), meta)["word/document.xml"])
	var widths []int
	for _, m := range gridCol.FindAllStringSubmatch(body, -1) {
		w, _ := strconv.Atoi(m[1])
		widths = append(widths, w)
	}
	if len(widths) != 2 {
		t.Fatalf("grid columns %v, want two", widths)
	}
	if widths[0]+widths[1] != docxTextW || widths[1] <= widths[0] {
		t.Errorf("widths %v: want two adding up to %d, the second wider", widths, docxTextW)
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	o, err := outline.Parse([]byte(document))
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t)
	first, err := r.Render(o, meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Renderer{r, newRenderer(t)} {
		again, err := r.Render(o, meta)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("two renderings of the same outline differ")
		}
	}
}

func TestCellWords(t *testing.T) {
	spans := []outline.Span{
		{Text: "  two\twords\n"}, {Text: "clause 7.2", Ref: "x"}, {Text: "bold end", Bold: true},
	}
	got := cellWords(nil, spans, false)
	want := []cellWord{{"two", false}, {"words", false}, {"clause 7.2", false}, {"bold", true}, {"end", true}}
	if len(got) != len(want) {
		t.Fatalf("words %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d: %v, want %v", i, got[i], want[i])
		}
	}
	for _, w := range cellWords(nil, spans, true) {
		if !w.bold {
			t.Errorf("%q is not bold in a header cell", w.text)
		}
	}
}

// writeEscaped never breaks the document, whatever the text holds.
func TestWriteEscaped(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         "plain",
		"a & b <c>":     "a &amp; b &lt;c&gt;",
		"bell\x07":      "bell\uFFFD",
		"\uFFFE\uFFFF":  "\uFFFD\uFFFD",
		"bad \xff byte": "bad \uFFFD byte",
	} {
		var b bytes.Buffer
		writeEscaped(&b, in)
		if got := b.String(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
		if err := wellFormed([]byte("<t>" + b.String() + "</t>")); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// writeEscaped writes what encoding/xml's EscapeText writes, which it
// replaced for speed.
func TestWriteEscapedAsEncodingXML(t *testing.T) {
	for _, in := range []string{"", "plain", "Partner's \"lead\" & co", "tab\there\nnew\rline",
		"\x00\x1f\x7f", "é ü — £ \U0001F600", "\uFFFD kept", "\xe2\x82 cut", "\xed\xa0\x80 surrogate",
		"\uFFFE\uFFFF", "ends with <"} {
		var got, want bytes.Buffer
		writeEscaped(&got, in)
		if err := xml.EscapeText(&want, []byte(in)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q: %q, encoding/xml %q", in, got.String(), want.String())
		}
	}
}

// Text says xml:space="preserve" only when XML could lose its white space.
func TestTextElementPreserve(t *testing.T) {
	for in, want := range map[string]string{
		"clause":      `<w:t>clause</w:t>`,
		"a b & c":     `<w:t>a b &amp; c</w:t>`,
		"clause ":     `<w:t xml:space="preserve">clause </w:t>`,
		" of ":        `<w:t xml:space="preserve"> of </w:t>`,
		"two  spaces": `<w:t xml:space="preserve">two  spaces</w:t>`,
		"a\tb":        `<w:t xml:space="preserve">a&#x9;b</w:t>`,
	} {
		var b bytes.Buffer
		textElement(&b, "w:t", in)
		if b.String() != want {
			t.Errorf("%q: %s, want %s", in, b.String(), want)
		}
	}
}

// Every paragraph style the body names is in the style sheet: a list's
// items and numbered paragraphs take their indents from styles.
func TestParagraphStylesDefined(t *testing.T) {
	pStyle := regexp.MustCompile(`<w:pStyle w:val="([^"]+)"/>`)
	used := map[string]bool{}
	for _, parts := range []map[string][]byte{render(t, newRenderer(t), meta), renderNumbered(t, true)} {
		styles := string(parts["word/styles.xml"])
		for _, m := range pStyle.FindAllStringSubmatch(string(parts["word/document.xml"]), -1) {
			used[m[1]] = true
			if !strings.Contains(styles, `w:styleId="`+m[1]+`"`) {
				t.Errorf("style %s is used but not defined", m[1])
			}
		}
	}
	for _, s := range []string{"ListItem2", "HangingClause1", "HangingClause2"} {
		if !used[s] {
			t.Errorf("no paragraph is in style %s", s)
		}
	}
}

// The body and the style sheet are deflated; parts too small to repay
// deflating are stored.
func TestPartsDeflatedBySize(t *testing.T) {
	b, err := newRenderer(t).Render(mustParse(t, document), meta)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		want := zip.Deflate
		if f.UncompressedSize64 < docxStoreBelow {
			want = zip.Store
		}
		if f.Method != want {
			t.Errorf("%s (%d bytes) has method %d, want %d", f.Name, f.UncompressedSize64, f.Method, want)
		}
		if f.Name == "word/document.xml" && f.Method != zip.Deflate {
			t.Error("the body is not deflated")
		}
	}
}

func mustParse(t *testing.T, src string) *outline.Outline {
	t.Helper()
	o, err := outline.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return o
}
