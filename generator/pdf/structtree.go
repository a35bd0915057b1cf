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

// objWriter appends numbered objects to the PDF, recording where each is.
type objWriter struct {
	out     []byte
	offsets map[int]int
}

func (w *objWriter) begin(n int) {
	w.offsets[n] = len(w.out)
	w.out = strconv.AppendInt(w.out, int64(n), 10)
	w.out = append(w.out, " 0 obj\n"...)
}

func (w *objWriter) end() { w.out = append(w.out, "\nendobj\n"...) }

func (w *objWriter) ref(n int) {
	w.out = strconv.AppendInt(w.out, int64(n), 10)
	w.out = append(w.out, " 0 R"...)
}

// appendStructure appends the structure tree to pdf, fpdf's finished
// output, as an incremental update.
func (t *tagger) appendStructure(pdf []byte) ([]byte, error) {
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

	w := &objWriter{out: pdf, offsets: make(map[int]int, 2*len(pageObjs)+len(t.elems)+len(t.annots)+4)}
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
	for i, e := range t.elems {
		w.begin(elemNum + i)
		w.out = append(w.out, "<</Type /StructElem /S /"...)
		w.out = append(w.out, e.typ...)
		w.out = append(w.out, " /P "...)
		if e.parent < 0 {
			w.ref(root)
		} else {
			w.ref(elemNum + e.parent)
		}
		pg := -1
		for _, k := range e.kids {
			if k.kind == kidMCID {
				pg = k.page
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
		for k, kid := range e.kids {
			if k > 0 {
				w.out = append(w.out, ' ')
			}
			switch kid.kind {
			case kidElem:
				w.ref(elemNum + kid.n)
			case kidMCID:
				if kid.page == pg {
					w.out = strconv.AppendInt(w.out, int64(kid.n), 10)
					break
				}
				w.out = append(w.out, "<</Type /MCR /Pg "...)
				w.ref(pageObjs[kid.page])
				w.out = append(w.out, " /MCID "...)
				w.out = strconv.AppendInt(w.out, int64(kid.n), 10)
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
	return w.finish(o, next), nil
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

// finish writes the update's cross-reference section and trailer.
func (w *objWriter) finish(o *pdfObjects, size int) []byte {
	nums := make([]int, 0, len(w.offsets))
	for n := range w.offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	x := len(w.out)
	w.out = append(w.out, "xref\n"...)
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		w.out = fmt.Appendf(w.out, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			w.out = fmt.Appendf(w.out, "%010d 00000 n \n", w.offsets[n])
		}
		i = j
	}
	w.out = fmt.Appendf(w.out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n",
		size, o.root, o.info, o.xref, x)
	return w.out
}
