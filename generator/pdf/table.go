package pdf

import (
	"math"

	"partnerdocs/generator/outline"
)

// table prints a GFM table across the text width. Rows that do not fit move
// to the next page under a repeated header row; a row taller than a page is
// split between pages.
func (w *pdfWriter) table(b *outline.Block) {
	if len(b.Header) == 0 {
		return
	}
	widths := w.columnWidths(b)
	header := w.wrapRow(b.Header, widths, true)
	w.y += 1
	first := header
	if len(b.Rows) > 0 {
		first = w.wrapRow(b.Rows[0], widths, false)
	}
	w.ensure(rowHeight(header) + rowHeight(first))
	w.drawRow(header, widths, b.Align, true)
	for _, r := range b.Rows {
		w.tableRow(w.wrapRow(r, widths, false), header, widths, b.Align)
	}
	w.y += 3
}

func (w *pdfWriter) tableRow(cells [][]line, header [][]line, widths []float64, align []outline.Alignment) {
	for {
		fit := int((pageH - marginBottom - w.y - 2*cellPad) / tableLn)
		need := maxLines(cells)
		if need <= fit {
			w.drawRow(cells, widths, align, false)
			return
		}
		fullPage := int((pageH - marginBottom - marginTop - rowHeight(header) - 2*cellPad) / tableLn)
		if fit >= 2 && need > fullPage {
			head, rest := splitCells(cells, fit)
			w.drawRow(head, widths, align, false)
			cells = rest
		}
		w.newPage()
		w.drawRow(header, widths, align, true)
	}
}

func splitCells(cells [][]line, n int) (head, rest [][]line) {
	for _, c := range cells {
		k := min(n, len(c))
		head = append(head, c[:k])
		rest = append(rest, c[k:])
	}
	return head, rest
}

func maxLines(cells [][]line) int {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}

func rowHeight(cells [][]line) float64 { return float64(maxLines(cells))*tableLn + 2*cellPad }

func (w *pdfWriter) wrapRow(cells [][]outline.Span, widths []float64, bold bool) [][]line {
	out := make([][]line, len(widths))
	for i := range widths {
		var c []outline.Span
		if i < len(cells) {
			c = cells[i]
		}
		out[i] = w.wrap(c, widths[i]-2*cellPad, tableSize, bold)
	}
	return out
}

func (w *pdfWriter) drawRow(cells [][]line, widths []float64, align []outline.Alignment, header bool) {
	h := rowHeight(cells)
	p := w.pdf
	p.SetDrawColor(120, 120, 120)
	p.SetLineWidth(0.2)
	x := marginL
	w.tags.beginRow(header)
	for i, c := range cells {
		style := "D"
		if header {
			p.SetFillColor(225, 230, 236)
			style = "FD"
		}
		w.tags.artifact(artLayout)
		p.Rect(x, w.y, widths[i], h, style)
		w.tags.beginCell(header)
		for j, l := range c {
			lx := x + cellPad
			if i < len(align) && len(l) > 0 {
				lw := l[len(l)-1].x + l[len(l)-1].w
				switch align[i] {
				case outline.AlignRight:
					lx = x + widths[i] - cellPad - lw
				case outline.AlignCenter:
					lx = x + (widths[i]-lw)/2
				}
			}
			w.drawLine(l, lx, w.y+cellPad+float64(j)*tableLn, tableSize, tableLn)
		}
		w.tags.end()
		x += widths[i]
	}
	w.tags.end()
	w.y += h
	w.topOfPage = false
}

// columnWidths shares the text width between columns: each gets at least its
// longest word, and the rest goes where the text is longest.
func (w *pdfWriter) columnWidths(b *outline.Block) []float64 {
	n := len(b.Header)
	natural, least := make([]float64, n), make([]float64, n)
	measure := func(cells [][]outline.Span, bold bool) {
		for i := 0; i < n && i < len(cells); i++ {
			whole := 0.0
			w.words = words(w.words[:0], cells[i], bold)
			for _, wd := range w.words {
				ww := w.textWidth(wd.text, wd.bold, tableSize)
				least[i] = math.Max(least[i], ww+2*cellPad)
				whole += ww + w.textWidth(" ", wd.bold, tableSize)
			}
			natural[i] = math.Max(natural[i], whole+2*cellPad)
		}
	}
	measure(b.Header, true)
	for _, r := range b.Rows {
		measure(r, false)
	}
	return outline.ShareWidth(natural, least, textW)
}
