package fonts

import (
	"bytes"
	"os"
	"testing"
)

func loadFaces(t testing.TB) *Faces {
	t.Helper()
	fs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestCoverage(t *testing.T) {
	fs := loadFaces(t)
	for _, f := range []*Face{fs.Regular, fs.Bold} {
		// Latin, Greek, Cyrillic, Hebrew (which the PDF still refuses, for
		// its direction), punctuation; not CJK, Arabic, emoji, surrogates
		// or what is not a character at all.
		for _, r := range "Aaé€łŁΩЖשß‘’“”–—•" {
			if !f.Has(r) {
				t.Errorf("no glyph for %q", r)
			}
		}
		for _, r := range []rune{0x4E2D, 0x0627, 0x1F600, 0xD800, -1, 0x110000} {
			if f.Has(r) {
				t.Errorf("a glyph for U+%04X", r)
			}
		}
	}
}

// The widths are those of the font's hmtx table in 1/1000 em, rounded, as
// the fonts' own AFM files give them.
func TestWidths(t *testing.T) {
	fs := loadFaces(t)
	cases := []struct {
		face *Face
		s    string
		want int
	}{
		{fs.Regular, "A", 667},
		{fs.Regular, "i", 222},
		{fs.Regular, " ", 278},
		{fs.Regular, "Agreement", 667 + 556 + 333 + 556 + 556 + 833 + 556 + 556 + 278},
		{fs.Bold, "A", 722},
		{fs.Bold, "i", 278},
		{fs.Regular, "", 0},
	}
	for _, c := range cases {
		if got := c.face.Width(c.s); got != c.want {
			t.Errorf("%q: %d, want %d", c.s, got, c.want)
		}
	}
	// A character the face lacks prints as, and measures as, .notdef.
	notdef := fs.Regular.Width("\u4E2D")
	if notdef <= 0 || fs.Regular.Width("A\u4E2D\U0001F600") != 667+2*notdef {
		t.Errorf(".notdef width %d; %d for A and two missing characters", notdef, fs.Regular.Width("A\u4E2D\U0001F600"))
	}
}

func TestTTFIsTheFile(t *testing.T) {
	fs := loadFaces(t)
	for name, f := range map[string]*Face{regularFile: fs.Regular, boldFile: fs.Bold} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.TTF(), b) {
			t.Errorf("%s: TTF is not the file", name)
		}
	}
	if fs.Face(true) != fs.Bold || fs.Face(false) != fs.Regular {
		t.Error("Face(bold) picks the wrong face")
	}
}

// BenchmarkWidth measures a line of body text, as the PDF's line breaker
// does for every word.
func BenchmarkWidth(b *testing.B) {
	f := loadFaces(b).Regular
	const s = "The partners agree to share the costs of the service in the proportions of Schedule 2."
	for b.Loop() {
		_ = f.Width(s)
	}
}

// BenchmarkLoad measures what every process that renders pays once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
