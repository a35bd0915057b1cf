// Package generator turns a partnership into documents.
//
// One pipeline serves every output: the document's template is executed over
// a view of the partnership in which every user value has been escaped for
// Markdown; the Markdown is parsed once with goldmark; clause numbers and
// cross-references are assigned on the syntax tree; then a renderer walks the
// tree to PDF (fpdf, embedded Liberation Sans), to accessible HTML, or to a
// Word document (WordprocessingML, docx.go) for Legal to redline.
//
// Output is deterministic: the same partnership, template version and
// generation time give byte-identical bytes.
package generator
