package pdf

import (
	"fmt"
	"runtime"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
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

// Renderer draws outlines as PDF. It is safe for concurrent use: the faces
// are only read, and the pools hand each document its own writer and
// buffers.
type Renderer struct {
	faces *fonts.Faces
	pools pools
	// parsed holds the faces as fpdf uses them, made once for every
	// document and only when the first PDF is drawn (see makeFaces).
	parsed func() (parsedFaces, error)
}

// parsedFaces are the faces as fpdf embeds them.
type parsedFaces struct{ reg, bold *fpdf.UTF8Font }

// New returns a renderer that sets text in faces.
func New(faces *fonts.Faces) *Renderer {
	// A render holds up to three buffers at once (the compressed document,
	// and the structure tree's objects before and after compression; see
	// structtree.go), and as many renders run as there are processors.
	return &Renderer{
		faces:  faces,
		pools:  newPools(3 * runtime.GOMAXPROCS(0)),
		parsed: sync.OnceValues(func() (parsedFaces, error) { return makeFaces(faces) }),
	}
}

// makeFaces makes the faces from fpdf's tables of them, generated with the
// fonts (see fonts.Face.FPDFTables), rather than parsing the font files,
// which cost every process about a millisecond and two megabytes.
func makeFaces(faces *fonts.Faces) (parsedFaces, error) {
	reg, err := fpdf.NewUTF8FontFromTables(faces.Regular.TTF(), faces.Regular.FPDFTables())
	if err != nil {
		return parsedFaces{}, fmt.Errorf("regular face: %w", err)
	}
	bold, err := fpdf.NewUTF8FontFromTables(faces.Bold.TTF(), faces.Bold.FPDFTables())
	if err != nil {
		return parsedFaces{}, fmt.Errorf("bold face: %w", err)
	}
	return parsedFaces{reg: reg, bold: bold}, nil
}

// pdfWriter lays the outline out on A4 pages. It measures text with the
// widths read from the font files, so measuring never touches the PDF, and
// breaks pages itself, so tables repeat their header rows and blocks that
// must stay together do.
type pdfWriter struct {
	pdf       *fpdf.Fpdf
	tags      *tagger // the structure tree and marked content (tag.go)
	reg, bold *fonts.Face
	meta      outline.Meta
	y         float64
	fontBold  bool
	fontSize  float64
	links     map[string]int
	labels    map[string]string // what a cross-reference to each id prints
	toc       *contents         // the contents list, or nil (contents.go)
	topOfPage bool
	indent    float64 // left edge of the text of the last clause, for lists
	words     []word  // scratch space for the line breaker
	arena     []run   // the runs of the current block's lines
	lines     []line  // the current block's lines
	// rest is the blocks after the one being drawn, which the page breaks
	// look ahead at (see keep.go); measured holds the columns of the table
	// measured last, so a table measured ahead is not measured again.
	rest     []*outline.Block
	measured struct {
		table  *outline.Block
		widths []float64
		align  []outline.Alignment
	}
}

// Prepare parses the faces now, if no document has yet: a one-shot render
// starts it beside the rest of its work. A fault is kept for Render.
func (r *Renderer) Prepare() { _, _ = r.parsed() }

// Render draws o on A4 pages, with m's running header and footer (and the
// DRAFT watermark while m.Draft), bookmarks for every heading, links for
// every cross-reference and, over maxUnlisted pages, a contents list. The
// same outline and metadata give the same bytes.
func (r *Renderer) Render(o *outline.Outline, m outline.Meta) ([]byte, error) {
	parsed, err := r.parsed()
	if err != nil {
		return nil, err
	}
	o, m = r.drawableOutline(o, m)
	w := r.layout(o, m, parsed)
	// The pages are deflated on other cores while fpdf writes the rest.
	w.pdf.FinishPages()
	pages := w.pdf.PageContents()
	fillPageCount(pages)
	df := r.pools.deflatePages(pages)
	defer df.release(&r.pools)
	plain, err := w.pdf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	out := r.pools.output()
	defer r.pools.putOutput(out)
	pdf, err := r.pools.compressPages(plain, df, out)
	if err != nil {
		return nil, err
	}
	// The document's own copy is made once, with the tree appended.
	return w.tags.appendStructure(pdf, &r.pools)
}

// draw lays o out on a new writer, with a contents list of entries unless
// there are none.
func (r *Renderer) draw(o *outline.Outline, m outline.Meta, faces parsedFaces, entries []tocEntry) *pdfWriter {
	w := &pdfWriter{reg: r.faces.Regular, bold: r.faces.Bold, meta: m, links: map[string]int{}, labels: o.Labels}
	w.setup(faces)
	for id := range o.Labels {
		w.links[id] = w.pdf.AddLink()
	}
	if len(entries) > 0 {
		w.toc = &contents{entries: append([]tocEntry(nil), entries...)}
	}
	w.newPage()
	for i, b := range o.Blocks {
		w.rest = o.Blocks[i+1:]
		if w.toc != nil && w.toc.start == 0 && b.Kind == outline.Heading {
			w.reserveContents(w.toc)
		}
		w.block(b)
	}
	if w.toc != nil {
		w.drawContents(w.toc)
	}
	w.tags.close()
	return w
}

func (w *pdfWriter) setup(faces parsedFaces) {
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	p.SetCatalogSort(true)
	p.SetCompression(false) // pages are deflated afterwards; see pdf_compress.go
	p.SetCreationDate(w.meta.At)
	p.SetModificationDate(w.meta.At)
	p.AddUTF8FontParsed(fonts.Family, "", faces.reg)
	p.AddUTF8FontParsed(fonts.Family, "B", faces.bold)
	p.SetTitle(w.meta.DocumentTitle(), true)
	p.SetAuthor(w.meta.Council, true)
	p.SetSubject(w.meta.Subject, true)
	p.SetKeywords(w.meta.Keywords, true)
	p.SetCreator(creator, true)
	p.SetProducer(producer, true)
	p.SetLang("en-GB")
	p.SetXmpMetadata(xmpMetadata(w.meta))
	p.SetMargins(marginL, marginTop, marginR)
	p.SetAutoPageBreak(false, marginBottom)
	p.SetHeaderFuncMode(w.header, false)
	p.SetFooterFunc(w.footer)
	w.pdf = p
	w.tags = newTagger(p)
}

func (w *pdfWriter) setFont(bold bool, size float64) {
	if w.fontBold == bold && w.fontSize == size {
		return
	}
	style := ""
	if bold {
		style = "B"
	}
	w.pdf.SetFont(fonts.Family, style, size)
	w.fontBold, w.fontSize = bold, size
}

// textWidth measures s in millimetres without touching the PDF.
func (w *pdfWriter) textWidth(s string, bold bool, size float64) float64 {
	f := w.reg
	if bold {
		f = w.bold
	}
	return float64(f.Width(s)) * size / 1000 / ptPerMM
}

func (w *pdfWriter) header() {
	p := w.pdf
	if w.meta.Draft {
		w.tags.artifact(artWatermark)
		w.watermark()
	}
	w.tags.artifact(artHeader)
	p.SetFont(fonts.Family, "", 8)
	p.SetTextColor(90, 90, 90)
	p.Text(marginL, 14, w.meta.Council)
	title := w.meta.Title
	if w.meta.Draft {
		title += " — DRAFT, not approved"
	}
	p.Text(pageW-marginR-p.GetStringWidth(title), 14, title)
	p.SetDrawColor(150, 150, 150)
	p.SetLineWidth(0.2)
	p.Line(marginL, 16, pageW-marginR, 16)
	p.SetTextColor(0, 0, 0)
	w.tags.close()
}

func (w *pdfWriter) footer() {
	p := w.pdf
	w.tags.close()
	w.tags.artifact(artFooter)
	p.SetFont(fonts.Family, "", 8)
	p.SetTextColor(90, 90, 90)
	page := fmt.Sprintf("Page %d of %s", p.PageNo(), pageCountMark)
	p.Text(pageW/2-p.GetStringWidth(page)/2, pageH-12, page)
	p.Text(marginL, pageH-12, w.meta.Footer)
	if w.meta.Ref != "" {
		p.Text(pageW-marginR-p.GetStringWidth(w.meta.Ref), pageH-12, w.meta.Ref)
	}
	p.SetTextColor(0, 0, 0)
	w.tags.close()
}

func (w *pdfWriter) newPage() {
	w.tags.close() // marked content never runs over a page
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

func (w *pdfWriter) block(b *outline.Block) {
	w.arena, w.lines = w.arena[:0], w.lines[:0] // the previous block's lines are printed
	if typ, attrs := blockType(b); typ != "" {
		w.tags.begin(typ, attrs)
		defer w.tags.end()
	}
	switch b.Kind {
	case outline.Title:
		w.title(b)
	case outline.Heading:
		w.heading(b)
	case outline.Paragraph:
		w.paragraph(b)
	case outline.List:
		w.list(b)
	case outline.Table:
		w.table(b)
	case outline.Quote:
		w.quote(b)
	case outline.Notes:
		w.notes(b)
	case outline.RiskMatrix:
		w.matrix(b)
	case outline.PageBreak:
		if !w.topOfPage {
			w.newPage()
		}
	}
}

func (w *pdfWriter) title(b *outline.Block) {
	lines := w.wrap(b.Spans, textW, 18, true)
	w.ensure(float64(len(lines))*8 + 6)
	w.pdf.Bookmark(outline.Text(b.Spans), 0, w.y)
	w.drawLines(lines, marginL, 18, 8)
	w.y += 4
}

// headingLines wraps a heading, and says its type size and the space
// above it.
func (w *pdfWriter) headingLines(b *outline.Block) (lines []line, size, gap float64) {
	size, gap = 12.0, 5.0
	if b.Level > 2 {
		size, gap = bodySize+0.5, 3.0
	}
	width := textW - numCol
	text := []outline.Span{{Text: b.HeadingText(), Bold: true}}
	if b.Schedule || b.Number == "" {
		width = textW
	}
	if b.Schedule {
		text[0].Text = b.Number + ": " + text[0].Text
	}
	return w.wrap(text, width, size, true), size, gap
}

func (w *pdfWriter) heading(b *outline.Block) {
	if b.Schedule && !w.topOfPage {
		w.newPage()
	}
	x := marginL + numCol
	if b.Schedule || b.Number == "" {
		x = marginL
	}
	lines, size, gap := w.headingLines(b)
	lineH := size * 0.5
	// Keep a heading with the start of what follows it (see keep.go).
	w.ensure(gap + float64(len(lines))*lineH + 1.5 + w.fits(w.need(w.rest, 1)))
	if !w.topOfPage {
		w.y += gap
	}
	w.mark(b)
	if b.Number != "" && !b.Schedule {
		w.setFont(true, size)
		w.tags.content()
		// The space, which prints as nothing, keeps the number a word of
		// its own for whoever reads the heading's text from the tree.
		w.pdf.Text(marginL, w.y+lineH*0.8, b.Number+" ")
	}
	w.drawLines(lines, x, size, lineH)
	w.y += 1.5
	w.indent = x
}

// mark records where a heading is, for its bookmark and for the
// cross-references that point at it.
func (w *pdfWriter) mark(b *outline.Block) {
	level := 0
	if b.Level > 2 {
		level = 1
	}
	label := b.HeadingText()
	if b.Schedule {
		label = b.Number + ": " + label
	} else if b.Number != "" {
		label = b.Number + " " + label
	}
	w.pdf.Bookmark(label, level, w.y)
	if id, ok := w.links[b.ID]; ok && b.ID != "" {
		w.pdf.SetLink(id, w.y, w.pdf.PageNo())
	}
	w.markContents(b)
}

// paragraphX is the left edge of a paragraph's text.
func paragraphX(b *outline.Block) float64 {
	if b.Depth > 0 {
		return marginL + numCol*float64(b.Depth)
	}
	return marginL
}

func (w *pdfWriter) paragraph(b *outline.Block) {
	x := paragraphX(b)
	lines := w.wrap(b.Spans, pageW-marginR-x, bodySize, false)
	var number func()
	if b.Number != "" {
		number = func() {
			w.setFont(false, bodySize)
			w.tags.content()
			w.pdf.Text(x-numCol, w.y+bodyLine*0.75, b.Number+" ") // a word of its own, as the heading's
		}
	}
	w.flowLines(lines, x, bodySize, bodyLine, w.keepAfter(b), number)
	w.y += 2.5
	w.indent = x
}
