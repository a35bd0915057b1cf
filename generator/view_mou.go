package generator

import (
	"slices"
	"strings"

	"partnerdocs/partnership"
)

// This file holds what the memorandum of understanding needs beyond the
// agreement's view and the binding clauses mou.binding_clauses chooses
// (view_comms.go): the clauses that always bind, each party's own lawful
// basis, and the facts that decide its conditional clauses (safeguarding,
// subsidy control, the liability cap, the responsibilities schedule); the
// note for a memorandum made for an instrument that binds is worded in the
// template (mou/instrument-note) from the record's instrument. They are
// methods, computed when the memorandum's template asks, so no other kind
// pays for them. Their names start with MoU so that they cannot collide
// with another kind's.

// mouBound is a clause of the memorandum that binds, as the status clause
// lists it: ID is its heading id, Heading the heading text it is named by.
type mouBound struct {
	ID      string
	Heading string
}

// mouAlwaysBinding are the clauses that bind in every memorandum, whatever
// mou.binding_clauses lists: the status and definitions clauses (without
// them no Binding Clause can be read), the disputes clause, and the
// mechanics that any binding clause needs (notices, successors and
// assignment, severance, waiver). The templates mark each of them
// ".binding"; TestMoUAlwaysBindingClauses checks the marks and the list
// agree.
var mouAlwaysBinding = map[string]string{
	"status":      "Status of this Memorandum",
	"definitions": "Definitions and interpretation",
	"disputes":    "Disputes",
	"notices":     "Notices",
	"successors":  "Successors and assignment",
	"severance":   "Severance",
	"waiver":      "Waiver",
}

// mouLiabilityCap is the clause that limits liability, present and binding
// only when liability_cap_pence is given.
const mouLiabilityCap = "liability-cap"

// mouBindingOrder is every clause that can bind, in the order the
// memorandum prints them (templates/mou/document.md.tmpl), so that the
// status clause lists them in ascending clause numbers.
var mouBindingOrder = []string{
	"status", "definitions", "costs", "intellectual_property", mouLiabilityCap,
	"data_protection", "freedom_of_information", "confidentiality", "disputes",
	"termination", "notices", "successors", "severance", "waiver", "governing_law",
}

// MoUBinding returns every clause of this memorandum that binds, in the
// order it prints them: those that always bind, those mou.binding_clauses
// lists and, when a cap is given, the limitation of liability.
func (v *view) MoUBinding() []mouBound {
	chosen := v.BindingClauses()
	out := make([]mouBound, 0, len(mouAlwaysBinding)+len(chosen)+1)
	for _, id := range mouBindingOrder {
		if h, ok := mouAlwaysBinding[id]; ok {
			out = append(out, mouBound{id, h})
			continue
		}
		if id == mouLiabilityCap {
			if v.raw.LiabilityCapPence != nil {
				out = append(out, mouBound{id, "Limitation of liability"})
			}
			continue
		}
		if i := slices.IndexFunc(chosen, func(c mouClause) bool { return string(c.ID) == id }); i >= 0 {
			out = append(out, mouBound{id, chosen[i].Heading})
		}
	}
	return out
}

// MoULiabilityCap is the agreed cap on each partner's liability, in
// pounds; "" when none was agreed.
func (v *view) MoULiabilityCap() string {
	if v.raw.LiabilityCapPence == nil {
		return ""
	}
	return partnership.FormatMoney(*v.raw.LiabilityCapPence)
}

// mouBasis is a group of parties that rely on the same Article 6 basis.
type mouBasis struct {
	Names []string // escaped; "the Council" for the council
	Words string   // "Article 6(1)(e) of the UK GDPR (public task)"; "" when not recorded
}

// MoUBases groups the parties by the Article 6 basis each relies on (its
// own, or information_sharing's), council first and then in the order the
// partners are entered, so that no single basis is printed for every
// party when their bases differ. Which basis is not available to a party
// is the assessment's answer, as the ISP prints it (LawfulBases): such a
// basis is left "" to print as a placeholder.
func (v *view) MoUBases() []mouBasis {
	var out []mouBasis
	add := func(name, w string) {
		for i := range out {
			if out[i].Words == w {
				out[i].Names = append(out[i].Names, name)
				return
			}
		}
		out = append(out, mouBasis{Names: []string{name}, Words: w})
	}
	for _, r := range v.LawfulBases().Rows {
		name, w := r.Party, ""
		if r.IsCouncil {
			name = "the Council"
		}
		if r.Text != basisPlaceholder {
			w = mouBasisWords(r.basis, r.interest)
		}
		add(name, w)
	}
	return out
}

// mouBasisWords names a basis by its Article and words, with the Annex 1
// condition for recognised legitimate interests; "" when none is given.
func mouBasisWords(b partnership.LawfulBasis, ri partnership.RecognisedInterest) string {
	if b.Text() == "" {
		return ""
	}
	w := lawfulBasisText(b)
	if b != partnership.LawfulBasisRecognisedLegitimateInterests {
		return w
	}
	if ri.Text() == "" {
		return w + ", for a condition in Annex 1 to the UK GDPR [condition to be confirmed]"
	}
	return w + ", for " + ri.Text() + " (" + ri.Paragraph() + " to the UK GDPR)"
}

// MoUHealthData reports whether the sharing relies on Article 9(2)(h).
func (v *view) MoUHealthData() bool { return v.raw.InformationSharing.HealthData() }

// MoUSafeguarding reports whether the partnership touches safeguarding: a
// safeguarding risk, or a party relying on the safeguarding condition of
// recognised legitimate interests.
func (v *view) MoUSafeguarding() bool {
	for _, r := range v.raw.Risks {
		if r.Category == partnership.RiskCategorySafeguarding {
			return true
		}
	}
	if _, ri := v.raw.CouncilBasis(); ri == partnership.RecognisedInterestSafeguarding {
		return true
	}
	for _, pt := range v.raw.Partners {
		if _, ri := v.raw.PartnerBasis(pt); ri == partnership.RecognisedInterestSafeguarding {
			return true
		}
	}
	return false
}

// MoUCouncilPaysCash reports whether money flows from the council: a cash
// contribution by the council, paid to the Lead Partner or into a budget
// spent with the partners, which brings in subsidy control and
// procurement law.
func (v *view) MoUCouncilPaysCash() bool {
	for _, c := range v.raw.Contributions {
		if c.Partner == councilID && c.Type == partnership.ContributionTypeCash && c.AmountPence > 0 {
			return true
		}
	}
	return false
}

// mouDuties is one partner's responsibilities for the schedule.
type mouDuties struct {
	Name  string   // escaped
	Items []string // escaped, each on one line
}

// MoUResponsibilities lists each partner with what it delivers
// (partners[].responsibilities), in the order entered; nil when no partner
// has any, so the schedule prints one placeholder instead of a row of them.
func (v *view) MoUResponsibilities() []mouDuties {
	found := false
	out := make([]mouDuties, len(v.P.Partners))
	for i, pt := range v.P.Partners {
		out[i].Name = pt.Name
		for _, r := range pt.Responsibilities {
			if r = oneline(strings.TrimSpace(r)); r != "" {
				out[i].Items = append(out[i].Items, r)
				found = true
			}
		}
	}
	if !found {
		return nil
	}
	return out
}

// MoUFOIAuthorities names the parties subject to the Freedom of
// Information Act 2000, the council as "the Council" and first.
func (v *view) MoUFOIAuthorities() []string {
	out := slices.Clone(v.FOIAuthorities)
	if len(out) > 0 {
		out[0] = "the Council" // the council is always first and always a public authority
	}
	return out
}
