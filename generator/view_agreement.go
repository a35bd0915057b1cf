package generator

import (
	"strings"

	"partnerdocs/partnership"
)

// This file holds what only the partnership agreement needs beyond the
// shared view: which instrument's clauses it prints (a board, a joint
// committee or a company), how the Council executes it, the partners'
// responsibilities schedule, and the facts that decide whether the
// safeguarding, subsidy control and liability cap clauses appear. They are
// methods, computed when a template asks, so other kinds pay nothing.

// IsJointCommittee reports whether the councils discharge their functions
// through a joint committee (LGA 1972 ss101-102, LGA 2000 s9EB): the
// agreement then gets the joint committee's clauses, not a board's.
func (v *view) IsJointCommittee() bool {
	return v.raw.LegalInstrument == partnership.LegalInstrumentJointCommittee
}

// IsCompany reports whether the partners act through a company they are
// members of: the agreement is then a members' agreement beside the
// company's articles.
func (v *view) IsCompany() bool {
	return v.raw.LegalInstrument == partnership.LegalInstrumentIncorporatedEntity
}

// Body is the defined term for the body that governs the Partnership:
// "Joint Committee" for a joint committee, otherwise "Board" (for a
// company, its board of directors).
func (v *view) Body() string {
	if v.IsJointCommittee() {
		return "Joint Committee"
	}
	return "Board"
}

// AgreementValue is what the agreement is worth for execution: every
// contribution of every partner in every year, in pence.
func (v *view) AgreementValue() int64 { return v.ContributionsTotal }

// UnderSeal reports whether the Council executes the agreement as a deed
// under its common seal: its profile sets a value from which it does, and
// the agreement reaches it.
func (v *view) UnderSeal() bool {
	from := v.rawCouncil.Execution.SealFromPence
	return from > 0 && v.ContributionsTotal >= from
}

// SealKnown reports whether the profile says when the Council seals; when
// it does not, the signature section carries a placeholder.
func (v *view) SealKnown() bool { return v.rawCouncil.Execution.SealFromPence > 0 }

// CouncilPaysOut reports whether money flows from the Council to other
// partners or to those the partnership pays: the Council contributes cash,
// or it holds a pooled fund as lead and spends it. Then subsidy control and
// the Procurement Act 2023 must be considered before any payment.
func (v *view) CouncilPaysOut() bool {
	if v.HasCash && v.CouncilIsLead {
		return true
	}
	for _, c := range v.raw.Contributions {
		if c.Partner == councilID && c.Type == partnership.ContributionTypeCash && c.AmountPence > 0 {
			return true
		}
	}
	return false
}

// Safeguarding reports whether children or adults at risk are within the
// partnership's scope, so that the agreement needs a safeguarding clause.
// The record has no field for it, so it is inferred from the facts that
// only such a partnership records: a risk in the safeguarding category, a
// recognised interest of safeguarding (the council's or a partner's), a
// special category data item (health and similar data about individuals,
// who may be adults at risk), or "safeguard", "at risk" or "vulnerable" in
// the purpose, objectives, sharing purposes or legal power. Criminal
// offence data alone does not count: a waste partnership prosecuting
// fly-tipping shares it with no vulnerable person in view. A false
// positive costs a clause a partnership can keep; a false negative would
// leave children unprotected by the agreement.
func (v *view) Safeguarding() bool {
	p := v.raw
	for _, r := range p.Risks {
		if r.Category == partnership.RiskCategorySafeguarding {
			return true
		}
	}
	for _, pt := range p.Partners {
		if pt.RecognisedInterest == partnership.RecognisedInterestSafeguarding {
			return true
		}
	}
	texts := append([]string{p.Purpose, p.LegalPower}, p.Objectives...)
	if is := p.InformationSharing; is != nil {
		if is.RecognisedInterest == partnership.RecognisedInterestSafeguarding {
			return true
		}
		for _, d := range is.DataItems {
			if d.Category == partnership.DataCategorySpecialCategory {
				return true
			}
		}
		texts = append(texts, is.Purposes...)
	}
	for _, t := range texts {
		t = strings.ToLower(t)
		if strings.Contains(t, "safeguard") || strings.Contains(t, "at risk") || strings.Contains(t, "vulnerable") {
			return true
		}
	}
	return false
}

// HasLiabilityCap reports whether liability_cap_pence is given.
func (v *view) HasLiabilityCap() bool { return v.raw.LiabilityCapPence != nil }

// LiabilityCapPence is the agreed cap, 0 when none is given.
func (v *view) LiabilityCapPence() int64 {
	if v.raw.LiabilityCapPence == nil {
		return 0
	}
	return *v.raw.LiabilityCapPence
}

// responsibility is one party's row of the responsibilities schedule.
type responsibility struct {
	Party string   // escaped name
	Items []string // escaped, one line each; none when not recorded
}

// Responsibilities lists what each party delivers (§4(a)), the Council
// first; the contract records no responsibilities for the Council, so its
// row, like any partner's without them, is a placeholder.
func (v *view) Responsibilities() []responsibility {
	out := make([]responsibility, 0, len(v.Parties))
	out = append(out, responsibility{Party: v.Council.Name})
	for _, pt := range v.P.Partners {
		r := responsibility{Party: pt.Name}
		for _, s := range pt.Responsibilities {
			if s = oneline(strings.TrimSpace(s)); s != "" {
				r.Items = append(r.Items, s)
			}
		}
		out = append(out, r)
	}
	return out
}

// CouncilDataProtection is the Council's data protection contact as the
// profile gives it, printed the same in every document: "Data Protection
// Officer, dpo@example.gov.uk", or a placeholder.
func (v *view) CouncilDataProtection() string {
	dpo := v.Council.DataProtectionOfficer
	s := tbc("name", oneline(dpo.Name))
	if dpo.Email != "" {
		s += ", " + oneline(dpo.Email)
	}
	return s
}

// Constituents are the parties that are local authorities: in a joint
// committee, only their councillors vote.
func (v *view) Constituents() []string {
	var out []string
	for _, p := range v.Parties {
		if p.Type == partnership.PartnerTypeLocalAuthority {
			out = append(out, p.Name)
		}
	}
	return out
}

// NonCouncilPartners are the partners that are not local authorities: in a
// joint committee they may only be co-opted without a vote.
func (v *view) NonCouncilPartners() []string {
	var out []string
	for _, p := range v.Partners {
		if p.Type != partnership.PartnerTypeLocalAuthority {
			out = append(out, p.Name)
		}
	}
	return out
}
