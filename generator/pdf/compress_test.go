package pdf

import (
	"bytes"
	"runtime"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

// TestPagesDeflatedOnManyCoresAsOnOne: a long document's pages are shared
// out among goroutines to be deflated; the bytes must be those of deflating
// them one after another, and the file must be sound.
func TestPagesDeflatedOnManyCoresAsOnOne(t *testing.T) {
	pdftest.Require(t, "qpdf")
	o := clauses(t, 200)
	render := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		b, err := newRenderer(t).Render(o, meta)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	one := render(1)
	for _, procs := range []int{2, 3, 4} {
		if many := render(procs); !bytes.Equal(many, one) {
			t.Errorf("GOMAXPROCS %d: %d bytes, on one core %d bytes, not the same", procs, len(many), len(one))
		}
	}
	if n := plainShares(t, o); n < 3 {
		t.Fatalf("the document's pages are worth only %d goroutines: too short to test sharing them out", n)
	}
	pdftest.Check(t, one)
}

// plainShares is how many goroutines o's pages are deflated on with
// four cores.
func plainShares(t *testing.T, o *outline.Outline) int {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := newRenderer(t)
	faces, err := r.parsed()
	if err != nil {
		t.Fatal(err)
	}
	w := r.draw(o, meta, faces, nil)
	w.pdf.FinishPages()
	df := r.pools.deflatePages(w.pdf.PageContents())
	defer df.release(&r.pools)
	return len(df.bufs)
}

// TestShareOut: every page is in exactly one run, in order, no run is
// empty, and there are never more runs than asked for.
func TestShareOut(t *testing.T) {
	for _, sizes := range [][]int{{}, {5}, {1, 1, 1, 1}, {100, 1, 1, 1, 1}, {1, 1, 1, 100}, {3, 7, 2, 9, 4, 4, 1, 8}} {
		pages := make([][]byte, len(sizes))
		total := 0
		for i, n := range sizes {
			pages[i] = make([]byte, n)
			total += n
		}
		for n := 1; n <= 5; n++ {
			runs := shareOut(pages, total, n)
			if len(runs) > n {
				t.Errorf("%v into %d: %d runs", sizes, n, len(runs))
			}
			next := 0
			for _, r := range runs {
				if r[1] <= r[0] {
					t.Errorf("%v into %d: an empty run", sizes, n)
				}
				if r[0] != next {
					t.Errorf("%v into %d: a run starts at page %d, not %d", sizes, n, r[0], next)
				}
				next = r[1]
			}
			if next != len(pages) {
				t.Errorf("%v into %d: the runs end at page %d of %d", sizes, n, next, len(pages))
			}
		}
	}
}

// TestEveryPageDeflatedBesideOutput: every page stream in the document
// fpdf writes is one deflatePages already deflated, so none is left to
// deflate after Output (which would still give the same bytes, only
// later).
func TestEveryPageDeflatedBesideOutput(t *testing.T) {
	r := newRenderer(t)
	faces, err := r.parsed()
	if err != nil {
		t.Fatal(err)
	}
	w := r.draw(clauses(t, 40), meta, faces, nil)
	w.pdf.FinishPages()
	pages := w.pdf.PageContents()
	fillPageCount(pages)
	var plain bytes.Buffer
	if err := w.pdf.Output(&plain); err != nil {
		t.Fatal(err)
	}
	streams := plainStreams(plain.Bytes())
	if len(pages) < 5 || len(streams) < len(pages) {
		t.Fatalf("%d pages, %d plain streams", len(pages), len(streams))
	}
	for i, p := range pages {
		if s := streams[i]; !bytes.Equal(plain.Bytes()[s.data:s.end], p) {
			t.Errorf("plain stream %d is not page %d as PageContents gave it", i, i+1)
		}
	}
}
