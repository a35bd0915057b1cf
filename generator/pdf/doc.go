// Package pdf renders an outline as an A4 PDF with fpdf: Liberation Sans
// embedded (package fonts) for every script in partners' names, clause
// numbers hanging in their own column, tables that break across pages
// under a repeated header row, a running header with the council and the
// document's title, "Page X of Y", a stroked DRAFT watermark until the
// document is approved, bookmarks for every heading, internal links for
// every cross-reference, and the title, author, subject, keywords and
// language en-GB in the metadata.
//
// The renderer measures text with the font metrics and breaks lines and
// pages itself, so measuring never touches the PDF. Output is
// deterministic: the same outline and metadata give the same bytes.
package pdf
