// Package fonts holds the faces the documents are set in, Liberation Sans
// regular and bold (SIL Open Font Licence; the licence ships beside the
// files), embedded, and what the renderers need to know about them: the
// font file itself, for the PDF to embed, whether a face has a glyph for a
// character, and how wide text is, for line breaking and for sharing a
// table's width between its columns.
//
// The files are read with golang.org/x/image/font/sfnt, once, in Load; the
// advance widths of the Basic Multilingual Plane are tabulated then, so
// measuring text, which the PDF's line breaker does for every word, is an
// index into a slice rather than a look-up in the font's tables.
package fonts
