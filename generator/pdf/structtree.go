package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
)

// Hand-written PDF objects: fpdf has no hook for catalogue or page entries,
// nor for objects of its own, so the structure tree is added after fpdf's
// output as an incremental update (ISO 32000-1, 7.5.6): the tree's
// elements, the parent tree, a replacement catalogue (with /MarkInfo,
// /StructTreeRoot and /ViewerPreferences), replacement pages (with
// /StructParents, /Tabs /S, and their link annotations as objects that
// name their Link element) and a cross-reference section with /Prev. The
// objects fpdf wrote stay as they are, so nothing visible changes.

// pdfObjects reads the few objects the update replaces from fpdf's
// output: its one cross-reference table and trailer.
type pdfObjects struct {
	pdf              []byte
	xref             int // offset of the table
	entries          int // offset of the entry of object 0
	size, root, info int
}

func readObjects(pdf []byte) (*pdfObjects, error) {
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	tr := bytes.LastIndex(pdf, []byte("\ntrailer\n"))
	if sx < 0 || tr < 0 {
		return nil, fmt.Errorf("tagging: the PDF has no trailer")
	}
	x, _ := leadingInt(pdf[sx+len("\nstartxref\n"):])
	if x <= 0 || x >= len(pdf) || !bytes.HasPrefix(pdf[x:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("tagging: startxref does not point at the table")
	}
	nl := bytes.IndexByte(pdf[x+len("xref\n"):], '\n')
	o := &pdfObjects{pdf: pdf, xref: x, entries: x + len("xref\n") + nl + 1}
	trailer := pdf[tr:sx]
	o.size = dictInt(trailer, "/Size ")
	o.root = dictInt(trailer, "/Root ")
	o.info = dictInt(trailer, "/Info ")
	if o.size <= 0 || o.root <= 0 || o.info <= 0 {
		return nil, fmt.Errorf("tagging: the trailer lacks /Size, /Root or /Info")
	}
	return o, nil
}

// dictInt is the integer after key in d, or 0.
func dictInt(d []byte, key string) int {
	i := bytes.Index(d, []byte(key))
	if i < 0 {
		return 0
	}
	n, _ := leadingInt(d[i+len(key):])
	return n
}

// dict is object n's dictionary, "<<" to ">>", as fpdf wrote it.
func (o *pdfObjects) dict(n int) ([]byte, error) {
	e := o.entries + 20*n
	if n <= 0 || n >= o.size || e+20 > len(o.pdf) {
		return nil, fmt.Errorf("tagging: object %d is not in the table", n)
	}
	off, _ := leadingInt(o.pdf[e:])
	head := strconv.Itoa(n) + " 0 obj\n"
	if off <= 0 || off >= len(o.pdf) || !bytes.HasPrefix(o.pdf[off:], []byte(head)) {
		return nil, fmt.Errorf("tagging: object %d is not where the table says", n)
	}
	body := o.pdf[off+len(head):]
	end := bytes.Index(body, []byte("\nendobj"))
	if end < 0 || !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(body[:end], []byte(">>")) {
		return nil, fmt.Errorf("tagging: object %d is not a dictionary", n)
	}
	return body[:end], nil
}

// pageObjects are the page objects, in order, from the Pages root's /Kids.
func (o *pdfObjects) pageObjects() ([]int, error) {
	cat, err := o.dict(o.root)
	if err != nil {
		return nil, err
	}
	pages, err := o.dict(dictInt(cat, "/Pages "))
	if err != nil {
		return nil, err
	}
	i := bytes.Index(pages, []byte("/Kids ["))
	j := bytes.IndexByte(pages[max(i, 0):], ']')
	if i < 0 || j < 0 {
		return nil, fmt.Errorf("tagging: the page tree has no /Kids")
	}
	var objs []int
	fields := bytes.Fields(pages[i+len("/Kids [") : i+j])
	for k := 0; k+2 < len(fields); k += 3 {
		n, d := leadingInt(fields[k])
		if d == 0 || string(fields[k+2]) != "R" {
			return nil, fmt.Errorf("tagging: the page tree's /Kids are not references")
		}
		objs = append(objs, n)
	}
	return objs, nil
}

// inlineDicts splits the inline dictionaries of an array "[<<...>> <<...>>]",
// skipping strings, which may hold brackets.
func inlineDicts(a []byte) [][]byte {
	var out [][]byte
	depth, start := 0, -1
	for i := 0; i < len(a); i++ {
		switch {
		case a[i] == '(':
			for nest := 0; i < len(a); i++ {
				if a[i] == '\\' {
					i++
				} else if a[i] == '(' {
					nest++
				} else if a[i] == ')' {
					if nest--; nest == 0 {
						break
					}
				}
			}
		case a[i] == '<' && i+1 < len(a) && a[i+1] == '<':
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case a[i] == '>' && i+1 < len(a) && a[i+1] == '>':
			depth--
			i++
			if depth == 0 && start >= 0 {
				out = append(out, a[start:i+1])
			}
		}
	}
	return out
}

// objWriter writes numbered objects into the body of an object stream,
// recording where each begins.
type objWriter struct {
	out  []byte
	objs []streamObj
}

type streamObj struct{ num, off int }

func (w *objWriter) begin(n int) { w.objs = append(w.objs, streamObj{n, len(w.out)}) }

func (w *objWriter) end() { w.out = append(w.out, '\n') }

func (w *objWriter) ref(n int) {
	w.out = strconv.AppendInt(w.out, int64(n), 10)
	w.out = append(w.out, " 0 R"...)
}

// appendStructure appends the structure tree to pdf, fpdf's finished
// output, as an incremental update. Its objects travel in one deflated
// object stream, indexed by a cross-reference stream (PDF 1.5): as plain
// objects the tree of a 32-page agreement took 200 KB, more than the
// document it describes.
func (t *tagger) appendStructure(pdf []byte, p *pools) ([]byte, error) {
	o, err := readObjects(pdf)
	if err != nil {
		return nil, err
	}
	pageObjs, err := o.pageObjects()
	if err != nil {
		return nil, err
	}
	if len(t.pages) > len(pageObjs) {
		return nil, fmt.Errorf("tagging: content on %d pages of %d", len(t.pages), len(pageObjs))
	}
	for len(t.pages) < len(pageObjs) {
		t.pages = append(t.pages, nil)
	}
	pageDicts := make([][]byte, len(pageObjs))
	for i, n := range pageObjs {
		if pageDicts[i], err = o.dict(n); err != nil {
			return nil, err
		}
	}
	// Each page's link annotations become objects naming their Link
	// element, when fpdf wrote as many on the page as the tagger recorded
	// (it always does, unless something drew a link the tagger did not see:
	// then the page keeps its annotations as they were, untagged).
	annots := make([][][]byte, len(pageObjs))
	byPage := make([][]int, len(pageObjs))
	for j, a := range t.annots {
		byPage[a.page] = append(byPage[a.page], j)
	}
	for i, d := range pageDicts {
		if len(byPage[i]) == 0 {
			continue
		}
		if a := annotsArray(d); a != nil {
			if ds := inlineDicts(a); len(ds) == len(byPage[i]) {
				annots[i] = ds
				continue
			}
		}
		byPage[i] = nil
	}
	annotNum := make([]int, len(t.annots)) // 0: left untagged
	next := o.size
	root, parentTree := next, next+1
	next += 2
	elemNum := next
	next += len(t.elems)
	for _, js := range byPage {
		for _, j := range js {
			annotNum[j] = next
			next++
		}
	}

	body := p.output()
	defer p.putOutput(body)
	w := &objWriter{out: body.Bytes()[:0], objs: make([]streamObj, 0, next-o.size+len(pageObjs)+1)}
	defer func() { *body = *bytes.NewBuffer(w.out[:0]) }() // keep what it grew to
	// The catalogue, as fpdf wrote it, with the entries of a tagged PDF.
	cat, _ := o.dict(o.root) // read above
	w.begin(o.root)
	w.out = append(w.out, cat[:len(cat)-2]...)
	w.out = append(w.out, "/MarkInfo <</Marked true>>\n/StructTreeRoot "...)
	w.ref(root)
	w.out = append(w.out, "\n/ViewerPreferences <</DisplayDocTitle true>>\n"...)
	if !bytes.Contains(cat, []byte("/Lang ")) {
		w.out = append(w.out, "/Lang (en-GB)\n"...)
	}
	w.out = append(w.out, ">>"...)
	w.end()
	// The pages, with their key into the parent tree.
	for i, n := range pageObjs {
		d := pageDicts[i]
		w.begin(n)
		if annots[i] != nil {
			a := annotsArray(d)
			at := len(d) - len(d[bytes.Index(d, a):])
			w.out = append(w.out, d[:at]...)
			w.out = append(w.out, '[')
			for k, j := range byPage[i] {
				if k > 0 {
					w.out = append(w.out, ' ')
				}
				w.ref(annotNum[j])
			}
			w.out = append(w.out, ']')
			d = d[at+len(a):]
		}
		w.out = append(w.out, d[:len(d)-2]...)
		w.out = append(w.out, "\n/StructParents "...)
		w.out = strconv.AppendInt(w.out, int64(i), 10)
		w.out = append(w.out, " /Tabs /S>>"...)
		w.end()
	}
	for i, js := range byPage {
		for k, j := range js {
			d := annots[i][k]
			w.begin(annotNum[j])
			w.out = append(w.out, d[:len(d)-2]...)
			w.out = append(w.out, " /StructParent "...)
			w.out = strconv.AppendInt(w.out, int64(len(pageObjs)+j), 10)
			w.out = append(w.out, " /Contents "...)
			w.out = append(w.out, textString(t.annots[j].desc)...)
			w.out = append(w.out, ">>"...)
			w.end()
		}
	}
	// The tree's root and its elements.
	w.begin(root)
	w.out = append(w.out, "<</Type /StructTreeRoot /K "...)
	w.ref(elemNum)
	w.out = append(w.out, " /ParentTree "...)
	w.ref(parentTree)
	w.out = append(w.out, " /ParentTreeNextKey "...)
	w.out = strconv.AppendInt(w.out, int64(len(pageObjs)+len(t.annots)), 10)
	w.out = append(w.out, ">>"...)
	w.end()
	kids, starts := t.kidsByElem()
	for i, e := range t.elems {
		ekids := kids[starts[i]:starts[i+1]]
		w.begin(elemNum + i)
		w.out = append(w.out, "<</S /"...)
		w.out = append(w.out, e.typ...)
		w.out = append(w.out, " /P "...)
		if e.parent < 0 {
			w.ref(root)
		} else {
			w.ref(elemNum + e.parent)
		}
		pg := -1
		for _, k := range ekids {
			if k.kind == kidMCID {
				pg = int(k.page)
				break
			}
		}
		if pg >= 0 {
			w.out = append(w.out, " /Pg "...)
			w.ref(pageObjs[pg])
		}
		if e.attrs != "" {
			w.out = append(w.out, ' ')
			w.out = append(w.out, e.attrs...)
		}
		w.out = append(w.out, " /K ["...)
		for k, kid := range ekids {
			if k > 0 {
				w.out = append(w.out, ' ')
			}
			switch kid.kind {
			case kidElem:
				w.ref(elemNum + int(kid.n))
			case kidMCID:
				if int(kid.page) == pg {
					w.out = strconv.AppendInt(w.out, int64(kid.n), 10) // MCID
					break
				}
				w.out = append(w.out, "<</Type /MCR /Pg "...)
				w.ref(pageObjs[kid.page])
				w.out = append(w.out, " /MCID "...)
				w.out = strconv.AppendInt(w.out, int64(kid.n), 10) // MCID
				w.out = append(w.out, ">>"...)
			case kidAnnot:
				if annotNum[kid.n] == 0 {
					break
				}
				w.out = append(w.out, "<</Type /OBJR /Obj "...)
				w.ref(annotNum[kid.n])
				w.out = append(w.out, " /Pg "...)
				w.ref(pageObjs[t.annots[kid.n].page])
				w.out = append(w.out, ">>"...)
			}
		}
		w.out = append(w.out, "]>>"...)
		w.end()
	}
	// The parent tree: each page's MCIDs to their elements, then each link
	// annotation to its Link element.
	w.begin(parentTree)
	w.out = append(w.out, "<</Nums ["...)
	for i, mcids := range t.pages {
		w.out = strconv.AppendInt(w.out, int64(i), 10)
		w.out = append(w.out, " ["...)
		for k, e := range mcids {
			if k > 0 {
				w.out = append(w.out, ' ')
			}
			w.ref(elemNum + e)
		}
		w.out = append(w.out, "]\n"...)
	}
	for j, a := range t.annots {
		if annotNum[j] == 0 {
			continue
		}
		w.out = strconv.AppendInt(w.out, int64(len(pageObjs)+j), 10)
		w.out = append(w.out, ' ')
		w.ref(elemNum + a.elem)
		w.out = append(w.out, '\n')
	}
	w.out = append(w.out, "]>>"...)
	w.end()
	return w.finish(pdf, o, next, p), nil
}

// annotsArray is the page dictionary's /Annots array, "[" to "]".
func annotsArray(d []byte) []byte {
	i := bytes.Index(d, []byte("/Annots ["))
	if i < 0 {
		return nil
	}
	a := d[i+len("/Annots "):]
	depth := 0
	for k := 0; k < len(a); k++ {
		switch a[k] {
		case '(':
			for nest := 0; k < len(a); k++ {
				if a[k] == '\\' {
					k++
				} else if a[k] == '(' {
					nest++
				} else if a[k] == ')' {
					if nest--; nest == 0 {
						break
					}
				}
			}
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return a[:k+1]
			}
		}
	}
	return nil
}

// finish writes the update: the object stream holding every object
// written, numbered next, then a cross-reference stream numbered next+1
// with the trailer's entries and /Prev.
func (w *objWriter) finish(pdf []byte, o *pdfObjects, next int, p *pools) []byte {
	head := make([]byte, 0, 12*len(w.objs))
	for _, ob := range w.objs {
		head = strconv.AppendInt(head, int64(ob.num), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(ob.off), 10)
		head = append(head, ' ')
	}
	stm := p.output()
	defer p.putOutput(stm)
	zw := p.get(stm)
	zw.Write(head) // writes to a bytes.Buffer do not fail
	zw.Write(w.out)
	zw.Close()
	p.put(zw)
	stmDict := fmt.Sprintf("%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n",
		next, len(w.objs), len(head), stm.Len())
	const stmEnd = "\nendstream\nendobj\n"

	// Cross-reference entries, /W [1 4 4]: type 2 (in object stream next,
	// at an index) for the objects written, type 1 (at an offset) for the
	// two streams.
	type entry struct{ num, typ, f2, f3 int }
	entries := make([]entry, 0, len(w.objs)+2)
	for i, ob := range w.objs {
		entries = append(entries, entry{ob.num, 2, next, i})
	}
	xrefAt := len(pdf) + len(stmDict) + stm.Len() + len(stmEnd)
	entries = append(entries, entry{next, 1, len(pdf), 0}, entry{next + 1, 1, xrefAt, 0})
	slices.SortFunc(entries, func(a, b entry) int { return a.num - b.num })
	data := make([]byte, 0, 9*len(entries))
	index := make([]byte, 0, 64)
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].num == entries[j-1].num+1 {
			j++
		}
		index = fmt.Appendf(index, "%d %d ", entries[i].num, j-i)
		for _, e := range entries[i:j] {
			data = append(data, byte(e.typ), byte(e.f2>>24), byte(e.f2>>16), byte(e.f2>>8), byte(e.f2),
				byte(e.f3>>24), byte(e.f3>>16), byte(e.f3>>8), byte(e.f3))
		}
		i = j
	}
	xs := bytes.NewBuffer(w.out[:0]) // the objects are compressed: their array is reused
	zw = p.get(xs)
	zw.Write(data)
	zw.Close()
	p.put(zw)
	xrefDict := fmt.Sprintf("%d 0 obj\n<</Type /XRef /Size %d /Root %d 0 R /Info %d 0 R /Prev %d /Index [%s] /W [1 4 4] /Filter /FlateDecode /Length %d>>\nstream\n",
		next+1, next+2, o.root, o.info, o.xref, bytes.TrimSpace(index), xs.Len())
	tail := fmt.Sprintf("\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)

	out := make([]byte, 0, xrefAt+len(xrefDict)+xs.Len()+len(tail))
	out = append(out, pdf...)
	if bytes.HasPrefix(out, []byte("%PDF-1.")) && out[7] < '5' {
		out[7] = '5' // object and cross-reference streams are PDF 1.5
	}
	out = append(out, stmDict...)
	out = append(out, stm.Bytes()...)
	out = append(out, stmEnd...)
	out = append(out, xrefDict...)
	out = append(out, xs.Bytes()...)
	out = append(out, tail...)
	w.out = xs.Bytes()
	return out
}
