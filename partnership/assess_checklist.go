package partnership

import "time"

// checklist answers every item of Annex 2 from the record and the steps
// already taken (classification, significance, route), with the same
// helpers the findings use, so a checklist answer and a finding never
// disagree about the same fact. It runs after route().
func (a *assessor) checklist() Checklist {
	p := a.p
	return Checklist{
		Partnership:       a.checkClassification(),
		Alternatives:      ChecklistItem{AnswerNotRecorded},
		StrategicFit:      strategicFit(p),
		Significance:      a.checkSignificance(),
		LegalStatus:       InstrumentItem{yesIf(p.LegalInstrument != ""), p.LegalInstrument, p.LegalInstrument.IsBinding()},
		LegalPower:        LegalPowerItem{yesIf(written(p.LegalPower)), p.LegalPower, p.LegalInstrument.IsBinding()},
		LegalConsulted:    InstrumentItem{AnswerNotRecorded, p.LegalInstrument, p.LegalInstrument.IsBinding()},
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
		ExitStrategy:      ExitItem{yesIf(hasExitStrategy(p)), exitOf(p).Strategy, exitOf(p).WithdrawalNoticeMonths},
		Communications:    a.communications(),
		Targets:           CountItem{yesIf(len(p.Targets) > 0), len(p.Targets)},
		Reporting:         textItem(reportingOf(p)),
		SelfAssessment:    selfAssessment(p),
		StatutoryDuties:   duties(p),
		ApprovalRoute:     ChecklistItem{a.routeAnswer()},
		Decision:          decision(p.Status),
	}
}

func yesIf(ok bool) Answer {
	if ok {
		return AnswerYes
	}
	return AnswerNo
}

func textItem(s string) TextItem { return TextItem{yesIf(written(s)), s} }

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
		Answer:     yesIf(has && len(p.Objectives) > 0),
		HasPurpose: has, Objectives: len(p.Objectives), ServiceArea: p.ServiceArea,
	}
}

// checkSignificance: not applicable to an excluded arrangement; otherwise
// the outcome after any override.
func (a *assessor) checkSignificance() SignificanceItem {
	item := SignificanceItem{Answer: yesIf(a.out.Significant)}
	if a.excluded() {
		item.Answer = AnswerNotApplicable
	}
	if s := a.p.Significance; s != nil {
		item.Recorded, item.Override, item.Justification = true, s.Override, s.Justification
	}
	return item
}

func sponsor(p *Partnership) SponsorItem {
	if !hasSponsoringOfficer(p) {
		return SponsorItem{Answer: AnswerNo}
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
	item := PeopleItem{Answer: yesIf(len(all) > 0), People: all}
	if !substitutes && len(all) > 0 {
		item.NeedsCouncillor = a.needsCouncillor()
	}
	return item
}

// consents: not applicable when nobody also represents another
// organisation; yes only when every consent the protocol needs is the one
// recorded (the same test as Assessment.ConsentsNeeded's Given).
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
		case !c.Given:
			item.Answer = AnswerNo
		case item.Answer == AnswerNotApplicable:
			item.Answer = AnswerYes
		}
	}
	return item
}

func risks(p *Partnership) RisksItem {
	item := RisksItem{Answer: yesIf(len(p.Risks) > 0), Count: len(p.Risks)}
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
	item := ResourcesItem{Answer: yesIf(len(p.Contributions) > 0)}
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

// isp: not applicable when waived with a reason; no when neither recorded
// nor waived with a reason, or when the partners are controller and
// processor (an Article 28 contract is needed instead); yes otherwise.
func isp(is *InformationSharing) ISPItem {
	if is == nil {
		return ISPItem{Answer: AnswerNo}
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
		item.Answer = AnswerNo
	case !is.Required:
		item.Answer = AnswerNotApplicable
	case is.ControllerRelationship == ControllerRelationshipControllerProcessor:
		item.Answer = AnswerNo
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
	item := LifespanItem{Answer: yesIf(!d.NextReview.IsZero()), Start: d.Start, End: d.End, NextReview: d.NextReview}
	if t, err := d.NextReview.Parse(); err == nil && t.Before(today) {
		item.ReviewPassed = true
	}
	return item
}

// communications: no when there is no agreement or a partnership logo has
// no justification (the finding partnership_logo_unjustified).
func (a *assessor) communications() CommunicationsItem {
	c := a.p.Communications
	if c == nil {
		return CommunicationsItem{Answer: AnswerNo}
	}
	return CommunicationsItem{
		Answer: yesIf(!logoUnjustified(c)), Recorded: true, LeadName: a.partyName(c.LeadPartner),
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
// partnership has not started (or never will); no otherwise.
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
	return SelfAssessmentItem{Answer: AnswerNo}
}

func duties(p *Partnership) DutiesItem {
	item := DutiesItem{Answer: AnswerNotRecorded}
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
