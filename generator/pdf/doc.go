// Package pdf renders an outline as an A4 PDF with fpdf: Liberation Sans
// embedded (package fonts) for every script in partners' names, clause
// numbers hanging in their own column, tables that break across pages
// under a repeated header row, a running header with the council and the
// document's title, "Page X of Y", a stroked DRAFT watermark until the
// document is approved, bookmarks for every heading, internal links for
// every cross-reference, a contents list with page numbers in a document
// over eight pages (contents.go), and the title, author, subject, keywords
// and language en-GB in the metadata.
//
// The PDF is tagged (tag.go, structtree.go): a structure tree built from
// the outline as it is drawn (headings, paragraphs, lists, tables with
// header cells, links), every piece of content in marked content that the
// tree points at, and the running header, footer and watermark marked as
// artifacts, so a screen reader can read and navigate it.
//
// The renderer measures text with the font metrics and breaks lines and
// pages itself, so measuring never touches the PDF. Output is
// deterministic: the same outline and metadata give the same bytes.
package pdf
