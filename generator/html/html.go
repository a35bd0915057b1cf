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
{{define "spans"}}{{range .}}{{if .Italic}}<em>{{end}}{{if .Ref}}<a href="#{{.Ref}}">{{.Text}}</a>{{else if .Bold}}<strong>{{template "text" .}}</strong>{{else}}{{template "text" .}}{{end}}{{if .Italic}}</em>{{end}}{{if .BR}}<br>{{end}}{{end}}{{end}}
{{define "text"}}{{if .Mark}}<mark class="placeholder">{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}
{{define "hattrs"}}{{if .ID}} id="{{.ID}}"{{end}}{{if .Binding}} class="binding-clause"{{end}}{{end}}
{{define "hbody"}}{{if .Number}}<span class="num">{{.Number}}{{if .Schedule}}:{{end}}</span> {{end}}{{template "spans" .Spans}}{{if .Binding}} <span class="binding">Binding</span>{{end}}{{end}}
{{define "block"}}{{if eq .Kind "title"}}<h1{{if .ID}} id="{{.ID}}"{{end}}>{{template "spans" .Spans}}</h1>
{{else if eq .Kind "heading"}}{{if eq .Level 2}}<h2{{template "hattrs" .}}>{{template "hbody" .}}</h2>{{else if eq .Level 3}}<h3{{template "hattrs" .}}>{{template "hbody" .}}</h3>{{else}}<h4{{template "hattrs" .}}>{{template "hbody" .}}</h4>{{end}}
{{else if eq .Kind "para"}}<p{{if .Depth}} class="clause-{{.Depth}}"{{end}}>{{if .Number}}<span class="num">{{.Number}}</span> {{end}}{{template "spans" .Spans}}</p>
{{else if eq .Kind "list"}}{{if .Ordered}}<ol type="a">{{else}}<ul>{{end}}{{range .Items}}<li>{{template "spans" .}}</li>{{end}}{{if .Ordered}}</ol>{{else}}</ul>{{end}}
{{else if eq .Kind "table"}}<table>
<thead><tr>{{range $i, $c := .Header}}<th scope="col"{{with index $.Align $i}} class="{{.}}"{{end}}>{{template "spans" $c}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}<td{{with index $.Align $i}} class="{{.}}"{{end}}>{{template "spans" $c}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{else if eq .Kind "quote"}}<div class="signature">{{range .Children}}{{template "block" .}}{{end}}</div>
{{else if eq .Kind "notes"}}<aside class="drafting-notes" aria-labelledby="drafting-notes">{{range $i, $c := .Children}}{{if eq $i 0}}<p class="notes-title" id="drafting-notes">{{template "spans" $c.Spans}}</p>
{{else}}{{template "block" $c}}{{end}}{{end}}</aside>
{{else if eq .Kind "matrix"}}{{with .Matrix}}{{template "matrix" .}}{{end}}
{{else if eq .Kind "pagebreak"}}<hr class="page-break">
{{end}}{{end}}`

// htmlTemplate is the page, parsed on first use: a process that renders no
// HTML does not parse it at start.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.Must(template.New("page").Parse(htmlPage)).Parse(matrixTemplate))
})

// htmlBlock and htmlSpan expose the outline to html/template.
type htmlBlock struct {
	Kind, ID, Number           string
	Level, Depth               int
	Binding, Schedule, Ordered bool
	Spans                      []htmlSpan
	Items                      [][]htmlSpan
	Header                     [][]htmlSpan
	Rows                       [][][]htmlSpan
	Align                      []string
	Children                   []htmlBlock
	Matrix                     *htmlMatrix // a risk matrix (matrix.go)
}

type htmlSpan struct {
	Text, Ref        string
	Bold, Italic, BR bool
	Mark             bool // a placeholder: <mark class="placeholder">
}

var kindNames = map[outline.Kind]string{
	outline.Title: "title", outline.Heading: "heading", outline.Paragraph: "para", outline.List: "list",
	outline.Table: "table", outline.Quote: "quote", outline.PageBreak: "pagebreak", outline.Notes: "notes",
	outline.RiskMatrix: "matrix",
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
		Kind: kindNames[b.Kind], ID: b.ID, Number: b.Number, Level: b.Level, Depth: b.Depth,
		Binding: b.Binding, Schedule: b.Schedule, Ordered: b.Ordered, Spans: toHTMLSpans(b.Spans),
	}
	if b.Kind == outline.Title {
		h.Level = 1
	}
	for _, it := range b.Items {
		h.Items = append(h.Items, toHTMLSpans(it))
	}
	for _, c := range b.Header {
		h.Header = append(h.Header, toHTMLSpans(c))
	}
	for _, r := range b.Rows {
		row := make([][]htmlSpan, len(r))
		for i, c := range r {
			row[i] = toHTMLSpans(c)
		}
		h.Rows = append(h.Rows, row)
	}
	for i := range b.Header {
		a := ""
		if i < len(b.Align) {
			a = alignNames[b.Align[i]]
		}
		h.Align = append(h.Align, a)
	}
	for _, c := range b.Children {
		h.Children = append(h.Children, toHTMLBlock(c))
	}
	if b.Matrix != nil {
		h.Matrix = toHTMLMatrix(b.Matrix)
	}
	return h
}

// toHTMLSpans converts spans, cutting each placeholder (see
// outline.Placeholder) out as a span of its own, marked.
func toHTMLSpans(spans []outline.Span) []htmlSpan {
	out := make([]htmlSpan, 0, len(spans))
	for _, s := range spans {
		h := htmlSpan{Text: strings.TrimRight(s.Text, "\n"), Ref: s.Ref, Bold: s.Bold, Italic: s.Italic, BR: s.BR}
		if h.Ref != "" {
			out = append(out, h)
			continue
		}
		out = appendMarked(out, h)
	}
	return out
}

// appendMarked appends h, cut at its placeholders.
func appendMarked(out []htmlSpan, h htmlSpan) []htmlSpan {
	text, br := h.Text, h.BR
	h.BR = false
	for {
		start, end := outline.Placeholder(text)
		if start < 0 {
			break
		}
		if start > 0 {
			h.Text = text[:start]
			out = append(out, h)
		}
		m := h
		m.Text, m.Mark = text[start:end], true
		out = append(out, m)
		text = text[end:]
	}
	if text != "" || len(out) == 0 {
		h.Text = text
		out = append(out, h)
	}
	out[len(out)-1].BR = br
	return out
}
