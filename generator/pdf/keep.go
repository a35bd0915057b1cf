package pdf

import "partnerdocs/generator/outline"

// Keeping blocks together. The writer draws one block at a time, but
// looks ahead at the blocks that follow (pdfWriter.rest) to know how much
// of them must share a page with the end of the block it draws:
//
//   - a heading keeps with its first lines (or the first lines of the
//     heading under it, and so on);
//   - a paragraph that leads in to a table or a list keeps its last lines
//     with the table's header row and first row, or the list's first item;
//   - a signature or decision block is never split, and the last one of a
//     document is never alone on its page: the block before it keeps with
//     it;
//   - no page starts with the last line of a paragraph or ends with its
//     first line, where the paragraph has lines enough (flowLines).
//
// The look-ahead measures with the same wrapping the drawing uses, so it
// is exact; a table's columns, measured once, are kept for its drawing.

// keepDepth bounds how many blocks one keep may chain (a heading, the
// heading under it, a lead-in, a table).
const keepDepth = 4

// pageBody is the height a page holds between its margins.
const pageBody = pageH - marginBottom - marginTop

// keepAfter is how much of what follows the block being drawn must share
// its page with the block's end: the next block's start when it is a
// lead-in's table or list, or the document's last block when that is a
// signature or decision block; otherwise nothing.
func (w *pdfWriter) keepAfter(b *outline.Block) float64 {
	if len(w.rest) == 0 {
		return 0
	}
	next := w.rest[0]
	switch {
	case len(w.rest) == 1 && next.Kind == outline.Quote:
	case b.Kind == outline.Paragraph && (next.Kind == outline.Table || next.Kind == outline.List):
	default:
		return 0
	}
	return w.fits(2.5 + w.need(w.rest, 0))
}

// fits is keep, or nothing when keep with two lines before it would not
// fit on an empty page, so that a keep never pushes a block off every
// page.
func (w *pdfWriter) fits(keep float64) float64 {
	if keep+2*bodyLine > pageBody {
		return 0
	}
	return keep
}

// need is the height that must stand on one page from the start of
// blocks[0]: the part of it that may not be parted from its start.
func (w *pdfWriter) need(blocks []*outline.Block, depth int) float64 {
	if len(blocks) == 0 || depth >= keepDepth {
		return 0
	}
	b, rest := blocks[0], blocks[1:]
	h := 0.0
	switch b.Kind {
	case outline.Heading:
		if b.Schedule {
			return 0 // a schedule starts a page of its own
		}
		lines, size, gap := w.headingLines(b)
		h = gap + float64(len(lines))*size*0.5 + 1.5 + w.need(rest, depth+1)
	case outline.Paragraph:
		x := paragraphX(b)
		n := len(w.wrap(b.Spans, pageW-marginR-x, bodySize, false))
		h = float64(headLines(n)) * bodyLine
		if n <= 3 && len(rest) > 0 && (rest[0].Kind == outline.Table || rest[0].Kind == outline.List) {
			h += 2.5 + w.need(rest, depth+1)
		}
	case outline.List:
		if len(b.Items) > 0 {
			n := len(w.wrap(b.Items[0], pageW-marginR-w.listX()-listLabelW, bodySize, false))
			h = float64(headLines(n)) * bodyLine
		}
	case outline.Table:
		if len(b.Header) > 0 {
			widths, _ := w.tableColumns(b)
			h = 1 + rowHeight(w.wrapRow(b.Header, widths, true))
			if len(b.Rows) > 0 {
				h += rowHeight(w.wrapRow(b.Rows[0], widths, false))
			}
		}
	case outline.Quote:
		h = 1 + w.quoteHeight(b)
		if len(rest) == 1 && rest[0].Kind == outline.Quote {
			h += 3 + w.need(rest, depth+1)
		}
	case outline.Notes:
		h = 1 + 2*notesPad + notesTitleLine + 2*notesLine
	case outline.RiskMatrix:
		h = 1 + w.matrixHeight(b)
	}
	return min(h, pageBody)
}

// headLines is how many of a paragraph's n lines must start its page: all
// of them when it is too short to split without leaving one line alone.
func headLines(n int) int {
	if n <= 3 {
		return n
	}
	return 2
}

// flowLines prints lines from the cursor down, as drawLines does, but
// chooses the page breaks: no page ends with the first line alone or
// starts with the last line alone, where there are lines enough to avoid
// it, and the last lines share their page with keep millimetres of what
// follows. first, when not nil, prints what stands beside the first line
// (a clause number, a list label) once its page is settled.
func (w *pdfWriter) flowLines(lines []line, x0, size, lineH, keep float64, first func()) {
	const bottom = pageH - marginBottom
	for len(lines) > 0 {
		n := len(lines)
		fit := int((bottom-w.y)/lineH + 1e-9)
		k := n // lines to print on this page
		switch {
		case n <= fit && w.y+float64(n)*lineH+keep <= bottom:
		case n <= fit: // they fit, what must follow them does not
			k = n - 2
		default:
			k = min(fit, n-2)
		}
		if k < 2 && k != n {
			k = 0
		}
		if k == 0 {
			if !w.topOfPage {
				w.newPage()
				continue
			}
			k = min(max(fit, 1), n) // nothing to gain from a new page
		}
		if first != nil {
			first()
			first = nil
		}
		w.drawLines(lines[:k], x0, size, lineH)
		lines = lines[k:]
		if len(lines) > 0 {
			w.newPage()
		}
	}
}
