package pdf

import (
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"partnerdocs/generator/outline"
)

// Tagged PDF. fpdf does not tag, so the writer does it beside fpdf: while
// it draws, the tagger wraps every piece of real content in a marked-content
// sequence (/P <</MCID n>> BDC ... EMC) that belongs to an element of the
// structure tree, and everything else (running header and footer, page
// numbers, the DRAFT watermark, rules and borders, a table's repeated
// header row) in an /Artifact sequence. The elements follow the outline as
// the writer walks it, so the tree's order is the outline's order. After
// fpdf has written the document, appendStructure (structtree.go) adds the
// tree, the parent tree and the catalogue and page entries that point at
// them as an incremental update.

// Sentinels for what the open marked-content sequence belongs to.
const (
	mcNone     = -1
	mcArtifact = -2
)

// Artifact kinds, as /Artifact property lists.
const (
	artLayout    = "/Artifact BMC"
	artHeader    = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
	artFooter    = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	artWatermark = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"
	artRepeat    = "/Artifact <</Type /Pagination>> BDC"
)

// structElem is one element of the structure tree.
type structElem struct {
	typ    string // the standard structure type: P, H2, TD ...
	parent int    // index of the parent element; -1 for the document
	attrs  string // an /A attribute dictionary, or ""
	// headerRow records, on a Table, that its header row is tagged, so a
	// header row printed again on the next page is an artifact.
	headerRow bool
}

// structKid is a child of element parent: another element, a
// marked-content sequence on a page, or a link annotation. The kids of
// every element are kept in one list, in the order they came, rather than
// a list for each element: a 32-page agreement has some 1,600 elements.
type structKid struct {
	parent int32
	n      int32 // the element, the MCID, or the index into tagger.annots
	page   int32 // 0-based page of an MCID
	kind   kidKind
}

type kidKind uint8

const (
	kidElem kidKind = iota
	kidMCID
	kidAnnot
)

// annotRef is a link annotation fpdf wrote on page, owned by elem.
// annotRef is a link annotation: its page, its Link element, and what it
// leads to, in words, for its /Contents (PDF/UA: an annotation's
// alternate description).
type annotRef struct {
	page, elem int
	desc       string
}

// tagger records the structure tree as the writer draws and writes the
// marked-content operators into the page being drawn.
type tagger struct {
	pdf    *fpdf.Fpdf
	elems  []structElem
	kids   []structKid
	stack  []int // the open elements, innermost last; mcArtifact inside a repeated header
	open   int   // the element the open marked-content sequence belongs to, or a sentinel
	mcPage int   // the page it is on
	pages  [][]int
	annots []annotRef
	buf    []byte
}

func newTagger(p *fpdf.Fpdf) *tagger {
	t := &tagger{pdf: p, open: mcNone}
	t.elems = append(t.elems, structElem{typ: "Document", parent: -1})
	t.stack = append(t.stack, 0)
	return t
}

func (t *tagger) top() int { return t.stack[len(t.stack)-1] }

// begin opens an element of type typ inside the innermost one. Inside an
// artifact (a repeated header row) nothing is added to the tree.
func (t *tagger) begin(typ, attrs string) {
	parent := t.top()
	if parent < 0 {
		t.stack = append(t.stack, mcArtifact)
		return
	}
	n := len(t.elems)
	t.elems = append(t.elems, structElem{typ: typ, parent: parent, attrs: attrs})
	t.kids = append(t.kids, structKid{parent: int32(parent), kind: kidElem, n: int32(n)})
	t.stack = append(t.stack, n)
}

// end closes the innermost element, and its marked-content sequence, so
// that nothing drawn after it is taken for its content.
func (t *tagger) end() {
	if t.open == t.top() || t.open == mcArtifact {
		t.close()
	}
	t.stack = t.stack[:len(t.stack)-1]
}

// reopen makes e, an element begun and ended earlier, the innermost
// again, until end: what is drawn meanwhile is its content, and the
// elements begun are its kids, after those it had.
func (t *tagger) reopen(e int) {
	t.stack = append(t.stack, e)
}

// content makes sure what is drawn next is marked as content of the
// innermost element on the current page.
func (t *tagger) content() {
	e, page := t.top(), t.pdf.PageNo()-1
	if e < 0 {
		t.artifact(artRepeat)
		return
	}
	if t.open == e && t.mcPage == page {
		return
	}
	t.close()
	for len(t.pages) <= page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page])
	t.pages[page] = append(t.pages[page], e)
	t.kids = append(t.kids, structKid{parent: int32(e), kind: kidMCID, n: int32(mcid), page: int32(page)})
	t.buf = append(t.buf[:0], '/')
	t.buf = append(t.buf, t.elems[e].typ...)
	t.buf = append(t.buf, " <</MCID "...)
	t.buf = strconv.AppendInt(t.buf, int64(mcid), 10)
	t.buf = append(t.buf, ">> BDC"...)
	t.pdf.RawWriteStr(string(t.buf))
	t.open, t.mcPage = e, page
}

// artifact marks what is drawn next, until content or close, as an
// artifact of the given kind (one of the art constants).
func (t *tagger) artifact(kind string) {
	if t.open == mcArtifact && t.mcPage == t.pdf.PageNo()-1 && (kind == artLayout || kind == artRepeat) {
		return
	}
	t.close()
	t.pdf.RawWriteStr(kind)
	t.open, t.mcPage = mcArtifact, t.pdf.PageNo()-1
}

// close ends the open marked-content sequence, if any: before a page ends
// and at the end of an element.
func (t *tagger) close() {
	if t.open != mcNone {
		t.pdf.RawWriteStr("EMC")
		t.open = mcNone
	}
}

// annot records that the innermost element (a Link) owns the link
// annotation just added to the current page, which leads to desc.
func (t *tagger) annot(desc string) {
	e := t.top()
	if e < 0 {
		return // a repeated header's link: fpdf still adds the annotation
	}
	t.annots = append(t.annots, annotRef{page: t.pdf.PageNo() - 1, elem: e, desc: desc})
	t.kids = append(t.kids, structKid{parent: int32(e), kind: kidAnnot, n: int32(len(t.annots) - 1)})
}

// beginRow opens a table row; a header row printed again at the top of a
// page is an artifact, since the tree holds it once.
func (t *tagger) beginRow(header bool) {
	table := t.top()
	if header && table >= 0 {
		if t.elems[table].headerRow {
			t.stack = append(t.stack, mcArtifact)
			return
		}
		t.elems[table].headerRow = true
	}
	t.begin("TR", "")
}

// beginCell opens a table cell: a header cell heads its column.
func (t *tagger) beginCell(header bool) {
	if header {
		t.begin("TH", "/A <</O /Table /Scope /Column>>")
		return
	}
	t.begin("TD", "")
}

// blockType is the structure type of a block of the outline, and its
// attributes; "" for a block that draws nothing.
func blockType(b *outline.Block) (typ, attrs string) {
	switch b.Kind {
	case outline.Title:
		return "H1", ""
	case outline.Heading:
		return "H" + strconv.Itoa(min(max(b.Level, 1), 6)), ""
	case outline.Paragraph:
		return "P", ""
	case outline.List:
		if b.Ordered {
			return "L", "/A <</O /List /ListNumbering /LowerAlpha>>"
		}
		return "L", "/A <</O /List /ListNumbering /Disc>>"
	case outline.Table:
		return "Table", ""
	case outline.Quote, outline.Notes:
		return "Div", ""
	case outline.RiskMatrix:
		return "Figure", figureAttrs(b)
	}
	return "", ""
}

// beginItem opens a list item and its label; labelDone closes the label
// and opens the item's body; endItem closes both.
func (t *tagger) beginItem() {
	t.begin("LI", "")
	t.begin("Lbl", "")
}

func (t *tagger) labelDone() {
	t.end()
	t.begin("LBody", "")
}

func (t *tagger) endItem() {
	t.end()
	t.end()
}

// kidsByElem is every kid grouped by parent, each element's in the order
// they came: element i's kids are kids[starts[i]:starts[i+1]].
func (t *tagger) kidsByElem() (kids []structKid, starts []int) {
	starts = make([]int, len(t.elems)+1)
	for _, k := range t.kids {
		starts[k.parent+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	kids = make([]structKid, len(t.kids))
	at := append([]int(nil), starts[:len(t.elems)]...)
	for _, k := range t.kids {
		kids[at[k.parent]] = k
		at[k.parent]++
	}
	return kids, starts
}

// keepSpace ends a line broken between words with the space that was
// there: it prints as nothing, but keeps the words apart for whoever reads
// the text from the structure tree rather than from the page.
func keepSpace(l line) {
	r := &l[len(l)-1]
	if r.whole != "" && r.end < len(r.whole) && r.whole[r.end] == ' ' {
		r.end++
		r.text = r.whole[r.start:r.end]
		return
	}
	if !strings.HasSuffix(r.text, " ") {
		r.text += " "
		r.whole = ""
	}
}
