package pdf

import (
	"strconv"

	"partnerdocs/generator/outline"
)

// The contents list. A document over maxUnlisted pages opens with one
// where the Word copy has its TOC field: after the title block and the
// drafting notes, before the first heading. It names the headings the Word
// copy's lists (Block.InContents), each with the page it is printed on and
// a dotted leader to it, the whole line a link to the heading; the body
// starts on the page after it.
//
// A heading's page is known only once the body is laid out, so the writer
// reserves the list's pages first (how many follows from the entries
// alone, as each entry's lines do not depend on its page number: the
// numbers have a column of their own), records each heading's page as it
// draws it, and then goes back to the reserved pages (fpdf's SetPage) to
// draw the list. In the structure tree the list is a TOC element placed
// after the title and before the first heading, which the tagger opens
// again to receive the entries drawn last.
//
// Whether a document is over maxUnlisted pages is known only once it is
// laid out too; see layout for how that is settled.

// maxUnlisted is the most pages a document has without a contents list.
const maxUnlisted = 8

// Type sizes and measures of the list, in points and millimetres.
const (
	tocTitleSize = 12.0
	tocLine      = 5.0  // an entry's line height
	tocGap       = 1.5  // the space above an entry for a clause or schedule
	tocPageW     = 12.0 // the page numbers' column, right-aligned
	tocLeaderGap = 1.5  // the space either side of a leader
)

// layout lays o out, with a contents list when, laid out without one, it
// runs over maxUnlisted pages. It guesses which from the length of the
// text (likelyListed), and lays o out again the other way only when the
// guess proves wrong or the document is too near the limit to tell:
//
//   - laid out without the list, the pages are counted;
//   - laid out with it, the pages it would have without are bounded: the
//     body, set from the top of the page after the list rather than from
//     where the list starts, takes at most one page more (starting a page
//     later in its text never ends one sooner, keeps included, and a
//     schedule starts a page in both), so the list adds at most its own
//     pages after the first and that one (contents.adds). A document whose
//     pages less those are over the limit is over it without the list;
//     one that is not is laid out without the list and counted.
func (r *Renderer) layout(o *outline.Outline, m outline.Meta, faces parsedFaces) *pdfWriter {
	entries := contentsEntries(o)
	if len(entries) == 0 {
		return r.draw(o, m, faces, nil)
	}
	if !likelyListed(o) {
		w := r.draw(o, m, faces, nil)
		if w.pdf.PageNo() <= maxUnlisted {
			return w
		}
		return r.draw(o, m, faces, entries)
	}
	w := r.draw(o, m, faces, entries)
	if w.pdf.PageNo()-w.toc.adds() > maxUnlisted {
		return w
	}
	if plain := r.draw(o, m, faces, nil); plain.pdf.PageNo() <= maxUnlisted {
		return plain
	}
	return w
}

// contents is the list of a document being laid out.
type contents struct {
	entries []tocEntry
	next    int // the entry whose heading is drawn next
	elem    int // the TOC element
	// start is the page the list starts on, end the one it ends on; the
	// body starts on the page after end.
	start, end int
}

// adds is the most pages the list can add to the document: its pages
// after the first, and the page the body then starts on.
func (c *contents) adds() int { return c.end - c.start + 1 }

// tocEntry is a heading the list names, where the list prints it, and
// where the heading is printed.
type tocEntry struct {
	b      *outline.Block
	link   int     // the fpdf link to the heading
	at     int     // the page the entry is printed on
	y      float64 // the top of the entry's first line
	h      float64 // the height of its lines
	target int     // the page the heading is printed on
}

// contentsEntries are the headings a contents list names.
func contentsEntries(o *outline.Outline) []tocEntry {
	var es []tocEntry
	for _, b := range o.Blocks {
		if b.InContents() {
			es = append(es, tocEntry{b: b})
		}
	}
	return es
}

// tocColumns are the left edges of an entry's number and of its text.
func tocColumns(b *outline.Block) (num, text float64) {
	switch {
	case b.Level > 2:
		return marginL + numCol, marginL + 2*numCol
	case b.Schedule || b.Number == "":
		return marginL, marginL
	}
	return marginL, marginL + numCol
}

// tocText is an entry's text, as its heading prints it, without the
// clause number, which stands in its own column.
func tocText(b *outline.Block) []outline.Span {
	t := b.HeadingText()
	if b.Schedule {
		t = b.Number + ": " + t
	}
	return []outline.Span{{Text: t}}
}

// tocLines wraps an entry's text to leave room for its leader and page
// number.
func (w *pdfWriter) tocLines(b *outline.Block) []line {
	_, x := tocColumns(b)
	return w.wrap(tocText(b), pageW-marginR-tocPageW-x, bodySize, false)
}

// reserveContents prints the list's title, as a heading, reserves the
// pages for its entries and starts the body on a new page.
func (w *pdfWriter) reserveContents(toc *contents) {
	const gap, below = 5.0, 3.0 // the space above the title and below it
	lineH := tocTitleSize * 0.5
	// The title stays with its first entries.
	w.ensure(gap + lineH + below + tocFirst*(tocGap+tocLine))
	if !w.topOfPage {
		w.y += gap
	}
	toc.start = w.pdf.PageNo()
	w.pdf.Bookmark("Contents", 0, w.y)
	w.tags.begin("H2", "")
	w.setFont(true, tocTitleSize)
	w.tags.content()
	w.pdf.Text(marginL, w.y+lineH*0.8, "Contents")
	w.tags.end()
	w.y += lineH + below
	w.topOfPage = false
	w.tags.begin("TOC", "")
	toc.elem = w.tags.top()
	w.tags.end()
	for i := range toc.entries {
		w.reserveEntry(&toc.entries[i])
	}
	toc.end = w.pdf.PageNo()
	w.newPage()
}

// tocFirst is how many entries the list's title keeps with it.
const tocFirst = 5

// reserveEntry settles where an entry is printed: below the last, or at
// the top of a new page when its lines do not fit.
func (w *pdfWriter) reserveEntry(e *tocEntry) {
	e.link = w.pdf.AddLink()
	w.arena, w.lines = w.arena[:0], w.lines[:0]
	e.h = float64(len(w.tocLines(e.b))) * tocLine
	gap := 0.0
	if e.b.Level <= 2 {
		gap = tocGap
	}
	if w.y+gap+e.h > pageH-marginBottom {
		w.newPage()
		w.topOfPage = false
		gap = 0
	}
	e.at, e.y = w.pdf.PageNo(), w.y+gap
	w.y += gap + e.h
}

// markContents records that b, if the list names it, is printed here.
func (w *pdfWriter) markContents(b *outline.Block) {
	toc := w.toc
	if toc == nil || toc.next >= len(toc.entries) || toc.entries[toc.next].b != b {
		return
	}
	e := &toc.entries[toc.next]
	e.target = w.pdf.PageNo()
	w.pdf.SetLink(e.link, w.y, e.target)
	toc.next++
}

// drawContents goes back to the reserved pages and draws the entries,
// then returns to the last page.
func (w *pdfWriter) drawContents(toc *contents) {
	last := w.pdf.PageNo()
	w.tags.reopen(toc.elem)
	page := 0
	for i := range toc.entries {
		e := &toc.entries[i]
		if e.at != page {
			w.revisit(e.at)
			page = e.at
		}
		w.arena, w.lines = w.arena[:0], w.lines[:0]
		w.drawEntry(e)
	}
	w.tags.end()
	w.tags.close()
	w.pdf.SetPage(last)
	w.fontSize = 0
}

// revisit makes page n, finished earlier, the page drawn on. What its
// stream last set stays set (the footer's font, the colour of whatever
// was filled last), while fpdf and the writer remember the state of the
// last page, so the font and fill colour are set again.
func (w *pdfWriter) revisit(n int) {
	w.tags.close() // marked content never runs over a page
	w.pdf.SetPage(n)
	w.fontSize = 0
	w.pdf.SetFillColor(0, 0, 0) // text is black, and fpdf sets it only where it differs from the fill
}

// drawEntry draws one entry: its number and text, a leader, and the page
// number, a link to the heading, as a TOCI holding a Reference.
func (w *pdfWriter) drawEntry(e *tocEntry) {
	numX, x := tocColumns(e.b)
	lines := w.tocLines(e.b)
	w.tags.begin("TOCI", "")
	w.tags.begin("Reference", "")
	w.tags.begin("Link", "")
	w.setFont(false, bodySize)
	w.tags.content()
	if e.b.Number != "" && !e.b.Schedule {
		// A word of its own, as the heading's number is.
		w.pdf.Text(numX, e.y+tocLine*0.75, e.b.Number+" ")
	}
	y := e.y
	for _, l := range lines {
		// Every line ends with a space, the last one too, which keeps the
		// page number a word of its own.
		keepSpace(l)
		w.drawLine(l, x, y, bodySize, tocLine)
		y += tocLine
	}
	last := lines[len(lines)-1][len(lines[len(lines)-1])-1]
	end := x + last.x + last.w
	num := strconv.Itoa(e.target)
	numW := w.textWidth(num, false, bodySize)
	base := y - tocLine + tocLine*0.75
	w.leader(end+tocLeaderGap, pageW-marginR-numW-tocLeaderGap, base)
	w.setFont(false, bodySize)
	w.tags.content()
	w.pdf.Text(pageW-marginR-numW, base, num)
	w.pdf.Link(numX, e.y, pageW-marginR-numX, e.h, e.link)
	w.tags.annot(tocDesc(e.b, num))
	w.tags.end()
	w.tags.end()
	w.tags.end()
}

// leader draws a dotted line on the baseline from x0 to x1, as an
// artifact.
func (w *pdfWriter) leader(x0, x1, base float64) {
	const step = 1.2
	if x1-x0 < 2*step {
		return
	}
	w.tags.artifact(artLayout)
	w.pdf.SetDrawColor(0, 0, 0)
	// Round-capped dashes of no length are dots. The line is drawn from
	// the right, where the pattern starts, so every entry's dots line up.
	w.pdf.SetLineWidth(0.3)
	w.pdf.SetLineCapStyle("round")
	w.pdf.SetDashPattern([]float64{0, step}, 0)
	w.pdf.Line(x1, base-0.3, x1-step*float64(int((x1-x0)/step)), base-0.3)
	w.pdf.SetDashPattern(nil, 0)
	w.pdf.SetLineCapStyle("butt")
}

// textPerPage is about how many bytes of text a page holds: 2,100 to
// 2,600 in every kind of every sample.
const textPerPage = 2200

// likelyListed guesses, from the length of o's text, whether o runs over
// maxUnlisted pages: over eight and a half pages' worth. It is only a
// guess; layout checks it.
func likelyListed(o *outline.Outline) bool {
	return textLength(o.Blocks) > (2*maxUnlisted+1)*textPerPage/2
}

func textLength(blocks []*outline.Block) int {
	n := 0
	for _, b := range blocks {
		n += spansLength(b.Spans) + textLength(b.Children)
		for _, item := range b.Items {
			n += spansLength(item)
		}
		for _, row := range b.Rows {
			for _, cell := range row {
				n += spansLength(cell)
			}
		}
	}
	return n
}

func spansLength(spans []outline.Span) int {
	n := 0
	for _, s := range spans {
		n += len(s.Text)
	}
	return n
}

// tocDesc is where an entry's link leads, in words, for the annotation's
// /Contents: "Go to clause 7, Finance, page 12".
func tocDesc(b *outline.Block, page string) string {
	to := b.HeadingText()
	switch {
	case b.Schedule:
		to = b.Number + ", " + to
	case b.Number != "":
		to = "clause " + b.Number + ", " + to
	}
	return "Go to " + to + ", page " + page
}
