package html

import (
	"strings"
	"testing"
	"time"

	"partnerdocs/generator/outline"
)

const document = `# Test Agreement

## Parties {#parties}

The parties are named in [](#exit); **bold** and *italic*.

## Exit {#exit .binding}

### In writing

Notice is given in writing.

1. first

| Partner | Share |
|:--|--:|
| Acme &lt;script&gt; | £1 |

> Signed
`

func render(t *testing.T, m outline.Meta) string {
	t.Helper()
	o, err := outline.Parse([]byte(document))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(o, m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var meta = outline.Meta{Title: "Test Agreement", Council: "Test Council", Ref: "TP-1",
	Footer: "Template test v1.0.0", Draft: true, At: time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)}

func TestRender(t *testing.T) {
	page := render(t, meta)
	for _, want := range []string{
		`<html lang="en-GB">`,
		`<title>Test Agreement (TP-1)</title>`,
		`<h1>Test Agreement</h1>`,
		`<h2 id="parties"><span class="num">1</span> Parties</h2>`,
		`<a href="#exit">clause 2</a>`,
		`<strong>bold</strong>`, `<em>italic</em>`,
		`<h2 id="exit" class="binding-clause"><span class="num">2</span> Exit <span class="binding">Binding</span></h2>`,
		`<h3><span class="num">2.1</span> In writing</h3>`,
		`<p class="clause-2"><span class="num">2.1.1</span> Notice is given in writing.</p>`,
		`<ol type="a"><li>first</li></ol>`,
		`<th scope="col" class="right">Share</th>`,
		`<td>Acme &lt;script&gt;</td>`,
		`<div class="signature"><p>Signed</p>`,
		`DRAFT: not approved`,
		`<footer class="doc"><span>Template test v1.0.0</span><span>TP-1</span></footer>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("user text became markup")
	}
	approved := meta
	approved.Draft = false
	if strings.Contains(render(t, approved), "DRAFT") {
		t.Error("the approved copy says DRAFT")
	}
}

// A placeholder is marked, brackets kept, in bold text and plain; other
// bracketed text is not; the notes box is an aside, not a heading.
func TestPlaceholdersMarkedAndNotesBox(t *testing.T) {
	o, err := outline.Parse([]byte("# T\n\n## Term {#term}\n\nNotice of [notice period to be confirmed] and **[quorum to be confirmed]** but [not this].\n"))
	if err != nil {
		t.Fatal(err)
	}
	box := &outline.Block{Kind: outline.Notes, Children: []*outline.Block{
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Drafting notes", Bold: true}}},
		{Kind: outline.List, Items: [][]outline.Span{{{Text: "[term to be confirmed]: clause 1."}}}},
	}}
	o.Blocks = append(o.Blocks[:1:1], append([]*outline.Block{box}, o.Blocks[1:]...)...)
	b, err := Render(o, meta)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`Notice of <mark class="placeholder">[notice period to be confirmed]</mark> and `,
		`<strong><mark class="placeholder">[quorum to be confirmed]</mark></strong> but [not this].`,
		`<aside class="drafting-notes" aria-labelledby="drafting-notes"><p class="notes-title" id="drafting-notes"><strong>Drafting notes</strong></p>`,
		"<ul><li><mark class=\"placeholder\">[term to be confirmed]</mark>: clause 1.</li></ul>\n</aside>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Count(page, "<h2") != 1 {
		t.Error("the notes box became a heading")
	}
}
