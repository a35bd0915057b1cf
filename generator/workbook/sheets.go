package workbook

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
)

// The columns of the streamed sheets. ReadReturn and the dashboard's
// formulas rely on these positions; change them together.
var (
	registerColumns = []wbColumn{
		{"Ref", 14, kindText, false}, {"Name", 40, kindWrap, false}, {"Status", 14, kindText, false},
		{"Service area", 28, kindWrap, false}, {"Significance", 16, kindText, false},
		{"Classification", 18, kindText, false}, {"Approval route", 14, kindText, false},
		{"Lead partner", 30, kindWrap, false}, {"Council role", 14, kindText, false},
		{"Legal instrument", 20, kindText, false}, {"Start", 12, kindDate, false}, {"End", 12, kindDate, false},
		{"Next review", 12, kindDate, false}, {"Sponsoring officer", 24, kindWrap, false},
		{"Agreement", 11, kindText, false}, {"Communications agreement", 15, kindText, false},
		{"ISP or waiver", 11, kindText, false}, {"Exit strategy", 11, kindText, false},
		{"Risk assessment", 11, kindText, false}, {"Has sponsoring officer", 12, kindText, false},
		{"Council contribution £", 16, kindMoney, false}, {"Partner contributions £", 16, kindMoney, false},
		{"Total contributions £", 16, kindMoney, false}, {"Targets", 9, kindInt, false},
		{"Risks", 9, kindInt, false}, {"Blockers", 9, kindInt, false}, {"Revision", 9, kindInt, false},
	}
	targetColumns = []wbColumn{
		{"Ref", 14, kindText, false}, {"Partnership", 30, kindWrap, false}, {"Service area", 24, kindWrap, false},
		{"Target ID", 10, kindText, false}, {"Outcome", 36, kindWrap, false}, {"Indicator", 30, kindWrap, false},
		{"Unit", 10, kindText, false}, {"Polarity", 16, kindText, false}, {"Baseline", 11, kindNumber, false},
		{"Target", 11, kindNumber, false}, {"Actual", 11, kindNumber, true}, {"RAG", 10, kindText, true},
		{"Commentary", 44, kindWrap, true},
	}
	riskColumns = []wbColumn{
		{"Ref", 14, kindText, false}, {"Partnership", 30, kindWrap, false}, {"Risk ID", 10, kindText, false},
		{"Description", 40, kindWrap, false}, {"Category", 22, kindText, false}, {"Phase", 10, kindText, false},
		{"Likelihood", 10, kindInt, false}, {"Impact", 10, kindInt, false}, {"Score", 9, kindInt, false},
		{"Rating", 10, kindText, false}, {"Mitigation", 40, kindWrap, false}, {"Owner", 20, kindWrap, false},
	}
	representationColumns = []wbColumn{
		{"Ref", 14, kindText, false}, {"Partnership", 30, kindWrap, false}, {"Name", 24, kindWrap, false},
		{"Kind", 18, kindText, false}, {"Role", 18, kindText, false}, {"Post", 30, kindWrap, false},
		{"Represents another organisation", 14, kindText, false}, {"Consent needed", 26, kindText, false},
	}
	reviewColumns = []wbColumn{
		{"Ref", 14, kindText, false}, {"Partnership", 30, kindWrap, false}, {"Financial year", 10, kindText, false},
		{"Type", 16, kindText, false}, {"Completed on", 12, kindDate, true}, {"Assessor", 22, kindWrap, true},
		{"Overall", 14, kindText, true}, {"Recommendation", 20, kindText, true},
		{"Actions (one per line)", 44, kindWrap, true},
	}
)

// Column positions (0-based) the return and the dashboard use.
const (
	regStatus, regService, regSignificance, regStart, regEnd, regNextReview = 2, 3, 4, 10, 11, 12
	regAgreement                                                            = 14 // then comms, ISP, exit, risk, sponsor
	tgtService, tgtActual, tgtRAG, tgtCommentary                            = 2, 10, 11, 12
	revCompleted, revAssessor, revOverall, revRecommendation, revActions    = 4, 5, 6, 7, 8
)

func (wb *workbookData) sheets() []wbSheet {
	return []wbSheet{
		{name: SheetRegister, table: "RegisterTable", cols: registerColumns, ragCol: -1, rows: wb.registerRow},
		{name: SheetTargets, table: "TargetsTable", cols: targetColumns, ragCol: tgtRAG, rows: wb.targetRows,
			lists: map[int][]string{tgtRAG: wbLabels(partnership.RAGValues)}},
		{name: SheetRisks, table: "RisksTable", cols: riskColumns, ragCol: -1, rows: wb.riskRows},
		{name: SheetRepresentation, table: "RepresentationTable", cols: representationColumns, ragCol: -1, rows: wb.representationRows},
		{name: SheetReviews, table: "ReviewsTable", cols: reviewColumns, ragCol: -1, rows: wb.reviewRows,
			lists: map[int][]string{revOverall: wbLabels(partnership.OverallValues),
				revRecommendation: wbLabels(partnership.RecommendationValues)}},
	}
}

func (wb *workbookData) registerRow(w *rowWriter, r *partnership.Revision) error {
	p, a := &r.Partnership, &r.Assessment
	fl := complianceOf(p)
	council, partners := contributionsIn(p, wb.year)
	return w.emit(r.Ref, p.Name, wbLabel(p.Status), serviceArea(p), significanceWord(a.Significant),
		wbLabel(a.Classification), routeWord(a.ApprovalRoute), leadPartner(p, wb.council), wbLabel(p.CouncilRole),
		wbLabel(p.LegalInstrument), dateCell(p, func(d *partnership.Dates) partnership.Date { return d.Start }),
		dateCell(p, func(d *partnership.Dates) partnership.Date { return d.End }),
		dateCell(p, func(d *partnership.Dates) partnership.Date { return d.NextReview }),
		sponsorName(p), yn(fl.agreement), yn(fl.comms), yn(fl.isp), yn(fl.exit), yn(fl.risk), yn(fl.sponsor),
		pounds(council), pounds(partners), pounds(council+partners),
		len(p.Targets), len(p.Risks), blockers(a), r.Number)
}

func (wb *workbookData) targetRows(w *rowWriter, r *partnership.Revision) error {
	p := &r.Partnership
	for i := range p.Targets {
		t := &p.Targets[i]
		actual, rag, comment := any(nil), any(nil), any(nil)
		if res := resultFor(t, wb.year); res != nil {
			if res.Actual != nil {
				actual = *res.Actual
			}
			rag, comment = nonEmpty(wbLabel(res.RAG)), nonEmpty(res.Commentary)
		}
		err := w.emit(r.Ref, p.Name, serviceArea(p), t.ID, t.Outcome, nonEmpty(t.Indicator), nonEmpty(t.Unit),
			nonEmpty(wbLabel(t.Polarity)), t.Baseline, t.Target, actual, rag, comment)
		if err != nil {
			return err
		}
	}
	return nil
}

func (wb *workbookData) riskRows(w *rowWriter, r *partnership.Revision) error {
	p := &r.Partnership
	for _, k := range p.Risks {
		n := rowNum(w.next())
		score := excelize.Cell{Formula: "G" + n + "*H" + n, Value: k.Likelihood * k.Impact}
		rating := excelize.Cell{Formula: `IF(I` + n + `>=15,"High",IF(I` + n + `>=6,"Medium","Low"))`,
			Value: riskRating(k.Likelihood * k.Impact)}
		err := w.emit(r.Ref, p.Name, k.ID, k.Description, wbLabel(k.Category), wbLabel(k.Phase),
			k.Likelihood, k.Impact, score, rating, nonEmpty(k.Mitigation), nonEmpty(k.Owner))
		if err != nil {
			return err
		}
	}
	return nil
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

func (wb *workbookData) representationRows(w *rowWriter, r *partnership.Revision) error {
	for _, x := range representationRows(&r.Partnership) {
		err := w.emit(r.Ref, r.Partnership.Name, x.name, x.kind, x.role, nonEmpty(x.post), nonEmpty(x.other), nonEmpty(x.consent))
		if err != nil {
			return err
		}
	}
	return nil
}

// reviewRows returns the partnership's reviews for the year, or one blank
// self-assessment for officers to fill in when there is none.
func reviewRows(p *partnership.Partnership, year partnership.FinancialYear) []partnership.Review {
	var out []partnership.Review
	for _, r := range p.Reviews {
		if r.FinancialYear == year {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		out = append(out, partnership.Review{FinancialYear: year, Type: partnership.ReviewTypeSelfAssessment})
	}
	return out
}

func (wb *workbookData) reviewRows(w *rowWriter, r *partnership.Revision) error {
	p := &r.Partnership
	for _, v := range reviewRows(p, wb.year) {
		var completed any
		if t, err := v.CompletedOn.Parse(); err == nil {
			completed = t
		}
		err := w.emit(r.Ref, p.Name, string(wb.year), wbLabel(v.Type), completed, nonEmpty(v.Assessor),
			nonEmpty(wbLabel(v.Overall)), nonEmpty(wbLabel(v.Recommendation)), nonEmpty(strings.Join(v.Actions, "\n")))
		if err != nil {
			return err
		}
	}
	return nil
}

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
