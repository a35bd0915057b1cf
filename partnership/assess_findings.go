package partnership

import (
	"strconv"
	"strings"
	"time"
)

// check runs the rules that raise findings, in the order of the protocol's
// sections. For an arrangement §3 excludes, only the council-wide rules run
// (consents, budgets, authority): the tools of §4 and §5(b) are for
// partnerships, and would only bury the one answer that matters.
func (a *assessor) check() {
	partnership := !a.excluded()
	a.checkS75Parties()
	if is := a.p.InformationSharing; !partnership && is != nil && is.Required && a.out.Classification != ClassExcludedContract {
		// An s75 arrangement or a forum that shares personal data gets an
		// ISP of its own ("the Arrangement"): each party's basis still has
		// to be one the law gives it. A contract's processor has none.
		a.checkLawfulBases()
	}
	if partnership {
		a.checkPartners()
		a.checkLegalStatus()
		a.checkRepresentation()
		a.checkRisks()
		a.checkLead()
		a.checkSponsoringOfficer()
		a.checkRepresentatives()
	}
	a.checkConsents()
	a.checkBudget()
	if partnership {
		a.checkCouncilContribution()
		a.checkInformationSharing()
		a.checkSuccession()
		a.checkCommunications()
	}
	if a.p.NeedsAuthorityBeyondConstitution {
		a.add(ruleAuthorityBeyondConstitution, "needs_authority_beyond_constitution",
			"A representative needs authority beyond the Constitution or the Scheme of Delegation to take part in the "+
				"partnership's decisions, so under §5(b) a report must also go to "+a.c.FullCouncil+" for its consideration.")
	}
	if partnership && !a.ended() {
		a.checkReporting()
	}
}

// ended reports whether the partnership is over or never began, so that
// its reviews and targets are no longer chased.
func (a *assessor) ended() bool {
	switch a.p.Status {
	case StatusClosed, StatusRejected, StatusWithdrawn:
		return true
	}
	return false
}

// §3: a partnership is the council and one or more other organisations.
func (a *assessor) checkPartners() {
	if len(a.p.Partners) == 0 {
		a.add(ruleNoPartners, "partners", "No partner organisation is listed. Under §3 a partnership is an arrangement "+
			"between the council and one or more other organisations; list them (the council itself comes from the council profile).")
	}
}

// §4(a): legal status, the council's legal power and role, governance.
func (a *assessor) checkLegalStatus() {
	p, legal := a.p, a.c.LegalServices
	noPower := strings.TrimSpace(p.LegalPower) == ""
	switch {
	case p.LegalInstrument == "":
		a.add(ruleNoLegalInstrument, "legal_instrument", "The partnership's legal status is not recorded. §4(a) asks that "+
			"the status of every partnership is clear: say whether it works under terms of reference, a memorandum of "+
			"understanding, a binding agreement or another instrument, and seek early advice from "+legal+".")
	case p.LegalInstrument.IsBinding() && noPower:
		a.add(ruleBindingWithoutLegalPower, "legal_power", "The partnership's legal instrument ("+p.LegalInstrument.Text()+") is legally binding, "+
			"but the council's legal power to enter it is not recorded. §4(a) requires the council to have the legal power "+
			"to enter the partnership, and "+legal+" must be involved in drawing up any legally binding agreement; "+
			"record the power they confirm.")
		noPower = false // reported
	}
	if noPower {
		a.add(ruleNoLegalPower, "legal_power", "The council's legal power to take part is not recorded. §4(a) asks the "+
			"council to make sure it has the legal power to enter the partnership; "+legal+" can advise.")
	}
	if p.LegalInstrument == LegalInstrumentMouPartBinding && (p.MoU == nil || len(p.MoU.BindingClauses) == 0) {
		a.add(ruleMouPartBindingWithoutClauses, "mou.binding_clauses", "The memorandum of understanding is partly "+
			"binding, but the clauses that bind are not listed. §4(a) asks that the status of each part of an agreement "+
			"is clear: list the binding clauses, which "+legal+" must draw up.")
	}
	if p.CouncilRole == "" {
		a.add(ruleNoCouncilRole, "council_role", "The council's role (lead, member, host, or funder and observer) is not "+
			"recorded. §4(a) asks that it is understood, because it decides the council's responsibilities and liabilities; "+
			"seek early advice from "+legal+".")
	}
	if p.Governance == nil {
		a.add(ruleNoGovernance, "governance", "No governance is recorded. §4(a) expects the agreement to say how "+
			"decisions are made and reported: record the board, its chair, quorum, voting rule and how often it meets.")
	}
}

// §4(a): who represents the council, and substitutes.
func (a *assessor) checkRepresentation() {
	member, substitute := false, false
	for _, r := range a.p.Representatives {
		member = member || r.Role != RepresentativeRoleSubstitute
		substitute = substitute || r.Role == RepresentativeRoleSubstitute
	}
	if a.needsCouncillor() {
		a.add(ruleSignificantWithoutCouncillor, "representatives", "The partnership is significant but no councillor "+
			"represents the council. §4(a) says a significant partnership is likely to need councillor as well as officer "+
			"representation: name a councillor, or record why officer representation is enough.")
	}
	if member && !substitute {
		a.add(ruleNoSubstitute, "representatives", "No substitute representative is named. §4(a) asks for substitutes "+
			"to be identified, so that the council is represented when a representative cannot attend.")
	}
}

// needsCouncillor reports whether the partnership is significant and no
// councillor, member or substitute, represents the council (§4(a)).
func (a *assessor) needsCouncillor() bool {
	if !a.out.Significant {
		return false
	}
	for _, r := range a.p.Representatives {
		if r.Kind == RepresentativeKindCouncillor {
			return false
		}
	}
	return true
}

// §4(b): risks assessed before entry and managed in life.
func (a *assessor) checkRisks() {
	risks := a.p.Risks
	if len(risks) == 0 {
		a.add(ruleNoRiskAssessment, "risks", "No risks are recorded. §4(b) requires the risks to the council to be "+
			"assessed with the council's risk management approach before it decides to enter a partnership, and the "+
			"mitigation to be understood by everyone involved.")
		return
	}
	preEntry := false
	for _, r := range risks {
		preEntry = preEntry || r.Phase == RiskPhasePreEntry
	}
	if !preEntry {
		a.add(ruleNoPreEntryRisk, "risks", "None of the risks is recorded as assessed before the decision to enter. "+
			"§4(b) asks for the risks to the council at the point of deciding whether to enter to be considered and "+
			"recorded with the proposal.")
	}
	for i, r := range risks {
		if strings.TrimSpace(r.Mitigation) == "" {
			a.add(ruleRiskWithoutMitigation, jsonPath(indexPath("risks", i), "mitigation"), "Risk "+quoted(r.ID)+
				" has no mitigation. §4(b) asks that the mitigation plans are clearly understood by all involved: "+
				"record how the risk is treated, or that it is accepted and why.")
		}
	}
}

// §4(b): somebody leads, and only one body does.
func (a *assessor) checkLead() {
	lead := -1
	for i, pt := range a.p.Partners {
		if pt.IsLead {
			lead = i
			break
		}
	}
	councilLeads := a.p.CouncilRole == CouncilRoleLead || a.p.CouncilRole == CouncilRoleHost
	switch {
	case lead < 0 && !councilLeads:
		a.add(ruleNoLeadPartner, "partners", "No lead partner is named and the council is not the lead or host. Under "+
			"§4(b) the lead body manages the partnership's risks, and when the council does not lead, its representatives "+
			"must make sure that minimum standards of risk management are in place: name the lead partner.")
	case lead >= 0 && a.p.CouncilRole == CouncilRoleLead:
		a.add(ruleLeadConflict, jsonPath(indexPath("partners", lead), "is_lead"), "The council is recorded as the lead, "+
			"but "+nameOr(a.p.Partners[lead].Name, "a partner")+" is also marked as the lead partner. Only one body can lead; "+
			"§4(b) gives the lead different duties for risk. Correct the council's role or the partner.")
	}
}

// §4(c): one sponsoring officer.
func (a *assessor) checkSponsoringOfficer() {
	if !hasSponsoringOfficer(a.p) {
		a.add(ruleNoSponsoringOfficer, "sponsoring_officer", "No sponsoring officer is named. Under §4(c) every "+
			"partnership has one sponsoring officer, usually "+withArticle(a.c.HeadOfService)+", who is responsible for applying the "+
			"Partnership Protocol to it, whether or not they also represent the council.")
	}
}

// §4(c): the council is represented by specified councillors or officers.
func (a *assessor) checkRepresentatives() {
	for _, r := range a.p.Representatives {
		if r.Role != RepresentativeRoleSubstitute {
			return
		}
	}
	a.add(ruleNoRepresentative, "representatives", "No councillor or officer is named to represent the council. "+
		"§4(c) requires the council to be represented on every partnership by specified councillors or officers, who "+
		"act only for the council; a substitute alone is not enough.")
}

// §4(c): representing another organisation too needs consent.
func (a *assessor) checkConsents() {
	for _, need := range a.out.ConsentsNeeded {
		if need.Given {
			continue
		}
		who := nameOr(need.Representative, "A representative")
		by := "an officer may do so only by specific agreement of the " + a.c.ChiefExecutive
		if need.Consent == ConsentLeaderWithChiefExecutive {
			by = "a councillor may do so only by specific agreement of the " + a.c.Leader + " in consultation with the " +
				a.c.ChiefExecutive
		}
		a.add(ruleConsentMissing, need.Field+".consent", who+" would also represent another organisation. Under §4(c) "+
			by+": record that consent before they take up the role.")
	}
}

// §4(c): no representative commits resources outside approved budgets.
func (a *assessor) checkBudget() {
	approval := "the resources must first be approved in accordance with the Council's Constitution (including " +
		"its Budget and Policy Framework and Financial Procedure Rules); the protocol asks the " + a.c.DecisionBody +
		" or the " + a.c.HeadOfService + " to agree them, and " + a.c.FullCouncil + " decides only what the " +
		"Constitution reserves to it, such as the budget."
	if a.p.ResourcesOutsideBudget {
		a.add(ruleResourcesOutsideBudget, "resources_outside_budget", "The partnership needs new resources outside the "+
			"council's approved budgets. Under §4(c) no representative may commit them: "+approval)
	}
	for i, c := range a.p.Contributions {
		if c.Partner != CouncilID || c.WithinBudget {
			continue
		}
		year := ""
		if c.FinancialYear != "" {
			year = " for " + string(c.FinancialYear)
		}
		kind := ""
		if w := c.Type.Text(); w != "" {
			kind = ", " + w
		}
		a.add(ruleUnbudgetedContribution, jsonPath(indexPath("contributions", i), "within_budget"), "The council's "+
			"contribution"+year+" ("+FormatMoney(c.AmountPence)+kind+") is outside approved budgets. "+
			"Under §4(c) no representative may commit it: "+approval)
	}
}

// §4(d): the council must be able to contribute fully and effectively.
func (a *assessor) checkCouncilContribution() {
	for _, c := range a.p.Contributions {
		if c.Partner == CouncilID {
			return
		}
	}
	a.add(ruleNoCouncilContribution, "contributions", "No contribution by the council is recorded. §4(d) asks the "+
		"council to consider before entering whether it can contribute fully and effectively (staff, money and assets) "+
		"and whether the benefits justify the costs; record what the council puts in, even if it is only staff time.")
}

// §4(e): an Information Sharing Protocol, normally, and what the law needs in it.
func (a *assessor) checkInformationSharing() {
	is := a.p.InformationSharing
	switch {
	case is == nil:
		a.add(ruleISPMissing, "information_sharing", "No Information Sharing Protocol is recorded and none is waived. "+
			"§4(e) expects the council normally to secure an ISP, consistent with the "+a.c.SharingFramework+"; record "+
			"it, or, if no personal data is shared, waive it with the reason.")
		return
	case !is.Required:
		a.checkWaiver(is)
		return
	}
	a.checkISPContents(is)
	switch is.ControllerRelationship {
	case ControllerRelationshipJointControllers:
		a.add(ruleJointControllers, "information_sharing.controller_relationship", "The partners are joint controllers. "+
			"UK GDPR Article 26 requires an arrangement between them setting out each one's responsibilities (privacy "+
			"information, individuals' rights, a contact point), with its essence made available to the people whose data "+
			"is shared. Nothing in the record shows it yet: make sure the ISP contains the Article 26 arrangement and that every partner signs it.")
	case ControllerRelationshipControllerProcessor:
		a.add(ruleControllerProcessor, "information_sharing.controller_relationship", "One party processes personal data "+
			"on another's behalf. An ISP is not enough: UK GDPR Article 28 requires a written contract between the "+
			"controller and the processor, which "+a.c.LegalServices+" should draw up.")
	}
	a.checkSpecialCategory(is)
	a.checkLawfulBases()
	a.checkHealthData(is)
	if is.BreachNotificationHours > 72 {
		a.add(ruleBreachNotificationTooSlow, "information_sharing.breach_notification_hours", "Partners have "+
			strconv.Itoa(is.BreachNotificationHours)+" hours to tell each other of a personal data breach, longer than the "+
			"72 hours within which a controller must report a notifiable breach to the Information Commissioner (or its successor, the Information Commission). Shorten it (24 hours is usual).")
	}
	for i, pt := range a.p.Partners {
		if pt.DataProtectionContact == nil {
			a.add(ruleNoDataProtectionContact, jsonPath(indexPath("partners", i), "data_protection_contact"),
				nameOr(pt.Name, "A partner")+" has no data protection contact. The ISP must name each partner's data "+
					"protection officer or contact, for requests, complaints and breaches.")
		}
	}
}

func (a *assessor) checkWaiver(is *InformationSharing) {
	if strings.TrimSpace(is.WaiverReason) == "" {
		a.add(ruleISPMissing, "information_sharing.waiver_reason", "The Information Sharing Protocol is marked as not "+
			"needed, but no reason is given. §4(e) expects an ISP normally; record why it is waived (for example, that no "+
			"personal data is shared).")
	}
	if len(is.DataItems) > 0 {
		a.add(ruleISPWaivedButDataShared, "information_sharing.required", "The Information Sharing Protocol is waived, "+
			"but items of personal data to be shared are listed. §4(e) and data protection law need an ISP whenever "+
			"personal data is shared: mark it as required, or remove the items.")
	}
}

// checkISPContents lists what the ICO's data sharing code expects an ISP to
// settle that the record leaves out.
func (a *assessor) checkISPContents(is *InformationSharing) {
	var missing [6]string
	var fields [6]string
	n := 0
	need := func(absent bool, words, field string) {
		if absent {
			missing[n], fields[n] = words, field
			n++
		}
	}
	need(len(is.Purposes) == 0, "the purposes", "purposes")
	need(len(is.DataItems) == 0, "the data items shared", "data_items")
	need(is.ControllerRelationship == "", "how the partners stand as controllers", "controller_relationship")
	need(is.LawfulBasis == "", "the lawful basis", "lawful_basis")
	need(strings.TrimSpace(is.Retention) == "", "how long data is kept", "retention")
	need(is.BreachNotificationHours == 0, "how quickly partners report a breach to each other", "breach_notification_hours")
	if n == 0 {
		return
	}
	field := "information_sharing"
	if n == 1 {
		field = jsonPath(field, fields[0])
	}
	a.add(ruleISPIncomplete, field, "The Information Sharing Protocol does not yet record "+joinAnd(missing[:n])+
		". The ICO's data sharing code expects each of these; settle them before the ISP is signed.")
}

func (a *assessor) checkSpecialCategory(is *InformationSharing) {
	if strings.TrimSpace(is.SpecialCategoryCondition) != "" {
		return
	}
	for i, d := range is.DataItems {
		if d.Category == DataCategorySpecialCategory || d.Category == DataCategoryCriminalOffence {
			a.add(ruleSpecialCategory, "information_sharing.special_category_condition", "Special category or criminal "+
				"offence data is shared ("+indexPath("information_sharing.data_items", i)+"), but no condition for it is "+
				"recorded. UK GDPR Article 9 (with the Data Protection Act 2018, Schedule 1) and Article 10 need a condition "+
				"as well as the Article 6 lawful basis.")
			return
		}
	}
}

// §4(f): lifespan, succession and exit.
func (a *assessor) checkSuccession() {
	e := a.p.Exit
	switch {
	case e == nil:
		a.add(ruleNoExitStrategy, "exit", "No exit strategy is recorded. §4(f) requires an exit strategy for when the "+
			"council wishes to withdraw for corporate or strategic reasons: say how a partner leaves, the notice, and what "+
			"happens to money, assets and shared data.")
	case strings.TrimSpace(e.Strategy) == "":
		a.add(ruleNoExitStrategy, "exit.strategy", "No exit strategy is recorded. §4(f) requires an exit strategy for "+
			"when the council wishes to withdraw for corporate or strategic reasons: say how a partner leaves, the notice, "+
			"and what happens to money, assets and shared data.")
	}
	if e == nil || strings.TrimSpace(e.Succession) == "" {
		a.add(ruleNoSuccessionStrategy, "exit.succession", "No succession strategy is recorded. §4(f) asks for one in "+
			"advance, for when the partnership's purpose is complete, other arrangements are needed, or the work must be sustained.")
	}
	var end Date
	if a.p.Dates != nil {
		end = a.p.Dates.End
	}
	if end == "" {
		a.add(ruleNoEndOrLifespan, "dates.end", "No end date is recorded. §4(f) asks the partners to consider the "+
			"partnership's lifespan; if it is open-ended, the yearly review and the exit strategy must keep it relevant.")
		return
	}
	if t, err := end.Parse(); err == nil && t.Before(a.today) && a.live() {
		a.add(ruleEndDatePassed, "dates.end", "The end date ("+FormatDate(t)+") has passed, but the partnership is still "+
			a.p.Status.Text()+". Under §4(f) close it, extend it by agreement, or put the "+
			"succession strategy into effect.")
	}
}

// live reports whether the partnership is approved and running.
func (a *assessor) live() bool {
	switch a.p.Status {
	case StatusApproved, StatusActive, StatusUnderReview:
		return true
	}
	return false
}

// §4(g): the Partnership Communications Agreement.
func (a *assessor) checkCommunications() {
	c := a.p.Communications
	if c == nil {
		a.add(ruleNoCommunicationsAgreement, "communications", "No Partnership Communications Agreement is recorded. "+
			"§4(g) requires every partnership to have one, made with the communications leads of all partners and covering "+
			"branding, marketing and media; the council's "+a.c.CommunicationsTeam+" can advise.")
	} else {
		if logoUnjustified(c) {
			a.add(rulePartnershipLogoUnjustified, "communications.logo_justification", "A partnership logo is proposed "+
				"without a justification. §4(g) says partnership logos and branding should be avoided and created only in "+
				"exceptional cases, because they hide who the partners are: record why this case is exceptional, or use "+
				"the partners' own logos with the council visibly recognised.")
		}
		if c.LeadPartner == "" {
			a.add(ruleNoCommunicationsLead, "communications.lead_partner", "No communications contact is agreed for "+
				"press releases and media enquiries. §4(g) requires press contact to go through one agreed communications "+
				"contact at one of the partners, unless the communications leads of all partners agree otherwise.")
		}
	}
	for i, pt := range a.p.Partners {
		if pt.CommsContact == nil {
			a.add(ruleNoCommsContact, jsonPath(indexPath("partners", i), "comms_contact"), nameOr(pt.Name, "A partner")+
				" has no communications lead recorded. §4(g) requires the Communications Agreement to be made with the "+
				"lead communications contacts of all partners.")
		}
	}
}

// logoUnjustified reports whether a partnership logo is proposed without a
// justification, which §4(g) allows only in exceptional cases.
func logoUnjustified(c *Communications) bool {
	return c.Branding == BrandingPartnershipLogo && !written(c.LogoJustification)
}

// §5(b): targets, the yearly review and self-assessment.
func (a *assessor) checkReporting() {
	if len(a.p.Targets) == 0 {
		a.add(ruleNoTargets, "targets", "No targets or outcomes are recorded. Under §5(b) the council's representatives "+
			"report achievement against targets and outcomes, and officer representatives report to the "+a.c.DecisionBody+
			" every year: record at least one target.")
	}
	var next Date
	if a.p.Dates != nil {
		next = a.p.Dates.NextReview
	}
	if next == "" {
		a.add(ruleNoReviewDate, "dates.next_review", "No review date is set. §4(f) and §5(b) ask for the partnership's "+
			"purpose, membership and effectiveness to be reviewed regularly: set the next review date.")
	} else if t, err := next.Parse(); err == nil && t.Before(a.today) {
		a.add(ruleReviewOverdue, "dates.next_review", "The review due on "+FormatDate(t)+" is overdue (as at "+
			FormatDate(a.today)+"). §5(b) asks for an annual review or self-assessment of the partnership's effectiveness: "+
			"carry it out and set the next review date.")
	}
	if a.p.Status == StatusActive && !a.reviewedThisYear() {
		a.add(ruleNoSelfAssessmentThisYear, "reviews", "No review or self-assessment is recorded for "+
			string(financialYearOf(a.today))+". Under §5(b) the council asks each partnership to carry out an annual review "+
			"or self-assessment of its effectiveness.")
	}
}

// reviewedThisYear reports whether a review is recorded for the financial
// year containing the assessment date, or was completed within it (the
// review of last year is usually done early in this one). A partnership
// that started this year owes none yet.
func (a *assessor) reviewedThisYear() bool {
	fy := financialYearOf(a.today)
	first, last, _ := fy.Bounds()
	if a.p.Dates != nil {
		if start, err := a.p.Dates.Start.Parse(); err == nil && !start.Before(first) {
			return true
		}
	}
	for _, r := range a.p.Reviews {
		if r.FinancialYear == fy {
			return true
		}
		if t, err := r.CompletedOn.Parse(); err == nil && !t.Before(first) && !t.After(last) {
			return true
		}
	}
	return false
}

// financialYearOf returns the financial year (1 April to 31 March) that
// contains t, written "2026/27".
func financialYearOf(t time.Time) FinancialYear {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	end := (y + 1) % 100
	return FinancialYear(strconv.Itoa(y) + "/" + strconv.Itoa(end/10) + strconv.Itoa(end%10))
}

func nameOr(name, otherwise string) string {
	if strings.TrimSpace(name) == "" {
		return otherwise
	}
	return name
}

func quoted(s string) string {
	if s == "" {
		return "(no id)"
	}
	return "“" + s + "”"
}

// joinAnd joins words as English does: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
