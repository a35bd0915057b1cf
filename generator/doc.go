// Package generator turns a partnership into documents.
//
// One pipeline serves every output: the document's template is executed over
// a view of the partnership in which every user value has been escaped for
// Markdown; the Markdown is parsed once into an outline (package
// generator/outline), where clause numbers and cross-references are
// assigned; then one renderer draws the outline: generator/pdf (fpdf,
// embedded Liberation Sans from generator/fonts), generator/html (the
// accessible preview) or generator/docx (a Word document for Legal to
// redline). Render dispatches by format and records what is known about
// the document (hashes, template, warnings).
//
// Output is deterministic: the same partnership, template version and
// generation time give byte-identical bytes.
package generator
