package partnership

import "strings"

// classify decides what §3 makes of the arrangement; see the reading note
// in assess.go for the order in which the facts are weighed.
func (a *assessor) classify() {
	p := a.p
	var arr Arrangement
	if p.Arrangement != nil {
		arr = *p.Arrangement
	}
	shared := sharedFacts(arr)
	switch {
	case p.LegalInstrument == LegalInstrumentS75Agreement:
		a.exclude(ClassExcludedHybrid, "legal_instrument",
			"Under §3 of the Partnership Protocol this is not a partnership but a hybrid: a section 75 agreement "+
				"(National Health Service Act 2006) is a statutory and contractual arrangement with partnership elements"+
				shared+". It is recorded in the register with this reason; the section 75 agreement and its regulations govern it.")
	case p.LegalInstrument == LegalInstrumentContractForServices:
		a.exclude(ClassExcludedContract, "legal_instrument",
			"Under §3 of the Partnership Protocol this is not a partnership but a contract for services: the legal instrument "+
				"is a contract under which a provider delivers a service for the council"+shared+
				". It is recorded in the register with this reason; the council's contract procedure rules govern it.")
	case arr.CouncilProcuresService:
		a.exclude(ClassExcludedContract, "arrangement.council_procures_service",
			"Under §3 of the Partnership Protocol this is not a partnership but a contract for services: the council procures "+
				"the service and a third party provides it on the council's behalf"+shared+
				". It is recorded in the register with this reason; the council's contract procedure rules govern it.")
	case p.LegalInstrument == LegalInstrumentForum:
		a.exclude(ClassExcludedForum, "legal_instrument",
			"Under §3 of the Partnership Protocol this is not a partnership but a forum: a group that meets to discuss issues, "+
				"policy and strategy (such as a benchmarking group) does not share responsibility for delivering outcomes"+shared+
				". It is recorded in the register with this reason.")
	case arr.DiscussionOnly:
		a.exclude(ClassExcludedForum, "arrangement.discussion_only",
			"Under §3 of the Partnership Protocol this is not a partnership but a forum: the members come together only to "+
				"discuss issues, policy and strategy, and do not share responsibility for delivering outcomes"+shared+
				". It is recorded in the register with this reason.")
	case arr.SharedAgreementOfOutcomes && arr.SharedDelivery:
		a.out.Classification = ClassPartnership
		a.out.Reason = "Under §3 of the Partnership Protocol this is a partnership: the council and the other organisations " +
			"share the responsibility both for agreeing and for delivering the actions and outcomes."
	default:
		a.undetermined(p.Arrangement, arr)
	}
}

// sharedFacts returns the words that tell the reader an excluded arrangement
// also claims shared outcomes or delivery, which does not change §3's answer.
func sharedFacts(arr Arrangement) string {
	switch {
	case arr.SharedAgreementOfOutcomes && arr.SharedDelivery:
		return ", even though the record also says the outcomes are agreed and delivered jointly"
	case arr.SharedAgreementOfOutcomes:
		return ", even though the record also says the outcomes are agreed jointly"
	case arr.SharedDelivery:
		return ", even though the record also says delivery is shared"
	}
	return ""
}

func (a *assessor) exclude(class Classification, field, reason string) {
	a.out.Classification, a.out.Reason = class, reason
	a.add(ruleExcludedArrangement, field, "The protocol does not treat this arrangement as a partnership (it is "+
		class.Text()+"), so it needs no approval under the protocol and no partnership agreement or memorandum of "+
		"understanding. Keep it in the register of partnerships, which the "+a.c.HeadOfPolicy+" maintains (§4(d)), with this reason.")
}

// undetermined records that §3 cannot be answered yet and says what is missing.
func (a *assessor) undetermined(given *Arrangement, arr Arrangement) {
	a.out.Classification = ClassUndetermined
	const lead = "Under §3 of the Partnership Protocol it cannot yet be said whether this is a partnership: "
	const test = "a partnership needs the council and the other organisations to share the responsibility both for agreeing and for delivering the outcomes"
	var missing []string
	field := "arrangement"
	switch {
	case given == nil:
		a.out.Reason = lead + "the arrangement has not been described (whether the outcomes are agreed jointly, whether delivery is shared, " +
			"whether the council procures a service, whether the group only discusses)."
	default:
		if !arr.SharedAgreementOfOutcomes {
			missing = append(missing, "agreed jointly")
			field = "arrangement.shared_agreement_of_outcomes"
		}
		if !arr.SharedDelivery {
			missing = append(missing, "delivered jointly")
			field = "arrangement.shared_delivery"
		}
		if len(missing) == 2 {
			field = "arrangement"
		}
		a.out.Reason = lead + test + ", and the record does not say the outcomes are " + strings.Join(missing, " or ") + "."
	}
	a.add(ruleClassificationUndetermined, field, "Say whether the council and the other organisations share the "+
		"responsibility for agreeing and for delivering the outcomes, whether the council is procuring a service, and "+
		"whether the group only discusses. Until §3 is answered the proposal cannot go forward for approval.")
}
