// Package html writes an outline as one accessible HTML page: the preview
// and the on-screen review copy. Real headings, lists and tables with
// header cells, the language en-GB, and the binding marks and draft status
// in words, never by colour alone. Every value is escaped by html/template.
package html
