package partnership

// route works out who approves entry (§5(b)) and what else the council's
// rules need first: a report to full Council, budget approval and consents
// for representatives who would also represent another organisation (§4(c)).
func (a *assessor) route() {
	switch {
	case !a.isPartnership():
		a.out.ApprovalRoute = RouteNone
	case a.out.Significant:
		a.out.ApprovalRoute = RouteCMT
		a.out.Approver = "the " + a.c.DecisionBody
	default:
		a.out.ApprovalRoute = RouteDelegated
		a.out.Approver = "the " + a.c.AssistantChiefExecutive + " or " + withArticle(a.c.Director)
	}
	a.out.ReportToCouncil = a.p.NeedsAuthorityBeyondConstitution
	a.out.BudgetApprovalNeeded = a.p.ResourcesOutsideBudget || a.unbudgetedCouncilContribution() >= 0
	for i, r := range a.p.Representatives {
		if !r.RepresentsOtherOrg {
			continue
		}
		need := consentFor(r.Kind)
		a.out.ConsentsNeeded = append(a.out.ConsentsNeeded, ConsentNeeded{
			Representative: r.Name,
			Field:          indexPath("representatives", i),
			Consent:        need,
			Given:          r.Consent == need,
		})
	}
}

// consentFor is whose agreement §4(c) requires before a representative also
// represents another organisation: the Chief Executive's for an officer, the
// Leader's in consultation with the Chief Executive for a councillor. An
// unknown kind is treated as an officer, whose consent the Chief Executive
// gives in every case.
func consentFor(kind RepresentativeKind) Consent {
	if kind == RepresentativeKindCouncillor {
		return ConsentLeaderWithChiefExecutive
	}
	return ConsentChiefExecutive
}

// unbudgetedCouncilContribution returns the index of the first contribution
// by the council outside its approved budgets, or -1.
func (a *assessor) unbudgetedCouncilContribution() int {
	for i, c := range a.p.Contributions {
		if c.Partner == CouncilID && !c.WithinBudget {
			return i
		}
	}
	return -1
}

// withArticle puts "a" or "an" before a role title: "a Director", "an
// Executive Director".
func withArticle(title string) string {
	if title != "" {
		switch title[0] {
		case 'A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u':
			return "an " + title
		}
	}
	return "a " + title
}
