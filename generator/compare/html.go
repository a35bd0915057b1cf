package compare

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// The redline is one HTML page: a summary of what changed at the top, then
// the newer document with the older's words. Inserted text is underlined
// and deleted text struck through, each also preceded by visually hidden
// words ("inserted:", "deleted:") for screen readers, and every clause
// that changed says so in words: colour is never the only mark. Every value
// is escaped by html/template.

const redlinePage = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="{{.New.Meta.Council}}">
<title>Changes to {{.New.Meta.Title}}{{with .New.Meta.Ref}} ({{.}}){{end}}</title>
<style>
body{font-family:"Liberation Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}
.summary{border:3px solid #0b0c0c;padding:0 1rem 1rem;margin-bottom:2rem}
ins{text-decoration:underline;text-decoration-thickness:2px;background:#e0f0e5;color:#00461f}
del{text-decoration:line-through;text-decoration-thickness:2px;background:#f6d7d2;color:#6b0f0f}
.vh{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.mark{border:2px solid #0b0c0c;padding:0 .3rem;font-size:.8rem;font-weight:bold;margin-left:.4rem;vertical-align:middle}
section.removed{border-left:4px double #6b0f0f;padding-left:.75rem}
section.added{border-left:4px solid #00461f;padding-left:.75rem}
.num{display:inline-block;min-width:3.5rem}
p.clause-2{margin-left:3.5rem}
p.title{font-size:1.6rem;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #b1b4b6;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f2f1}
td.right,th.right{text-align:right}
.signature{border:1px solid #b1b4b6;padding:.5rem 1rem;margin:1rem 0}
hr.page-break{border:0;border-top:1px dashed #b1b4b6;margin:2rem 0}
</style>
</head>
<body>
<main>
<h1>Changes to {{.New.Meta.Title}}</h1>
<div class="summary" role="region" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary of changes</h2>
<dl>
<dt>Older</dt><dd>{{.Old.Label}}: template {{.Old.TemplateID}} version {{.Old.TemplateVersion}}</dd>
<dt>Newer</dt><dd>{{.New.Label}}: template {{.New.TemplateID}} version {{.New.TemplateVersion}}</dd>
</dl>
{{range .Summary.Notes}}<p><strong>Note:</strong> {{.}}</p>
{{end}}{{if .Summary.TemplateChanged}}<p><strong>The template changed</strong> between these versions: from {{.Old.TemplateID}} version {{.Old.TemplateVersion}} to {{.New.TemplateID}} version {{.New.TemplateVersion}}. Some changes below may come from the template, not from the partnership's details.</p>
{{end}}<p>How changes are shown: inserted text is <ins><span class="vh">inserted: </span>underlined</ins>; deleted text is <del><span class="vh">deleted: </span>struck through</del>. Every changed clause is marked in words.</p>
{{if .Summary.Empty}}<p>The text of the two versions is the same.</p>
{{else}}<ul>
{{template "counted" (counted "added" .Summary.Added)}}{{template "counted" (counted "removed" .Summary.Removed)}}{{template "counted" (counted "changed" .Summary.Changed)}}{{template "counted" (counted "moved" .Summary.Moved)}}{{template "counted" (counted "renumbered" .Summary.Renumbered)}}</ul>
{{end}}{{with .Summary.Tables}}<h3>Tables</h3>
<ul>
{{range .}}<li><a href="#{{anchor .Clause.ID}}">{{template "clause" .Clause}}</a>{{if .Of}} (table {{.Nth}} of {{.Of}}){{end}}: {{rows .Added "added"}}, {{rows .Removed "removed"}}, {{rows .Changed "changed"}}</li>
{{end}}</ul>
{{end}}</div>
{{range .Sections}}{{section .}}{{end}}
</main>
</body>
</html>
{{define "counted"}}<li>Clauses {{.Verb}}: {{len .Refs}}{{if .Refs}}<ul>{{range .Refs}}<li><a href="#{{anchor .ID}}">{{template "clause" .}}</a>{{if and .OldNumber (ne .OldNumber .Number)}} (was {{.OldNumber}}){{end}}</li>{{end}}</ul>{{end}}</li>
{{end}}
{{define "clause"}}{{.Label}}{{end}}
`

// redlineTemplate is the redline page, parsed on first use: a process that
// compares nothing does not parse it at start.
var redlineTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("redline").Funcs(template.FuncMap{
		"counted": func(verb string, refs []ClauseRef) counted { return counted{verb, refs} },
		"anchor":  anchor,
		"change":  changeWord,
		"rows":    rowCount,
		"section": sectionHTML,
	}).Parse(redlinePage))
})

type counted struct {
	Verb string
	Refs []ClauseRef
}

// anchor is the id of a clause's section on the page, apart from the ids
// of the document's own headings.
func anchor(id string) string {
	if id == "" {
		return "compare-opening"
	}
	return "compare-" + id
}

func changeWord(c Change) string {
	return [...]string{"", "changed", "added", "removed"}[c]
}

func rowCount(n int, verb string) string {
	if n == 1 {
		return "1 row " + verb
	}
	return fmt.Sprintf("%d rows %s", n, verb)
}

// RenderHTML writes r as a redline page.
func RenderHTML(r *Result) ([]byte, error) {
	var buf bytes.Buffer
	if err := redlineTemplate().Execute(&buf, r); err != nil {
		return nil, fmt.Errorf("writing the comparison: %w", err)
	}
	return buf.Bytes(), nil
}
