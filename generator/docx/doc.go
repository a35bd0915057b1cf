// Package docx writes an outline as a Word document (Office Open XML
// WordprocessingML) for Legal to redline: real heading styles, so Word's
// navigation pane and accessibility checker see the structure; clause
// numbers, list labels and cross-references written as the text the PDF
// prints, so a tracked insertion never renumbers the clauses after it;
// tables whose header row repeats on every page, their columns shared out
// by the font metrics as the PDF shares them; a running header and footer;
// Track Changes on from the first keystroke.
//
// The package is written with archive/zip and encoding/xml's escaping
// only: no free, well-kept Go library writes headings, numbering, tables,
// headers and footers (see docx.go). Output is deterministic: the same
// outline and metadata give the same bytes.
package docx
