package partnership

import "strings"

// Compliance holds the six compliance flags of the CMT workbook's Register
// sheet, each true when the partnership has the thing (the sheet writes Y,
// otherwise N). The flags record whether a thing exists, not whether it is
// good enough: the checklist (Checklist) and the findings judge that. Each
// field names the Register column it feeds; the Definitions sheet explains
// the same rule in words.
type Compliance struct {
	// Agreement feeds "Agreement": the legal instrument is an agreement
	// between the partners (LegalInstrument.IsAgreement): terms of
	// reference, an MoU (wholly or partly binding), a binding agreement, a
	// joint committee, an incorporated entity, an s75 agreement or a grant
	// agreement; not when none is recorded, or it is informal, a forum or a
	// contract for services (§4(a)).
	Agreement bool `json:"agreement"`
	// CommunicationsAgreement feeds "Communications agreement": a
	// Partnership Communications Agreement is recorded (communications is
	// given, §4(g)).
	CommunicationsAgreement bool `json:"communications_agreement"`
	// ISPOrWaiver feeds "ISP or waiver": an Information Sharing Protocol is
	// required and recorded, or it is waived with a reason that is not
	// blank (§4(e)).
	ISPOrWaiver bool `json:"isp_or_waiver"`
	// ExitStrategy feeds "Exit strategy": exit.strategy is written down,
	// not blank (§4(f)).
	ExitStrategy bool `json:"exit_strategy"`
	// RiskAssessment feeds "Risk assessment": at least one risk is in the
	// risk register (§4(b)).
	RiskAssessment bool `json:"risk_assessment"`
	// SponsoringOfficer feeds "Has sponsoring officer": a sponsoring
	// officer is named, not blank (§4(c)).
	SponsoringOfficer bool `json:"sponsoring_officer"`
}

// ComplianceOf works out the compliance flags from the record alone: they
// need no council profile or date, and a revision read back from the
// register is judged the same way as a new one. A nil p has none of the
// six.
func ComplianceOf(p *Partnership) Compliance {
	if p == nil {
		return Compliance{}
	}
	return Compliance{
		Agreement:               p.LegalInstrument.IsAgreement(),
		CommunicationsAgreement: p.Communications != nil,
		ISPOrWaiver:             ispOrWaiver(p.InformationSharing),
		ExitStrategy:            hasExitStrategy(p),
		RiskAssessment:          len(p.Risks) > 0,
		SponsoringOfficer:       hasSponsoringOfficer(p),
	}
}

// IsAgreement reports whether the instrument is an agreement between the
// partners; informal arrangements, forums and contracts for services are
// not, and neither is an instrument not yet recorded.
func (li LegalInstrument) IsAgreement() bool {
	switch li {
	case LegalInstrumentTermsOfReference, LegalInstrumentMou, LegalInstrumentMouPartBinding,
		LegalInstrumentBindingAgreement, LegalInstrumentJointCommittee, LegalInstrumentIncorporatedEntity,
		LegalInstrumentS75Agreement, LegalInstrumentGrantAgreement:
		return true
	}
	return false
}

// IsBinding reports whether an instrument is, or contains, a legally binding
// agreement, for which §4(a) requires a legal power and Legal's involvement
// in drawing it up.
func (li LegalInstrument) IsBinding() bool {
	switch li {
	case LegalInstrumentBindingAgreement, LegalInstrumentMouPartBinding, LegalInstrumentJointCommittee,
		LegalInstrumentIncorporatedEntity, LegalInstrumentS75Agreement, LegalInstrumentContractForServices,
		LegalInstrumentGrantAgreement:
		return true
	}
	return false
}

// written reports whether s holds anything but spaces: a strategy, reason
// or name of only spaces is not written down.
func written(s string) bool { return strings.TrimSpace(s) != "" }

func hasSponsoringOfficer(p *Partnership) bool {
	return p.SponsoringOfficer != nil && written(p.SponsoringOfficer.Name)
}

func hasExitStrategy(p *Partnership) bool { return p.Exit != nil && written(p.Exit.Strategy) }

// ispOrWaiver reports whether an ISP is required (and so recorded) or
// waived with a reason.
func ispOrWaiver(is *InformationSharing) bool {
	return is != nil && (is.Required || written(is.WaiverReason))
}

// ComplianceGap is one of the six things the compliance flags say a
// partnership may lack, as a bit of a mask (Compliance.Gaps).
type ComplianceGap int

// The six gaps, in the order of the CMT workbook's Register sheet.
const (
	GapAgreement ComplianceGap = 1 << iota
	GapCommunicationsAgreement
	GapISPOrWaiver
	GapExitStrategy
	GapRiskAssessment
	GapSponsoringOfficer
)

// ComplianceGapValues are the six gaps in order.
var ComplianceGapValues = []ComplianceGap{GapAgreement, GapCommunicationsAgreement, GapISPOrWaiver,
	GapExitStrategy, GapRiskAssessment, GapSponsoringOfficer}

// Gaps is the mask of the flags c lacks.
func (c Compliance) Gaps() ComplianceGap {
	var g ComplianceGap
	for i, has := range []bool{c.Agreement, c.CommunicationsAgreement, c.ISPOrWaiver,
		c.ExitStrategy, c.RiskAssessment, c.SponsoringOfficer} {
		if !has {
			g |= ComplianceGapValues[i]
		}
	}
	return g
}

// Text is the gap in words: what the partnership lacks.
func (g ComplianceGap) Text() string {
	switch g {
	case GapAgreement:
		return "no agreement between the partners"
	case GapCommunicationsAgreement:
		return "no communications agreement"
	case GapISPOrWaiver:
		return "no information sharing protocol or waiver"
	case GapExitStrategy:
		return "no exit strategy"
	case GapRiskAssessment:
		return "no risk assessment"
	case GapSponsoringOfficer:
		return "no sponsoring officer"
	}
	return ""
}
