package pdf

import "unicode"

// Scripts that need shaping or right-to-left ordering, which fpdf does not
// do: even where the font has the glyphs, the PDF would print them wrongly.
var complexScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati,
	unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam,
	unicode.Sinhala, unicode.Thai, unicode.Lao, unicode.Tibetan, unicode.Myanmar,
	unicode.Khmer, unicode.Mongolian,
}

// Printable reports whether the PDF prints c as written: both faces have a
// glyph for it, and it belongs to no script that needs shaping or
// right-to-left ordering.
func (r *Renderer) Printable(c rune) bool {
	return r.faces.Regular.Has(c) && r.faces.Bold.Has(c) && !unicode.In(c, complexScripts...)
}
