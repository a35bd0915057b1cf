package outline

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

// Parse parses the Markdown a template produced into an outline: it numbers
// the clauses, sub-clauses, paragraphs and schedules, and resolves every
// cross-reference ([](#id)). A reference to an id no heading has, or
// Markdown the renderers cannot draw, is an error.
func Parse(src []byte) (*Outline, error) {
	return build([]section{{src: src, doc: markdown.Parser().Parse(text.NewReader(src))}})
}

// build makes the outline of a document parsed in sections, in order.
func build(sections []section) (*Outline, error) {
	p := &builder{o: &Outline{Labels: map[string]string{}}}
	var n numbering
	for _, s := range sections {
		for c := s.doc.FirstChild(); c != nil; c = c.NextSibling() {
			b, err := p.convert(c, s.src, &n)
			if err != nil {
				return nil, err
			}
			if b != nil {
				p.o.Blocks = append(p.o.Blocks, b)
			}
		}
	}
	return p.o, p.o.resolve()
}

// builder holds what building one outline needs.
type builder struct {
	o       *Outline
	scratch []byte // reused while gathering inline text
}

func (p *builder) convert(node ast.Node, src []byte, n *numbering) (*Block, error) {
	switch node := node.(type) {
	case *ast.Heading:
		return p.heading(node, src, n), nil
	case *ast.Paragraph, *ast.TextBlock:
		b := &Block{Kind: Paragraph, Spans: p.inlines(node, src)}
		n.numberPara(b)
		return b, nil
	case *ast.List:
		return p.listBlock(node, src), nil
	case *east.Table:
		return p.tableBlock(node, src), nil
	case *ast.Blockquote:
		b := &Block{Kind: Quote}
		for c := node.FirstChild(); c != nil; c = c.NextSibling() {
			child, err := p.convert(c, src, &numbering{})
			if err != nil {
				return nil, err
			}
			b.Children = append(b.Children, child)
		}
		return b, nil
	case *ast.ThematicBreak:
		return &Block{Kind: PageBreak}, nil
	case *ast.FencedCodeBlock:
		if string(node.Language(src)) == MatrixInfo {
			return matrixBlock(node, src)
		}
		return &Block{Kind: Paragraph, Spans: []Span{{Text: string(linesOf(node, src))}}}, nil
	case *ast.HTMLBlock, *ast.CodeBlock:
		return &Block{Kind: Paragraph, Spans: []Span{{Text: string(linesOf(node, src))}}}, nil
	}
	return nil, fmt.Errorf("template produced Markdown the renderer does not support: %s", node.Kind())
}

func (p *builder) heading(h *ast.Heading, src []byte, n *numbering) *Block {
	b := &Block{Kind: Heading, Level: h.Level, Spans: p.inlines(h, src)}
	b.ID = attr(h, "id")
	classes := " " + attr(h, "class") + " "
	unnumbered := strings.Contains(classes, " unnumbered ")
	b.Schedule = strings.Contains(classes, " schedule ")
	b.Binding = strings.Contains(classes, " binding ")
	switch {
	case h.Level == 1:
		b.Kind = Title
		n.numbered = false
	case h.Level == 2 && b.Schedule:
		n.schedule++
		b.Number = "Schedule " + strconv.Itoa(n.schedule)
		n.numbered = false
	case h.Level == 2 && !unnumbered:
		n.clause++
		n.sub, n.para, n.numbered = 0, 0, true
		b.Number = strconv.Itoa(n.clause)
	case h.Level == 2:
		n.numbered = false
	case n.numbered && !unnumbered:
		n.sub++
		n.para = 0
		b.Number = fmt.Sprintf("%d.%d", n.clause, n.sub)
	}
	if h.Level <= 2 {
		n.level = h.Level
	} else if b.Number != "" {
		n.level = 3
	}
	if b.ID != "" {
		p.o.Labels[b.ID] = label(b)
	}
	return b
}

func label(b *Block) string {
	switch {
	case b.Schedule:
		return b.Number
	case b.Number != "":
		return "clause " + b.Number
	}
	return b.HeadingText()
}

func (n *numbering) numberPara(b *Block) {
	if !n.numbered {
		return
	}
	if n.level == 3 {
		n.para++
		b.Number, b.Depth = fmt.Sprintf("%d.%d.%d", n.clause, n.sub, n.para), 2
		return
	}
	n.sub++
	b.Number, b.Depth = fmt.Sprintf("%d.%d", n.clause, n.sub), 1
}

// resolve fills in the text of every cross-reference.
func (o *Outline) resolve() error {
	var missing []string
	fix := func(spans []Span) {
		for i := range spans {
			if spans[i].Ref == "" {
				continue
			}
			if l, ok := o.Labels[spans[i].Ref]; ok {
				spans[i].Text = l
			} else {
				missing = append(missing, spans[i].Ref)
			}
		}
	}
	var walk func([]*Block)
	walk = func(bs []*Block) {
		for _, b := range bs {
			fix(b.Spans)
			for _, it := range b.Items {
				fix(it)
			}
			for _, c := range b.Header {
				fix(c)
			}
			for _, r := range b.Rows {
				for _, c := range r {
					fix(c)
				}
			}
			walk(b.Children)
		}
	}
	walk(o.Blocks)
	if len(missing) > 0 {
		return fmt.Errorf("template refers to clauses that do not exist: #%s", strings.Join(missing, ", #"))
	}
	return nil
}

func (p *builder) listBlock(l *ast.List, src []byte) *Block {
	b := &Block{Kind: List, Ordered: l.IsOrdered()}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var spans []Span
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if len(spans) > 0 {
				spans[len(spans)-1].BR = true
			}
			spans = append(spans, p.inlines(c, src)...)
		}
		b.Items = append(b.Items, spans)
	}
	return b
}

// alignments converts goldmark's column alignments, so that the renderers
// need not import goldmark.
func alignments(as []east.Alignment) []Alignment {
	out := make([]Alignment, len(as))
	for i, a := range as {
		switch a {
		case east.AlignLeft:
			out[i] = AlignLeft
		case east.AlignRight:
			out[i] = AlignRight
		case east.AlignCenter:
			out[i] = AlignCenter
		}
	}
	return out
}

func (p *builder) tableBlock(t *east.Table, src []byte) *Block {
	b := &Block{Kind: Table, Align: alignments(t.Alignments)}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]Span
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, p.inlines(cell, src))
		}
		if _, ok := row.(*east.TableHeader); ok {
			b.Header = cells
		} else {
			b.Rows = append(b.Rows, cells)
		}
	}
	return b
}

// inlines flattens a block's inline content into spans. Text nodes are many
// (every escaped character ends one), so their text is gathered in one
// buffer and becomes a string once per span.
func (p *builder) inlines(n ast.Node, src []byte) []Span {
	c := inlineCollector{src: src, buf: p.scratch[:0]}
	c.walk(n, false, false)
	c.flush()
	p.scratch = c.buf
	return c.out
}

type inlineCollector struct {
	src          []byte
	out          []Span
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
				c.out = append(c.out, Span{Ref: dest[1:], Bold: bold, Italic: italic})
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
		c.out = append(c.out, Span{Text: string(c.buf), Bold: c.bold, Italic: c.italic})
		c.buf = c.buf[:0]
	}
}

func (c *inlineCollector) lineBreak() {
	c.flush()
	if k := len(c.out) - 1; k >= 0 {
		c.out[k].BR = true
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

func matrixBlock(n ast.Node, src []byte) (*Block, error) {
	lines := n.Lines()
	text := make([]string, lines.Len())
	for i := range text {
		seg := lines.At(i)
		text[i] = strings.TrimRight(string(seg.Value(src)), "\r\n")
	}
	m, err := parseMatrix(text)
	if err != nil {
		return nil, err
	}
	return &Block{Kind: RiskMatrix, Matrix: m}, nil
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
