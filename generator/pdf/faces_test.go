package pdf

import (
	"testing"

	"partnerdocs/generator/fonts"
)

// BenchmarkFacesFirstUse is what a process pays for its faces before the
// first document: loading them and making them ready for fpdf.
func BenchmarkFacesFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		faces, err := fonts.Load()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parseFaces(faces); err != nil {
			b.Fatal(err)
		}
	}
}
