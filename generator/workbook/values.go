package workbook

import (
	"strconv"
	"strings"

	"partnerdocs/partnership"
)

// How the partnership's facts read in the workbook's cells.

// compliance holds the six compliance flags of the register, each true when
// the partnership has the thing. Definitions explains each from the data.
type compliance struct{ agreement, comms, isp, exit, risk, sponsor bool }

// agreementInstruments are the legal instruments that are an agreement
// between the partners; informal arrangements, forums and contracts for
// services are not.
var agreementInstruments = []partnership.LegalInstrument{
	partnership.LegalInstrumentTermsOfReference, partnership.LegalInstrumentMou, partnership.LegalInstrumentMouPartBinding,
	partnership.LegalInstrumentBindingAgreement, partnership.LegalInstrumentJointCommittee,
	partnership.LegalInstrumentIncorporatedEntity, partnership.LegalInstrumentS75Agreement, partnership.LegalInstrumentGrantAgreement,
}

func complianceOf(p *partnership.Partnership) compliance {
	is := p.InformationSharing
	return compliance{
		agreement: contains(agreementInstruments, p.LegalInstrument),
		comms:     p.Communications != nil,
		isp:       is != nil && (is.Required || strings.TrimSpace(is.WaiverReason) != ""),
		exit:      p.Exit != nil && strings.TrimSpace(p.Exit.Strategy) != "",
		risk:      len(p.Risks) > 0,
		sponsor:   p.SponsoringOfficer != nil && strings.TrimSpace(p.SponsoringOfficer.Name) != "",
	}
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// contributionsIn sums the year's contributions in pence: the council's
// and the other partners'.
func contributionsIn(p *partnership.Partnership, year partnership.FinancialYear) (council, partners int64) {
	for _, c := range p.Contributions {
		switch {
		case c.FinancialYear != year:
		case c.Partner == "council":
			council += c.AmountPence
		default:
			partners += c.AmountPence
		}
	}
	return council, partners
}

func resultFor(t *partnership.Target, year partnership.FinancialYear) *partnership.TargetResult {
	for i := range t.Results {
		if t.Results[i].FinancialYear == year {
			return &t.Results[i]
		}
	}
	return nil
}

// notRecorded stands for an empty service area, so that the dashboard can
// count it like any other.
const notRecorded = "Not recorded"

func serviceArea(p *partnership.Partnership) string {
	if strings.TrimSpace(p.ServiceArea) == "" {
		return notRecorded
	}
	return p.ServiceArea
}

func significanceWord(b bool) string {
	if b {
		return "Significant"
	}
	return "Not significant"
}

func routeWord(r partnership.ApprovalRoute) string {
	if r == partnership.RouteCMT {
		return "CMT"
	}
	return wbLabel(r)
}

func leadPartner(p *partnership.Partnership, c partnership.Council) any {
	if p.CouncilRole == partnership.CouncilRoleLead {
		return c.Name
	}
	for _, x := range p.Partners {
		if x.IsLead {
			return x.Name
		}
	}
	return nil
}

func sponsorName(p *partnership.Partnership) any {
	if o := p.SponsoringOfficer; o != nil && strings.TrimSpace(o.Name) != "" {
		return o.Name
	}
	return nil
}

func dateCell(p *partnership.Partnership, pick func(*partnership.Dates) partnership.Date) any {
	if p.Dates == nil {
		return nil
	}
	t, err := pick(p.Dates).Parse()
	if err != nil {
		return nil
	}
	return t
}

// pounds turns pence into pounds for a cell formatted as money.
func pounds(pence int64) float64 { return float64(pence) / 100 }

func blockers(a *partnership.Assessment) int {
	n := 0
	for _, f := range a.Findings {
		if f.Severity == partnership.SeverityBlocker {
			n++
		}
	}
	return n
}

// riskRating is the word the Risks sheet's rating formula gives.
func riskRating(score int) string {
	switch {
	case score >= 15:
		return "High"
	case score >= 6:
		return "Medium"
	}
	return "Low"
}

// nonEmpty leaves a cell blank rather than writing an empty string.
func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func rowNum(n int) string { return strconv.Itoa(n) }
