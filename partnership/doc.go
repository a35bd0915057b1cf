// Package partnership holds the council's partnership record (the public JSON
// contract of DOMAIN.md), its strict decoding and validation, and the rules of
// the Partnership Protocol.
//
// It imports nothing but the standard library and golang.org/x/text for
// Unicode normalisation, so every other package can depend on it.
//
// Field names and enumeration values are a promise to integrators: the JSON
// tags below are the contract and must not change.
package partnership
