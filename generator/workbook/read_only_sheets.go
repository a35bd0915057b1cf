package workbook

import (
	"strconv"

	"strings"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// The column tables of the sheets officers only read: the register, risks
// and representation.

// registerRow is one partnership on the Register sheet.
type registerRow struct {
	rev               *partnership.Revision
	fl                partnership.Compliance
	council, partners int64 // the year's contributions, in pence
}

func registerSheet(year partnership.FinancialYear, c partnership.Council) *sheet[registerRow] {
	p := func(r *registerRow) *partnership.Partnership { return &r.rev.Partnership }
	a := func(r *registerRow) *partnership.Assessment { return &r.rev.Assessment }
	text := func(header string, width float64, kind cellKind, def string, v func(r *registerRow) any) column[registerRow] {
		return column[registerRow]{header: header, width: width, kind: kind, definition: def, value: func(r *registerRow, _ int) any { return v(r) }}
	}
	date := func(header string, pick func(*partnership.Dates) partnership.Date) column[registerRow] {
		return text(header, 12, kindDate, "", func(r *registerRow) any { return dateCell(p(r), pick) })
	}
	flag := func(header string, width float64, def string, v func(f partnership.Compliance) bool) column[registerRow] {
		return text(header, width, kindText, def, func(r *registerRow) any { return yn(v(r.fl)) })
	}
	return &sheet[registerRow]{name: SheetRegister, table: "RegisterTable",
		cols: []column[registerRow]{
			text("Ref", 14, kindText, "", func(r *registerRow) any { return r.rev.Ref }),
			text("Name", 40, kindWrap, "", func(r *registerRow) any { return p(r).Name }),
			text("Status", 14, kindText, defStatus, func(r *registerRow) any { return wbLabel(p(r).Status) }),
			text("Service area", 28, kindWrap, "", func(r *registerRow) any { return serviceArea(p(r)) }),
			text("Significance", 16, kindText, defSignificance, func(r *registerRow) any { return significanceWord(a(r).Significant) }),
			text("Classification", 18, kindText, defClassification, func(r *registerRow) any { return wbLabel(a(r).Classification) }),
			text("Approval route", 14, kindText, defRoute, func(r *registerRow) any { return routeWord(a(r).ApprovalRoute) }),
			text("Lead partner", 30, kindWrap, "", func(r *registerRow) any { return leadPartner(p(r), c) }),
			text("Council role", 14, kindText, "", func(r *registerRow) any { return wbLabel(p(r).CouncilRole) }),
			text("Legal instrument", 20, kindText, "", func(r *registerRow) any { return wbLabel(p(r).LegalInstrument) }),
			date("Start", func(d *partnership.Dates) partnership.Date { return d.Start }),
			date("End", func(d *partnership.Dates) partnership.Date { return d.End }),
			date("Next review", func(d *partnership.Dates) partnership.Date { return d.NextReview }),
			text("Sponsoring officer", 24, kindWrap, "", func(r *registerRow) any { return sponsorName(p(r)) }),
			flag("Agreement", 11, defAgreement, func(f partnership.Compliance) bool { return f.Agreement }),
			flag("Communications agreement", 15, defComms, func(f partnership.Compliance) bool { return f.CommunicationsAgreement }),
			flag("ISP or waiver", 11, defISP, func(f partnership.Compliance) bool { return f.ISPOrWaiver }),
			flag("Exit strategy", 11, defExit, func(f partnership.Compliance) bool { return f.ExitStrategy }),
			flag("Risk assessment", 11, defRisk, func(f partnership.Compliance) bool { return f.RiskAssessment }),
			flag("Has sponsoring officer", 12, defSponsor, func(f partnership.Compliance) bool { return f.SponsoringOfficer }),
			text("Council contribution £", 16, kindMoney, defCouncilMoney, func(r *registerRow) any { return pounds(r.council) }),
			text("Partner contributions £", 16, kindMoney, defPartnerMoney, func(r *registerRow) any { return pounds(r.partners) }),
			text("Total contributions £", 16, kindMoney, defTotalMoney, func(r *registerRow) any { return pounds(r.council + r.partners) }),
			text("Targets", 9, kindInt, "", func(r *registerRow) any { return len(p(r).Targets) }),
			text("Risks", 9, kindInt, "", func(r *registerRow) any { return len(p(r).Risks) }),
			text("Blockers", 9, kindInt, defBlockers, func(r *registerRow) any { return blockers(a(r)) }),
			text("Revision", 9, kindInt, defRevision, func(r *registerRow) any { return r.rev.Number }),
		},
		rows: func(rev *partnership.Revision, yield func(*registerRow) error) error {
			council, partners := contributionsIn(&rev.Partnership, year)
			return yield(&registerRow{rev: rev, fl: partnership.ComplianceOf(&rev.Partnership), council: council, partners: partners})
		},
	}
}

// riskRow is one risk on the Risks sheet.
type riskRow struct {
	rev *partnership.Revision
	k   *partnership.Risk
}

func risksSheet() *sheet[riskRow] {
	s := &sheet[riskRow]{name: SheetRisks, table: "RisksTable"}
	text := func(header string, width float64, kind cellKind, def string, v func(r *riskRow) any) column[riskRow] {
		return column[riskRow]{header: header, width: width, kind: kind, definition: def, value: func(r *riskRow, _ int) any { return v(r) }}
	}
	// The score and rating are live formulas over the row's own cells,
	// their columns found by header.
	score := func(r *riskRow, n int) any {
		row := rowNum(n)
		return excelize.Cell{Formula: s.letter("Likelihood") + row + "*" + s.letter("Impact") + row, Value: r.k.Score()}
	}
	rating := func(r *riskRow, n int) any {
		at := s.letter("Score") + rowNum(n)
		return excelize.Cell{Formula: `IF(` + at + `>=` + strconv.Itoa(partnership.RiskHighFrom) + `,"High",IF(` + at + `>=` + strconv.Itoa(partnership.RiskMediumFrom) + `,"Medium","Low"))`, Value: r.k.Rating()}
	}
	s.cols = []column[riskRow]{
		text("Ref", 14, kindText, "", func(r *riskRow) any { return r.rev.Ref }),
		text("Partnership", 30, kindWrap, "", func(r *riskRow) any { return r.rev.Partnership.Name }),
		text("Risk ID", 10, kindText, "", func(r *riskRow) any { return r.k.ID }),
		text("Description", 40, kindWrap, "", func(r *riskRow) any { return r.k.Description }),
		text("Category", 22, kindText, "", func(r *riskRow) any { return wbLabel(r.k.Category) }),
		text("Phase", 10, kindText, "", func(r *riskRow) any { return wbLabel(r.k.Phase) }),
		text("Likelihood", 10, kindInt, defLikelihood, func(r *riskRow) any { return r.k.Likelihood }),
		text("Impact", 10, kindInt, defImpact, func(r *riskRow) any { return r.k.Impact }),
		{header: "Score", width: 9, kind: kindInt, definition: defScore, value: score},
		{header: "Rating", width: 10, kind: kindText, definition: defRating, value: rating},
		text("Mitigation", 40, kindWrap, "", func(r *riskRow) any { return nonEmpty(r.k.Mitigation) }),
		text("Owner", 20, kindWrap, "", func(r *riskRow) any { return nonEmpty(r.k.Owner) }),
	}
	s.rows = func(rev *partnership.Revision, yield func(*riskRow) error) error {
		for i := range rev.Partnership.Risks {
			if err := yield(&riskRow{rev: rev, k: &rev.Partnership.Risks[i]}); err != nil {
				return err
			}
		}
		return nil
	}
	return s
}

// representationRow is one person on the Representation sheet: the
// sponsoring officer or a representative.
type representationRow struct {
	rev *partnership.Revision
	x   representative
}

// representative is one row of the Representation sheet.
type representative struct{ name, kind, role, post, other, consent string }

func representationRows(p *partnership.Partnership) []representative {
	var out []representative
	if o := p.SponsoringOfficer; o != nil && strings.TrimSpace(o.Name) != "" {
		out = append(out, representative{o.Name, "Sponsoring officer", "Sponsor", o.Post, "", ""})
	}
	for _, r := range p.Representatives {
		out = append(out, representative{r.Name, wbLabel(r.Kind), wbLabel(r.Role), r.Post, yn(r.RepresentsOtherOrg), wbLabel(r.Consent)})
	}
	return out
}

func representationSheet() *sheet[representationRow] {
	text := func(header string, width float64, kind cellKind, def string, v func(r *representationRow) any) column[representationRow] {
		return column[representationRow]{header: header, width: width, kind: kind, definition: def, value: func(r *representationRow, _ int) any { return v(r) }}
	}
	return &sheet[representationRow]{name: SheetRepresentation, table: "RepresentationTable",
		cols: []column[representationRow]{
			text("Ref", 14, kindText, "", func(r *representationRow) any { return r.rev.Ref }),
			text("Partnership", 30, kindWrap, "", func(r *representationRow) any { return r.rev.Partnership.Name }),
			text("Name", 24, kindWrap, "", func(r *representationRow) any { return r.x.name }),
			text("Kind", 18, kindText, defRepKind, func(r *representationRow) any { return r.x.kind }),
			text("Role", 18, kindText, defRepRole, func(r *representationRow) any { return r.x.role }),
			text("Post", 30, kindWrap, "", func(r *representationRow) any { return nonEmpty(r.x.post) }),
			text("Represents another organisation", 14, kindText, "", func(r *representationRow) any { return nonEmpty(r.x.other) }),
			text("Consent needed", 26, kindText, defConsent, func(r *representationRow) any { return nonEmpty(r.x.consent) }),
		},
		rows: func(rev *partnership.Revision, yield func(*representationRow) error) error {
			for _, x := range representationRows(&rev.Partnership) {
				if err := yield(&representationRow{rev: rev, x: x}); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
