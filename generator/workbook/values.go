package workbook

import (
	"strconv"
	"strings"

	"partnerdocs/partnership"
)

// How the partnership's facts read in the workbook's cells.

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

func routeWord(r partnership.ApprovalRoute) string { return wbLabel(r) }

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

// nonEmpty leaves a cell blank rather than writing an empty string.
func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func rowNum(n int) string { return strconv.Itoa(n) }
