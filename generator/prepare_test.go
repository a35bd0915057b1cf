package generator

import (
	"bytes"
	"sync"
	"testing"
)

// TestPrepareBesideRender: a render that starts while Prepare is still
// parsing the kind's templates and the faces (as `partnerdocs render`
// does) makes the same bytes as one on a generator never prepared, for
// every format. Run with -race, it also checks the two share nothing
// unguarded.
func TestPrepareBesideRender(t *testing.T) {
	p := loadSample(t, "health-alliance.json")
	for _, f := range []Format{FormatPDF, FormatHTML, FormatDOCX} {
		want := render(t, newTestGenerator(t), "mou", p, f).Bytes
		g := newTestGenerator(t)
		var wg sync.WaitGroup
		wg.Go(func() { g.Prepare("mou", f) })
		got := render(t, g, "mou", p, f).Bytes
		wg.Wait()
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes with Prepare beside the render, %d without", f, len(got), len(want))
		}
	}
	newTestGenerator(t).Prepare("no-such-kind", FormatPDF) // ignored, not a panic
}
