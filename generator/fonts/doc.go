// Package fonts holds the faces the documents are set in, Liberation Sans
// regular and bold (SIL Open Font Licence; the licence ships beside the
// files), embedded, and what the renderers need to know about them: the
// font file itself, for the PDF to embed, whether a face has a glyph for a
// character, and how wide text is, for line breaking and for sharing a
// table's width between its columns.
//
// The advance widths of the Basic Multilingual Plane are tabulated from
// the files once, by go generate, into a width table beside each
// (*.widths), which Load reads into a table, so measuring text, which the
// PDF's line breaker does for every word, is an index into the table rather
// than a look-up in the font's tables, and starting does not look up every
// character in the fonts. A character beyond the plane is looked up in the
// font with golang.org/x/image/font/sfnt, which parses it on the first.
//
// What fpdf reads from a font file to embed it (its metrics and character
// widths, its cmap, the file's SHA-1) is generated beside it in the same
// way (*.fpdf, fpdf's UTF8Font.Tables), so that the PDF renderer makes
// each face with fpdf.NewUTF8FontFromTables instead of parsing the file in
// every process.
package fonts
