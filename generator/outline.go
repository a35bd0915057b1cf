package generator

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The outline is the document as the renderers see it: a flat list of
// blocks, each already carrying the number the renderer assigned, with every
// cross-reference resolved. PDF, HTML and DOCX are drawn from the same
// outline, so they cannot disagree about numbering.

type blockKind int

const (
	blockTitle blockKind = iota
	blockHeading
	blockPara
	blockList
	blockTable
	blockQuote
	blockPageBreak
)

type span struct {
	text   string
	bold   bool
	italic bool
	ref    string // id of the heading a cross-reference points to
	br     bool   // a line break follows
}

type block struct {
	kind     blockKind
	level    int    // headings: 2 or 3
	number   string // "7", "7.2", "7.2.1", "Schedule 2"; empty when unnumbered
	id       string
	schedule bool
	binding  bool
	depth    int // paragraphs: 0 unnumbered, 1 under a clause, 2 under a sub-clause
	spans    []span
	ordered  bool
	items    [][]span
	header   [][]span
	rows     [][][]span
	align    []east.Alignment
	children []*block // blockquote content
}

// headingText is the heading as printed, without its number.
func (b *block) headingText() string {
	t := spansText(b.spans)
	if b.binding {
		t += " (Binding)"
	}
	return t
}

type outline struct {
	blocks []*block
	title  string
	labels map[string]string // heading id -> "clause 7.2" / "Schedule 2"

	scratch []byte // reused while gathering inline text
}

var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// numbering tracks the counters while the outline is built.
type numbering struct {
	clause, sub, para, schedule int
	numbered                    bool // inside a numbered clause
	level                       int  // level of the last heading
}

func parseOutline(src []byte) (*outline, error) {
	doc := markdown.Parser().Parse(text.NewReader(src))
	o := &outline{labels: map[string]string{}}
	var n numbering
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		b, err := o.convert(c, src, &n)
		if err != nil {
			return nil, err
		}
		if b != nil {
			o.blocks = append(o.blocks, b)
		}
	}
	return o, o.resolve()
}

func (o *outline) convert(node ast.Node, src []byte, n *numbering) (*block, error) {
	switch node := node.(type) {
	case *ast.Heading:
		return o.heading(node, src, n), nil
	case *ast.Paragraph, *ast.TextBlock:
		b := &block{kind: blockPara, spans: o.inlines(node, src)}
		n.numberPara(b)
		return b, nil
	case *ast.List:
		return o.listBlock(node, src), nil
	case *east.Table:
		return o.tableBlock(node, src), nil
	case *ast.Blockquote:
		b := &block{kind: blockQuote}
		for c := node.FirstChild(); c != nil; c = c.NextSibling() {
			child, err := o.convert(c, src, &numbering{})
			if err != nil {
				return nil, err
			}
			b.children = append(b.children, child)
		}
		return b, nil
	case *ast.ThematicBreak:
		return &block{kind: blockPageBreak}, nil
	case *ast.HTMLBlock, *ast.FencedCodeBlock, *ast.CodeBlock:
		return &block{kind: blockPara, spans: []span{{text: string(linesOf(node, src))}}}, nil
	}
	return nil, fmt.Errorf("template produced Markdown the renderer does not support: %s", node.Kind())
}

func (o *outline) heading(h *ast.Heading, src []byte, n *numbering) *block {
	b := &block{kind: blockHeading, level: h.Level, spans: o.inlines(h, src)}
	b.id = attr(h, "id")
	classes := " " + attr(h, "class") + " "
	unnumbered := strings.Contains(classes, " unnumbered ")
	b.schedule = strings.Contains(classes, " schedule ")
	b.binding = strings.Contains(classes, " binding ")
	switch {
	case h.Level == 1:
		b.kind = blockTitle
		if o.title == "" {
			o.title = spansText(b.spans)
		}
		n.numbered = false
	case h.Level == 2 && b.schedule:
		n.schedule++
		b.number = "Schedule " + strconv.Itoa(n.schedule)
		n.numbered = false
	case h.Level == 2 && !unnumbered:
		n.clause++
		n.sub, n.para, n.numbered = 0, 0, true
		b.number = strconv.Itoa(n.clause)
	case h.Level == 2:
		n.numbered = false
	case n.numbered && !unnumbered:
		n.sub++
		n.para = 0
		b.number = fmt.Sprintf("%d.%d", n.clause, n.sub)
	}
	if h.Level <= 2 {
		n.level = h.Level
	} else if b.number != "" {
		n.level = 3
	}
	if b.id != "" {
		o.labels[b.id] = label(b)
	}
	return b
}

func label(b *block) string {
	switch {
	case b.schedule:
		return b.number
	case b.number != "":
		return "clause " + b.number
	}
	return b.headingText()
}

func (n *numbering) numberPara(b *block) {
	if !n.numbered {
		return
	}
	if n.level == 3 {
		n.para++
		b.number, b.depth = fmt.Sprintf("%d.%d.%d", n.clause, n.sub, n.para), 2
		return
	}
	n.sub++
	b.number, b.depth = fmt.Sprintf("%d.%d", n.clause, n.sub), 1
}

// resolve fills in the text of every cross-reference.
func (o *outline) resolve() error {
	var missing []string
	fix := func(spans []span) {
		for i := range spans {
			if spans[i].ref == "" {
				continue
			}
			if l, ok := o.labels[spans[i].ref]; ok {
				spans[i].text = l
			} else {
				missing = append(missing, spans[i].ref)
			}
		}
	}
	var walk func([]*block)
	walk = func(bs []*block) {
		for _, b := range bs {
			fix(b.spans)
			for _, it := range b.items {
				fix(it)
			}
			for _, c := range b.header {
				fix(c)
			}
			for _, r := range b.rows {
				for _, c := range r {
					fix(c)
				}
			}
			walk(b.children)
		}
	}
	walk(o.blocks)
	if len(missing) > 0 {
		return fmt.Errorf("template refers to clauses that do not exist: #%s", strings.Join(missing, ", #"))
	}
	return nil
}

func (o *outline) listBlock(l *ast.List, src []byte) *block {
	b := &block{kind: blockList, ordered: l.IsOrdered()}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var spans []span
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if len(spans) > 0 {
				spans[len(spans)-1].br = true
			}
			spans = append(spans, o.inlines(c, src)...)
		}
		b.items = append(b.items, spans)
	}
	return b
}

func (o *outline) tableBlock(t *east.Table, src []byte) *block {
	b := &block{kind: blockTable, align: t.Alignments}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]span
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, o.inlines(cell, src))
		}
		if _, ok := row.(*east.TableHeader); ok {
			b.header = cells
		} else {
			b.rows = append(b.rows, cells)
		}
	}
	return b
}

// inlines flattens a block's inline content into spans. Text nodes are many
// (every escaped character ends one), so their text is gathered in one
// buffer and becomes a string once per span.
func (o *outline) inlines(n ast.Node, src []byte) []span {
	c := inlineCollector{src: src, buf: o.scratch[:0]}
	c.walk(n, false, false)
	c.flush()
	o.scratch = c.buf
	return c.out
}

type inlineCollector struct {
	src          []byte
	out          []span
	buf          []byte // text of the span being gathered
	bold, italic bool
}

// walk gathers the inline content of n; bold and italic are the emphasis
// around it (** and * in the templates; a user's own are escaped).
func (c *inlineCollector) walk(n ast.Node, bold, italic bool) {
	for child := n.FirstChild(); child != nil; child = child.NextSibling() {
		switch node := child.(type) {
		case *ast.Text:
			c.text(node.Segment.Value(c.src), bold, italic, true)
			if node.HardLineBreak() {
				c.lineBreak()
			} else if node.SoftLineBreak() {
				c.text([]byte(" "), bold, italic, false)
			}
		case *ast.String:
			c.text(node.Value, bold, italic, false)
		case *ast.Emphasis:
			c.walk(node, bold || node.Level == 2, italic || node.Level == 1)
		case *ast.Link:
			if dest := string(node.Destination); strings.HasPrefix(dest, "#") && node.FirstChild() == nil {
				c.flush()
				c.out = append(c.out, span{ref: dest[1:], bold: bold, italic: italic})
			} else {
				c.walk(node, bold, italic)
			}
		case *ast.RawHTML:
			for i := 0; i < node.Segments.Len(); i++ {
				seg := node.Segments.At(i)
				c.text(seg.Value(c.src), bold, italic, false)
			}
		case *ast.AutoLink:
			c.text(node.URL(c.src), bold, italic, false)
		default:
			c.walk(node, bold, italic)
		}
	}
}

// text adds Markdown source text (unescaped when escaped is true).
func (c *inlineCollector) text(b []byte, bold, italic, escaped bool) {
	if len(b) == 0 {
		return
	}
	if bold != c.bold || italic != c.italic {
		c.flush()
		c.bold, c.italic = bold, italic
	}
	if escaped {
		c.buf = appendUnescaped(c.buf, b)
	} else {
		c.buf = append(c.buf, b...)
	}
}

func (c *inlineCollector) flush() {
	if len(c.buf) > 0 {
		c.out = append(c.out, span{text: string(c.buf), bold: c.bold, italic: c.italic})
		c.buf = c.buf[:0]
	}
}

func (c *inlineCollector) lineBreak() {
	c.flush()
	if k := len(c.out) - 1; k >= 0 {
		c.out[k].br = true
	}
}

// appendUnescaped appends what Markdown source text means: backslash
// escapes of punctuation and character references resolved, once, left to
// right, so an escaped "\&amp;" stays the literal text "&amp;".
func appendUnescaped(out, b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 {
		return append(out, b...)
	}
	for i := 0; i < len(b); i++ {
		ch := b[i]
		switch {
		case ch == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			out = append(out, b[i+1])
			i++
		case ch == '&':
			if end := bytes.IndexByte(b[i:], ';'); end > 1 && end < 34 {
				ref := b[i : i+end+1]
				resolved := util.ResolveEntityNames(util.ResolveNumericReferences(ref))
				if !bytes.Equal(resolved, ref) {
					out = append(out, resolved...)
					i += end
					continue
				}
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return out
}

func attr(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

func linesOf(n ast.Node, src []byte) []byte {
	var b []byte
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b = append(b, seg.Value(src)...)
	}
	return bytes.TrimRight(b, "\n")
}

func spansText(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.text)
	}
	return b.String()
}
