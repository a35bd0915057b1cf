package docx

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
)

// docxBody writes word/document.xml from the outline. It follows the PDF's
// layout decisions: clause numbers hang in a 14 mm column, paragraphs under a
// sub-clause indent one column further, lists sit under the text of the
// clause before them, every schedule starts a new page, and a signature
// block is a box kept on one page.
type docxBody struct {
	out       *bytes.Buffer
	faces     *fonts.Faces              // for sharing a table's width between its columns
	bookmarks map[string]string         // heading id -> bookmark name
	targets   map[string]*outline.Block // heading id -> the heading
	marks     []string                  // each heading's bookmark name, in order ("" for none)
	heads     int                       // the headings written so far
	tocDone   bool                      // the table of contents has been written
	nextMark  int                       // the next bookmark's w:id
	revDate   string                    // a redline's revisions' date
	deleting  bool                      // runs are being written inside a w:del

	indent       int  // twips: the left edge of the last clause's text, for lists
	pageStart    bool // nothing has been written on the current page yet
	breakBefore  bool // the next paragraph starts a new page
	afterTable   bool // the last thing written was a table
	words        []cellWord
	naturalWidth []float64
	leastWidth   []float64
	digits       [20]byte
}

// newDOCXBody writes into out, which the caller owns.
func newDOCXBody(o *outline.Outline, faces *fonts.Faces, out *bytes.Buffer) *docxBody {
	d := &docxBody{out: out, faces: faces, bookmarks: docxBookmarks(o.Labels), pageStart: true}
	d.markHeadings(o)
	return d
}

// number writes n in decimal, without making a string of it.
func (d *docxBody) number(n int) {
	d.out.Write(strconv.AppendInt(d.digits[:0], int64(n), 10))
}

// attr writes ` name="n"`.
func (d *docxBody) attr(name string, n int) {
	d.out.WriteString(` ` + name + `="`)
	d.number(n)
	d.out.WriteByte('"')
}

// docxBookmarks names a bookmark for every heading a cross-reference may
// point at. Word allows letters, digits and underscores, at most 40, starting
// with a letter. The ids are taken in sorted order so that two ids that
// clean up to the same name are told apart the same way every time.
func docxBookmarks(labels map[string]string) map[string]string {
	ids := make([]string, 0, len(labels))
	for id := range labels {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	names := make(map[string]string, len(ids))
	used := make(map[string]bool, len(ids))
	for _, id := range ids {
		base := "pd_" + strings.Map(func(r rune) rune {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return r
			}
			return '_'
		}, id)
		base = base[:min(len(base), 34)]
		name := base
		for n := 2; used[name]; n++ {
			name = base + "_" + strconv.Itoa(n)
		}
		used[name] = true
		names[id] = name
	}
	return names
}

func (d *docxBody) document(o *outline.Outline, meta outline.Meta) {
	d.out.WriteString(xmlDeclaration)
	d.out.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	if meta.Draft {
		d.out.WriteString(`<w:p><w:pPr><w:pStyle w:val="DraftNotice"/></w:pPr>`)
		docxRun(d.out, draftMark+". This document is a draft until it is approved and signed.", "")
		d.out.WriteString(`</w:p>`)
	}
	for i, b := range o.Blocks {
		var next *outline.Block
		if i+1 < len(o.Blocks) {
			next = o.Blocks[i+1]
		}
		d.block(o, b, next)
	}
	if d.afterTable || d.breakBefore {
		d.out.WriteString(`<w:p/>`) // Word wants the body to end with a paragraph
	}
	d.out.WriteString(`<w:sectPr>` +
		`<w:headerReference w:type="default" r:id="` + docxHeaderRel + `"/>` +
		`<w:footerReference w:type="default" r:id="` + docxFooterRel + `"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(docxPageW) + `" w:h="` + strconv.Itoa(docxPageH) + `"/>` +
		`<w:pgMar w:top="` + strconv.Itoa(docxMarginTop) + `" w:right="` + strconv.Itoa(docxMarginLR) +
		`" w:bottom="` + strconv.Itoa(docxMarginBot) + `" w:left="` + strconv.Itoa(docxMarginLR) +
		`" w:header="` + strconv.Itoa(docxHeaderTop) + `" w:footer="` + strconv.Itoa(docxFooterBot) + `" w:gutter="0"/>` +
		`<w:cols w:space="708"/>` +
		`</w:sectPr></w:body></w:document>`)
}

func (d *docxBody) block(o *outline.Outline, b, next *outline.Block) {
	switch b.Kind {
	case outline.Title:
		d.startPara(docxPara{style: "Title"})
		d.bookmarked(d.bookmarks[b.ID], func() { d.spans(b.Spans, false) })
		d.endPara()
	case outline.Heading:
		if !d.tocDone {
			d.toc(o)
		}
		d.heading(b)
	case outline.Paragraph:
		d.paragraph(b, next != nil && next.Kind == outline.List)
	case outline.List:
		d.list(b)
	case outline.Table:
		d.table(b)
	case outline.Quote:
		d.quote(b)
	case outline.Notes:
		d.notes(b)
	case outline.RiskMatrix:
		d.matrix(b)
	case outline.PageBreak:
		if !d.pageStart {
			d.breakBefore, d.pageStart = true, true
		}
	}
}

// docxPara is what a paragraph's properties may say; zero values say
// nothing, so the style decides.
type docxPara struct {
	style         string
	keepNext      bool
	keepLines     bool
	left, hanging int // twips; a hanging number or label ends at left, where a tab stop is set
	spaceAfter    int // twips, when not zero
	align         string
	num           docxNum     // the paragraph's own list numbering, if any
	rev           outline.Rev // the paragraph mark inserted or deleted, in a redline
}

// startPara opens a paragraph with its properties in the order the schema
// requires.
func (d *docxBody) startPara(p docxPara) {
	o := d.out
	o.WriteString(`<w:p><w:pPr>`)
	if p.style != "" {
		o.WriteString(`<w:pStyle w:val="`)
		o.WriteString(p.style)
		o.WriteString(`"/>`)
	}
	if p.keepNext {
		o.WriteString(`<w:keepNext/>`)
	}
	if p.keepLines {
		o.WriteString(`<w:keepLines/>`)
	}
	if d.breakBefore {
		o.WriteString(`<w:pageBreakBefore/>`)
		d.breakBefore = false
	}
	d.numPr(p.num)
	if p.hanging > 0 {
		o.WriteString(`<w:tabs><w:tab w:val="left"`)
		d.attr("w:pos", p.left)
		o.WriteString(`/></w:tabs>`)
	}
	before := 0
	if d.afterTable && !strings.HasPrefix(p.style, "Heading") {
		before = 160 // the PDF leaves 3 mm under a table
	}
	if before > 0 || p.spaceAfter > 0 {
		o.WriteString(`<w:spacing`)
		if before > 0 {
			d.attr("w:before", before)
		}
		if p.spaceAfter > 0 {
			d.attr("w:after", p.spaceAfter)
		}
		o.WriteString(`/>`)
	}
	if p.left > 0 {
		o.WriteString(`<w:ind`)
		d.attr("w:left", p.left)
		if p.hanging > 0 {
			d.attr("w:hanging", p.hanging)
		}
		o.WriteString(`/>`)
	}
	if p.align != "" {
		o.WriteString(`<w:jc w:val="`)
		o.WriteString(p.align)
		o.WriteString(`"/>`)
	}
	if p.rev != outline.RevNone {
		o.WriteString(`<w:rPr>`)
		d.revMark(p.rev)
		o.WriteString(`</w:rPr>`)
	}
	o.WriteString(`</w:pPr>`)
	d.afterTable, d.pageStart = false, false
}

func (d *docxBody) endPara() { d.out.WriteString(`</w:p>`) }

// numPr writes a paragraph's own numbering, when it has one.
func (d *docxBody) numPr(n docxNum) {
	switch {
	case n.off:
		d.out.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`)
	case n.set:
		d.out.WriteString(`<w:numPr>`)
		d.out.WriteString(`<w:ilvl`)
		d.attr("w:val", n.level)
		d.out.WriteString(`/><w:numId`)
		d.attr("w:val", docxClauseList)
		d.out.WriteString(`/></w:numPr>`)
	}
}

// bookmarked writes what write writes inside the bookmark name, when there
// is one.
func (d *docxBody) bookmarked(name string, write func()) {
	if name == "" {
		write()
		return
	}
	mark := d.nextMark
	d.nextMark++
	d.out.WriteString(`<w:bookmarkStart`)
	d.attr("w:id", mark)
	d.out.WriteString(` w:name="` + name + `"/>`)
	write()
	d.out.WriteString(`<w:bookmarkEnd`)
	d.attr("w:id", mark)
	d.out.WriteString(`/>`)
}

var docxHeadingStyles = [...]string{"Heading1", "Heading2", "Heading3"}

// headingStyle is the Word style of a heading of the outline's level.
func headingStyle(b *outline.Block) string {
	return docxHeadingStyles[min(max(b.Level-1, 1), 3)-1]
}

// heading writes a clause, sub-clause or schedule heading. A clause's
// number is the heading style's list numbering, not text; a schedule's is
// typed: "Schedule 2: Contributions". A schedule starts a new page, as in
// the PDF.
func (d *docxBody) heading(b *outline.Block) {
	style := headingStyle(b)
	level := numLevel(b)
	p := docxPara{style: style, num: headingNumbering(style, level), rev: b.Rev}
	if level >= 0 {
		p.left, p.hanging = docxNumCol, docxNumCol
	}
	if b.Schedule && !d.pageStart {
		d.breakBefore = true
	}
	d.startPara(p)
	d.bookmarked(d.headingMark(b), func() {
		if b.Schedule {
			d.revised(b.Rev, func() { d.run(b.Number+": ", "") })
		}
		d.spans(b.Spans, false)
		if b.Binding {
			docxRun(d.out, " (Binding)", "")
		}
	})
	d.endPara()
	d.indent = p.left
}

// paragraph writes body text; a numbered one is in the clauses' list at its
// depth, its number hanging to the left of its text, one column in for
// each level.
func (d *docxBody) paragraph(b *outline.Block, beforeList bool) {
	p := docxPara{keepNext: beforeList, rev: b.Rev}
	left := docxNumCol * b.Depth
	switch {
	case b.Depth > 0 && b.Number != "":
		p.num = docxNum{set: true, level: numLevel(b)}
		if b.Depth <= len(docxHangingClauseStyles) {
			p.style = docxHangingClauseStyles[b.Depth-1]
		} else {
			p.left, p.hanging = left, docxNumCol
		}
	case b.Depth > 0:
		p.left = left
	}
	d.startPara(p)
	d.spans(b.Spans, false)
	d.endPara()
	d.indent = left
}

// list writes each item as a paragraph with its label, "(a)" or a bullet,
// as text, under the text of the clause before it.
func (d *docxBody) list(b *outline.Block) {
	style, left, hanging := listItemStyle(d.indent)
	oldN, newN := 0, 0
	for i, item := range b.Items {
		rev := revAt(b.ItemRevs, i, b.Rev)
		p := docxPara{style: style, left: left, hanging: hanging, rev: rev}
		if i == len(b.Items)-1 {
			p.spaceAfter = 120
		}
		d.startPara(p)
		d.itemLabel(b, rev, oldN, newN)
		d.spans(item, false)
		d.endPara()
		if rev != outline.RevInserted {
			oldN++
		}
		if rev != outline.RevDeleted {
			newN++
		}
	}
}

// listItemStyle is the style of a list's items under text indented by
// indent twips, and the indent and hanging label the items must say
// themselves when no list item style has them (zero when one has).
func listItemStyle(indent int) (style string, left, hanging int) {
	if depth := indent / docxNumCol; indent%docxNumCol == 0 && depth < len(docxListItemStyles) {
		return docxListItemStyles[depth], 0, 0
	}
	return "ListParagraph", indent + docxListLabel, docxListLabel
}

// spans writes inline text: bold and italic as run properties, line breaks
// as breaks, placeholders highlighted, and a cross-reference as a REF field
// to the heading's bookmark (see fields.go).
func (d *docxBody) spans(spans []outline.Span, allBold bool) {
	for _, s := range spans {
		style := runStyle(s.Bold || allBold, s.Italic)
		text := strings.TrimRight(s.Text, "\n")
		d.revised(s.Rev, func() {
			if s.Ref != "" {
				d.reference(s.Ref, text, style)
			} else {
				d.runs(text, style)
			}
			if s.BR {
				d.out.WriteString(`<w:r><w:br/></w:r>`)
			}
		})
	}
}

// runStyle is the index into docxRunProps of bold and italic text.
func runStyle(bold, italic bool) int {
	s := 0
	if bold {
		s |= styleBold
	}
	if italic {
		s |= styleItalic
	}
	return s
}

// The bits of a run's style.
const (
	styleBold = 1 << iota
	styleItalic
	styleHighlight
)

// docxRunProps is the rPr of each run style, its elements in the order
// the schema requires.
var docxRunProps = func() (props [8]string) {
	for s := range props {
		p := ""
		if s&styleBold != 0 {
			p += `<w:b/><w:bCs/>`
		}
		if s&styleItalic != 0 {
			p += `<w:i/><w:iCs/>`
		}
		if s&styleHighlight != 0 {
			p += `<w:highlight w:val="yellow"/>`
		}
		if p != "" {
			props[s] = `<w:rPr>` + p + `</w:rPr>`
		}
	}
	return props
}()

// runs writes text as runs with placeholders highlighted (see
// placeholder).
func (d *docxBody) runs(text string, style int) {
	for text != "" {
		start, end := placeholder(text)
		if start < 0 {
			d.plainRuns(text, docxRunProps[style])
			return
		}
		d.plainRuns(text[:start], docxRunProps[style])
		d.plainRuns(text[start:end], docxRunProps[style|styleHighlight])
		text = text[end:]
	}
}

// plainRuns writes text as runs, turning tabs and line breaks (which only
// verbatim template text holds) into Word's own.
func (d *docxBody) plainRuns(text, rPr string) {
	for text != "" {
		i := indexBreak(text)
		if i < 0 {
			d.run(text, rPr)
			return
		}
		d.run(text[:i], rPr)
		switch {
		case text[i] == '\t':
			d.out.WriteString(`<w:r><w:tab/></w:r>`)
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			d.out.WriteString(`<w:r><w:br/></w:r>`)
			i++
		default:
			d.out.WriteString(`<w:r><w:br/></w:r>`)
		}
		text = text[i+1:]
	}
}

// indexBreak is the index of the first tab or line break in text, or -1:
// strings.IndexAny, but by strings.IndexByte, which looks at many bytes
// at a time.
func indexBreak(text string) int {
	i := -1
	for _, c := range [...]byte{'\t', '\n', '\r'} {
		if j := strings.IndexByte(text, c); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	return i
}

// beforeTable keeps two tables apart (Word would join them into one) and
// starts a new page when one is due: a table cannot carry the break itself.
func (d *docxBody) beforeTable(rev outline.Rev) {
	switch {
	case d.breakBefore:
		d.out.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		d.breakBefore = false
	case d.afterTable:
		d.out.WriteString(`<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:rPr>`)
		d.revMark(rev) // the spacer goes with an inserted or deleted table
		d.out.WriteString(`<w:sz w:val="12"/><w:szCs w:val="12"/></w:rPr></w:pPr></w:p>`)
	}
	d.afterTable, d.pageStart = false, false
}

// docxTableCellMar repeats the table style's cell margins on each table:
// the column widths are worked out for them, and LibreOffice does not
// always take them from the style.
const docxTableCellMar = `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>` +
	`<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`

// table writes a GFM table as a Word table across the text width, its
// header row repeated at the top of every page the table runs onto.
func (d *docxBody) table(b *outline.Block) {
	if len(b.Header) == 0 {
		return
	}
	d.beforeTable(b.Rev)
	widths := d.columnWidths(b)
	o := d.out
	o.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="PartnerdocsTable"/>` +
		`<w:tblW w:w="` + docxTextWTwips + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` + docxTableCellMar +
		`<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
		`</w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		o.WriteString(`<w:gridCol`)
		d.attr("w:w", w)
		o.WriteString(`/>`)
	}
	o.WriteString(`</w:tblGrid>`)
	d.row(b.Header, widths, b.Align, b.Rev, true)
	for i, r := range b.Rows {
		d.row(r, widths, b.Align, revAt(b.RowRevs, i, b.Rev), false)
	}
	o.WriteString(`</w:tbl>`)
	d.afterTable = true
}

func (d *docxBody) row(cells [][]outline.Span, widths []int, align []outline.Alignment, rev outline.Rev, header bool) {
	o := d.out
	o.WriteString(`<w:tr>`)
	if header || rev != outline.RevNone {
		o.WriteString(`<w:trPr>`)
		if header {
			o.WriteString(`<w:cantSplit/><w:tblHeader/>`)
		}
		d.revMark(rev)
		o.WriteString(`</w:trPr>`)
	}
	for i, w := range widths {
		o.WriteString(`<w:tc><w:tcPr><w:tcW`)
		d.attr("w:w", w)
		o.WriteString(` w:type="dxa"/>`)
		if header {
			// Also said by the table style's first row; said here too for
			// programs that read table styles only in part.
			o.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E1E6EC"/>`)
		}
		o.WriteString(`</w:tcPr>`)
		p := docxPara{style: "TableText"}
		if i < len(align) {
			switch align[i] {
			case outline.AlignRight:
				p.align = "right"
			case outline.AlignCenter:
				p.align = "center"
			}
		}
		d.startPara(p)
		if i < len(cells) {
			d.spans(cells[i], header)
		}
		d.endPara()
		o.WriteString(`</w:tc>`)
	}
	o.WriteString(`</w:tr>`)
}

// columnWidths shares the text width between a table's columns as the PDF
// does (see columnWidths in generator/pdf), measured with the same font metrics at
// the Word table's size, in twips that add up to the text width.
func (d *docxBody) columnWidths(b *outline.Block) []int {
	n := len(b.Header)
	natural, least := d.naturalWidth[:0], d.leastWidth[:0]
	for range n {
		natural, least = append(natural, 0), append(least, 0)
	}
	// The cell margins, and a point of slack on each side: Word and
	// LibreOffice measure a little differently, and a column exactly as
	// wide as its longest word would break that word in one of them.
	pad := 2*float64(docxCellMarLR)/20 + 2 // points
	plainSpace, boldSpace := d.textWidth(" ", false), d.textWidth(" ", true)
	measure := func(cells [][]outline.Span, bold bool) {
		for i := 0; i < n && i < len(cells); i++ {
			whole := 0.0
			d.words = cellWords(d.words[:0], cells[i], bold)
			for _, wd := range d.words {
				w, space := d.textWidth(wd.text, wd.bold), plainSpace
				if wd.bold {
					space = boldSpace
				}
				widest := w // a word without a hyphen is one piece
				if strings.IndexByte(wd.text, '-') >= 0 {
					widest = d.widestPiece(wd.text, wd.bold)
				}
				least[i] = math.Max(least[i], widest+pad)
				whole += w + space
			}
			natural[i] = math.Max(natural[i], whole+pad)
		}
	}
	measure(b.Header, true)
	for _, r := range b.Rows {
		measure(r, false)
	}
	d.naturalWidth, d.leastWidth = natural, least
	shares := outline.ShareWidth(natural, least, float64(docxTextW)/20)
	out := make([]int, n)
	total := 0
	for i, s := range shares {
		out[i] = int(math.Round(s * 20))
		total += out[i]
	}
	out[n-1] += docxTextW - total // rounding
	return out
}

// widestPiece is the width of the widest part of a word that Word and
// LibreOffice will not break: they break after a hyphen, as in an email
// address at east-northamptonshire.gov.uk, where the PDF does not.
func (d *docxBody) widestPiece(word string, bold bool) float64 {
	widest := 0.0
	for word != "" {
		i := strings.IndexByte(word, '-') + 1
		if i == 0 {
			i = len(word)
		}
		widest = math.Max(widest, d.textWidth(word[:i], bold))
		word = word[i:]
	}
	return widest
}

// textWidth measures s in points at the table's size.
func (d *docxBody) textWidth(s string, bold bool) float64 {
	return float64(d.faces.Face(bold).Width(s)) * docxTableSize / 1000
}

// quote writes a signature block as a one-cell table with a border, which
// Word and LibreOffice keep on one page and never join with the next
// signature block's box.
func (d *docxBody) quote(b *outline.Block) {
	d.beforeTable(b.Rev)
	o := d.out
	o.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="SignatureBox"/>` +
		`<w:tblW w:w="` + docxTextWTwips + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
		`</w:tblPr><w:tblGrid><w:gridCol w:w="` + docxTextWTwips + `"/></w:tblGrid>` +
		`<w:tr><w:trPr><w:cantSplit/>`)
	d.revMark(b.Rev)
	o.WriteString(`</w:trPr><w:tc><w:tcPr><w:tcW w:w="` + docxTextWTwips + `" w:type="dxa"/></w:tcPr>`)
	if len(b.Children) == 0 {
		o.WriteString(`<w:p/>`)
	}
	for i, c := range b.Children {
		d.startPara(docxPara{keepNext: i < len(b.Children)-1, keepLines: true})
		d.spans(c.Spans, false)
		d.endPara()
	}
	o.WriteString(`</w:tc></w:tr></w:tbl>`)
	d.afterTable = true
}
