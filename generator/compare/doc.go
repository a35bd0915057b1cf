// Package compare compares two versions of a document clause by clause,
// not line by line, and writes the result as a redline.
//
// A document's clauses are the sections of its outline: each heading below
// the title, with the blocks that follow it up to the next heading, and an
// opening section for the title and what precedes the first heading. The
// templates give every heading a stable id ({#id}), so clauses are matched
// by id, never by number or position: a clause that moved shows as moved,
// one whose number changed because another was added before it as
// renumbered, not as deleted and inserted. Inside a matched clause the
// blocks are aligned by their text, and a paragraph, list item or heading
// that changed is compared word by word (github.com/sergi/go-diff over
// words, not characters, so a change reads as whole words struck out and
// put in). Tables (partners, contributions, targets, risks) are compared
// row by row, each row keyed by its leading cells: the shortest run of
// leading cells that tells every row of both tables apart.
//
// Compare is deterministic: the diff has no time limit, and the same two
// versions always give the same result and the same bytes of redline.
//
// The package imports nothing of ours but generator/outline.
package compare
