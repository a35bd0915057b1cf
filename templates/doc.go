// Package templates holds the embedded document templates and the small
// loader that parses them once: every kind at start-up (Load), or each kind
// on its first use (LoadLazy).
//
// # Files
//
// Each document is a directory named after its kind (agreement/, later mou/
// and so on) holding one main file, document.md.tmpl, and its clause
// partials, *.md.tmpl, each of which defines one or more named templates
// with {{define "agreement/term"}}. The main file starts with front matter:
//
//	---
//	id: agreement
//	kind: agreement
//	title: Partnership Agreement
//	version: 1.0.0
//	---
//
// Templates are Go text/template with missingkey=error. Every string of the
// partnership reaches the template already escaped for Markdown, so a
// partner called *Acme | Ltd_ prints as written; templates must not escape
// again and must not unescape.
//
// # The Markdown the renderer understands
//
// CommonMark plus GFM tables and heading attributes. The renderer, not the
// template, assigns every number, so conditional clauses never leave gaps:
//
//   - "# Title" is the document title (first page, not numbered).
//   - Paragraphs before the first "##" are unnumbered front matter.
//   - "## Heading {#id}" is a clause, numbered 1, 2, 3 ...; each paragraph or
//     list directly under it is a sub-clause numbered 1.1, 1.2 ...
//   - "### Heading {#id}" is a sub-clause heading, numbered 1.1; paragraphs
//     under it are numbered 1.1.1, 1.1.2 ...
//   - "{.unnumbered}" on a heading: neither it nor its paragraphs are
//     numbered (for example Signatures).
//   - "{.schedule}" on a "##" heading: printed "Schedule N: Heading", its
//     content unnumbered; schedules start on a new page.
//   - "{.binding}" on a heading marks a clause as legally binding (MoU):
//     printed with "(Binding)" after the heading text.
//   - A link to "#id" with empty text, [](#id), becomes a cross-reference
//     that follows renumbering: "clause 7", "clause 7.2" or "Schedule 2".
//   - Ordered lists are lettered (a), (b), (c); bullet lists are bulleted;
//     both belong to the sub-clause of the paragraph before them.
//   - "**bold**" is bold; "*emphasis*" is printed in the regular face.
//   - A blockquote ("> ") is a block kept together on one page, used for
//     signature blocks; a line ending in a backslash is a line break.
//   - A thematic break ("***") starts a new page.
package templates
