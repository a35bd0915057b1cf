package pdf

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
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
		if _, err := makeFaces(faces); err != nil {
			b.Fatal(err)
		}
	}
}

// Faces made from fpdf's tables of them draw a document exactly as faces
// parsed from the font files do: the same widths, subsets (accented
// letters are glyphs built of others), character maps, descriptors and
// resource names, so the same bytes.
func TestFacesFromTablesDrawAsParsed(t *testing.T) {
	o := multiScript(t)
	faces, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	parsed := New(faces)
	parsed.parsed = func() (parsedFaces, error) {
		reg, err := fpdf.ParseUTF8Font(faces.Regular.TTF())
		if err != nil {
			return parsedFaces{}, err
		}
		bold, err := fpdf.ParseUTF8Font(faces.Bold.TTF())
		return parsedFaces{reg: reg, bold: bold}, err
	}
	fromTables := New(faces)
	for _, doc := range []*outline.Outline{o, document(t)} {
		want, err := parsed.Render(doc, meta)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fromTables.Render(doc, meta)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q: %d bytes drawn with faces made from tables, %d with faces parsed, and they differ",
				outline.Text(doc.Blocks[0].Spans), len(got), len(want))
		}
	}
}

// Every glyph a PDF's font subsets hold for a character is the face's
// glyph for it, outline and advance, whether the face's own glyph is
// simple or built of others (Ǻ is Å and an acute): the subsets are cut by
// looking the characters up in the tables' cmap and the font's loca table.
func TestSubsetGlyphsAreTheFaces(t *testing.T) {
	pdftest.Require(t, "qpdf")
	faces, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(faces).Render(multiScript(t), meta)
	if err != nil {
		t.Fatal(err)
	}
	objs := pdftest.ReadObjects(t, b)
	res := objs.Dict(t, objs.Dict(t, objs.Pages(t)[0])["/Resources"])
	checked := 0
	for _, ref := range objs.Dict(t, res["/Font"]) {
		font := objs.Dict(t, ref)
		face := faces.Regular
		if strings.HasSuffix(font["/BaseFont"].(string), "B") {
			face = faces.Bold
		}
		cid := objs.Dict(t, objs.Array(t, font["/DescendantFonts"])[0])
		file := objs.Dict(t, cid["/FontDescriptor"])["/FontFile2"].(string)
		checked += compareGlyphs(t, objs.StreamData(t, cid["/CIDToGIDMap"].(string)), objs.StreamData(t, file), face.TTF(), font["/BaseFont"])
	}
	if checked < 100 {
		t.Errorf("%d characters' glyphs checked; the document draws more", checked)
	}
}

// multiScript is a document in the faces' scripts, with characters whose
// glyphs are built of others.
func multiScript(t *testing.T) *outline.Outline {
	t.Helper()
	md := "# Ŧables ánd Ǻccents\n\n## Parties {#parties}\n\n" +
		"Zoë Brontë, Łukasz Żółć, Ørsted & Æsir, Ǻngström, ŉ ǅ ǈ ǋ, Ελένη Γεωργίου, Щука Жанна, “£1,000” — €5 ™ ½ ﬁ ﬂ ₴ ₹.\n\n" +
		"**Bold: Ǿ ǽ Ḁ ẞ ů ř Ἀ Ѝ ﬃ ‰ ∑ √ ∞ Ǻngström.**\n"
	o, err := outline.Parse([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// compareGlyphs checks the glyph of each character cidToGID maps in the
// subset against the same character's glyph in the face, and says how
// many it checked.
func compareGlyphs(t *testing.T, cidToGID, subset, ttf []byte, name any) int {
	t.Helper()
	sub, err := sfnt.Parse(subset)
	if err != nil {
		t.Fatalf("%v: the subset: %v", name, err)
	}
	face, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	ppem := fixed.I(int(face.UnitsPerEm()))
	var subBuf, faceBuf sfnt.Buffer
	n := 0
	for c := 0; c+1 < len(cidToGID); c += 2 {
		gid := sfnt.GlyphIndex(binary.BigEndian.Uint16(cidToGID[c:]))
		if gid == 0 {
			continue
		}
		r := rune(c / 2)
		want, err := face.GlyphIndex(&faceBuf, r)
		if err != nil || want == 0 {
			t.Fatalf("%v: %q is in the subset, but the face has no glyph for it", name, r)
		}
		got, err := sub.LoadGlyph(&subBuf, gid, ppem, nil)
		if err != nil {
			t.Fatalf("%v: %q: %v", name, r, err)
		}
		got = slices.Clone(got)
		wantSegs, err := face.LoadGlyph(&faceBuf, want, ppem, nil)
		if err != nil {
			t.Fatal(err)
		}
		gotAdv, err1 := sub.GlyphAdvance(&subBuf, gid, ppem, font.HintingNone)
		wantAdv, err2 := face.GlyphAdvance(&faceBuf, want, ppem, font.HintingNone)
		if !slices.Equal(got, wantSegs) || gotAdv != wantAdv || err1 != nil || err2 != nil {
			t.Errorf("%v: %q: the subset's glyph %d (advance %v) is not the face's glyph %d (advance %v)", name, r, gid, gotAdv, want, wantAdv)
		}
		n++
	}
	return n
}
