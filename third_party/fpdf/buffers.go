// partnerdocs patch (PATCHES.md): buffers sized from what they will hold,
// and streams written without copying them into strings.

package fpdf

import "bytes"

// newPageBuffer is the next page's content buffer, as large as the last
// page's content: pages of one document are much alike, so a page's buffer
// rarely grows, where one that starts empty is copied a dozen times.
func newPageBuffer(pages []*bytes.Buffer) *bytes.Buffer {
	size := 4 << 10
	if n := len(pages); n > 1 {
		size = max(size, pages[n-1].Len()+pages[n-1].Len()/8)
	}
	return bytes.NewBuffer(make([]byte, 0, size))
}

// growForPages makes room in the document's buffer for every page's
// content, which putpages copies into it, and a little for the rest.
func (f *Fpdf) growForPages() {
	n := 64 << 10
	for _, p := range f.pages {
		n += p.Len() + 256
	}
	f.buffer.Grow(n)
}

// outBytes is out for bytes, without converting them to a string.
func (f *Fpdf) outBytes(b []byte) {
	w := &f.buffer.Buffer
	if f.state == 2 {
		w = f.pages[f.page]
	}
	must(w.Write(b))
	must(w.WriteString("\n"))
}
