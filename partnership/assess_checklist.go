package partnership

import "time"

// checklist answers every item of Annex 2 from the record and the steps
// already taken (classification, significance, route), with the same
// helpers the findings use, so a checklist answer and a finding never
// disagree about the same fact. It runs after route(). Where the record is
// silent the answer is "not recorded", never "no": "no" is kept for what
// the record positively says (a consent that is not the one needed,
// resources outside budget, a processor instead of a controller). The
// partnership's own tools answer n/a for an arrangement §3 excludes.
func (a *assessor) checklist() Checklist {
	p := a.p
	ev := evaluationOf(p)
	c := Checklist{
		Partnership:       a.checkClassification(),
		Alternatives:      textItem(ev.AlternativesConsidered),
		StrategicFit:      strategicFit(p),
		Significance:      a.checkSignificance(),
		LegalStatus:       InstrumentItem{recordedIf(p.LegalInstrument != ""), p.LegalInstrument, p.LegalInstrument.IsBinding()},
		LegalPower:        legalPower(p),
		LegalConsulted:    LegalConsultedItem{recordedIf(!ev.LegalConsultedOn.IsZero()), p.LegalInstrument, p.LegalInstrument.IsBinding(), ev.LegalConsultedOn},
		SponsoringOfficer: sponsor(p),
		Representatives:   a.people(false),
		Substitutes:       a.people(true),
		Consents:          consents(p),
		RiskAssessment:    risks(p),
		Resources:         resources(p),
		WithinBudget:      a.budget(),
		ISP:               isp(p.InformationSharing),
		Lifespan:          lifespan(p, a.today),
		Succession:        textItem(exitOf(p).Succession),
		ExitStrategy:      ExitItem{recordedIf(hasExitStrategy(p)), exitOf(p).Strategy, exitOf(p).WithdrawalNoticeMonths},
		Communications:    a.communications(),
		Targets:           CountItem{recordedIf(len(p.Targets) > 0), len(p.Targets)},
		Reporting:         textItem(reportingOf(p)),
		SelfAssessment:    selfAssessment(p),
		StatutoryDuties:   duties(p, ev.EqualityAnalysis),
		ApprovalRoute:     ChecklistItem{a.routeAnswer()},
		Decision:          decision(p.Status),

		Insurance:             textItem(ev.Insurance),
		Procurement:           procurement(p),
		Constitution:          a.constitution(),
		Capacity:              textItem(ev.Capacity),
		PerformanceManagement: CountItem{recordedIf(len(p.Targets) > 0), len(p.Targets)},
		ServicePlanRisks:      servicePlanRisks(p),
	}
	if a.excluded() {
		c.Excluded = a.out.Classification
		c.notApplicableToExcluded()
	}
	return c
}

// notApplicableToExcluded answers n/a for every item that is one of the
// partnership's own tools (§4, §5(b)), which §3 does not apply to an
// excluded arrangement. The classification, the legal items, the
// council-wide rules on consents, budgets, the Constitution and
// procurement, and the council's equality duty still apply.
func (c *Checklist) notApplicableToExcluded() {
	for _, ans := range []*Answer{
		&c.Alternatives.Answer, &c.StrategicFit.Answer, &c.Significance.Answer, &c.SponsoringOfficer.Answer,
		&c.Representatives.Answer, &c.Substitutes.Answer, &c.RiskAssessment.Answer, &c.Resources.Answer,
		&c.ISP.Answer, &c.Lifespan.Answer, &c.Succession.Answer, &c.ExitStrategy.Answer,
		&c.Communications.Answer, &c.Targets.Answer, &c.Reporting.Answer, &c.SelfAssessment.Answer,
		&c.ApprovalRoute.Answer, &c.Decision.Answer, &c.Insurance.Answer, &c.Capacity.Answer,
		&c.PerformanceManagement.Answer, &c.ServicePlanRisks.Answer,
	} {
		*ans = AnswerNotApplicable
	}
	c.ISP.Article26Needed = false
}

// recordedIf: yes when the record shows the thing, not recorded when it is
// silent.
func recordedIf(ok bool) Answer {
	if ok {
		return AnswerYes
	}
	return AnswerNotRecorded
}

func evaluationOf(p *Partnership) Evaluation {
	if p.Evaluation == nil {
		return Evaluation{}
	}
	return *p.Evaluation
}

// legalPower: the power is text the officer wrote, which only Legal can
// confirm is the power the council has (§4(a)).
func legalPower(p *Partnership) LegalPowerItem {
	item := LegalPowerItem{Answer: AnswerNotRecorded, Power: p.LegalPower, Binding: p.LegalInstrument.IsBinding()}
	if written(p.LegalPower) {
		item.Answer = AnswerToConfirm
	}
	return item
}

func textItem(s string) TextItem { return TextItem{recordedIf(written(s)), s} }

func exitOf(p *Partnership) Exit {
	if p.Exit == nil {
		return Exit{}
	}
	return *p.Exit
}

func reportingOf(p *Partnership) string {
	if p.Governance == nil {
		return ""
	}
	return p.Governance.Reporting
}

// checkClassification: yes for a partnership, no for an excluded
// arrangement, not recorded while undetermined.
func (a *assessor) checkClassification() ClassificationItem {
	item := ClassificationItem{Answer: AnswerNotRecorded}
	switch {
	case a.isPartnership():
		item.Answer = AnswerYes
	case a.excluded():
		item.Answer = AnswerNo
	}
	if a.p.Arrangement != nil {
		arr := *a.p.Arrangement
		item.Arrangement = &arr
	}
	return item
}

func strategicFit(p *Partnership) StrategicFitItem {
	has := written(p.Purpose)
	return StrategicFitItem{
		Answer:     recordedIf(has && len(p.Objectives) > 0),
		HasPurpose: has, Objectives: len(p.Objectives), ServiceArea: p.ServiceArea,
	}
}

// checkSignificance: the outcome after any override; not recorded when
// significance was not assessed at all (n/a for an excluded arrangement
// is set with the other items).
func (a *assessor) checkSignificance() SignificanceItem {
	item := SignificanceItem{Answer: AnswerNotRecorded}
	if s := a.p.Significance; s != nil {
		item.Recorded, item.Override, item.Justification = true, s.Override, s.Justification
		item.Answer = AnswerNo
		if a.out.Significant {
			item.Answer = AnswerYes
		}
	}
	return item
}

func sponsor(p *Partnership) SponsorItem {
	if !hasSponsoringOfficer(p) {
		return SponsorItem{Answer: AnswerNotRecorded}
	}
	return SponsorItem{AnswerYes, p.SponsoringOfficer.Name, p.SponsoringOfficer.Post}
}

// people lists the council's members (or substitutes), councillors first.
// A representative whose role is not substitute is a member, and one whose
// kind is not councillor is counted with the officers, as the findings do.
func (a *assessor) people(substitutes bool) PeopleItem {
	var councillors, officers []Representative
	for _, r := range a.p.Representatives {
		if (r.Role == RepresentativeRoleSubstitute) != substitutes {
			continue
		}
		if r.Kind == RepresentativeKindCouncillor {
			councillors = append(councillors, r)
		} else {
			officers = append(officers, r)
		}
	}
	all := append(councillors, officers...)
	item := PeopleItem{Answer: recordedIf(len(all) > 0), People: all}
	if !substitutes && len(all) > 0 {
		item.NeedsCouncillor = a.needsCouncillor()
	}
	return item
}

// consents: not applicable when nobody also represents another
// organisation; yes only when every consent the protocol needs is the one
// recorded (the same test as Assessment.ConsentsNeeded's Given); no when a
// consent other than the one needed is recorded, and otherwise not
// recorded while a consent is missing.
func consents(p *Partnership) ConsentsItem {
	item := ConsentsItem{Answer: AnswerNotApplicable}
	for _, r := range p.Representatives {
		if !r.RepresentsOtherOrg {
			continue
		}
		need := consentFor(r.Kind)
		c := RepresentativeConsent{Representative: r.Name, Kind: r.Kind, Needed: need, Recorded: r.Consent, Given: r.Consent == need}
		item.Consents = append(item.Consents, c)
		switch {
		case !c.Given && c.Recorded != "":
			item.Answer = AnswerNo
		case !c.Given && item.Answer != AnswerNo:
			item.Answer = AnswerNotRecorded
		case item.Answer == AnswerNotApplicable:
			item.Answer = AnswerYes
		}
	}
	return item
}

func risks(p *Partnership) RisksItem {
	item := RisksItem{Answer: recordedIf(len(p.Risks) > 0), Count: len(p.Risks)}
	for i, r := range p.Risks {
		if r.Phase == RiskPhasePreEntry {
			item.PreEntry++
		}
		if s := r.Score(); i == 0 || s > item.HighestScore {
			item.HighestID, item.HighestScore = r.ID, s
		}
	}
	return item
}

func resources(p *Partnership) ResourcesItem {
	item := ResourcesItem{Answer: recordedIf(len(p.Contributions) > 0)}
	years := make(map[FinancialYear]bool, 4)
	for _, c := range p.Contributions {
		item.TotalPence += c.AmountPence
		if c.Partner == CouncilID {
			item.CouncilPence += c.AmountPence
		}
		years[c.FinancialYear] = true
	}
	item.Years = len(years)
	return item
}

// budget: no when the council commits resources outside approved budgets
// (the same test as Assessment.BudgetApprovalNeeded), not recorded when
// there are no contributions, yes otherwise.
func (a *assessor) budget() BudgetItem {
	p := a.p
	item := BudgetItem{ResourcesOutsideBudget: p.ResourcesOutsideBudget, HasContributions: len(p.Contributions) > 0}
	for _, c := range p.Contributions {
		switch {
		case c.WithinBudget:
		case c.Partner == CouncilID:
			item.CouncilOutside++
		default:
			item.OthersOutside++
		}
	}
	switch {
	case a.out.BudgetApprovalNeeded:
		item.Answer = AnswerNo
	case !item.HasContributions:
		item.Answer = AnswerNotRecorded
	default:
		item.Answer = AnswerYes
	}
	return item
}

// isp: not applicable when waived with a reason; not recorded when neither
// recorded nor waived with a reason; no when the partners are controller
// and processor (an Article 28 contract is needed instead); yes otherwise,
// with the Article 26 arrangement still to show for joint controllers.
func isp(is *InformationSharing) ISPItem {
	if is == nil {
		return ISPItem{Answer: AnswerNotRecorded}
	}
	item := ISPItem{
		Answer: AnswerYes, Recorded: true, Required: is.Required, WaiverReason: is.WaiverReason,
		ControllerRelationship: is.ControllerRelationship, LawfulBasis: is.LawfulBasis,
	}
	if is.DPIA != nil {
		d := *is.DPIA
		item.DPIA = &d
	}
	switch {
	case !ispOrWaiver(is):
		item.Answer = AnswerNotRecorded
	case !is.Required:
		item.Answer = AnswerNotApplicable
	case is.ControllerRelationship == ControllerRelationshipControllerProcessor:
		item.Answer = AnswerNo
	case is.ControllerRelationship == ControllerRelationshipJointControllers:
		item.Article26Needed = true
	}
	return item
}

// lifespan: yes when the next review is set. The review has passed when
// its date is before the assessment date, as finding review_overdue says.
func lifespan(p *Partnership, today time.Time) LifespanItem {
	var d Dates
	if p.Dates != nil {
		d = *p.Dates
	}
	item := LifespanItem{Answer: recordedIf(!d.NextReview.IsZero()), Start: d.Start, End: d.End, NextReview: d.NextReview}
	if t, err := d.NextReview.Parse(); err == nil && t.Before(today) {
		item.ReviewPassed = true
	}
	return item
}

// communications: not recorded when there is no agreement or a partnership
// logo has no justification (the finding partnership_logo_unjustified).
func (a *assessor) communications() CommunicationsItem {
	c := a.p.Communications
	if c == nil {
		return CommunicationsItem{Answer: AnswerNotRecorded}
	}
	return CommunicationsItem{
		Answer: recordedIf(!logoUnjustified(c)), Recorded: true, LeadName: a.partyName(c.LeadPartner),
		Branding: c.Branding, LogoJustification: c.LogoJustification,
	}
}

// partyName is the name of the party an id names: the council's for
// "council", else the first partner with the id; "" when none.
func (a *assessor) partyName(id string) string {
	if id == "" {
		return ""
	}
	if id == CouncilID {
		return a.c.Name
	}
	for _, pt := range a.p.Partners {
		if pt.ID == id {
			return pt.Name
		}
	}
	return ""
}

// selfAssessment: yes when one is recorded; not applicable while the
// partnership has not started (or never will); not recorded otherwise.
func selfAssessment(p *Partnership) SelfAssessmentItem {
	var last *Review
	for i := range p.Reviews {
		r := &p.Reviews[i]
		if r.Type == ReviewTypeSelfAssessment && (last == nil || r.FinancialYear >= last.FinancialYear) {
			last = r
		}
	}
	if last != nil {
		r := *last
		return SelfAssessmentItem{AnswerYes, &r}
	}
	switch p.Status {
	case "", StatusProposed, StatusEvaluating, StatusApproved, StatusRejected, StatusWithdrawn:
		return SelfAssessmentItem{Answer: AnswerNotApplicable}
	}
	return SelfAssessmentItem{Answer: AnswerNotRecorded}
}

func duties(p *Partnership, equality string) DutiesItem {
	item := DutiesItem{Answer: recordedIf(written(equality)), EqualityAnalysis: equality}
	for _, r := range p.Risks {
		switch r.Category {
		case RiskCategoryEquality, RiskCategorySafeguarding, RiskCategoryHealthAndSafety:
			item.RiskIDs = append(item.RiskIDs, r.ID)
		}
	}
	return item
}

// routeAnswer: yes when a route under the protocol is set, not applicable
// to an excluded arrangement, not recorded while undetermined.
func (a *assessor) routeAnswer() Answer {
	switch {
	case a.out.ApprovalRoute == RouteCMT || a.out.ApprovalRoute == RouteDelegated:
		return AnswerYes
	case a.excluded():
		return AnswerNotApplicable
	}
	return AnswerNotRecorded
}

// decision: yes once approved (and in every later stage), no when rejected
// or withdrawn, pending before.
func decision(s Status) DecisionItem {
	switch s {
	case StatusApproved, StatusActive, StatusUnderReview, StatusExiting, StatusClosed:
		return DecisionItem{AnswerYes, s}
	case StatusRejected, StatusWithdrawn:
		return DecisionItem{AnswerNo, s}
	}
	return DecisionItem{AnswerPending, s}
}

// procurement: n/a when every contribution recorded is in kind, staff or
// assets, so no money flows; not recorded otherwise (the record cannot say
// whether the Procurement Act 2023 was considered), including when there
// are no contributions to judge by.
func procurement(p *Partnership) ProcurementItem {
	item := ProcurementItem{
		Answer: AnswerNotRecorded,
		CouncilProcures: p.LegalInstrument == LegalInstrumentContractForServices ||
			(p.Arrangement != nil && p.Arrangement.CouncilProcuresService),
		Grant: p.LegalInstrument == LegalInstrumentGrantAgreement,
	}
	leads := councilLeads(p.CouncilRole)
	cash := false
	for _, c := range p.Contributions {
		if c.Type != ContributionTypeCash {
			continue
		}
		cash = true
		switch {
		case leads:
			item.PooledCash += c.AmountPence
		case c.Partner == CouncilID:
			item.CashToPartners += c.AmountPence
		}
	}
	if !item.CouncilProcures && !item.Grant && !cash && len(p.Contributions) > 0 {
		item.Answer = AnswerNotApplicable
	}
	return item
}

// councilLeads reports whether the council is the lead or host body, which
// holds the funds and answers for the partnership's risks (§4(b)).
func councilLeads(r CouncilRole) bool { return r == CouncilRoleLead || r == CouncilRoleHost }

// constitution: no when the record says a representative needs authority
// beyond the Constitution or resources outside approved budgets (the same
// tests as ReportToCouncil and BudgetApprovalNeeded); not recorded when no
// contribution shows what the council commits; otherwise the officer's
// answer, which Legal and Democratic Services confirm.
func (a *assessor) constitution() ConstitutionItem {
	item := ConstitutionItem{Answer: AnswerToConfirm, BeyondConstitution: a.out.ReportToCouncil,
		ResourcesOutsideBudget: a.out.BudgetApprovalNeeded}
	switch {
	case item.BeyondConstitution || item.ResourcesOutsideBudget:
		item.Answer = AnswerNo
	case len(a.p.Contributions) == 0:
		item.Answer = AnswerNotRecorded
	}
	return item
}

// servicePlanRisks: n/a when another party leads; where the council leads,
// yes when risks for the partnership's life are in the register (an
// "associated document" of §4(b)); not recorded otherwise.
func servicePlanRisks(p *Partnership) ServicePlanItem {
	item := ServicePlanItem{Answer: AnswerNotRecorded, CouncilLead: councilLeads(p.CouncilRole), Role: p.CouncilRole}
	for _, r := range p.Risks {
		if r.Phase == RiskPhaseInLife {
			item.InLife++
		}
	}
	switch {
	case p.CouncilRole != "" && !item.CouncilLead:
		item.Answer = AnswerNotApplicable
	case item.CouncilLead && item.InLife > 0:
		item.Answer = AnswerYes
	}
	return item
}
