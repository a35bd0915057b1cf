package compare

import (
	"html/template"
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// The clauses of the redline are written here rather than by the page's
// html/template: its reflection, run for every paragraph, list item and
// table cell, made the redline of the longest sample (health-alliance's
// agreement) 17 ms against the 10 ms target; written here the whole
// comparison takes under 5 ms (BenchmarkCompareHTML). Every text goes
// through template.HTMLEscapeString, and nothing else a user typed is
// written; the page, the summary and everything else stay in html/template.

// sectionHTML writes one clause compared.
func sectionHTML(s Section) template.HTML {
	var b strings.Builder
	b.WriteString(`<section id="`)
	b.WriteString(template.HTMLEscapeString(anchor(s.ID)))
	b.WriteByte('"')
	if w := changeWord(s.Change); w != "" {
		b.WriteString(` class="` + w + `"`)
	}
	b.WriteString(">\n")
	writeHeading(&b, s)
	for _, blk := range s.Blocks {
		writeBlock(&b, blk)
	}
	b.WriteString("</section>\n")
	return template.HTML(b.String()) // #nosec G203 -- every text is escaped as it is written
}

func writeHeading(b *strings.Builder, s Section) {
	if s.Title == nil {
		if s.Change != Unchanged {
			b.WriteString(`<p><span class="mark">Opening ` + changeWord(s.Change) + "</span></p>\n")
		}
		return
	}
	tag := "h" + strconv.Itoa(min(max(s.Level, 2), 4))
	b.WriteString("<" + tag + ">")
	writeNumber(b, s)
	writePieces(b, s.Title)
	if w := changeWord(s.Change); w != "" {
		b.WriteString(` <span class="mark">Clause ` + w + "</span>")
	}
	switch {
	case s.Moved:
		b.WriteString(` <span class="mark">Moved`)
		if s.OldNumber != "" {
			b.WriteString(": was " + template.HTMLEscapeString(s.OldNumber))
		}
		b.WriteString("</span>")
	case s.Change != Added && s.Change != Removed && s.OldNumber != "" && s.OldNumber != s.NewNumber:
		b.WriteString(` <span class="mark">Renumbered: was ` + template.HTMLEscapeString(s.OldNumber) + "</span>")
	}
	b.WriteString("</" + tag + ">\n")
}

func writeNumber(b *strings.Builder, s Section) {
	switch {
	case s.Change == Removed && s.OldNumber != "":
		b.WriteString(`<span class="num"><del><span class="vh">deleted: </span>` + template.HTMLEscapeString(s.OldNumber) + "</del></span> ")
	case s.Change != Removed && s.NewNumber != "":
		b.WriteString(`<span class="num">` + template.HTMLEscapeString(s.NewNumber) + "</span> ")
	}
}

func writeBlock(b *strings.Builder, blk Block) {
	switch blk.Kind {
	case outline.Title:
		b.WriteString(`<p class="title">`)
		writePieces(b, blk.Text)
		b.WriteString("</p>\n")
	case outline.Paragraph:
		b.WriteString("<p")
		if blk.Depth > 0 {
			b.WriteString(` class="clause-` + strconv.Itoa(blk.Depth) + `"`)
		}
		b.WriteByte('>')
		if blk.Number != "" {
			b.WriteString(`<span class="num">` + template.HTMLEscapeString(blk.Number) + "</span> ")
		}
		writePieces(b, blk.Text)
		writeBlockMark(b, blk.Change)
		b.WriteString("</p>\n")
	case outline.List:
		writeList(b, blk)
	case outline.Table:
		writeTable(b, blk.Table)
	case outline.Quote:
		b.WriteString(`<div class="signature">`)
		writePieces(b, blk.Text)
		writeBlockMark(b, blk.Change)
		b.WriteString("</div>\n")
	case outline.PageBreak:
		b.WriteString(`<hr class="page-break">` + "\n")
	}
}

func writeList(b *strings.Builder, blk Block) {
	tag := "ul>"
	if blk.Ordered {
		tag = "ol>"
		b.WriteString(`<ol type="a">`)
	} else {
		b.WriteString("<ul>")
	}
	for _, it := range blk.Items {
		b.WriteString("<li>")
		writePieces(b, it.Text)
		writeBlockMark(b, it.Change)
		b.WriteString("</li>")
	}
	b.WriteString("</" + tag + "\n")
}

func writeBlockMark(b *strings.Builder, c Change) {
	switch c {
	case Added:
		b.WriteString(` <span class="mark">Added</span>`)
	case Removed:
		b.WriteString(` <span class="mark">Removed</span>`)
	}
}

func writeTable(b *strings.Builder, t *Table) {
	b.WriteString("<table>\n<thead><tr>")
	for i, c := range t.Header {
		b.WriteString(`<th scope="col"` + alignAttr(t.Align, i) + ">")
		writePieces(b, c)
		b.WriteString("</th>")
	}
	b.WriteString(`<th scope="col">Change</th></tr></thead>` + "\n<tbody>")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range r.Cells {
			b.WriteString("<td" + alignAttr(t.Align, i) + ">")
			writePieces(b, c)
			b.WriteString("</td>")
		}
		b.WriteString("<td>" + rowChange(r) + "</td></tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

func alignAttr(as []outline.Alignment, i int) string {
	if i >= len(as) {
		return ""
	}
	switch as[i] {
	case outline.AlignRight:
		return ` class="right"`
	case outline.AlignCenter:
		return ` class="center"`
	}
	return ""
}

func rowChange(r Row) string {
	w := changeWord(r.Change)
	switch {
	case r.Moved && w != "":
		return w + ", moved"
	case r.Moved:
		return "moved"
	case w == "":
		return "unchanged"
	}
	return w
}

// writePieces writes text compared: inserted text in <ins> and deleted in
// <del>, each opened by visually hidden words for screen readers.
func writePieces(b *strings.Builder, pieces []Piece) {
	for _, p := range pieces {
		switch p.Op {
		case Inserted:
			b.WriteString(`<ins><span class="vh">inserted: </span>`)
		case Deleted:
			b.WriteString(`<del><span class="vh">deleted: </span>`)
		}
		writeStyled(b, p)
		switch p.Op {
		case Inserted:
			b.WriteString("</ins>")
		case Deleted:
			b.WriteString("</del>")
		}
		if p.Break {
			b.WriteString("<br>")
		}
	}
}

func writeStyled(b *strings.Builder, p Piece) {
	if p.Break {
		if p.Op != Equal {
			b.WriteString("line break")
		}
		return
	}
	if p.Bold {
		b.WriteString("<strong>")
	}
	if p.Italic {
		b.WriteString("<em>")
	}
	b.WriteString(template.HTMLEscapeString(p.Text))
	if p.Italic {
		b.WriteString("</em>")
	}
	if p.Bold {
		b.WriteString("</strong>")
	}
}
