package generator

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// This file prints the Partnership Checklist (Annex 2 of the Partnership
// Protocol, §5(b)). Every answer, and every fact behind it, is package
// partnership's (ChecklistOf, on the same record, council and date as the
// assessment .A); this file only phrases the evidence for each item.
// Evidence is one line of escaped Markdown, safe in a table cell: user
// values come from the escaped checklist, assessment and council profile,
// and the words written here and the enumerations' words (partnership's
// Text methods) use no Markdown punctuation.

// checkRow is one item's answer, in words, and the evidence for it.
type checkRow struct {
	Answer   string // partnership.Answer's Text: "yes", "n/a"
	Evidence string // escaped Markdown, one line
}

// checklist holds every item of Annex 2, in the order the template prints
// them (the §4(b) and §4(d) items beside the items they belong with).
type checklist struct {
	Partnership           checkRow // §3
	Alternatives          checkRow // §4
	StrategicFit          checkRow // §2, §3
	Significance          checkRow // §3(a)
	LegalStatus           checkRow // §4(a)
	LegalPower            checkRow // §4(a)
	LegalConsulted        checkRow // §4(a)
	SponsoringOfficer     checkRow // §4(c)
	Representatives       checkRow // §4(a), §4(c)
	Substitutes           checkRow // §4(a)
	Consents              checkRow // §4(c)
	RiskAssessment        checkRow // §4(b)
	ServicePlanRisks      checkRow // §4(b)
	Resources             checkRow // §4(d)
	Capacity              checkRow // §4(d)
	WithinBudget          checkRow // §4(c), §4(d)
	Constitution          checkRow // §4(d), §5(b)
	Insurance             checkRow // §4(d)
	Procurement           checkRow // §4(d)
	ISP                   checkRow // §4(e)
	Lifespan              checkRow // §4(f)
	Succession            checkRow // §4(f)
	ExitStrategy          checkRow // §4(f)
	Communications        checkRow // §4(g)
	Targets               checkRow // §5(b)
	PerformanceManagement checkRow // §4(d)
	Reporting             checkRow // §5(b)
	SelfAssessment        checkRow // §5(b)
	StatutoryDuties       checkRow // §4(a)
	ApprovalRoute         checkRow // §5(b)
	Decision              checkRow // §5(b)
}

// Rows returns the items in order, for tests and for templates that loop.
func (c *checklist) Rows() []checkRow {
	return []checkRow{
		c.Partnership, c.Alternatives, c.StrategicFit, c.Significance, c.LegalStatus, c.LegalPower,
		c.LegalConsulted, c.SponsoringOfficer, c.Representatives, c.Substitutes, c.Consents,
		c.RiskAssessment, c.ServicePlanRisks, c.Resources, c.Capacity, c.WithinBudget, c.Constitution,
		c.Insurance, c.Procurement, c.ISP, c.Lifespan, c.Succession, c.ExitStrategy, c.Communications,
		c.Targets, c.PerformanceManagement, c.Reporting, c.SelfAssessment, c.StatutoryDuties,
		c.ApprovalRoute, c.Decision,
	}
}

// Checklist prints the protocol's answer to every item of Annex 2 with its
// evidence. It is worked out when the template asks, so other documents
// pay nothing for it.
func (v *view) Checklist() *checklist {
	c := partnership.ChecklistOf(v.raw, v.rawCouncil, v.GeneratedAt)
	return v.printChecklist(escapedValue(reflect.ValueOf(c)).Interface().(partnership.Checklist))
}

// printChecklist phrases the evidence for answers c, whose strings are
// escaped.
func (v *view) printChecklist(c partnership.Checklist) *checklist {
	out := &checklist{
		Partnership:           v.checkPartnership(c.Partnership),
		Alternatives:          checkText(c.Alternatives, "Alternatives considered: ", "Not recorded. Record whether using an existing partnership, consulting others while the Council keeps responsibility, or a contract would meet the objective instead."),
		StrategicFit:          checkStrategicFit(c.StrategicFit),
		Significance:          v.checkSignificance(c.Significance),
		LegalStatus:           checkLegalStatus(c.LegalStatus),
		LegalPower:            v.checkLegalPower(c.LegalPower),
		LegalConsulted:        v.checkLegalConsulted(c.LegalConsulted),
		SponsoringOfficer:     checkSponsoringOfficer(c.SponsoringOfficer),
		Representatives:       checkPeople(c.Representatives, "No representative is recorded."),
		Substitutes:           checkPeople(c.Substitutes, "No substitute is recorded."),
		Consents:              v.checkConsents(c.Consents),
		RiskAssessment:        checkRisks(c.RiskAssessment),
		ServicePlanRisks:      v.checkServicePlanRisks(c.ServicePlanRisks),
		Resources:             checkResources(c.Resources),
		Capacity:              checkText(c.Capacity, "", "Not recorded. Record whether the Council can contribute fully and effectively, given its staff, money, assets and existing commitments."),
		WithinBudget:          v.checkWithinBudget(c.WithinBudget),
		Constitution:          v.checkConstitution(c.Constitution),
		Insurance:             checkText(c.Insurance, "", "Not recorded. Record the Council's insurance for its part in the arrangement and the cover the other parties keep."),
		Procurement:           v.checkProcurement(c.Procurement),
		ISP:                   v.checkISP(c.ISP),
		Lifespan:              checkLifespan(c.Lifespan),
		Succession:            checkText(c.Succession, "Succession strategy: ", "No succession strategy is recorded."),
		ExitStrategy:          checkExit(c.ExitStrategy),
		Communications:        checkCommunications(c.Communications),
		Targets:               checkTargets(c.Targets),
		PerformanceManagement: v.checkPerformance(c.PerformanceManagement),
		Reporting:             v.checkReporting(c.Reporting),
		SelfAssessment:        checkSelfAssessment(c.SelfAssessment),
		StatutoryDuties:       checkStatutoryDuties(c.StatutoryDuties),
		ApprovalRoute:         v.checkApprovalRoute(c.ApprovalRoute),
		Decision:              v.checkDecision(c.Decision),
	}
	if c.Excluded != "" {
		out.notPartnership()
	}
	return out
}

// notPartnership replaces the evidence of every item that answers n/a
// because §3 excludes the arrangement: the partnership's own tools do not
// apply to it, and the approval route says what governs it instead.
func (c *checklist) notPartnership() {
	words := "Does not apply: the arrangement is not a partnership (section 3)."
	for _, r := range []*checkRow{
		&c.Alternatives, &c.StrategicFit, &c.Significance, &c.SponsoringOfficer, &c.Representatives,
		&c.Substitutes, &c.RiskAssessment, &c.ServicePlanRisks, &c.Resources, &c.Capacity, &c.Insurance,
		&c.ISP, &c.Lifespan, &c.Succession, &c.ExitStrategy, &c.Communications, &c.Targets,
		&c.PerformanceManagement, &c.Reporting, &c.SelfAssessment, &c.Decision,
	} {
		if r.Answer == partnership.AnswerNotApplicable.Text() {
			r.Evidence = words
		}
	}
}

func row(a partnership.Answer, evidence string) checkRow { return checkRow{a.Text(), evidence} }

// IsPartnership reports whether the assessment classifies the arrangement
// as a partnership under §3.
func (v *view) IsPartnership() bool { return v.A.Classification == partnership.ClassPartnership }

// IsExcluded reports whether the assessment excludes the arrangement under
// §3: a contract for services, a forum or a hybrid.
func (v *view) IsExcluded() bool { return v.A.Classification.Excluded() }

// ClassificationText is the §3 classification in words, "a partnership"
// or "not a partnership but a contract for services".
func (v *view) ClassificationText() string {
	if w := v.A.Classification.Text(); w != "" {
		return w
	}
	return partnership.ClassUndetermined.Text()
}

func (v *view) checkPartnership(c partnership.ClassificationItem) checkRow {
	var b checkEvidence
	switch {
	case v.A.Reason != "":
		b.add(stop(plainWords(oneline(v.A.Reason))))
	case c.Answer == partnership.AnswerNotRecorded:
		b.add("Not yet classified.")
	default:
		b.add("Classified as " + v.ClassificationText() + ".")
	}
	if a := c.Arrangement; a != nil {
		b.add(fmt.Sprintf("Recorded facts: shared agreement of outcomes %s; shared delivery %s; the Council procures a service %s; discussion only %s.",
			yesno(a.SharedAgreementOfOutcomes), yesno(a.SharedDelivery), yesno(a.CouncilProcuresService), yesno(a.DiscussionOnly)))
	} else {
		b.add("The facts that decide the classification (shared outcomes, shared delivery, procurement, discussion only) are not recorded.")
	}
	return row(c.Answer, b.String())
}

func checkStrategicFit(c partnership.StrategicFitItem) checkRow {
	var b checkEvidence
	if c.HasPurpose {
		b.add("Purpose recorded.")
	} else {
		b.add("No purpose recorded.")
	}
	if n := c.Objectives; n > 0 {
		b.add(fmt.Sprintf("%d %s recorded.", n, checkPlural(n, "objective", "objectives")))
	} else {
		b.add("No objectives recorded.")
	}
	if c.ServiceArea != "" {
		b.add("Service area: " + stop(oneline(c.ServiceArea)))
	}
	return row(c.Answer, b.String())
}

// CriterionText is a §3(a) criterion in words.
func (v *view) CriterionText(c partnership.Criterion) string {
	if w := c.Text(); w != "" {
		return w
	}
	return string(c)
}

func (v *view) checkSignificance(c partnership.SignificanceItem) checkRow {
	if c.Answer == partnership.AnswerNotApplicable {
		return row(c.Answer, "Not assessed: the arrangement is not a partnership.")
	}
	var b checkEvidence
	if len(v.A.CriteriaMet) > 0 {
		words := make([]string, len(v.A.CriteriaMet))
		for i, cr := range v.A.CriteriaMet {
			words[i] = v.CriterionText(cr)
		}
		b.add("Criteria met: " + strings.Join(words, "; ") + ".")
	} else if c.Recorded {
		b.add("No section 3(a) criterion is met in full.")
	}
	for _, bl := range v.A.Borderline {
		b.add("Borderline: " + stop(plainWords(oneline(bl.Message))))
	}
	if v.A.Overridden && c.Recorded {
		b.add("The evaluating officer has overridden the criteria: " + c.Override.Text() + ".")
	}
	switch {
	case c.Justification != "":
		b.add("Justification: " + stop(oneline(c.Justification)))
	case v.A.Overridden:
		b.add("No justification is recorded for the override.")
	case !c.Recorded:
		b.add("The significance criteria are not recorded.")
	default:
		b.add("No justification recorded.")
	}
	return row(c.Answer, b.String())
}

func checkLegalStatus(c partnership.InstrumentItem) checkRow {
	switch {
	case c.Instrument == "":
		return row(c.Answer, "The legal instrument is not recorded.")
	case c.Binding:
		return row(c.Answer, "Legal instrument: "+c.Instrument.Text()+", which is legally binding in whole or in part.")
	}
	return row(c.Answer, "Legal instrument: "+c.Instrument.Text()+".")
}

// checkLegalPower: a power recorded is the officer's text, which Legal
// confirms (answer "recorded — Legal to confirm").
func (v *view) checkLegalPower(c partnership.LegalPowerItem) checkRow {
	switch {
	case c.Answer == partnership.AnswerNotRecorded && c.Binding:
		return row(c.Answer, "No legal power is recorded, although the instrument is legally binding.")
	case c.Answer == partnership.AnswerNotRecorded:
		return row(c.Answer, "No legal power is recorded.")
	}
	return row(c.Answer, "Legal power recorded by the evaluating officer: "+stop(oneline(c.Power))+
		" "+v.Council.LegalServices+" to confirm that it gives the Council the power to take part.")
}

func (v *view) checkLegalConsulted(c partnership.LegalConsultedItem) checkRow {
	legal := v.Council.LegalServices
	if d, err := longdate(c.ConsultedOn); err == nil && !c.ConsultedOn.IsZero() {
		return row(c.Answer, fmt.Sprintf("%s was consulted on %s.", legal, d))
	}
	if c.Binding {
		return row(c.Answer, fmt.Sprintf("Not recorded. The instrument is legally binding, so %s must be involved in drawing it up; record when they were consulted.", legal))
	}
	return row(c.Answer, fmt.Sprintf("Not recorded. Early advice from %s on legal powers, structure and liabilities is recommended; record when it was sought.", legal))
}

func checkSponsoringOfficer(c partnership.SponsorItem) checkRow {
	if c.Answer != partnership.AnswerYes {
		return row(c.Answer, "No sponsoring officer is recorded.")
	}
	e := oneline(c.Name)
	if c.Post != "" {
		e += ", " + oneline(c.Post)
	}
	return row(c.Answer, stop(e))
}

func repText(r partnership.Representative) string {
	s := oneline(r.Name) + " (" + r.Kind.Text()
	if r.Post != "" {
		s += ", " + oneline(r.Post)
	}
	return s + ")"
}

func checkPeople(c partnership.PeopleItem, none string) checkRow {
	if len(c.People) == 0 {
		return row(c.Answer, none)
	}
	names := make([]string, len(c.People))
	for i, r := range c.People {
		names[i] = repText(r)
	}
	var b checkEvidence
	b.add(checkJoin(names) + ".")
	if c.NeedsCouncillor {
		b.add("A significant partnership is likely to need councillor representation; none is named.")
	}
	return row(c.Answer, b.String())
}

// consentBy names who gives a consent, by the council profile's titles.
func (v *view) consentBy(c partnership.Consent) string {
	if c == partnership.ConsentLeaderWithChiefExecutive {
		return the(v.Council.Leader) + " in consultation with " + the(v.Council.ChiefExecutive)
	}
	return the(v.Council.ChiefExecutive)
}

func (v *view) checkConsents(c partnership.ConsentsItem) checkRow {
	if len(c.Consents) == 0 {
		return row(c.Answer, "No representative also represents another organisation.")
	}
	parts := make([]string, len(c.Consents))
	for i, r := range c.Consents {
		name := oneline(r.Representative)
		switch {
		case r.Given:
			parts[i] = fmt.Sprintf("%s has the consent of %s", name, v.consentBy(r.Recorded))
		case r.Recorded == "":
			parts[i] = fmt.Sprintf("%s needs the consent of %s, which is not recorded", name, v.consentBy(r.Needed))
		default:
			parts[i] = fmt.Sprintf("%s has the consent of %s but needs that of %s", name, v.consentBy(r.Recorded), v.consentBy(r.Needed))
		}
	}
	return row(c.Answer, checkJoin(parts)+".")
}

func checkRisks(c partnership.RisksItem) checkRow {
	if c.Count == 0 {
		return row(c.Answer, "No risks are recorded.")
	}
	var b checkEvidence
	b.add(fmt.Sprintf("%d %s recorded, %d before entry and %d in the partnership's life.",
		c.Count, checkPlural(c.Count, "risk", "risks"), c.PreEntry, c.Count-c.PreEntry))
	b.add(fmt.Sprintf("Highest score %d (%s).", c.HighestScore, oneline(c.HighestID)))
	if c.PreEntry == 0 {
		b.add("No risk to the Council is recorded for the decision to enter.")
	}
	return row(c.Answer, b.String())
}

func checkResources(c partnership.ResourcesItem) checkRow {
	if c.Answer != partnership.AnswerYes {
		return row(c.Answer, "No contributions are recorded, so the costs against the benefits cannot be judged.")
	}
	return row(c.Answer, fmt.Sprintf("Contributions of %s over %d financial %s, of which the Council's are %s. Whether the benefits justify the costs is for the evaluating officer to confirm.",
		partnership.FormatMoney(c.TotalPence), c.Years, checkPlural(c.Years, "year", "years"), partnership.FormatMoney(c.CouncilPence)))
}

func (v *view) checkWithinBudget(c partnership.BudgetItem) checkRow {
	approval := "they need approval in accordance with the Council's Constitution (including its Budget and Policy Framework and Financial Procedure Rules) before any representative commits them."
	switch {
	case c.Answer == partnership.AnswerNo:
		e := "The proposal commits resources outside approved budgets"
		if c.CouncilOutside > 0 {
			e += fmt.Sprintf(" (%d of the Council's contributions)", c.CouncilOutside)
		}
		return row(c.Answer, e+": "+approval)
	case !c.HasContributions:
		return row(c.Answer, "No contributions are recorded.")
	case c.OthersOutside > 0:
		return row(c.Answer, fmt.Sprintf("The Council's contributions are within approved budgets; %d of other partners' contributions are not yet within theirs.", c.OthersOutside))
	}
	return row(c.Answer, "Every contribution recorded is within an approved budget.")
}

func (v *view) checkISP(c partnership.ISPItem) checkRow {
	switch {
	case !c.Recorded:
		return row(c.Answer, "Neither an Information Sharing Protocol nor a waiver is recorded.")
	case !c.Required && c.WaiverReason == "":
		return row(c.Answer, "Marked as not needed, but no reason is recorded.")
	case !c.Required:
		return row(c.Answer, "Waived: "+stop(oneline(c.WaiverReason)))
	case c.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor:
		return row(c.Answer, "One party processes personal data for another: a contract under Article 28 of the UK GDPR is needed instead of an Information Sharing Protocol.")
	}
	var b checkEvidence
	rel := "how the partners stand as controllers is not recorded"
	if c.ControllerRelationship != "" {
		rel = "the partners are " + c.ControllerRelationship.Text()
	}
	b.add("Information Sharing Protocol details recorded: " + rel + "; the Council's lawful basis is " + lawfulBasisText(c.LawfulBasis) + ", and each partner's is in the Information Sharing Protocol.")
	if c.DPIA != nil {
		d, _ := longdate(c.DPIA.CompletedOn)
		b.add("Data protection impact assessment completed on " + d + ".")
	} else {
		b.add("No data protection impact assessment is recorded.")
	}
	if c.Article26Needed {
		b.add("As joint controllers the partners need the arrangement Article 26 of the UK GDPR requires; nothing in the record shows it yet, so the Information Sharing Protocol must contain it before it is signed (see the findings).")
	}
	return row(c.Answer, b.String())
}

func checkLifespan(c partnership.LifespanItem) checkRow {
	if c.Start.IsZero() && c.NextReview.IsZero() {
		return row(c.Answer, "No start or review dates are recorded.")
	}
	start, _ := longdate(c.Start)
	review, _ := longdate(c.NextReview)
	var b checkEvidence
	b.add("Starts " + start + ";")
	if c.End.IsZero() {
		b.add("no end date;")
	} else {
		end, _ := longdate(c.End)
		b.add("ends " + end + ";")
	}
	b.add("next review " + review + ".")
	if c.ReviewPassed {
		b.add("The review date has passed.")
	}
	return row(c.Answer, b.String())
}

func checkText(c partnership.TextItem, label, missing string) checkRow {
	if c.Answer != partnership.AnswerYes {
		return row(c.Answer, missing)
	}
	return row(c.Answer, label+stop(oneline(c.Text)))
}

func checkExit(c partnership.ExitItem) checkRow {
	r := checkText(partnership.TextItem{Answer: c.Answer, Text: c.Strategy}, "Exit strategy: ", "No exit strategy is recorded.")
	if n := c.NoticeMonths; n > 0 {
		r.Evidence += fmt.Sprintf(" Notice to withdraw: %d %s.", n, checkPlural(n, "month", "months"))
	}
	return r
}

func checkCommunications(c partnership.CommunicationsItem) checkRow {
	if !c.Recorded {
		return row(c.Answer, "No Partnership Communications Agreement details are recorded.")
	}
	var b checkEvidence
	if c.LeadName != "" {
		b.add("Communications lead: " + oneline(c.LeadName) + ".")
	}
	switch {
	case c.Branding == partnership.BrandingPartnershipLogo && c.Answer != partnership.AnswerYes:
		b.add("A partnership logo is proposed, but the exceptional justification the protocol requires is not recorded.")
	case c.Branding == partnership.BrandingPartnershipLogo:
		b.add("A partnership logo is proposed, justified as follows: " + stop(oneline(c.LogoJustification)))
	case c.Branding == "":
		b.add("Branding not recorded.")
	default:
		b.add("Branding: " + c.Branding.Text() + ".")
	}
	return row(c.Answer, b.String())
}

func checkTargets(c partnership.CountItem) checkRow {
	if c.Count == 0 {
		return row(c.Answer, "No targets or outcomes are recorded.")
	}
	return row(c.Answer, fmt.Sprintf("%d %s recorded, each with a baseline and a target.", c.Count, checkPlural(c.Count, "target", "targets")))
}

func (v *view) checkReporting(c partnership.TextItem) checkRow {
	yearly := fmt.Sprintf("The Council's officer representatives report achievement against targets to %s each year.", the(v.Council.DecisionBody))
	if c.Answer == partnership.AnswerYes {
		return row(c.Answer, "Reporting: "+stop(oneline(c.Text))+" "+yearly)
	}
	return row(c.Answer, "The partnership's reporting arrangements are not recorded. "+yearly)
}

func checkSelfAssessment(c partnership.SelfAssessmentItem) checkRow {
	if last := c.Latest; last != nil {
		e := "Latest self-assessment: " + string(last.FinancialYear)
		if !last.CompletedOn.IsZero() {
			d, _ := longdate(last.CompletedOn)
			e += ", completed on " + d
		}
		e += "; overall " + last.Overall.Text()
		if last.Recommendation != "" {
			e += "; recommendation: " + last.Recommendation.Text()
		}
		return row(c.Answer, e+".")
	}
	if c.Answer == partnership.AnswerNotApplicable {
		return row(c.Answer, "Not yet due. The partnership will be asked for an annual review or self-assessment of its effectiveness.")
	}
	return row(c.Answer, "No self-assessment is recorded.")
}

func checkStatutoryDuties(c partnership.DutiesItem) checkRow {
	var b checkEvidence
	if c.EqualityAnalysis != "" {
		b.add("Equality analysis: " + stop(oneline(c.EqualityAnalysis)))
	} else {
		b.add("Not recorded. Record the equality analysis under the public sector equality duty (Equality Act 2010, section 149).")
	}
	b.add("The Council keeps its own duties under section 17 of the Crime and Disorder Act 1998 (including serious violence) and its health and safety duties.")
	if len(c.RiskIDs) > 0 {
		ids := make([]string, len(c.RiskIDs))
		for i, id := range c.RiskIDs {
			ids[i] = oneline(id)
		}
		b.add("The risk register includes equality, safeguarding or health and safety risks: " + checkJoin(ids) + ".")
	}
	return row(c.Answer, b.String())
}

// RouteText is the approval route in words, from the council profile.
func (v *view) RouteText() string {
	switch v.A.ApprovalRoute {
	case partnership.RouteCMT:
		return "approval by " + the(v.Council.DecisionBody)
	case partnership.RouteDelegated:
		return "approval by " + the(v.Council.AssistantChiefExecutive) + " or a " + v.Council.Director + ", under delegated authority"
	}
	if v.IsExcluded() {
		return "none under the Partnership Protocol, which does not apply to an arrangement that is not a partnership"
	}
	return "not yet determined"
}

// ApproverText is who approves, as the assessment names them, or from the
// council profile when it does not.
func (v *view) ApproverText() string {
	if v.A.Approver != "" {
		return oneline(v.A.Approver)
	}
	switch v.A.ApprovalRoute {
	case partnership.RouteCMT:
		return the(v.Council.DecisionBody)
	case partnership.RouteDelegated:
		return the(v.Council.AssistantChiefExecutive) + " or a " + v.Council.Director
	}
	if v.IsExcluded() {
		return "the decision-maker under the Council's Constitution, not the Partnership Protocol"
	}
	return "[to be determined]"
}

func (v *view) checkApprovalRoute(c partnership.ChecklistItem) checkRow {
	var b checkEvidence
	if v.IsExcluded() {
		b.add("None under the Partnership Protocol; what governs the arrangement instead is set out under Approval route below.")
	} else {
		b.add("Route: " + v.RouteText() + ", in accordance with the Council's Constitution.")
	}
	if v.A.ReportToCouncil {
		b.add("A report to " + v.Council.FullCouncil + " is needed as well.")
	}
	if v.A.BudgetApprovalNeeded {
		b.add("Resources outside approved budgets need approval in accordance with the Council's Constitution first.")
	}
	return row(c.Answer, b.String())
}

func (v *view) checkDecision(c partnership.DecisionItem) checkRow {
	words := partnership.StatusProposed.Text()
	if c.Status != "" {
		words = c.Status.Text()
	}
	switch {
	case c.Answer == partnership.AnswerNotApplicable:
		return row(c.Answer, "No decision under the Partnership Protocol; status: "+words+".")
	case c.Answer == partnership.AnswerYes:
		return row(c.Answer, "Approved; status: "+words+".")
	case c.Status == partnership.StatusRejected:
		return row(c.Answer, "Rejected.")
	case c.Status == partnership.StatusWithdrawn:
		return row(c.Answer, "Withdrawn before a decision.")
	}
	return row(c.Answer, "Awaiting a decision; status: "+words+".")
}

// checkServicePlanRisks: §4(b) asks the Council, as the lead body, to
// record the partnership's risks with its service plans.
func (v *view) checkServicePlanRisks(c partnership.ServicePlanItem) checkRow {
	switch {
	case c.Answer == partnership.AnswerNotApplicable:
		return row(c.Answer, "The Council is not the lead body ("+c.Role.Text()+"): its representatives seek to make sure that minimum standards of risk management are in place.")
	case c.Answer == partnership.AnswerYes:
		return row(c.Answer, fmt.Sprintf("The Council leads; %d %s for the partnership's life %s recorded in the Council's register of partnerships. Record them in the service plan of the service concerned too.",
			c.InLife, checkPlural(c.InLife, "risk", "risks"), checkPlural(c.InLife, "is", "are")))
	case c.CouncilLead:
		return row(c.Answer, "The Council leads, but no risk for the partnership's life is recorded to go into its service plans.")
	}
	return row(c.Answer, "Not recorded: the Council's role, and so whether it must record the risks with its service plans, is not recorded.")
}

func (v *view) checkConstitution(c partnership.ConstitutionItem) checkRow {
	var b checkEvidence
	if c.BeyondConstitution {
		b.add("A representative needs authority beyond the Constitution or Scheme of Delegation, so a report goes to " + v.Council.FullCouncil + " (section 5(b)).")
	}
	if c.ResourcesOutsideBudget {
		b.add("Resources outside approved budgets need approval under the Budget and Policy Framework and Financial Procedure Rules first.")
	}
	if c.Answer == partnership.AnswerNotRecorded {
		b.add("Not recorded: with no contributions recorded, the record cannot show that the Council's part is within the Constitution, including its Budget and Policy Framework and Financial Procedure Rules.")
	}
	if c.Answer == partnership.AnswerToConfirm {
		b.add("The record shows no need for authority beyond the Constitution or Scheme of Delegation and no resources outside approved budgets. " +
			v.Council.LegalServices + " to confirm that the decision is within the Constitution, including its Budget and Policy Framework and Financial Procedure Rules.")
	}
	return row(c.Answer, b.String())
}

func (v *view) checkProcurement(c partnership.ProcurementItem) checkRow {
	var why []string
	if c.CouncilProcures {
		why = append(why, "the Council procures the service")
	}
	if c.Grant {
		why = append(why, "the Council funds partners by grant")
	}
	if c.CashToPartners > 0 {
		why = append(why, "the Council pays "+partnership.FormatMoney(c.CashToPartners)+" in cash to the party that leads or holds the funds")
	}
	if c.PooledCash > 0 {
		why = append(why, "the Council holds "+partnership.FormatMoney(c.PooledCash)+" in cash for the partnership, which may be paid to partners")
	}
	switch {
	case c.Answer == partnership.AnswerNotApplicable:
		return row(c.Answer, "Every contribution recorded is in kind, staff or assets: no money passes between the parties.")
	case len(why) == 0:
		return row(c.Answer, "Not recorded: no contributions are recorded to show whether money passes from the Council to partners. Where it does, record whether the Procurement Act 2023 and the subsidy control rules apply.")
	}
	return row(c.Answer, "Not recorded. "+capitalise(checkJoin(why))+": record whether the Procurement Act 2023, the Council's Contract Procedure Rules and the subsidy control rules apply, on the advice of "+v.Council.LegalServices+".")
}

func (v *view) checkPerformance(c partnership.CountItem) checkRow {
	if c.Count == 0 {
		return row(c.Answer, "Not recorded: with no targets or outcomes there is nothing to put into the Council's performance management arrangements.")
	}
	return row(c.Answer, fmt.Sprintf("%d %s to include in the Council's performance management arrangements, which %s or the appropriate %s makes sure of (section 4(d)).",
		c.Count, checkPlural(c.Count, "target", "targets"), the(v.Council.AssistantChiefExecutive), v.Council.Director))
}

// findingRow is a finding as the checklist prints it.
type findingRow struct {
	Severity string // "Blocker", "Warning", "Information"
	Section  string // escaped
	Message  string // escaped, one line
	Field    string // the field at fault, in words (escaped), or "—"
}

// Findings returns the assessment's findings, blockers first and otherwise
// in the assessment's order, with each severity as a word.
func (v *view) Findings() []findingRow {
	fs := slices.Clone(v.A.Findings)
	slices.SortStableFunc(fs, func(a, b partnership.Finding) int {
		return cmp.Compare(severityOrder(a.Severity), severityOrder(b.Severity))
	})
	out := make([]findingRow, len(fs))
	for i, f := range fs {
		w := f.Severity.Text()
		if w == "" {
			w = checkEnum(string(f.Severity))
		}
		field := "—"
		if f.Field != "" {
			field = v.fieldWords(f.Field)
		}
		section := "—"
		if f.Section != "" {
			section = oneline(f.Section)
		}
		out[i] = findingRow{Severity: capitalise(w), Section: section, Message: plainWords(oneline(f.Message)), Field: field}
	}
	return out
}

// severityOrder ranks a severity by its place in SeverityValues (most
// serious first); an unknown one sorts last.
func severityOrder(s partnership.Severity) int {
	if i := slices.Index(partnership.SeverityValues, s); i >= 0 {
		return i
	}
	return len(partnership.SeverityValues)
}

// capitalise upper-cases the first letter, for words that start a table
// cell: "blocker" -> "Blocker".
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// findingCounts is how many findings there are of each severity.
type findingCounts struct{ Blockers, Warnings, Info int }

// FindingCounts counts the assessment's findings by severity.
func (v *view) FindingCounts() findingCounts {
	var c findingCounts
	for _, f := range v.A.Findings {
		switch f.Severity {
		case partnership.SeverityBlocker:
			c.Blockers++
		case partnership.SeverityWarning:
			c.Warnings++
		default:
			c.Info++
		}
	}
	return c
}

// ConsentsText lists the consents the assessment says are needed, or
// "none".
func (v *view) ConsentsText() string {
	if len(v.A.ConsentsNeeded) == 0 {
		return "none"
	}
	parts := make([]string, len(v.A.ConsentsNeeded))
	for i, c := range v.A.ConsentsNeeded {
		given := "not yet given"
		if c.Given {
			given = "given"
		}
		who := v.consentBy(c.Consent)
		if c.Consent == "" {
			who = "[consent to be confirmed]"
		}
		parts[i] = fmt.Sprintf("%s: consent of %s, %s", oneline(c.Representative), who, given)
	}
	return strings.Join(parts, "; ")
}

// checkEvidence collects the sentences of one item's evidence.
type checkEvidence struct{ parts []string }

func (e *checkEvidence) add(s string) {
	if s = strings.TrimSpace(s); s != "" && s != "." {
		e.parts = append(e.parts, s)
	}
}

func (e *checkEvidence) String() string { return strings.Join(e.parts, " ") }

// checkEnum is enumtext for a value known to be an enumeration.
func checkEnum(s string) string {
	w, _ := enumtext(s)
	return w
}

func checkPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func checkJoin(ss []string) string {
	s, _ := joinand(ss)
	return s
}
