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
	return &checklist{
		Partnership:       v.checkPartnership(c.Partnership),
		Alternatives:      row(c.Alternatives.Answer, "Not recorded in the proposal. Record whether using an existing partnership, consulting others while the Council keeps responsibility, or a contract would meet the objective instead."),
		StrategicFit:      checkStrategicFit(c.StrategicFit),
		Significance:      v.checkSignificance(c.Significance),
		LegalStatus:       checkLegalStatus(c.LegalStatus),
		LegalPower:        checkLegalPower(c.LegalPower),
		LegalConsulted:    v.checkLegalConsulted(c.LegalConsulted),
		SponsoringOfficer: checkSponsoringOfficer(c.SponsoringOfficer),
		Representatives:   checkPeople(c.Representatives, "No representative named."),
		Substitutes:       checkPeople(c.Substitutes, "No substitute named."),
		Consents:          v.checkConsents(c.Consents),
		RiskAssessment:    checkRisks(c.RiskAssessment),
		Resources:         checkResources(c.Resources),
		WithinBudget:      v.checkWithinBudget(c.WithinBudget),
		ISP:               v.checkISP(c.ISP),
		Lifespan:          checkLifespan(c.Lifespan),
		Succession:        checkText(c.Succession, "Succession strategy: ", "No succession strategy recorded."),
		ExitStrategy:      checkExit(c.ExitStrategy),
		Communications:    checkCommunications(c.Communications),
		Targets:           checkTargets(c.Targets),
		Reporting:         v.checkReporting(c.Reporting),
		SelfAssessment:    checkSelfAssessment(c.SelfAssessment),
		StatutoryDuties:   checkStatutoryDuties(c.StatutoryDuties),
		ApprovalRoute:     v.checkApprovalRoute(c.ApprovalRoute),
		Decision:          checkDecision(c.Decision),
	}
}

func row(a partnership.Answer, evidence string) checkRow { return checkRow{a.Text(), evidence} }

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
		b.add(stop(oneline(v.A.Reason)))
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
		b.add("Borderline: " + stop(oneline(bl.Message)))
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

func checkLegalPower(c partnership.LegalPowerItem) checkRow {
	switch {
	case c.Answer == partnership.AnswerYes:
		return row(c.Answer, "Legal power: "+stop(oneline(c.Power)))
	case c.Binding:
		return row(c.Answer, "No legal power recorded, although the instrument is legally binding.")
	}
	return row(c.Answer, "No legal power recorded.")
}

func (v *view) checkLegalConsulted(c partnership.InstrumentItem) checkRow {
	legal := v.Council.LegalServices
	if c.Binding {
		return row(c.Answer, fmt.Sprintf("Not recorded. The instrument is legally binding, so %s must be involved in drawing it up; record their advice.", legal))
	}
	return row(c.Answer, fmt.Sprintf("Not recorded. Early advice from %s on legal powers, structure and liabilities is recommended; record whether it was sought.", legal))
}

func checkSponsoringOfficer(c partnership.SponsorItem) checkRow {
	if c.Answer != partnership.AnswerYes {
		return row(c.Answer, "No sponsoring officer named.")
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
		return row(c.Answer, "No risks recorded.")
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
		return row(c.Answer, "No contributions recorded, so the Council's ability to contribute and the costs against the benefits cannot be judged.")
	}
	return row(c.Answer, fmt.Sprintf("Contributions of %s over %d financial %s, of which the Council's are %s. Whether the benefits justify the costs is for the evaluating officer to confirm.",
		partnership.FormatMoney(c.TotalPence), c.Years, checkPlural(c.Years, "year", "years"), partnership.FormatMoney(c.CouncilPence)))
}

func (v *view) checkWithinBudget(c partnership.BudgetItem) checkRow {
	approval := fmt.Sprintf("the agreement of %s or the %s is needed, or of %s where the Constitution requires it.",
		the(v.Council.DecisionBody), v.Council.HeadOfService, v.Council.FullCouncil)
	switch {
	case c.Answer == partnership.AnswerNo:
		e := "The proposal commits resources outside approved budgets"
		if c.CouncilOutside > 0 {
			e += fmt.Sprintf(" (%d of the Council's contributions)", c.CouncilOutside)
		}
		return row(c.Answer, e+": "+approval)
	case !c.HasContributions:
		return row(c.Answer, "No contributions recorded.")
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
		return row(c.Answer, "Waived, but no reason is recorded.")
	case !c.Required:
		return row(c.Answer, "Waived: "+stop(oneline(c.WaiverReason)))
	case c.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor:
		return row(c.Answer, "The partners are controller and processor: an Article 28 contract is needed instead of an Information Sharing Protocol.")
	}
	var b checkEvidence
	rel := "controller relationship not recorded"
	if c.ControllerRelationship != "" {
		rel = c.ControllerRelationship.Text()
	}
	b.add("Information Sharing Protocol details recorded: " + rel + "; lawful basis " + lawfulBasisText(c.LawfulBasis) + ".")
	if c.DPIA != nil {
		d, _ := longdate(c.DPIA.CompletedOn)
		b.add("DPIA completed on " + d + ".")
	} else {
		b.add("No DPIA recorded.")
	}
	if c.ControllerRelationship == partnership.ControllerRelationshipJointControllers {
		b.add("Joint controllers: the protocol includes the Article 26 arrangement.")
	}
	return row(c.Answer, b.String())
}

func checkLifespan(c partnership.LifespanItem) checkRow {
	if c.Start.IsZero() && c.NextReview.IsZero() {
		return row(c.Answer, "No start or review dates recorded.")
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
	r := checkText(partnership.TextItem{Answer: c.Answer, Text: c.Strategy}, "Exit strategy: ", "No exit strategy recorded.")
	if n := c.NoticeMonths; n > 0 {
		r.Evidence += fmt.Sprintf(" Notice to withdraw: %d %s.", n, checkPlural(n, "month", "months"))
	}
	return r
}

func checkCommunications(c partnership.CommunicationsItem) checkRow {
	if !c.Recorded {
		return row(c.Answer, "No Partnership Communications Agreement details recorded.")
	}
	var b checkEvidence
	if c.LeadName != "" {
		b.add("Communications lead: " + oneline(c.LeadName) + ".")
	}
	switch {
	case c.Branding == partnership.BrandingPartnershipLogo && c.Answer == partnership.AnswerNo:
		b.add("A partnership logo is proposed without a justification.")
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
		return row(c.Answer, "No targets or outcomes recorded.")
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
	return row(c.Answer, "No self-assessment recorded.")
}

func checkStatutoryDuties(c partnership.DutiesItem) checkRow {
	var b checkEvidence
	b.add("Not recorded. Record how the partnership bears on the Council's public sector equality duty (Equality Act 2010, section 149), its duty under section 17 of the Crime and Disorder Act 1998, and its health and safety duties.")
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

func (v *view) checkApprovalRoute(c partnership.ChecklistItem) checkRow {
	var b checkEvidence
	b.add("Route: " + v.RouteText() + ".")
	if v.A.ReportToCouncil {
		b.add("A report to " + v.Council.FullCouncil + " is needed as well.")
	}
	if v.A.BudgetApprovalNeeded {
		b.add("Budget approval is needed for resources outside approved budgets.")
	}
	return row(c.Answer, b.String())
}

func checkDecision(c partnership.DecisionItem) checkRow {
	words := partnership.StatusProposed.Text()
	if c.Status != "" {
		words = c.Status.Text()
	}
	switch {
	case c.Answer == partnership.AnswerYes:
		return row(c.Answer, "Approved; status: "+words+".")
	case c.Status == partnership.StatusRejected:
		return row(c.Answer, "Rejected.")
	case c.Status == partnership.StatusWithdrawn:
		return row(c.Answer, "Withdrawn before a decision.")
	}
	return row(c.Answer, "Awaiting a decision; status: "+words+".")
}

// findingRow is a finding as the checklist prints it.
type findingRow struct {
	Severity string // "Blocker", "Warning", "Information"
	Section  string // escaped
	Message  string // escaped, one line
	Field    string // escaped, or "—"
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
			field = oneline(f.Field)
		}
		section := "—"
		if f.Section != "" {
			section = oneline(f.Section)
		}
		out[i] = findingRow{Severity: capitalise(w), Section: section, Message: oneline(f.Message), Field: field}
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
