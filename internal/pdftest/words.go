package pdftest

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// Word is one word as pdftotext -bbox places it on its page, in points
// from the page's top left corner. Unlike pdftotext's plain text, a word
// hyphenated at the end of a line keeps its hyphen.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Words returns each page's words, in the order the page draws them.
func Words(t testing.TB, pdf []byte) [][]Word {
	t.Helper()
	var doc struct {
		Pages []struct {
			Words []struct {
				Text string  `xml:",chardata"`
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", write(t, pdf), "-")
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	pages := make([][]Word, len(doc.Pages))
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			pages[i] = append(pages[i], Word{Text: w.Text, XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax})
		}
	}
	return pages
}
