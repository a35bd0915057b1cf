package generator

import (
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry and type sizes, in millimetres and points.
const (
	pageW, pageH       = 210.0, 297.0
	marginL, marginR   = 22.0, 22.0
	marginTop          = 24.0
	marginBottom       = 22.0
	textW              = pageW - marginL - marginR
	numCol             = 14.0 // width of the clause-number column
	ptPerMM            = 72 / 25.4
	bodySize, bodyLine = 10.0, 5.0
	tableSize, tableLn = 8.5, 4.0
	cellPad            = 1.5
)

// pdfMeta is what the PDF prints besides the body and records in its
// metadata.
type pdfMeta struct {
	title, subject, keywords string
	council, ref             string
	footer                   string // template id and version
	draft                    bool
	at                       time.Time
}

// pdfWriter lays the outline out on A4 pages. It measures text with the
// widths read from the font files, so measuring never touches the PDF, and
// breaks pages itself, so tables repeat their header rows and blocks that
// must stay together do.
type pdfWriter struct {
	pdf       *fpdf.Fpdf
	reg, bold *face
	meta      pdfMeta
	y         float64
	fontBold  bool
	fontSize  float64
	links     map[string]int
	topOfPage bool
	indent    float64 // left edge of the text of the last clause, for lists
	words     []word  // scratch space for the line breaker
	arena     []run   // the runs of the current block's lines
	lines     []line  // the current block's lines
}

func (g *Generator) renderPDF(o *outline, meta pdfMeta) ([]byte, error) {
	w := &pdfWriter{reg: g.regular, bold: g.bold, meta: meta, links: map[string]int{}}
	w.setup()
	for id := range o.labels {
		w.links[id] = w.pdf.AddLink()
	}
	w.newPage()
	for _, b := range o.blocks {
		w.block(b)
	}
	buf := g.pdfPools.output()
	defer g.pdfPools.putOutput(buf)
	if err := w.pdf.Output(buf); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	return g.pdfPools.compressPages(buf.Bytes(), w.pdf.PageNo())
}

func (w *pdfWriter) setup() {
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	p.SetCatalogSort(true)
	p.SetCompression(false) // pages are deflated afterwards; see pdf_compress.go
	p.SetCreationDate(w.meta.at)
	p.SetModificationDate(w.meta.at)
	p.AddUTF8FontFromBytes(fontFamily, "", w.reg.ttf)
	p.AddUTF8FontFromBytes(fontFamily, "B", w.bold.ttf)
	p.SetTitle(w.meta.title, true)
	p.SetAuthor(w.meta.council, true)
	p.SetSubject(w.meta.subject, true)
	p.SetKeywords(w.meta.keywords, true)
	p.SetCreator("partnerdocs", true)
	p.SetLang("en-GB")
	p.SetMargins(marginL, marginTop, marginR)
	p.SetAutoPageBreak(false, marginBottom)
	p.SetHeaderFuncMode(w.header, false)
	p.SetFooterFunc(w.footer)
	w.pdf = p
}

func (w *pdfWriter) setFont(bold bool, size float64) {
	if w.fontBold == bold && w.fontSize == size {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	w.pdf.SetFont(fontFamily, style, size)
	w.fontBold, w.fontSize = bold, size
}

// textWidth measures s in millimetres without touching the PDF.
func (w *pdfWriter) textWidth(s string, bold bool, size float64) float64 {
	f := w.reg
	if bold {
		f = w.bold
	}
	return float64(f.width(s)) * size / 1000 / ptPerMM
}

func (w *pdfWriter) header() {
	p := w.pdf
	if w.meta.draft {
		w.watermark()
	}
	p.SetFont(fontFamily, "", 8)
	p.SetTextColor(90, 90, 90)
	p.Text(marginL, 14, w.meta.council)
	title := w.meta.title
	if w.meta.draft {
		title += " — DRAFT, not approved"
	}
	p.Text(pageW-marginR-p.GetStringWidth(title), 14, title)
	p.SetDrawColor(150, 150, 150)
	p.SetLineWidth(0.2)
	p.Line(marginL, 16, pageW-marginR, 16)
	p.SetTextColor(0, 0, 0)
}

func (w *pdfWriter) footer() {
	p := w.pdf
	p.SetFont(fontFamily, "", 8)
	p.SetTextColor(90, 90, 90)
	page := fmt.Sprintf("Page %d of %s", p.PageNo(), pageCountMark)
	p.Text(pageW/2-p.GetStringWidth(page)/2, pageH-12, page)
	p.Text(marginL, pageH-12, w.meta.footer)
	if w.meta.ref != "" {
		p.Text(pageW-marginR-p.GetStringWidth(w.meta.ref), pageH-12, w.meta.ref)
	}
	p.SetTextColor(0, 0, 0)
}

func (w *pdfWriter) newPage() {
	w.pdf.AddPage()
	// AddPage restores the font it had; our record of it stays true, except
	// on the very first page, where there was none.
	if w.fontSize == 0 {
		w.setFont(false, bodySize)
	}
	w.y = marginTop
	w.topOfPage = true
}

// ensure starts a new page unless h millimetres fit on this one.
func (w *pdfWriter) ensure(h float64) {
	if w.y+h > pageH-marginBottom && !w.topOfPage {
		w.newPage()
	}
}

func (w *pdfWriter) block(b *block) {
	w.arena, w.lines = w.arena[:0], w.lines[:0] // the previous block's lines are printed
	switch b.kind {
	case blockTitle:
		w.title(b)
	case blockHeading:
		w.heading(b)
	case blockPara:
		w.paragraph(b)
	case blockList:
		w.list(b)
	case blockTable:
		w.table(b)
	case blockQuote:
		w.quote(b)
	case blockPageBreak:
		if !w.topOfPage {
			w.newPage()
		}
	}
}

func (w *pdfWriter) title(b *block) {
	lines := w.wrap(b.spans, textW, 18, true)
	w.ensure(float64(len(lines))*8 + 6)
	w.pdf.Bookmark(spansText(b.spans), 0, w.y)
	w.drawLines(lines, marginL, 18, 8)
	w.y += 4
}

func (w *pdfWriter) heading(b *block) {
	size, gap := 12.0, 5.0
	if b.level > 2 {
		size, gap = bodySize+0.5, 3.0
	}
	if b.schedule && !w.topOfPage {
		w.newPage()
	}
	x, width := marginL+numCol, textW-numCol
	text := []span{{text: b.headingText(), bold: true}}
	if b.schedule || b.number == "" {
		x, width = marginL, textW
	}
	if b.schedule {
		text[0].text = b.number + ": " + text[0].text
	}
	lines := w.wrap(text, width, size, true)
	lineH := size * 0.5
	// Keep a heading with at least two lines of what follows it.
	w.ensure(gap + float64(len(lines))*lineH + 2*bodyLine)
	if !w.topOfPage {
		w.y += gap
	}
	w.mark(b)
	if b.number != "" && !b.schedule {
		w.setFont(true, size)
		w.pdf.Text(marginL, w.y+lineH*0.8, b.number)
	}
	w.drawLines(lines, x, size, lineH)
	w.y += 1.5
	w.indent = x
}

// mark records where a heading is, for its bookmark and for the
// cross-references that point at it.
func (w *pdfWriter) mark(b *block) {
	level := 0
	if b.level > 2 {
		level = 1
	}
	label := b.headingText()
	if b.schedule {
		label = b.number + ": " + label
	} else if b.number != "" {
		label = b.number + " " + label
	}
	w.pdf.Bookmark(label, level, w.y)
	if id, ok := w.links[b.id]; ok && b.id != "" {
		w.pdf.SetLink(id, w.y, w.pdf.PageNo())
	}
}

func (w *pdfWriter) paragraph(b *block) {
	x := marginL
	if b.depth > 0 {
		x = marginL + numCol*float64(b.depth)
	}
	lines := w.wrap(b.spans, pageW-marginR-x, bodySize, false)
	w.ensure(float64(min(len(lines), 2)) * bodyLine)
	if b.number != "" {
		w.setFont(false, bodySize)
		w.pdf.Text(x-numCol, w.y+bodyLine*0.75, b.number)
	}
	w.drawLines(lines, x, bodySize, bodyLine)
	w.y += 2.5
	w.indent = x
}
