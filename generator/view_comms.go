package generator

import (
	"fmt"
	"slices"

	"partnerdocs/partnership"
)

// This file holds what the memorandum of understanding and the Partnership
// Communications Agreement need beyond the agreement's view: which clauses
// of the memorandum are binding, and who the agreed communications contact
// is. They are methods, computed when a template asks, so the agreement
// pays nothing for them.

// mouClause is a clause of the memorandum that mou.binding_clauses can make
// binding. ID is both the contract's value and the clause's heading id in
// templates/mou, so "[](#costs)" finds the costs clause; Heading is the
// heading text the status clause names it by.
type mouClause struct {
	ID      partnership.BindingClause
	Heading string
}

// mouClauses are every clause that can be made binding, in the order the
// memorandum prints them (templates/mou/document.md.tmpl), so the status
// clause lists them in ascending clause numbers. The headings must match
// the templates' headings; TestMoUBindingMarksMatchTheList checks they do.
var mouClauses = []mouClause{
	{partnership.BindingClauseCosts, "Costs"},
	{partnership.BindingClauseIntellectualProperty, "Intellectual property"},
	{partnership.BindingClauseDataProtection, "Data protection and information sharing"},
	{partnership.BindingClauseFreedomOfInformation, "Freedom of information"},
	{partnership.BindingClauseConfidentiality, "Confidentiality"},
	{partnership.BindingClauseTermination, "Withdrawal and termination"},
	{partnership.BindingClauseGoverningLaw, "Governing law"},
}

// Binds reports whether mou.binding_clauses lists clause. A name that is
// not a binding clause of the contract is an error, so that a misspelt id
// in a council's own template is refused with its file and line instead of
// silently leaving a clause unmarked.
func (v *view) Binds(clause string) (bool, error) {
	c := partnership.BindingClause(clause)
	if !c.Valid() {
		return false, fmt.Errorf("binds: %q is not a binding clause (one of %v)", clause, partnership.BindingClauseValues)
	}
	return v.P.MoU != nil && slices.Contains(v.P.MoU.BindingClauses, c), nil
}

// BindingClauses returns the clauses mou.binding_clauses lists, in the
// order the memorandum prints them; none when mou is absent or empty.
func (v *view) BindingClauses() []mouClause {
	if v.P.MoU == nil {
		return nil
	}
	var out []mouClause
	for _, c := range mouClauses {
		if slices.Contains(v.P.MoU.BindingClauses, c.ID) {
			out = append(out, c)
		}
	}
	return out
}

// CommsLead returns the party that communications.lead_partner names: the
// one whose communications contact handles the press for the partnership.
// It is nil when no lead is named or the id names no party (validation
// reports that).
func (v *view) CommsLead() *party {
	if v.P.Communications == nil || v.P.Communications.LeadPartner == "" {
		return nil
	}
	id := v.P.Communications.LeadPartner // escaped, like party.ID
	for i := range v.Parties {
		if v.Parties[i].ID == id {
			return &v.Parties[i]
		}
	}
	return nil
}

// Instrument names the document that sets up the partnership, for the
// communications agreement's purpose clause: "the partnership agreement
// between the Partners". An informal arrangement, a forum or one not yet
// chosen gets a general phrase.
func (v *view) Instrument() string { return v.P.LegalInstrument.Document() }
