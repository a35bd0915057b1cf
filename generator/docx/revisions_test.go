package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
)

// TestRenderRedline: a redline outline's marks become tracked changes, by
// partnerdocs at the newer version's time, each with its own id, deleted
// text in w:delText, all text escaped, and the package well-formed.
func TestRenderRedline(t *testing.T) {
	faces, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	o := &outline.Outline{Blocks: []*outline.Block{
		{Kind: outline.Heading, Level: 2, Number: "1", ID: "a", Spans: []outline.Span{{Text: "Gone <&>", Rev: outline.RevDeleted}}, Rev: outline.RevDeleted},
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Quorum "}, {Text: "5", Rev: outline.RevDeleted}, {Text: "4 & more", Rev: outline.RevInserted}}},
		{Kind: outline.List, Ordered: true, Items: [][]outline.Span{{{Text: "new", Rev: outline.RevInserted}}, {{Text: "kept"}}},
			ItemRevs: []outline.Rev{outline.RevInserted, outline.RevNone}},
		{Kind: outline.Table, Header: [][]outline.Span{{{Text: "Name"}}}, Rows: [][][]outline.Span{{{{Text: "Old row", Rev: outline.RevDeleted}}}},
			RowRevs: []outline.Rev{outline.RevDeleted}},
	}}
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	b, err := New(faces).RenderRedline(o, outline.Meta{Title: "T", At: at})
	if err != nil {
		t.Fatal(err)
	}
	doc := part(t, b, "word/document.xml")
	for _, want := range []string{
		`<w:del w:id="`, `<w:delText>Gone &lt;&amp;&gt;</w:delText>`,
		`<w:ins w:id="`, `>4 &amp; more</w:t>`, `<w:trPr><w:del w:id="`, `<w:pPr><w:pStyle w:val="Heading1"/>`,
		`<w:delText>(a)</w:delText>`, `<w:t>(b)</w:t>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if n, m := strings.Count(doc, `w:author="partnerdocs" w:date="2026-11-25T09:30:00Z"`), strings.Count(doc, "<w:ins ")+strings.Count(doc, "<w:del "); n != m || n == 0 {
		t.Errorf("%d revisions by partnerdocs at the newer time, of %d", n, m)
	}
	ids := map[string]bool{}
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "ins" || se.Name.Local == "del" || se.Name.Local == "bookmarkStart") {
			for _, a := range se.Attr {
				if a.Name.Local == "id" {
					if ids[a.Value] {
						t.Errorf("id %s used twice", a.Value)
					}
					ids[a.Value] = true
				}
			}
		}
	}
	if strings.Contains(doc, "Contents") {
		t.Error("the redline has a table of contents")
	}
}

func part(t *testing.T, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
