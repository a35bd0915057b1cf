package pdf

import (
	"strings"
	"unicode"

	"partnerdocs/generator/outline"
)

// table prints a GFM table across the text width. Rows that do not fit move
// to the next page under a repeated header row; a row taller than a page is
// split between pages.
func (w *pdfWriter) table(b *outline.Block) {
	if len(b.Header) == 0 {
		return
	}
	widths, align := w.tableColumns(b)
	header := w.wrapRow(b.Header, widths, true)
	w.y += 1
	first := header
	if len(b.Rows) > 0 {
		first = w.wrapRow(b.Rows[0], widths, false)
	}
	w.ensure(rowHeight(header) + rowHeight(first))
	w.drawRow(header, widths, align, true)
	for _, r := range b.Rows {
		w.tableRow(w.wrapRow(r, widths, false), header, widths, align)
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

// Column widths. A table's columns are set from what they hold, so that a
// word is broken only when it alone is wider than its column can ever be
// (and then with a visible hyphen, see splitWord):
//
//   - each column is at least as wide as its widest word, and a short
//     header ("Likelihood", "Better when") stays on one line while the
//     table has room for it;
//   - a column of numbers is as wide as its widest number (or its header)
//     and no wider, and its numbers are right-aligned;
//   - the width left over is shared by the text columns in proportion to
//     how much text each holds, none wider than its longest cell needs;
//   - when the widest words do not fit side by side, a compound word
//     ("Northamptonshire-wide") may break after its own hyphen or slash;
//   - when even its parts do not fit, the columns with the widest words
//     are narrowed to one common width, so only words wider than that
//     width are hyphenated and short ones never are.
//
// The docx copy shares its columns by outline.ShareWidth; the PDF, which
// sets its own lines, can keep words whole where Word would too.

const (
	// shortHeader is the widest a header may be and still be kept on one
	// line, in millimetres (about 18 characters of bold table text).
	shortHeader = 30.0
	// fitSlack keeps a column a hair wider than the word it was sized
	// for, so rounding never pushes that word onto a line of its own.
	fitSlack = 0.01
)

// column is what a table's column holds, measured in millimetres.
type column struct {
	word    float64 // the widest word of the header and the body
	part    float64 // the widest part of a word between its own hyphens or slashes
	header  float64 // the header on one line
	natural float64 // the longest cell (or the header) on one line
	content float64 // every cell on one line, end to end
	numeric bool    // every body cell that is not empty is a number
}

// tableColumns is columns, measured once for a table the page breaks
// looked at before it was drawn.
func (w *pdfWriter) tableColumns(b *outline.Block) ([]float64, []outline.Alignment) {
	m := &w.measured
	if m.table != b {
		m.table = b
		m.widths, m.align = w.columns(b)
	}
	return m.widths, m.align
}

// columns returns the widths and alignments of b's columns.
func (w *pdfWriter) columns(b *outline.Block) ([]float64, []outline.Alignment) {
	n := len(b.Header)
	cols := make([]column, n)
	for i := range cols {
		cols[i].numeric = true
	}
	numbers := make([]bool, n) // a column holds at least one number
	w.measureRow(cols, b.Header, true, nil)
	for _, r := range b.Rows {
		w.measureRow(cols, r, false, numbers)
	}
	align := make([]outline.Alignment, n)
	for i := range cols {
		cols[i].numeric = cols[i].numeric && numbers[i]
		if i < len(b.Align) {
			align[i] = b.Align[i]
		}
		if align[i] == outline.AlignNone && cols[i].numeric {
			align[i] = outline.AlignRight
		}
	}
	return shareColumns(cols, textW), align
}

// measureRow adds a row's cells to what cols know of their columns; a
// body row also says which columns hold numbers (numbers) and which hold
// other text (numeric cleared).
func (w *pdfWriter) measureRow(cols []column, cells [][]outline.Span, header bool, numbers []bool) {
	for i := 0; i < len(cols) && i < len(cells); i++ {
		whole := 0.0
		w.words = words(w.words[:0], cells[i], header)
		for j, wd := range w.words {
			ww := w.textWidth(wd.text, wd.bold, tableSize)
			cols[i].word = max(cols[i].word, ww)
			cols[i].part = max(cols[i].part, w.widestPart(wd.text, wd.bold, ww))
			if j > 0 && wd.spaceBefore {
				whole += w.textWidth(" ", wd.bold, tableSize)
			}
			whole += ww
		}
		cols[i].natural = max(cols[i].natural, whole)
		cols[i].content += whole
		if header {
			cols[i].header = whole
			continue
		}
		switch text := strings.TrimSpace(outline.Text(cells[i])); {
		case isNumber(text):
			numbers[i] = true
		case text != "" && text != "—" && text != "-":
			cols[i].numeric = false
		}
	}
}

// widestPart is the width of the widest part of word (ww wide) that
// splitWord may keep whole: the word between its own hyphens or slashes,
// each kept with the part before it.
func (w *pdfWriter) widestPart(word string, bold bool, ww float64) float64 {
	if !strings.ContainsAny(word, "-/") {
		return ww
	}
	widest, start := 0.0, 0
	for i, r := range word {
		if r == '-' || r == '/' {
			widest = max(widest, w.textWidth(word[start:i+1], bold, tableSize))
			start = i + 1
		}
	}
	return max(widest, w.textWidth(word[start:], bold, tableSize))
}

// isNumber reports whether s is a number as the templates print one:
// digits with thousands commas and a decimal point, perhaps signed, in
// brackets, after a currency sign or before a per cent sign ("£1,500.75",
// "-3", "61.5", "12%").
func isNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimSuffix(s, ")"), "(")
	s = strings.TrimLeft(s, "-−+")
	s = strings.TrimLeft(s, "£€$")
	s = strings.TrimSuffix(s, "%")
	digits := 0
	for _, c := range s {
		switch {
		case unicode.IsDigit(c):
			digits++
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digits > 0 && unicode.IsDigit(rune(s[0])) && unicode.IsDigit(rune(s[len(s)-1]))
}

// shareColumns shares total between cols as the comment above says.
func shareColumns(cols []column, total float64) []float64 {
	n := len(cols)
	least, most := make([]float64, n), make([]float64, n)
	pad := 2*cellPad + fitSlack
	for i, c := range cols {
		least[i] = max(c.word, c.header) + pad
		if c.header > shortHeader {
			least[i] = c.word + pad
		}
	}
	if sum(least) > total { // no room to keep short headers whole
		for i, c := range cols {
			least[i] = c.word + pad
		}
	}
	if sum(least) > total { // compound words break at their own hyphens
		for i, c := range cols {
			least[i] = c.part + pad
		}
	}
	if sum(least) > total {
		capWidth(least, total)
	}
	for i, c := range cols {
		most[i] = max(least[i], c.natural+pad)
		if c.numeric {
			most[i] = least[i]
		}
	}
	widths := make([]float64, n)
	if sum(most) <= total {
		copy(widths, most)
		spread(widths, cols, total-sum(most))
		return widths
	}
	// Find k so that the widths k × content, each kept between its
	// column's least and most, fill total: the sum grows with k, so
	// halving the interval finds it.
	lo, hi := 0.0, 0.0
	for i, c := range cols {
		if c.content > 0 {
			hi = max(hi, most[i]/c.content)
		}
	}
	fill := func(k float64) float64 {
		for i, c := range cols {
			widths[i] = min(max(k*c.content, least[i]), most[i])
		}
		return sum(widths)
	}
	for range 60 {
		if mid := (lo + hi) / 2; fill(mid) < total {
			lo = mid
		} else {
			hi = mid
		}
	}
	fill(hi)
	widest := 0
	for i := range widths {
		if widths[i] > widths[widest] {
			widest = i
		}
	}
	widths[widest] += total - sum(widths) // what halving leaves, a few nanometres
	return widths
}

// capWidth narrows the widest of least to one common width so that they
// all fit in total: the columns with the longest words give way, and
// words narrower than that width stay whole.
func capWidth(least []float64, total float64) {
	// An even share always fits, the full width never does.
	lo, hi := total/float64(len(least)), total
	capped := func(c float64) float64 {
		s := 0.0
		for _, l := range least {
			s += min(l, c)
		}
		return s
	}
	for range 60 {
		if mid := (lo + hi) / 2; capped(mid) > total {
			hi = mid
		} else {
			lo = mid
		}
	}
	for i := range least {
		least[i] = min(least[i], lo)
	}
}

// spread shares extra width, when every cell fits on one line, between
// the text columns in proportion to their longest cells (between all of
// them in a table of numbers).
func spread(widths []float64, cols []column, extra float64) {
	weight := 0.0
	for i, c := range cols {
		if !c.numeric {
			weight += widths[i]
		}
	}
	all := weight == 0
	if all {
		weight = sum(widths)
	}
	for i, c := range cols {
		if all || !c.numeric {
			widths[i] += extra * widths[i] / weight
		}
	}
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
