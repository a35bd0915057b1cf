package partnership

import "strings"

// half is one half of a two-part criterion of §3(a), in words for a message.
type half struct {
	met     string // said when it is met
	missing string // said when it is not
	field   string // its JSON path
}

// The halves of criteria 1 and 3.
var (
	halfPolicy = half{
		"the partnership develops policy and manages resources",
		"that it develops policy and manages resources",
		"significance.policy_and_resources"}
	halfStatutory = half{
		"the partnership affects the ability of the council and other public bodies to deliver statutory services or duties",
		"that this affects the ability of the council and other public bodies to deliver statutory services or duties",
		"significance.statutory_impact"}
	halfOutcome = half{
		"the partnership helps the council meet a service, directorate or corporate outcome",
		"that it helps the council meet a service, directorate or corporate outcome",
		"significance.corporate_outcome"}
	halfReputation = half{
		"without the partnership the council would risk significant reputational damage",
		"that without it the council would risk significant reputational damage",
		"significance.reputational_risk"}
)

// significance applies §3(a): the criteria suggest, an override with a
// justification decides, and only a partnership can be significant.
func (a *assessor) significance() {
	var s Significance
	if a.p.Significance != nil {
		s = *a.p.Significance
	}
	if s.PolicyAndResources && s.StatutoryImpact {
		a.out.CriteriaMet = append(a.out.CriteriaMet, CriterionPolicyAndResources)
	}
	if s.StrategicPriorities {
		a.out.CriteriaMet = append(a.out.CriteriaMet, CriterionStrategicPriorities)
	}
	if s.CorporateOutcome && s.ReputationalRisk {
		a.out.CriteriaMet = append(a.out.CriteriaMet, CriterionCorporateOutcome)
	}
	a.borderline(CriterionPolicyAndResources, "1", s.PolicyAndResources, s.StatutoryImpact, halfPolicy, halfStatutory)
	a.borderline(CriterionCorporateOutcome, "3", s.CorporateOutcome, s.ReputationalRisk, halfOutcome, halfReputation)
	a.out.SuggestedSignificant = len(a.out.CriteriaMet) > 0

	decided, byOfficer := a.out.SuggestedSignificant, false
	switch {
	case s.Override == "":
	case strings.TrimSpace(s.Justification) == "":
		// Validate refuses this; should it get through, the criteria stand.
		a.add(ruleOverrideWithoutJustification, "significance.justification",
			"The significance override ("+string(s.Override)+") has no justification, so it has not been applied and the §3(a) "+
				"criteria stand. Record the evaluating officer's reason for the decision.")
	case s.Override == OverrideSignificant || s.Override == OverrideNotSignificant:
		decided, byOfficer = s.Override == OverrideSignificant, true
		a.out.Overridden = decided != a.out.SuggestedSignificant
		a.recordOverride(decided)
	}
	a.out.Significant = decided && a.isPartnership()

	if a.excluded() {
		return
	}
	if a.p.Significance == nil {
		a.add(ruleNoSignificanceAssessment, "significance",
			"The §3(a) criteria of significance have not been answered. Say whether the partnership develops policy and manages "+
				"resources affecting statutory services or duties, delivers high-level strategic priorities for the county, or "+
				"meets a service, directorate or corporate outcome without which the council would risk significant reputational damage.")
	}
	// A borderline criterion is worth a warning only when it decides the
	// outcome: no other criterion is met and the officer has not decided.
	if a.out.SuggestedSignificant || byOfficer {
		return
	}
	for i, b := range a.out.Borderline {
		a.add(ruleSignificanceBorderline, a.borderlineFields[i], b.Message+" Record the decision as an override with "+
			"its justification; a significant partnership is approved by the "+a.c.DecisionBody+".")
	}
}

// borderline records a two-part criterion with only one half met, and the
// JSON path of the half that is missing.
func (a *assessor) borderline(c Criterion, number string, first, second bool, h1, h2 half) {
	if first == second {
		return
	}
	met, missing := h1, h2
	if second {
		met, missing = h2, h1
	}
	a.out.Borderline = append(a.out.Borderline, Borderline{Criterion: c, Message: "Criterion " + number +
		" of §3(a) is only half met: " + met.met + ", but the record does not say " + missing.missing +
		". Both halves are needed; the evaluating officer decides whether the partnership is significant."})
	a.borderlineFields[len(a.out.Borderline)-1] = missing.field
}

func (a *assessor) recordOverride(decided bool) {
	word, suggested := "not significant", "not significant"
	if decided {
		word = "significant"
	}
	if a.out.SuggestedSignificant {
		suggested = "significant"
	}
	message := "The evaluating officer has decided the partnership is " + word + ", overriding the §3(a) criteria, which suggest it is " +
		suggested + "; the justification is recorded."
	if !a.out.Overridden {
		message = "The evaluating officer has confirmed that the partnership is " + word + ", as the §3(a) criteria suggest; the justification is recorded."
	}
	a.add(ruleSignificanceOverride, "significance.override", message)
}
