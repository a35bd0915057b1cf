package generator

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"partnerdocs/partnership"
)

// This file derives the Partnership Checklist (Annex 2 of the Partnership
// Protocol, §5(b)): an answer and the evidence for each item, from the
// partnership and the protocol's assessment (.A). The template holds each
// item's question and protocol section; the answers and evidence are
// decided here so that they can be tested. Evidence is one line of escaped
// Markdown, safe in a table cell: user values come from the escaped copy
// (v.P, v.Council, v.A) and the words written here use no Markdown
// punctuation.

// The words the Answer column uses.
const (
	answerYes         = "yes"
	answerNo          = "no"
	answerNA          = "n/a"          // the item does not apply
	answerNotRecorded = "not recorded" // the data cannot say; the evaluating officer must record it
	answerPending     = "pending"      // the decision has not been taken yet
)

// checkRow is one item's answer and the evidence for it.
type checkRow struct {
	Answer   string
	Evidence string // escaped Markdown, one line
}

// checklist holds every item of Annex 2, in the order the template prints
// them.
type checklist struct {
	Partnership       checkRow // §3
	Alternatives      checkRow // §4
	StrategicFit      checkRow // §2, §3
	Significance      checkRow // §3(a)
	LegalStatus       checkRow // §4(a)
	LegalPower        checkRow // §4(a)
	LegalConsulted    checkRow // §4(a)
	SponsoringOfficer checkRow // §4(c)
	Representatives   checkRow // §4(a), §4(c)
	Substitutes       checkRow // §4(a)
	Consents          checkRow // §4(c)
	RiskAssessment    checkRow // §4(b)
	Resources         checkRow // §4(d)
	WithinBudget      checkRow // §4(c), §4(d)
	ISP               checkRow // §4(e)
	Lifespan          checkRow // §4(f)
	Succession        checkRow // §4(f)
	ExitStrategy      checkRow // §4(f)
	Communications    checkRow // §4(g)
	Targets           checkRow // §5(b)
	Reporting         checkRow // §5(b)
	SelfAssessment    checkRow // §5(b)
	StatutoryDuties   checkRow // §4(a)
	ApprovalRoute     checkRow // §5(b)
	Decision          checkRow // §5(b)
}

// Rows returns the items in order, for tests and for templates that loop.
func (c *checklist) Rows() []checkRow {
	return []checkRow{
		c.Partnership, c.Alternatives, c.StrategicFit, c.Significance, c.LegalStatus, c.LegalPower,
		c.LegalConsulted, c.SponsoringOfficer, c.Representatives, c.Substitutes, c.Consents,
		c.RiskAssessment, c.Resources, c.WithinBudget, c.ISP, c.Lifespan, c.Succession, c.ExitStrategy,
		c.Communications, c.Targets, c.Reporting, c.SelfAssessment, c.StatutoryDuties, c.ApprovalRoute,
		c.Decision,
	}
}

// Checklist answers every item of Annex 2.
func (v *view) Checklist() *checklist {
	return &checklist{
		Partnership:       v.checkPartnership(),
		Alternatives:      checkRow{answerNotRecorded, "Not recorded in the proposal. Record whether using an existing partnership, consulting others while the Council keeps responsibility, or a contract would meet the objective instead."},
		StrategicFit:      v.checkStrategicFit(),
		Significance:      v.checkSignificance(),
		LegalStatus:       v.checkLegalStatus(),
		LegalPower:        v.checkLegalPower(),
		LegalConsulted:    v.checkLegalConsulted(),
		SponsoringOfficer: v.checkSponsoringOfficer(),
		Representatives:   v.checkRepresentatives(),
		Substitutes:       v.checkSubstitutes(),
		Consents:          v.checkConsents(),
		RiskAssessment:    v.checkRisks(),
		Resources:         v.checkResources(),
		WithinBudget:      v.checkWithinBudget(),
		ISP:               v.checkISP(),
		Lifespan:          v.checkLifespan(),
		Succession:        v.checkText(v.Exit.Succession, "Succession strategy: ", "No succession strategy recorded."),
		ExitStrategy:      v.checkExit(),
		Communications:    v.checkCommunications(),
		Targets:           v.checkTargets(),
		Reporting:         v.checkReporting(),
		SelfAssessment:    v.checkSelfAssessment(),
		StatutoryDuties:   v.checkStatutoryDuties(),
		ApprovalRoute:     v.checkApprovalRoute(),
		Decision:          v.checkDecision(),
	}
}

// IsPartnership reports whether the assessment classifies the arrangement
// as a partnership under §3.
func (v *view) IsPartnership() bool { return v.A.Classification == partnership.ClassPartnership }

// IsExcluded reports whether the assessment excludes the arrangement under
// §3: a contract for services, a forum or a hybrid.
func (v *view) IsExcluded() bool {
	switch v.A.Classification {
	case partnership.ClassExcludedContract, partnership.ClassExcludedForum, partnership.ClassExcludedHybrid:
		return true
	}
	return false
}

var classificationWords = map[partnership.Classification]string{
	partnership.ClassPartnership:      "a partnership",
	partnership.ClassExcludedContract: "not a partnership but a contract for services",
	partnership.ClassExcludedForum:    "not a partnership but a forum or group that only discusses",
	partnership.ClassExcludedHybrid:   "not a partnership but a contractual or statutory arrangement with partnership elements",
}

// ClassificationText is the §3 classification in words, "a partnership"
// or "not a partnership but a contract for services".
func (v *view) ClassificationText() string {
	if w, ok := classificationWords[v.A.Classification]; ok {
		return w
	}
	return "not yet determined"
}

func (v *view) checkPartnership() checkRow {
	var b checkEvidence
	answer := answerNotRecorded
	switch {
	case v.IsPartnership():
		answer = answerYes
	case v.IsExcluded():
		answer = answerNo
	}
	switch {
	case v.A.Reason != "":
		b.add(stop(oneline(v.A.Reason)))
	case v.IsPartnership() || v.IsExcluded():
		b.add("Classified as " + v.ClassificationText() + ".")
	default:
		b.add("Not yet classified.")
	}
	if a := v.P.Arrangement; a != nil {
		b.add(fmt.Sprintf("Recorded facts: shared agreement of outcomes %s; shared delivery %s; the Council procures a service %s; discussion only %s.",
			yesno(a.SharedAgreementOfOutcomes), yesno(a.SharedDelivery), yesno(a.CouncilProcuresService), yesno(a.DiscussionOnly)))
	} else {
		b.add("The facts that decide the classification (shared outcomes, shared delivery, procurement, discussion only) are not recorded.")
	}
	return checkRow{answer, b.String()}
}

func (v *view) checkStrategicFit() checkRow {
	var b checkEvidence
	b.add("Purpose recorded.")
	n := len(v.P.Objectives)
	if n > 0 {
		b.add(fmt.Sprintf("%d %s recorded.", n, checkPlural(n, "objective", "objectives")))
	} else {
		b.add("No objectives recorded.")
	}
	if v.P.ServiceArea != "" {
		b.add("Service area: " + stop(oneline(v.P.ServiceArea)))
	}
	if strings.TrimSpace(v.P.Purpose) == "" || n == 0 {
		return checkRow{answerNo, b.String()}
	}
	return checkRow{answerYes, b.String()}
}

var criterionWords = map[partnership.Criterion]string{
	partnership.CriterionPolicyAndResources:  "(1) develops policy and manages resources affecting statutory services or duties",
	partnership.CriterionStrategicPriorities: "(2) identifies and delivers high-level strategic priorities for the county",
	partnership.CriterionCorporateOutcome:    "(3) meets a service, directorate or corporate outcome, with a risk of significant reputational damage without it",
}

// CriterionText is a §3(a) criterion in words.
func (v *view) CriterionText(c partnership.Criterion) string {
	if w, ok := criterionWords[c]; ok {
		return w
	}
	return string(c)
}

func (v *view) checkSignificance() checkRow {
	if v.IsExcluded() {
		return checkRow{answerNA, "Not assessed: the arrangement is not a partnership."}
	}
	var b checkEvidence
	s := v.P.Significance
	if len(v.A.CriteriaMet) > 0 {
		words := make([]string, len(v.A.CriteriaMet))
		for i, c := range v.A.CriteriaMet {
			words[i] = v.CriterionText(c)
		}
		b.add("Criteria met: " + strings.Join(words, "; ") + ".")
	} else if s != nil {
		b.add("No section 3(a) criterion is met in full.")
	}
	for _, bl := range v.A.Borderline {
		b.add("Borderline: " + stop(oneline(bl.Message)))
	}
	if v.A.Overridden && s != nil {
		b.add("The evaluating officer has overridden the criteria: " + checkEnum(string(s.Override)) + ".")
	}
	switch {
	case s != nil && s.Justification != "":
		b.add("Justification: " + stop(oneline(s.Justification)))
	case v.A.Overridden:
		b.add("No justification is recorded for the override.")
	case s == nil:
		b.add("The significance criteria are not recorded.")
	default:
		b.add("No justification recorded.")
	}
	if v.A.Significant {
		return checkRow{answerYes, b.String()}
	}
	return checkRow{answerNo, b.String()}
}

// bindingInstruments are the instruments with legally binding parts, which
// Legal must be involved in drawing up (§4(a)).
var bindingInstruments = map[partnership.LegalInstrument]bool{
	partnership.LegalInstrumentMouPartBinding:      true,
	partnership.LegalInstrumentBindingAgreement:    true,
	partnership.LegalInstrumentJointCommittee:      true,
	partnership.LegalInstrumentIncorporatedEntity:  true,
	partnership.LegalInstrumentS75Agreement:        true,
	partnership.LegalInstrumentContractForServices: true,
	partnership.LegalInstrumentGrantAgreement:      true,
}

func (v *view) checkLegalStatus() checkRow {
	li := v.P.LegalInstrument
	if li == "" {
		return checkRow{answerNo, "The legal instrument is not recorded."}
	}
	w := checkEnum(string(li))
	if bindingInstruments[li] {
		return checkRow{answerYes, "Legal instrument: " + w + ", which is legally binding in whole or in part."}
	}
	return checkRow{answerYes, "Legal instrument: " + w + "."}
}

func (v *view) checkLegalPower() checkRow {
	if v.P.LegalPower != "" {
		return checkRow{answerYes, "Legal power: " + stop(oneline(v.P.LegalPower))}
	}
	if bindingInstruments[v.P.LegalInstrument] {
		return checkRow{answerNo, "No legal power recorded, although the instrument is legally binding."}
	}
	return checkRow{answerNo, "No legal power recorded."}
}

func (v *view) checkLegalConsulted() checkRow {
	legal := v.Council.LegalServices
	if bindingInstruments[v.P.LegalInstrument] {
		return checkRow{answerNotRecorded, fmt.Sprintf("Not recorded. The instrument is legally binding, so %s must be involved in drawing it up; record their advice.", legal)}
	}
	return checkRow{answerNotRecorded, fmt.Sprintf("Not recorded. Early advice from %s on legal powers, structure and liabilities is recommended; record whether it was sought.", legal)}
}

func (v *view) checkSponsoringOfficer() checkRow {
	s := v.P.SponsoringOfficer
	if s == nil || strings.TrimSpace(s.Name) == "" {
		return checkRow{answerNo, "No sponsoring officer named."}
	}
	e := oneline(s.Name)
	if s.Post != "" {
		e += ", " + oneline(s.Post)
	}
	return checkRow{answerYes, stop(e)}
}

func repText(r partnership.Representative) string {
	s := oneline(r.Name) + " (" + string(r.Kind)
	if r.Post != "" {
		s += ", " + oneline(r.Post)
	}
	return s + ")"
}

func (v *view) checkRepresentatives() checkRow {
	members := append(append([]partnership.Representative(nil), v.Councillors.Members...), v.Officers.Members...)
	if len(members) == 0 {
		return checkRow{answerNo, "No representative named."}
	}
	names := make([]string, len(members))
	for i, r := range members {
		names[i] = repText(r)
	}
	var b checkEvidence
	b.add(checkJoin(names) + ".")
	if v.A.Significant && len(v.Councillors.Members) == 0 {
		b.add("A significant partnership is likely to need councillor representation; none is named.")
	}
	return checkRow{answerYes, b.String()}
}

func (v *view) checkSubstitutes() checkRow {
	subs := append(append([]partnership.Representative(nil), v.Councillors.Substitutes...), v.Officers.Substitutes...)
	if len(subs) == 0 {
		return checkRow{answerNo, "No substitute named."}
	}
	names := make([]string, len(subs))
	for i, r := range subs {
		names[i] = repText(r)
	}
	return checkRow{answerYes, checkJoin(names) + "."}
}

// consentNeeded says whose consent the protocol requires for a
// representative who would also represent another organisation (§4(c)).
func (v *view) consentNeeded(kind partnership.RepresentativeKind) string {
	if kind == partnership.RepresentativeKindCouncillor {
		return the(v.Council.Leader) + " in consultation with " + the(v.Council.ChiefExecutive)
	}
	return the(v.Council.ChiefExecutive)
}

func (v *view) checkConsents() checkRow {
	if len(v.OtherOrgReps) == 0 {
		return checkRow{answerNA, "No representative also represents another organisation."}
	}
	answer := answerYes
	parts := make([]string, len(v.OtherOrgReps))
	for i, r := range v.OtherOrgReps {
		if r.Consent != "" {
			parts[i] = fmt.Sprintf("%s has the consent of %s", oneline(r.Name), v.consentGiven(r.Consent))
		} else {
			answer = answerNo
			parts[i] = fmt.Sprintf("%s needs the consent of %s, which is not recorded", oneline(r.Name), v.consentNeeded(r.Kind))
		}
	}
	return checkRow{answer, checkJoin(parts) + "."}
}

func (v *view) consentGiven(c partnership.Consent) string {
	if c == partnership.ConsentLeaderWithChiefExecutive {
		return v.consentNeeded(partnership.RepresentativeKindCouncillor)
	}
	return v.consentNeeded(partnership.RepresentativeKindOfficer)
}

func (v *view) checkRisks() checkRow {
	if len(v.Risks) == 0 {
		return checkRow{answerNo, "No risks recorded."}
	}
	pre, top := 0, v.Risks[0]
	for _, r := range v.Risks {
		if r.Phase == partnership.RiskPhasePreEntry {
			pre++
		}
		if r.Score > top.Score {
			top = r
		}
	}
	var b checkEvidence
	b.add(fmt.Sprintf("%d %s recorded, %d before entry and %d in the partnership's life.",
		len(v.Risks), checkPlural(len(v.Risks), "risk", "risks"), pre, len(v.Risks)-pre))
	b.add(fmt.Sprintf("Highest score %d (%s).", top.Score, oneline(top.ID)))
	if pre == 0 {
		b.add("No risk to the Council is recorded for the decision to enter.")
	}
	return checkRow{answerYes, b.String()}
}

func (v *view) councilContribution() (total int64, outside int) {
	for _, y := range v.ContributionYears {
		for _, r := range y.Rows {
			if r.Contributor == v.Council.Name {
				total += r.AmountPence
				if !r.WithinBudget {
					outside++
				}
			}
		}
	}
	return total, outside
}

func (v *view) checkResources() checkRow {
	if !v.HasContributions {
		return checkRow{answerNo, "No contributions recorded, so the Council's ability to contribute and the costs against the benefits cannot be judged."}
	}
	total, _ := v.councilContribution()
	m, _ := money(v.ContributionsTotal)
	c, _ := money(total)
	years := len(v.ContributionYears)
	return checkRow{answerYes, fmt.Sprintf("Contributions of %s over %d financial %s, of which the Council's are %s. Whether the benefits justify the costs is for the evaluating officer to confirm.",
		m, years, checkPlural(years, "year", "years"), c)}
}

func (v *view) checkWithinBudget() checkRow {
	_, outside := v.councilContribution()
	approval := fmt.Sprintf("the agreement of %s or the %s is needed, or of %s where the Constitution requires it.",
		the(v.Council.DecisionBody), v.Council.HeadOfService, v.Council.FullCouncil)
	switch {
	case v.P.ResourcesOutsideBudget || outside > 0:
		e := "The proposal commits resources outside approved budgets"
		if outside > 0 {
			e += fmt.Sprintf(" (%d of the Council's contributions)", outside)
		}
		return checkRow{answerNo, e + ": " + approval}
	case !v.HasContributions:
		return checkRow{answerNotRecorded, "No contributions recorded."}
	}
	if others := len(v.OutsideBudget); others > 0 {
		return checkRow{answerYes, fmt.Sprintf("The Council's contributions are within approved budgets; %d of other partners' contributions are not yet within theirs.", others)}
	}
	return checkRow{answerYes, "Every contribution recorded is within an approved budget."}
}

func (v *view) checkISP() checkRow {
	is := v.InformationSharing
	switch {
	case is == nil:
		return checkRow{answerNo, "Neither an Information Sharing Protocol nor a waiver is recorded."}
	case !is.Required && strings.TrimSpace(is.WaiverReason) == "":
		return checkRow{answerNo, "Waived, but no reason is recorded."}
	case !is.Required:
		return checkRow{answerNA, "Waived: " + stop(oneline(is.WaiverReason))}
	case is.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor:
		return checkRow{answerNo, "The partners are controller and processor: an Article 28 contract is needed instead of an Information Sharing Protocol."}
	}
	var b checkEvidence
	rel := "controller relationship not recorded"
	if is.ControllerRelationship != "" {
		rel = strings.ReplaceAll(string(is.ControllerRelationship), "_", " ")
	}
	b.add("Information Sharing Protocol details recorded: " + rel + "; lawful basis " + v.LawfulBasisText() + ".")
	if is.DPIA != nil {
		d, _ := longdate(is.DPIA.CompletedOn)
		b.add("DPIA completed on " + d + ".")
	} else {
		b.add("No DPIA recorded.")
	}
	if v.JointControllers {
		b.add("Joint controllers: the protocol includes the Article 26 arrangement.")
	}
	return checkRow{answerYes, b.String()}
}

func (v *view) checkLifespan() checkRow {
	d := v.Dates
	if d.Start.IsZero() && d.NextReview.IsZero() {
		return checkRow{answerNo, "No start or review dates recorded."}
	}
	start, _ := longdate(d.Start)
	review, _ := longdate(d.NextReview)
	var b checkEvidence
	b.add("Starts " + start + ";")
	if d.End.IsZero() {
		b.add("no end date;")
	} else {
		end, _ := longdate(d.End)
		b.add("ends " + end + ";")
	}
	b.add("next review " + review + ".")
	if t, err := d.NextReview.Parse(); err == nil && !d.NextReview.IsZero() && t.Before(v.GeneratedAt) {
		b.add("The review date has passed.")
	}
	if d.NextReview.IsZero() {
		return checkRow{answerNo, b.String()}
	}
	return checkRow{answerYes, b.String()}
}

func (v *view) checkText(text, label, missing string) checkRow {
	if strings.TrimSpace(text) == "" {
		return checkRow{answerNo, missing}
	}
	return checkRow{answerYes, label + stop(oneline(text))}
}

func (v *view) checkExit() checkRow {
	row := v.checkText(v.Exit.Strategy, "Exit strategy: ", "No exit strategy recorded.")
	if n := v.Exit.WithdrawalNoticeMonths; n > 0 {
		row.Evidence += fmt.Sprintf(" Notice to withdraw: %d %s.", n, checkPlural(n, "month", "months"))
	}
	return row
}

func (v *view) checkCommunications() checkRow {
	c := v.P.Communications
	if c == nil {
		return checkRow{answerNo, "No Partnership Communications Agreement details recorded."}
	}
	var b checkEvidence
	if v.CommsLeadName != "" {
		b.add("Communications lead: " + oneline(v.CommsLeadName) + ".")
	}
	switch c.Branding {
	case partnership.BrandingPartnershipLogo:
		if strings.TrimSpace(c.LogoJustification) == "" {
			b.add("A partnership logo is proposed without a justification.")
			return checkRow{answerNo, b.String()}
		}
		b.add("A partnership logo is proposed, justified as follows: " + stop(oneline(c.LogoJustification)))
	case "":
		b.add("Branding not recorded.")
	default:
		b.add("Branding: " + checkEnum(string(c.Branding)) + ".")
	}
	return checkRow{answerYes, b.String()}
}

func (v *view) checkTargets() checkRow {
	n := len(v.Targets)
	if n == 0 {
		return checkRow{answerNo, "No targets or outcomes recorded."}
	}
	return checkRow{answerYes, fmt.Sprintf("%d %s recorded, each with a baseline and a target.", n, checkPlural(n, "target", "targets"))}
}

func (v *view) checkReporting() checkRow {
	yearly := fmt.Sprintf("The Council's officer representatives report achievement against targets to %s each year.", the(v.Council.DecisionBody))
	if r := v.Governance.Reporting; strings.TrimSpace(r) != "" {
		return checkRow{answerYes, "Reporting: " + stop(oneline(r)) + " " + yearly}
	}
	return checkRow{answerNo, "The partnership's reporting arrangements are not recorded. " + yearly}
}

func (v *view) checkSelfAssessment() checkRow {
	var last *partnership.Review
	for i := range v.P.Reviews {
		r := &v.P.Reviews[i]
		if r.Type == partnership.ReviewTypeSelfAssessment && (last == nil || r.FinancialYear >= last.FinancialYear) {
			last = r
		}
	}
	if last != nil {
		e := "Latest self-assessment: " + string(last.FinancialYear)
		if !last.CompletedOn.IsZero() {
			d, _ := longdate(last.CompletedOn)
			e += ", completed on " + d
		}
		e += "; overall " + checkEnum(string(last.Overall))
		if last.Recommendation != "" {
			e += "; recommendation: " + checkEnum(string(last.Recommendation))
		}
		return checkRow{answerYes, e + "."}
	}
	switch v.P.Status {
	case "", partnership.StatusProposed, partnership.StatusEvaluating, partnership.StatusApproved,
		partnership.StatusRejected, partnership.StatusWithdrawn:
		return checkRow{answerNA, "Not yet due. The partnership will be asked for an annual review or self-assessment of its effectiveness."}
	}
	return checkRow{answerNo, "No self-assessment recorded."}
}

func (v *view) checkStatutoryDuties() checkRow {
	var b checkEvidence
	b.add("Not recorded. Record how the partnership bears on the Council's public sector equality duty (Equality Act 2010, section 149), its duty under section 17 of the Crime and Disorder Act 1998, and its health and safety duties.")
	var ids []string
	for _, r := range v.Risks {
		switch r.Category {
		case partnership.RiskCategoryEquality, partnership.RiskCategorySafeguarding, partnership.RiskCategoryHealthAndSafety:
			ids = append(ids, oneline(r.ID))
		}
	}
	if len(ids) > 0 {
		b.add("The risk register includes equality, safeguarding or health and safety risks: " + checkJoin(ids) + ".")
	}
	return checkRow{answerNotRecorded, b.String()}
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
		return "none: the arrangement is not a partnership under the Partnership Protocol"
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
	return "[to be determined]"
}

func (v *view) checkApprovalRoute() checkRow {
	var b checkEvidence
	b.add("Route: " + v.RouteText() + ".")
	if v.A.ReportToCouncil {
		b.add("A report to " + v.Council.FullCouncil + " is needed as well.")
	}
	if v.A.BudgetApprovalNeeded {
		b.add("Budget approval is needed for resources outside approved budgets.")
	}
	switch {
	case v.A.ApprovalRoute == partnership.RouteCMT || v.A.ApprovalRoute == partnership.RouteDelegated:
		return checkRow{answerYes, b.String()}
	case v.IsExcluded():
		return checkRow{answerNA, b.String()}
	}
	return checkRow{answerNotRecorded, b.String()}
}

func (v *view) checkDecision() checkRow {
	s := v.P.Status
	words := "proposed"
	if s != "" {
		words = checkEnum(string(s))
	}
	switch s {
	case partnership.StatusApproved, partnership.StatusActive, partnership.StatusUnderReview,
		partnership.StatusExiting, partnership.StatusClosed:
		return checkRow{answerYes, "Approved; status: " + words + "."}
	case partnership.StatusRejected:
		return checkRow{answerNo, "Rejected."}
	case partnership.StatusWithdrawn:
		return checkRow{answerNo, "Withdrawn before a decision."}
	}
	return checkRow{answerPending, "Awaiting a decision; status: " + words + "."}
}

// findingRow is a finding as the checklist prints it.
type findingRow struct {
	Severity string // "Blocker", "Warning", "Information"
	Section  string // escaped
	Message  string // escaped, one line
	Field    string // escaped, or "—"
}

var severityWords = map[partnership.Severity]string{
	partnership.SeverityBlocker: "Blocker",
	partnership.SeverityWarning: "Warning",
	partnership.SeverityInfo:    "Information",
}

var severityRank = map[partnership.Severity]int{
	partnership.SeverityBlocker: 0,
	partnership.SeverityWarning: 1,
	partnership.SeverityInfo:    2,
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
		w := severityWords[f.Severity]
		if w == "" {
			w = checkEnum(string(f.Severity))
		}
		field := "—"
		if f.Field != "" {
			field = oneline(f.Field)
		}
		section := "—"
		if f.Section != "" {
			section = oneline(f.Section)
		}
		out[i] = findingRow{Severity: w, Section: section, Message: oneline(f.Message), Field: field}
	}
	return out
}

func severityOrder(s partnership.Severity) int {
	if r, ok := severityRank[s]; ok {
		return r
	}
	return len(severityRank)
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
		who := v.consentGiven(c.Consent)
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
