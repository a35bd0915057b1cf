// Package samples holds sample partnership JSON files, used by the README,
// tests and benchmarks.
//
// Each file is a partnership as an intranet system would send it to the API
// (the contract in package partnership) and renders to a draft agreement of
// realistic length:
//
//   - waste-partnership.json: the protocol's own example, the county council
//     leading the district and borough councils on a joint municipal waste
//     strategy (significant, binding inter-authority agreement).
//   - community-safety-partnership.json: the statutory community safety
//     partnership, led by the Police, Fire and Crime Commissioner.
//   - health-alliance.json: a health and wellbeing alliance of 25 partner
//     organisations with a joint-controller ISP; the longest sample, used by
//     the benchmarks.
//   - community-partnership.json: community groups with Polish, Romanian,
//     Welsh, Irish, Greek and Ukrainian names, £ and € amounts and curly
//     quotes, for checking that every character prints.
//   - youth-employment-mou.json: a memorandum of understanding with some
//     binding clauses; the council is a member.
//   - minimal-proposal.json: an early proposal with only the required
//     fields, so the "to be confirmed" wording is exercised.
//   - awkward-names.json: valid input whose text is full of Markdown, HTML
//     and template metacharacters that must print exactly as entered.
//   - early-help-safeguarding.json: a children's charity and a housing
//     association disclose safeguarding concerns to the council, each on
//     recognised legitimate interests (safeguarding), beside the police on
//     public task; each partner's responsibilities and a liability cap.
//   - joint-planning-committee.json: a joint committee of councils
//     discharging planning functions (Local Government Act 1972, ss101-102).
//   - incorporated-entity.json: a company limited by guarantee the council
//     joins as a member.
//   - meals-contract.json: a contract for services, which §3 excludes, with
//     health data processed for the council.
//   - better-care-s75.json: a section 75 pooled budget with the integrated
//     care board, which §3 treats as a hybrid, sharing health data under
//     Article 9(2)(h).
//
// The waste partnership is a partnership of councils only; the health
// alliance and the Better Care Fund share health data under Article 9(2)(h).
//
// councils/ holds council profiles (--council FILE):
// west-northamptonshire.json is a current council's, one of the two that
// succeeded the protocol's own council in 2021 (the built-in default); its
// contacts use reserved example addresses and its policy approval and seal
// value are illustrative.
//
// People and voluntary or private organisations are fictional; public bodies
// are real, but their registration numbers and contacts are illustrative and
// the telephone numbers are from Ofcom's ranges reserved for drama.
package samples

import (
	"embed"
	"sort"
)

// FS holds every sample file at its top level.
//
//go:embed *.json
var FS embed.FS

// Councils holds the sample council profiles, under councils/.
//
//go:embed councils/*.json
var Councils embed.FS

// Names returns the file names of the samples, sorted.
func Names() []string {
	// The directory is embedded at build time, so reading it cannot fail.
	entries, _ := FS.ReadDir(".")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Read returns the contents of the sample called name, as Names gives it.
func Read(name string) ([]byte, error) {
	return FS.ReadFile(name)
}
