package outline

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// filler is Markdown long enough that a section after it is handed over.
func filler(n int) string {
	return strings.Repeat("The Partners shall work together in good faith to the ends this clause names. ", 12) +
		"\n\n" + strings.Repeat("A further paragraph of the same clause, long enough to matter here. ", 12*n) + "\n\n"
}

// TestStreamSplitsOnlyWhereMarkdownAllows: headings that only look like
// the start of a section (in a fence, in an HTML block) are not split at,
// and a link reference definition anywhere makes the whole be parsed at
// once; the outline is always Parse's.
func TestStreamSplitsOnlyWhereMarkdownAllows(t *testing.T) {
	cases := map[string]struct {
		md       string
		sections int // how many it must be parsed in, at least
	}{
		"sections": {"# T\n\n" + filler(9) + "## A {#a}\n\n" + filler(9) + "## B\n\nSee [](#a).\n", 3},
		"fence": {"# T\n\n" + filler(9) + "## A\n\n```\nnot code to split\n\n## B in the fence\n\n" + filler(9) +
			"```\n\n## C\n\n" + filler(1), 3},
		"tilde fence":  {"# T\n\n" + filler(9) + "~~~~\n\n## in\n\n" + filler(9) + "~~~\n\n## still in\n\n~~~~\n\n## C\n\ntext\n", 2},
		"html comment": {"# T\n\n" + filler(9) + "<!--\n\n## in a comment\n\n" + filler(9) + "-->\n\n## D\n\ntext\n", 1},
		"definition":   {"# T\n\n" + filler(9) + "## A {#a}\n\nSee [][ref].\n\n" + filler(9) + "## B\n\n[ref]: #a\n", 1},
	}
	for name, c := range cases {
		whole, wholeErr := Parse([]byte(c.md))
		for _, piece := range []int{1, 7, 64, len(c.md)} {
			var buf bytes.Buffer
			st := NewStream(&buf)
			for rest := c.md; len(rest) > 0; {
				n := min(piece, len(rest))
				st.Write([]byte(rest[:n]))
				rest = rest[n:]
			}
			streamed, err := st.Finish()
			if (err == nil) != (wholeErr == nil) || !reflect.DeepEqual(streamed, whole) {
				t.Errorf("%s, written %d bytes at a time: streamed (%v) is not the whole's outline (%v)", name, piece, err, wholeErr)
			}
			if st.Sections() < c.sections {
				t.Errorf("%s: parsed in %d sections, want at least %d", name, st.Sections(), c.sections)
			}
		}
	}
}

// TestStreamStopsHalfWritten: a document abandoned half written (its
// template failed) stops the parsing goroutine.
func TestStreamStopsHalfWritten(t *testing.T) {
	var buf bytes.Buffer
	st := NewStream(&buf)
	st.Write([]byte("# T\n\n" + filler(9) + "## A\n\n" + filler(9) + "## B\n\n"))
	if st.Sections() < 2 {
		t.Fatalf("parsed in %d sections", st.Sections())
	}
	st.Stop()
	st.Stop()
}
