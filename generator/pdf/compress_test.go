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

// plainShares is how many goroutines o's page streams are worth on four
// cores.
func plainShares(t *testing.T, o *outline.Outline) int {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := newRenderer(t)
	faces, err := r.parsed()
	if err != nil {
		t.Fatal(err)
	}
	w := r.draw(o, meta, faces, nil)
	var plain bytes.Buffer
	if err := w.pdf.Output(&plain); err != nil {
		t.Fatal(err)
	}
	return deflaters(pageStreams(plain.Bytes(), w.pdf.PageNo()))
}

// TestShareOut: every stream is in exactly one run, in order, no run is
// empty, and there are never more runs than asked for.
func TestShareOut(t *testing.T) {
	for _, sizes := range [][]int{{}, {5}, {1, 1, 1, 1}, {100, 1, 1, 1, 1}, {1, 1, 1, 100}, {3, 7, 2, 9, 4, 4, 1, 8}} {
		var streams []pageStream
		at := 0
		for _, n := range sizes {
			streams = append(streams, pageStream{obj: at, data: at + 1, end: at + 1 + n})
			at += 1 + n
		}
		for n := 1; n <= 5; n++ {
			runs := shareOut(streams, n)
			if len(runs) > n {
				t.Errorf("%v into %d: %d runs", sizes, n, len(runs))
			}
			var got []pageStream
			for _, r := range runs {
				if len(r) == 0 {
					t.Errorf("%v into %d: an empty run", sizes, n)
				}
				got = append(got, r...)
			}
			if len(got) != len(streams) {
				t.Fatalf("%v into %d: %d streams out of %d", sizes, n, len(got), len(streams))
			}
			for i := range got {
				if got[i] != streams[i] {
					t.Errorf("%v into %d: stream %d out of order", sizes, n, i)
				}
			}
		}
	}
}
