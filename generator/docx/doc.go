// Package docx writes an outline as a Word document (Office Open XML
// WordprocessingML) for Legal to work in: real heading styles, so Word's
// navigation pane and accessibility checker see the structure; clause
// numbers as Word's own list numbering bound to the heading styles
// (numbering.go), and cross-references and the contents as fields
// (fields.go), so a clause inserted in Word or LibreOffice renumbers the
// clauses and references after it, while every number, reference and
// contents line carries the outline's text until a program updates it;
// placeholders still to settle highlighted; tables whose header row
// repeats on every page, their columns shared out by the font metrics as
// the PDF shares them; a running header (with the DRAFT mark on a draft)
// and footer; Track Changes on from the first keystroke.
//
// The package is written with archive/zip and encoding/xml's escaping
// only: no free, well-kept Go library writes headings, numbering, tables,
// headers and footers (see docx.go). Output is deterministic: the same
// outline and metadata give the same bytes.
package docx
