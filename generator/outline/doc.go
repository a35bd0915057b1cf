// Package outline is a document as the renderers see it: a flat list of
// blocks (title, headings, paragraphs, lists, tables, signature boxes, page
// breaks, and a draft's drafting notes box, which the generator adds after
// numbering), each already carrying the number it prints, with every
// cross-reference resolved to the label of the clause it points at, and the
// metadata every copy prints (Meta).
//
// Parse builds an outline from the Markdown a document's template produced,
// with goldmark (GFM tables; attributes for clause ids and the schedule,
// binding and unnumbered marks). Numbers are assigned here, on the syntax
// tree, not in the template, so a conditional clause never leaves a gap and
// a cross-reference follows the renumbering. The PDF, Word and HTML copies
// are all drawn from the same outline, so they cannot disagree about
// numbering.
//
// The package imports nothing of ours; the renderers (generator/pdf,
// generator/docx, generator/html) import it and nothing else of the
// pipeline.
package outline
