// Package workbook writes the annual CMT workbook (Partnership Protocol
// §5(b)) from the register's current revisions, and reads its return: the
// same file filled in by officers and sent back.
//
// The workbook has a Dashboard of live formulas, one large sheet each for
// the register, targets, risks, representation and reviews, a Definitions
// sheet and a very hidden Export sheet recording the year and the revision
// of each partnership it was made from. Officers fill in the shaded cells of
// the Targets and Reviews sheets; ReadReturn checks every cell of those
// sheets against the register and answers what changed.
//
// The package imports only partnership of ours: it prints the decisions the
// protocol's assessment has taken and takes none of its own.
package workbook
