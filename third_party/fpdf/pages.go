package fpdf

import "fmt"

// partnerdocs patch 7 (PATCHES.md): FinishPages and PageContents let a
// caller work on the finished pages, deflating them on other goroutines,
// while Close and Output write the rest of the document.

// FinishPages draws the last page's footer and ends the page, as Close
// does before it writes the document; Close then only writes the document.
// Nothing may be drawn after it. A page is added first if there is none.
func (f *Fpdf) FinishPages() {
	if f.err == nil {
		if f.clipNest > 0 {
			f.err = fmt.Errorf("clip procedure must be explicitly ended")
		} else if f.transformNest > 0 {
			f.err = fmt.Errorf("transformation procedure must be explicitly ended")
		}
	}
	if f.err != nil || f.state == 3 || f.pagesFinished {
		return
	}
	if f.page == 0 {
		f.AddPage()
		if f.err != nil {
			return
		}
	}
	// Page footer
	f.inFooter = true
	if f.footerFnc != nil {
		f.footerFnc()
	} else if f.footerFncLpi != nil {
		f.footerFncLpi(true)
	}
	f.inFooter = false

	// Close page
	f.endpage()
	f.pagesFinished = true
}

// PageContents returns each page's content, the first page first, as the
// page's content stream holds it: without compression (SetCompression
// false) and with no alias to replace (RegisterAlias, AliasNbPages), the
// bytes Output writes. The slices are the document's own: a caller may
// change bytes in them, not their lengths, and only before Output; they
// stay valid as long as the document. Call it after FinishPages.
func (f *Fpdf) PageContents() [][]byte {
	pages := make([][]byte, f.page)
	for n := 1; n <= f.page; n++ {
		pages[n-1] = f.pages[n].Bytes()
	}
	return pages
}

// Bytes closes the document, if it is open, and returns it: the bytes
// Output would write, without copying them. They are the document's own.
func (f *Fpdf) Bytes() ([]byte, error) {
	if f.err == nil && f.state < 3 {
		f.Close()
	}
	if f.err != nil {
		return nil, f.err
	}
	return f.buffer.Bytes(), nil
}
