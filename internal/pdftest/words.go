package pdftest

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"strings"
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

// Lines returns each page's lines between top and bottom (points from the
// page's top: leave out the running header and footer), top to bottom,
// each its words left to right joined by spaces. Words whose tops are
// within 2 points of each other are one line.
func Lines(t testing.TB, pdf []byte, top, bottom float64) [][]string {
	t.Helper()
	var pages [][]string
	for _, page := range Words(t, pdf) {
		var words []Word
		for _, w := range page {
			if w.YMin > top && w.YMax < bottom {
				words = append(words, w)
			}
		}
		slices.SortStableFunc(words, func(a, b Word) int { return cmp.Compare(a.YMin, b.YMin) })
		var lines [][]Word
		for _, w := range words {
			if n := len(lines); n > 0 && w.YMin-lines[n-1][0].YMin < 2 {
				lines[n-1] = append(lines[n-1], w)
			} else {
				lines = append(lines, []Word{w})
			}
		}
		texts := []string{}
		for _, l := range lines {
			slices.SortStableFunc(l, func(a, b Word) int { return cmp.Compare(a.XMin, b.XMin) })
			var s []string
			for _, w := range l {
				s = append(s, w.Text)
			}
			texts = append(texts, strings.Join(s, " "))
		}
		pages = append(pages, texts)
	}
	return pages
}
