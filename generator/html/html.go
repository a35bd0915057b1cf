package html

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"partnerdocs/generator/outline"
)

// The HTML copy is the accessible preview and the on-screen review copy:
// real headings, lists, tables with header cells, the language, and the
// binding marks and draft status in words, never by colour alone. Every
// value is escaped by html/template.

const htmlPage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="{{.Meta.council}}">
<meta name="generator" content="partnerdocs {{.Meta.footer}}">
<title>{{.Meta.doctitle}}{{if .Meta.ref}} ({{.Meta.ref}}){{end}}</title>
<style>
body{font-family:"Liberation Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}
header.doc,footer.doc{color:#505a5f;font-size:.85rem;display:flex;justify-content:space-between;gap:1rem}
.draft-banner{border:3px solid #0b0c0c;padding:.5rem 1rem;font-weight:bold;letter-spacing:.05em}
.num{display:inline-block;min-width:3.5rem;font-weight:inherit}
p.clause-2{margin-left:3.5rem}
.binding{border:2px solid #0b0c0c;padding:0 .3rem;font-size:.8em;margin-left:.4rem}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f2f1}
td.right,th.right{text-align:right}
.signature{border:1px solid #b1b4b6;padding:.5rem 1rem;margin:1rem 0}
hr.page-break{border:0;border-top:1px dashed #b1b4b6;margin:2rem 0}
.drafting-notes{border:3px solid #0b0c0c;background:#f3f2f1;padding:.5rem 1rem;margin:1.5rem 0;font-size:.9rem}
.drafting-notes .notes-title{font-size:1.1rem;font-weight:bold}
mark.placeholder{background:#ffec8c;color:inherit;padding:0 .1em}
figure.risk-matrix{margin:1rem 0;max-width:42rem}
</style>
</head>
<body>
<header class="doc"><span>{{.Meta.council}}</span><span>{{.Meta.title}}</span></header>
<main>
{{if .Meta.draft}}<p class="draft-banner" role="note">DRAFT: not approved. This document is a draft until it is approved and signed.</p>
{{end}}{{range .Blocks}}{{template "block" .}}{{end}}
</main>
<footer class="doc"><span>{{.Meta.footer}}</span><span>{{.Meta.ref}}</span></footer>
</body>
</html>
{{define "spans"}}{{range .}}{{if .Plain}}{{.Text}}{{else}}{{.Open}}{{if .Ref}}<a href="#{{.Ref}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{.Close}}{{end}}{{end}}{{end}}
{{define "hattrs"}}{{if .ID}} id="{{.ID}}"{{end}}{{if .Binding}} class="binding-clause"{{end}}{{end}}
{{define "hbody"}}{{if .Number}}<span class="num">{{.Number}}{{if .Schedule}}:{{end}}</span> {{end}}{{template "spans" .Spans}}{{if .Binding}} <span class="binding">Binding</span>{{end}}{{end}}
{{define "block"}}{{if .Para}}<p{{if .Depth}} class="clause-{{.Depth}}"{{end}}>{{if .Number}}<span class="num">{{.Number}}</span> {{end}}{{template "spans" .Spans}}</p>
{{else if .List}}{{if .Ordered}}<ol type="a">{{else}}<ul>{{end}}{{range .Items}}<li>{{template "spans" .}}</li>{{end}}{{if .Ordered}}</ol>{{else}}</ul>{{end}}
{{else if .H2}}<h2{{template "hattrs" .}}>{{template "hbody" .}}</h2>
{{else if .H3}}<h3{{template "hattrs" .}}>{{template "hbody" .}}</h3>
{{else if .H4}}<h4{{template "hattrs" .}}>{{template "hbody" .}}</h4>
{{else if .Table}}<table>
<thead><tr>{{range .Header}}<th scope="col"{{if .Class}} class="{{.Class}}"{{end}}>{{template "spans" .Spans}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td{{if .Class}} class="{{.Class}}"{{end}}>{{template "spans" .Spans}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{else if .Title}}<h1{{if .ID}} id="{{.ID}}"{{end}}>{{template "spans" .Spans}}</h1>
{{else if .Quote}}<div class="signature">{{range .Children}}{{template "block" .}}{{end}}</div>
{{else if .Notes}}<aside class="drafting-notes" aria-labelledby="drafting-notes">{{range $i, $c := .Children}}{{if eq $i 0}}<p class="notes-title" id="drafting-notes">{{template "spans" $c.Spans}}</p>
{{else}}{{template "block" $c}}{{end}}{{end}}</aside>
{{else if .Matrix}}{{template "matrix" .Matrix}}
{{else if .PageBreak}}<hr class="page-break">
{{end}}{{end}}`

// htmlTemplate is the page, parsed on first use: a process that renders no
// HTML does not parse it at start.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.Must(template.New("page").Parse(htmlPage)).Parse(matrixTemplate))
})

// htmlBlock and htmlSpan expose the outline to html/template. The page
// template tests booleans and prints fields, which is all it does for
// every block and span of a document: comparing strings and indexing
// slices there cost it twice the time.
type htmlBlock struct {
	ID, Number                                        string
	Depth                                             int
	Binding                                           bool
	Schedule                                          bool
	Ordered                                           bool
	Spans                                             []htmlSpan
	Items                                             [][]htmlSpan
	Header                                            []htmlCell
	Rows                                              [][]htmlCell
	Children                                          []htmlBlock
	Matrix                                            *htmlMatrix // a risk matrix (matrix.go)
	Para, List, Table, Title, Quote, Notes, PageBreak bool
	H2, H3, H4                                        bool // a heading, by level
}

type htmlCell struct {
	Class string // "right", "center" or ""
	Spans []htmlSpan
}

// htmlSpan is a span's text between its opening and closing tags (the
// constant tags of span.html, never text); most spans are Plain text,
// with neither tags nor a link.
type htmlSpan struct {
	Text, Ref   string
	Open, Close template.HTML
	Plain       bool
}

var alignNames = map[outline.Alignment]string{outline.AlignRight: "right", outline.AlignCenter: "center"}

// Render writes the outline as one HTML page, with m's title, council,
// reference and template in its head, header and footer, and a notice in
// words while m.Draft.
func Render(o *outline.Outline, m outline.Meta) ([]byte, error) {
	blocks := make([]htmlBlock, len(o.Blocks))
	for i, b := range o.Blocks {
		blocks[i] = toHTMLBlock(b)
	}
	var buf bytes.Buffer
	data := map[string]any{"Meta": map[string]any{
		"title": m.Title, "doctitle": m.DocumentTitle(), "council": m.Council, "ref": m.Ref,
		"footer": m.Footer, "draft": m.Draft,
	}, "Blocks": blocks}
	if err := htmlTemplate().Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("writing HTML: %w", err)
	}
	return buf.Bytes(), nil
}

func toHTMLBlock(b *outline.Block) htmlBlock {
	h := htmlBlock{
		ID: b.ID, Number: b.Number, Depth: b.Depth, Binding: b.Binding, Schedule: b.Schedule, Ordered: b.Ordered,
		Spans: toHTMLSpans(b.Spans),
		Para:  b.Kind == outline.Paragraph, List: b.Kind == outline.List, Table: b.Kind == outline.Table,
		Title: b.Kind == outline.Title, Quote: b.Kind == outline.Quote, Notes: b.Kind == outline.Notes,
		PageBreak: b.Kind == outline.PageBreak,
	}
	if b.Kind == outline.Heading {
		h.H2, h.H3, h.H4 = b.Level == 2, b.Level == 3, b.Level != 2 && b.Level != 3
	}
	for _, it := range b.Items {
		h.Items = append(h.Items, toHTMLSpans(it))
	}
	h.Header = toHTMLCells(b.Header, b.Align)
	for _, r := range b.Rows {
		h.Rows = append(h.Rows, toHTMLCells(r, b.Align))
	}
	for _, c := range b.Children {
		h.Children = append(h.Children, toHTMLBlock(c))
	}
	if b.Matrix != nil {
		h.Matrix = toHTMLMatrix(b.Matrix)
	}
	return h
}

// toHTMLCells converts a table row, each cell with its column's alignment.
func toHTMLCells(cells [][]outline.Span, align []outline.Alignment) []htmlCell {
	if len(cells) == 0 {
		return nil
	}
	out := make([]htmlCell, len(cells))
	for i, c := range cells {
		out[i].Spans = toHTMLSpans(c)
		if i < len(align) {
			out[i].Class = alignNames[align[i]]
		}
	}
	return out
}

// span is a span being converted: its text and what it is.
type span struct {
	text, ref              string
	bold, italic, br, mark bool
}

// toHTMLSpans converts spans, cutting each placeholder (see
// outline.Placeholder) out as a span of its own, marked.
func toHTMLSpans(spans []outline.Span) []htmlSpan {
	out := make([]htmlSpan, 0, len(spans))
	for _, s := range spans {
		h := span{text: strings.TrimRight(s.Text, "\n"), ref: s.Ref, bold: s.Bold, italic: s.Italic, br: s.BR}
		if h.ref != "" {
			out = append(out, h.html())
			continue
		}
		out = appendMarked(out, h)
	}
	return out
}

// html is the span with its tags: emphasis, then a link or strong
// emphasis and a placeholder's mark, then a line break after.
func (s span) html() htmlSpan {
	var open, close string
	if s.italic {
		open, close = "<em>", "</em>"
	}
	if s.ref == "" && s.bold {
		open, close = open+"<strong>", "</strong>"+close
	}
	if s.ref == "" && s.mark {
		open, close = open+`<mark class="placeholder">`, "</mark>"+close
	}
	if s.br {
		close += "<br>"
	}
	return htmlSpan{Text: s.text, Ref: s.ref, Open: template.HTML(open), Close: template.HTML(close),
		Plain: s.ref == "" && open == "" && close == ""}
}

// appendMarked appends h, cut at its placeholders.
func appendMarked(out []htmlSpan, h span) []htmlSpan {
	text, br := h.text, h.br
	h.br = false
	for {
		start, end := outline.Placeholder(text)
		if start < 0 {
			break
		}
		if start > 0 {
			h.text = text[:start]
			out = append(out, h.html())
		}
		m := h
		m.text, m.mark = text[start:end], true
		out = append(out, m.html())
		text = text[end:]
	}
	h.text, h.br = text, br
	if text != "" || len(out) == 0 {
		return append(out, h.html())
	}
	if br {
		out[len(out)-1].Close += "<br>"
		out[len(out)-1].Plain = false
	}
	return out
}
