package pdf

import "partnerdocs/generator/outline"

// The drafting notes box: a shaded, bordered box across the text width,
// its title and paragraphs followed by a bulleted list. A box longer than
// the space left on a page continues on the next, each page's part boxed
// on its own. It carries no number and no bookmark: it is not a clause.

const (
	notesPad         = 3.5  // inside the box's border, millimetres
	notesSize        = 9.0  // points
	notesLine        = 4.5  // millimetres
	notesTitleSize   = 11.0 // points
	notesTitleLine   = 5.5
	notesLabelW      = 5.0
	notesBorderWidth = 0.5
)

// boxLine is one printed line of the box: x is from the box's inner left
// edge; label, when set, is printed before it (a bullet).
type boxLine struct {
	l            line
	x            float64
	label        string
	size, height float64
	gap          float64 // space after it
	child, item  int     // which of the box's children, and which item of a list (else -1), for tagging
}

func (w *pdfWriter) notes(b *outline.Block) {
	lines := w.notesLines(b, textW-2*notesPad)
	if len(lines) == 0 {
		return
	}
	w.ensure(2*notesPad + lines[0].height + 2*notesLine)
	w.y += 1
	at := boxTag{child: -1, item: -1}
	for len(lines) > 0 {
		n, h := w.boxFit(lines)
		switch {
		case n == 0 && w.topOfPage: // a line taller than a page: print it anyway
			n, h = 1, lines[0].height+2*notesPad
		case n == 0:
			w.newPage()
			continue
		}
		w.drawBox(lines[:n], h, &at)
		lines = lines[n:]
		if len(lines) > 0 {
			w.newPage()
		}
	}
	at.move(w.tags, boxLine{child: -1, item: -1})
	w.y += 4
}

// notesLines wraps the box's children into lines.
func (w *pdfWriter) notesLines(b *outline.Block, width float64) []boxLine {
	var out []boxLine
	for i, c := range b.Children {
		switch c.Kind {
		case outline.List:
			for j, item := range c.Items {
				ls := w.wrap(item, width-notesLabelW, notesSize, false)
				for k, l := range ls {
					bl := boxLine{l: l, x: notesLabelW, size: notesSize, height: notesLine, child: i, item: j}
					if k == 0 {
						bl.label = c.ItemLabel(j)
					}
					out = append(out, bl)
				}
				out[len(out)-1].gap = 1.2
			}
		default:
			size, height := notesSize, notesLine
			if i == 0 {
				size, height = notesTitleSize, notesTitleLine
			}
			for _, l := range w.wrap(c.Spans, width, size, false) {
				out = append(out, boxLine{l: l, size: size, height: height, child: i, item: -1})
			}
			out[len(out)-1].gap = 1.5
		}
	}
	return out
}

// boxFit is how many of lines fit on this page inside a box, and the
// box's height for them.
func (w *pdfWriter) boxFit(lines []boxLine) (int, float64) {
	room := pageH - marginBottom - w.y - 2*notesPad
	h := 0.0
	for i, l := range lines {
		if h+l.height > room {
			return i, h + 2*notesPad
		}
		h += l.height + l.gap
	}
	return len(lines), h + 2*notesPad
}

// drawBox shades and borders a box h high at the cursor, then prints lines
// in it.
func (w *pdfWriter) drawBox(lines []boxLine, h float64, at *boxTag) {
	p := w.pdf
	p.SetFillColor(243, 242, 241)
	p.SetDrawColor(11, 12, 12)
	p.SetLineWidth(notesBorderWidth)
	w.tags.artifact(artLayout)
	p.Rect(marginL, w.y, textW, h, "FD")
	y := w.y + notesPad
	x0 := marginL + notesPad
	for _, l := range lines {
		at.move(w.tags, l)
		if l.label != "" {
			w.setFont(false, l.size)
			w.tags.content()
			p.Text(x0, y+l.height*0.75, l.label)
			w.tags.labelDone()
		}
		w.drawLine(l.l, x0+l.x, y, l.size, l.height)
		y += l.height + l.gap
	}
	w.y += h
	w.topOfPage = false
}

// boxTag is where the box's lines are in its structure: which child (a P,
// or an L) and which list item is open. The box's lines are flat, and a
// box may run over pages, so the elements are opened and closed as the
// lines move from one child or item to the next.
type boxTag struct{ child, item int }

// move closes the elements the line l leaves and opens those it enters;
// a line with child -1 closes everything.
func (b *boxTag) move(t *tagger, l boxLine) {
	if l.child != b.child || l.item != b.item {
		if b.item >= 0 {
			t.endItem()
		}
		b.item = -1
	}
	if l.child != b.child {
		if b.child >= 0 {
			t.end()
		}
		if b.child = l.child; b.child >= 0 {
			if l.item >= 0 {
				t.begin("L", "/A <</O /List /ListNumbering /Disc>>")
			} else {
				t.begin("P", "")
			}
		}
	}
	if l.item >= 0 && l.item != b.item {
		t.beginItem()
		b.item = l.item
	}
}
