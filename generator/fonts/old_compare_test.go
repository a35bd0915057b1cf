package fonts

import (
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

func TestCompareOld(t *testing.T) {
	for _, name := range []string{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"} {
		start := time.Now()
		f, err := load(name)
		t.Logf("%s: sfnt load %v", name, time.Since(start))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := files.ReadFile(name)
		o := &oldFace{ttf: b}
		if err := o.parse(); err != nil {
			t.Fatal(err)
		}
		if o.missingWidth != f.missing {
			t.Errorf("missing %d vs %d", o.missingWidth, f.missing)
		}
		n, maxR := 0, rune(0)
		for r := rune(0); r <= utf8.MaxRune; r++ {
			ow, ohas := o.widths[r]
			nw, nhas := f.width(r)
			if ohas != nhas || (ohas && ow != nw) {
				n++
				if n < 20 {
					t.Errorf("%s U+%04X: old %d %v, new %d %v", name, r, ow, ohas, nw, nhas)
				}
			}
			if ohas {
				maxR = max(maxR, r)
			}
		}
		t.Logf("%s: %d runes in old cmap, max U+%04X, %d differ", name, len(o.widths), maxR, n)
	}
}

func BenchmarkWidthSfntPerRune(b *testing.B) {
	f := loadFaces(b).Regular
	const s = "The partners agree to share the costs of the service in the proportions of Schedule 2."
	var buf sfnt.Buffer
	for b.Loop() {
		w := 0
		for _, r := range s {
			g, _ := f.font.GlyphIndex(&buf, r)
			a, _ := f.advance(&buf, g)
			w += a
		}
		_ = w
	}
}

func BenchmarkWidthOldMap(b *testing.B) {
	bb, _ := files.ReadFile("LiberationSans-Regular.ttf")
	o := &oldFace{ttf: bb}
	o.parse()
	const s = "The partners agree to share the costs of the service in the proportions of Schedule 2."
	for b.Loop() {
		w := 0
		for _, r := range s {
			w += o.widths[r]
		}
		_ = w
	}
}
