package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"partnerdocs/generator/outline"
)

// The risk matrix: likelihood down the side, highest at the top, against
// impact along the bottom, each cell shaded by its band and saying the
// band's name in words, with the refs of its risks under it; the axes
// numbered and named, and a legend of the bands. It is drawn as vector
// graphics and text inside one Figure element whose /Alt describes it in
// words (outline.Matrix.Alt), and it is never split between pages.

// Matrix geometry, in millimetres and points.
const (
	mxLabelW   = 32.0                                    // the likelihood labels' column
	mxColW     = (textW - mxLabelW) / outline.MatrixSize // each impact's column
	mxMinRowH  = 12.0
	mxMaxLines = 8 // of refs in a cell
	mxPad      = 1.5
	mxBandSize = 7.5 // the band's name in each cell
	mxBandLine = 3.6
	mxSize     = 8.0 // refs and axis labels
	mxLine     = 3.6
	mxAxisH    = 5.0 // a row of axis labels
	mxLegendH  = 7.0
	mxGap      = 2.0
)

// mxFills are the bands' shades, highest band first: pale red, amber and
// green, light enough for black text; any further band takes the last.
var mxFills = [...][3]int{{244, 199, 195}, {253, 229, 170}, {215, 235, 207}}

// matrixLayout is a matrix's cells wrapped and its rows' heights.
type matrixLayout struct {
	cells [outline.MatrixSize][outline.MatrixSize][]line
	rowH  [outline.MatrixSize]float64
	h     float64 // the whole figure, axis labels, legend and gap included
}

func (w *pdfWriter) layoutMatrix(m *outline.Matrix) *matrixLayout {
	l := &matrixLayout{h: 3*mxAxisH + 2*mxGap + mxLegendH}
	for r := range m.Cells {
		l.rowH[r] = mxMinRowH
		for c, cell := range m.Cells[r] {
			if len(cell.Refs) == 0 {
				continue
			}
			l.cells[r][c] = w.wrapRefs(cell)
			l.rowH[r] = max(l.rowH[r], 2*mxPad+mxBandLine+float64(len(l.cells[r][c]))*mxLine)
		}
		l.h += l.rowH[r]
	}
	return l
}

// wrapRefs wraps a cell's refs in at most mxMaxLines lines, so that the
// figure always fits a page: as many refs as fit, then how many more.
func (w *pdfWriter) wrapRefs(cell outline.MatrixCell) []line {
	n := len(cell.Refs)
	for {
		lines := w.wrap([]outline.Span{{Text: cell.RefsText(n)}}, mxColW-2*mxPad, mxSize, false)
		if len(lines) <= mxMaxLines || n == 0 {
			return lines
		}
		n = min(n-1, n*(mxMaxLines-1)/len(lines))
	}
}

// matrixHeight is the height the figure needs on one page.
func (w *pdfWriter) matrixHeight(b *outline.Block) float64 {
	if b.Matrix == nil {
		return 0
	}
	return w.layoutMatrix(b.Matrix).h
}

// matrix draws a risk matrix block on one page.
func (w *pdfWriter) matrix(b *outline.Block) {
	m := b.Matrix
	if m == nil {
		return
	}
	l := w.layoutMatrix(m)
	w.y += 1
	w.ensure(l.h)
	w.tags.content()
	top := w.y
	p := w.pdf
	p.SetLineWidth(0.2)
	p.SetDrawColor(90, 90, 90)
	w.setFont(true, mxSize)
	p.Text(marginL, w.y+mxAxisH*0.7, "Likelihood")
	w.y += mxAxisH
	for r := range m.Cells {
		w.matrixRow(m, l, r)
	}
	w.matrixImpactAxis()
	w.matrixLegend(m)
	w.figureBBox(top, w.y)
	w.y += mxGap
	w.topOfPage = false
}

// figureBBox gives the Figure element being drawn its bounding box, from
// top to bottom millimetres down the page across the text width, in
// points from the page's bottom left corner (ISO 32000-1, 14.8.5.4.3).
func (w *pdfWriter) figureBBox(top, bottom float64) {
	e := w.tags.top()
	if e < 0 {
		return
	}
	w.tags.elems[e].attrs += fmt.Sprintf(" /A <</O /Layout /Placement /Block /BBox [%.2f %.2f %.2f %.2f]>>",
		marginL*ptPerMM, (pageH-bottom)*ptPerMM, (pageW-marginR)*ptPerMM, (pageH-top)*ptPerMM)
}

// matrixRow draws row r: its likelihood and its five cells.
func (w *pdfWriter) matrixRow(m *outline.Matrix, l *matrixLayout, r int) {
	p, h := w.pdf, l.rowH[r]
	n := m.Likelihood(r)
	w.setFont(true, mxSize)
	p.Text(marginL, w.y+h/2+1, strconv.Itoa(n))
	w.setFont(false, mxSize)
	p.Text(marginL+4, w.y+h/2+1, outline.LikelihoodWord(n))
	for c, cell := range m.Cells[r] {
		x := marginL + mxLabelW + float64(c)*mxColW
		fill := mxFills[min(cell.Band, len(mxFills)-1)]
		p.SetFillColor(fill[0], fill[1], fill[2])
		p.Rect(x, w.y, mxColW, h, "FD")
		w.setFont(true, mxBandSize)
		p.Text(x+mxPad, w.y+mxPad+mxBandLine*0.75, m.Bands[cell.Band].Name)
		for i, ln := range l.cells[r][c] {
			w.drawLine(ln, x+mxPad, w.y+mxPad+mxBandLine+float64(i)*mxLine, mxSize, mxLine)
		}
	}
	w.y += h
}

// matrixImpactAxis numbers and names each impact under its column, and
// names the axis under them.
func (w *pdfWriter) matrixImpactAxis() {
	p := w.pdf
	for c := range outline.MatrixSize {
		label := strconv.Itoa(c+1) + " " + outline.ImpactWord(c+1)
		w.setFont(false, mxSize)
		x := marginL + mxLabelW + float64(c)*mxColW + (mxColW-w.textWidth(label, false, mxSize))/2
		p.Text(x, w.y+mxAxisH*0.75, label)
	}
	w.y += mxAxisH
	w.setFont(true, mxSize)
	x := marginL + mxLabelW + (textW-mxLabelW-w.textWidth("Impact", true, mxSize))/2
	p.Text(x, w.y+mxAxisH*0.7, "Impact")
	w.y += mxAxisH + mxGap
}

// matrixLegend shows each band's shade, name and scores in a row.
func (w *pdfWriter) matrixLegend(m *outline.Matrix) {
	p := w.pdf
	x := marginL + mxLabelW
	for i, band := range m.Bands {
		fill := mxFills[min(i, len(mxFills)-1)]
		p.SetFillColor(fill[0], fill[1], fill[2])
		p.Rect(x, w.y+1, 6, 4, "FD")
		text := band.Name + ": " + m.BandRange(i)
		w.setFont(false, mxSize)
		p.Text(x+8, w.y+4.2, text)
		x += 8 + w.textWidth(text, false, mxSize) + 8
	}
	w.y += mxLegendH
}

// figureAttrs are a Figure element's entries: its /Alt.
func figureAttrs(b *outline.Block) string {
	if b.Matrix == nil {
		return ""
	}
	return "/Alt " + textString(b.Matrix.Alt())
}

// textString is s as a PDF text string in UTF-16, written in hex, so any
// text a user typed is safe in it.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	const hex = "0123456789ABCDEF"
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(hex[u>>12])
		b.WriteByte(hex[u>>8&15])
		b.WriteByte(hex[u>>4&15])
		b.WriteByte(hex[u&15])
	}
	b.WriteByte('>')
	return b.String()
}
