package pdf

import (
	"strings"

	"partnerdocs/generator/outline"
)

// run is a stretch of one line printed in one face; x and w are millimetres
// from the line's left edge.
type run struct {
	text string
	bold bool
	ref  string
	rev  outline.Rev // a redline's mark: underlined if inserted, struck through if deleted
	mark bool        // the words of a placeholder: highlighted
	x, w float64
	// text is whole[start:end] while the run holds words of one span
	// separated by single spaces, so building a line costs no copying.
	whole      string
	start, end int
}

type line []run

// word is a unit the line breaker never splits (unless it is wider than the
// line on its own).
type word struct {
	text        string
	bold        bool
	ref         string
	rev         outline.Rev
	mark        bool // part of a placeholder
	spaceBefore bool
	brAfter     bool
	whole       string // the span's text; text is whole[start:end]
	start, end  int
}

// words appends the words of spans to out, which callers reuse. A word
// that is part of a placeholder (see outline.Placeholder) is marked.
func words(out []word, spans []outline.Span, allBold bool) []word {
	space := false
	var marks [][2]int
	for _, s := range spans {
		bold := s.Bold || allBold
		if s.Ref != "" {
			out = append(out, word{text: s.Text, bold: bold, ref: s.Ref, rev: s.Rev, spaceBefore: space})
			space = false
		} else {
			first := len(out)
			start := -1
			for i, r := range s.Text {
				if r == ' ' || r == '\t' || r == '\n' {
					if start >= 0 {
						out = append(out, word{text: s.Text[start:i], bold: bold, rev: s.Rev, spaceBefore: space, whole: s.Text, start: start, end: i})
						space = false
						start = -1
					}
					space = true
				} else if start < 0 {
					start = i
				}
			}
			if start >= 0 {
				out = append(out, word{text: s.Text[start:], bold: bold, rev: s.Rev, spaceBefore: space, whole: s.Text, start: start, end: len(s.Text)})
				space = false
			}
			if strings.IndexByte(s.Text, '[') >= 0 {
				marks = outline.Placeholders(marks[:0], s.Text)
				markWords(out[first:], marks)
			}
		}
		if s.BR && len(out) > 0 {
			out[len(out)-1].brAfter = true
			space = false
		}
	}
	return out
}

// markWords marks the words that overlap one of the byte ranges of their
// span's text.
func markWords(ws []word, ranges [][2]int) {
	for i := range ws {
		for _, r := range ranges {
			if ws[i].start < r[1] && ws[i].end > r[0] {
				ws[i].mark = true
			}
		}
	}
}

// wrap breaks spans into lines no wider than width at the given size.
//
// The runs of every line live in one arena that the writer reuses from
// block to block (see block), so a line costs no allocation of its own.
func (w *pdfWriter) wrap(spans []outline.Span, width, size float64, allBold bool) []line {
	first := len(w.lines)
	start := len(w.arena)
	cur := func() line { return w.arena[start:] }
	x := 0.0
	flush := func() {
		end := len(w.arena)
		w.lines = append(w.lines, w.arena[start:end:end])
		start, x = end, 0
	}
	w.words = words(w.words[:0], spans, allBold)
	for _, wd := range w.words {
		ww := w.textWidth(wd.text, wd.bold, size)
		sw := 0.0
		if wd.spaceBefore && len(cur()) > 0 {
			sw = w.textWidth(" ", wd.bold, size)
		}
		if len(cur()) > 0 && x+sw+ww > width {
			keepSpace(cur())
			flush()
			sw = 0
		}
		if ww > width {
			for _, piece := range w.splitWord(wd.text, wd.bold, size, width) {
				if len(cur()) > 0 {
					flush()
				}
				pw := w.textWidth(piece, wd.bold, size)
				w.arena = append(w.arena, run{text: piece, bold: wd.bold, ref: wd.ref, rev: wd.rev, mark: wd.mark, w: pw})
				x = pw
			}
		} else {
			w.arena = append(w.arena[:start], appendRun(cur(), wd, x, sw, ww)...)
			x += sw + ww
		}
		if wd.brAfter {
			flush()
		}
	}
	if len(cur()) > 0 || len(w.lines) == first {
		flush()
	}
	return w.lines[first:len(w.lines):len(w.lines)]
}

func appendRun(cur line, wd word, x, sw, ww float64) line {
	if k := len(cur) - 1; k >= 0 && cur[k].bold == wd.bold && cur[k].rev == wd.rev && cur[k].mark == wd.mark && cur[k].ref == "" && wd.ref == "" {
		r := &cur[k]
		if sw > 0 && r.whole != "" && r.whole == wd.whole && wd.start == r.end+1 && r.whole[r.end] == ' ' {
			r.text, r.end = r.whole[r.start:wd.end], wd.end
		} else {
			if sw > 0 {
				r.text += " "
			}
			r.text += wd.text
			r.whole = ""
		}
		r.w = x + sw + ww - r.x
		return cur
	}
	if sw > 0 && len(cur) > 0 {
		// The space belongs to the run before, so underlined links and
		// extracted text keep their words apart.
		cur[len(cur)-1].text += " "
		cur[len(cur)-1].whole = ""
	}
	return append(cur, run{text: wd.text, bold: wd.bold, ref: wd.ref, rev: wd.rev, mark: wd.mark, x: x + sw, w: ww, whole: wd.whole, start: wd.start, end: wd.end})
}

// splitWord cuts a word wider than the line into pieces that fit, each
// but the last ending in a hyphen: after a hyphen or slash of its own
// where the piece has one, else with a hyphen added, so a reader sees the
// word goes on.
func (w *pdfWriter) splitWord(s string, bold bool, size, width float64) []string {
	var pieces []string
	hyphen := w.textWidth("-", bold, size)
	start, cw := 0, 0.0
	soft, softW := -1, 0.0 // just after the piece's last hyphen or slash
	for i, r := range s {
		rw := w.textWidth(string(r), bold, size)
		if cw+rw+hyphen > width && soft > start {
			pieces = append(pieces, s[start:soft])
			start, cw, soft = soft, cw-softW, -1
		}
		if cw+rw+hyphen > width && i > start {
			pieces = append(pieces, s[start:i]+"-")
			start, cw, soft = i, 0, -1
		}
		cw += rw
		if r == '-' || r == '/' {
			soft, softW = i+1, cw
		}
	}
	return append(pieces, s[start:])
}

// drawLines prints lines from the cursor down, starting new pages as needed.
func (w *pdfWriter) drawLines(lines []line, x0, size, lineH float64) {
	for _, l := range lines {
		if w.y+lineH > pageH-marginBottom {
			w.newPage()
		}
		w.drawLine(l, x0, w.y, size, lineH)
		w.y += lineH
		w.topOfPage = false
	}
}

func (w *pdfWriter) drawLine(l line, x0, y, size, lineH float64) {
	for _, r := range l {
		if r.ref != "" {
			w.tags.begin("Link", "")
		}
		w.tags.content()
		if r.mark {
			w.highlight(r, x0, y, size, lineH)
		}
		w.setFont(r.bold, size)
		w.pdf.Text(x0+r.x, y+lineH*0.75, r.text)
		if id, ok := w.links[r.ref]; ok && r.ref != "" {
			w.pdf.Link(x0+r.x, y, r.w, lineH, id)
			w.tags.annot("Go to " + w.labels[r.ref])
		}
		w.revLine(r, x0, y, size, lineH)
		if r.ref != "" {
			w.tags.end()
		}
	}
}

// highlight shades the placeholder in run r (its words, not the
// punctuation before its "[" or after its "]") in light yellow, as the
// Word copy does; the brackets and words still say what it is.
func (w *pdfWriter) highlight(r run, x0, y, size, lineH float64) {
	text := strings.TrimRight(r.text, " ")
	from, to := 0.0, w.textWidth(text, r.bold, size)
	if i := strings.IndexByte(text, '['); i > 0 && !strings.Contains(text[:i], " ") {
		from = w.textWidth(text[:i], r.bold, size)
	}
	if i := strings.LastIndexByte(text, ']'); i >= 0 && !strings.Contains(text[i:], " ") {
		to = w.textWidth(text[:i+1], r.bold, size)
	}
	w.pdf.SetFillColor(255, 236, 140)
	w.pdf.Rect(x0+r.x+from-0.3, y+lineH*0.05, to-from+0.6, lineH*0.9, "F")
}

// revLine underlines a redline's inserted run and strikes through its
// deleted one, so that neither is told by colour alone.
func (w *pdfWriter) revLine(r run, x0, y, size, lineH float64) {
	if r.rev == outline.RevNone {
		return
	}
	base := y + lineH*0.75
	ly := base + size*0.04
	if r.rev == outline.RevDeleted {
		ly = base - size*0.11
	}
	w.pdf.SetLineWidth(size * 0.02)
	w.pdf.Line(x0+r.x, ly, x0+r.x+r.w, ly)
}

// listLabelW is the width of a list item's label column.
const listLabelW = 8.0

// listX is where a list's labels stand: under the text of the clause
// before it.
func (w *pdfWriter) listX() float64 {
	if w.indent == 0 {
		return marginL
	}
	return w.indent
}

func (w *pdfWriter) list(b *outline.Block) {
	x := w.listX()
	keep := w.keepAfter(b)
	for i, item := range b.Items {
		label := b.ItemLabel(i)
		lines := w.wrap(item, pageW-marginR-x-listLabelW, bodySize, false)
		itemKeep := 0.0
		if i == len(b.Items)-1 {
			itemKeep = keep
		}
		w.tags.beginItem()
		w.flowLines(lines, x+listLabelW, bodySize, bodyLine, itemKeep, func() {
			w.setFont(false, bodySize)
			w.tags.content()
			w.pdf.Text(x, w.y+bodyLine*0.75, label)
			w.tags.labelDone()
		})
		w.tags.endItem()
		w.y += 1
	}
	w.y += 1.5
}

const quotePad = 3.0

// quoteLines wraps a signature block's paragraphs, and says the height of
// its box.
func (w *pdfWriter) quoteLines(b *outline.Block) (paras [][]line, h float64) {
	h = 2 * quotePad
	for _, c := range b.Children {
		ls := w.wrap(c.Spans, textW-2*quotePad, bodySize, false)
		paras = append(paras, ls)
		h += float64(len(ls))*bodyLine + 1.5
	}
	return paras, h
}

func (w *pdfWriter) quoteHeight(b *outline.Block) float64 {
	_, h := w.quoteLines(b)
	return h
}

func (w *pdfWriter) quote(b *outline.Block) {
	const pad = quotePad
	paras, h := w.quoteLines(b)
	// Never split, and the document's last block never alone on its page.
	w.ensure(h + 2 + w.keepAfter(b))
	w.y += 1
	top, page := w.y, w.pdf.PageNo()
	w.y += pad
	for _, ls := range paras {
		w.tags.begin("P", "")
		w.drawLines(ls, marginL+pad, bodySize, bodyLine)
		w.tags.end()
		w.y += 1.5
	}
	w.y += pad - 1.5
	if w.pdf.PageNo() == page {
		w.pdf.SetDrawColor(160, 160, 160)
		w.pdf.SetLineWidth(0.3)
		w.tags.artifact(artLayout)
		w.pdf.Rect(marginL, top, textW, w.y-top, "D")
	}
	w.y += 3
}
