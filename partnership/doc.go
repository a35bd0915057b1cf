// Package partnership holds the council's partnership record (the public JSON
// contract of DOMAIN.md), its strict decoding and validation, the rules of
// the Partnership Protocol (Assess: classification, significance, approval
// route, findings; ChecklistOf: the Annex 2 checklist's answers;
// ComplianceOf: the compliance flags), and the words every front end prints:
// the words for each enumeration (words.go) and the one money and date
// format (format.go).
//
// It imports nothing but the standard library and golang.org/x/text for
// Unicode normalisation, so every other package can depend on it.
//
// Field names and enumeration values are a promise to integrators: the JSON
// tags below are the contract and must not change.
package partnership
