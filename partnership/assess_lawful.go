package partnership

import (
	"regexp"
	"strings"
)

// The lawful basis of each party, as UK GDPR Article 6 stands after the
// Data (Use and Access) Act 2025 (in force 5 February 2026): public task
// (Article 6(1)(e)) is a basis only for a party with a public task of its
// own; a public authority may not rely on legitimate interests (f) or
// recognised legitimate interests (ea) for its tasks; recognised legitimate
// interests need one of the Annex 1 conditions.

// checkLawfulBases checks the council's basis and each partner's.
func (a *assessor) checkLawfulBases() {
	basis, _ := a.p.CouncilBasis()
	if basis.interests() {
		a.add(ruleInterestsForPublicTasks, "information_sharing.lawful_basis", "The council's basis is "+basis.Text()+
			" ("+basis.Article()+"), which a public authority may not rely on for processing in the performance of its "+
			"tasks. Record the council's own basis, usually public task (Article 6(1)(e)) or legal obligation "+
			"(Article 6(1)(c)), and give each partner whose basis differs its own (partners[].lawful_basis).")
	}
	if a.p.InformationSharing.ControllerRelationship == ControllerRelationshipControllerProcessor {
		return // a processor acts on its controller's basis, not one of its own
	}
	for i, pt := range a.p.Partners {
		a.checkPartnerBasis(i, pt)
	}
}

// checkPartnerBasis checks one partner's basis. Public task for a company
// or a voluntary body is found only where the partner has no basis of its
// own and takes the council's: a company delivering NHS-commissioned
// services, say, may have a public task vested in it by law, and a basis
// recorded for that partner is the officer's considered answer, which
// Legal confirms in review.
func (a *assessor) checkPartnerBasis(i int, pt Partner) {
	basis, interest := a.p.PartnerBasis(pt)
	at := indexPath("partners", i)
	name := nameOr(pt.Name, "A partner")
	switch {
	case basis == LawfulBasisPublicTask && pt.LawfulBasis == "" && (pt.Type == PartnerTypeVoluntarySector || pt.Type == PartnerTypeCompany):
		a.add(rulePublicTaskNotPublicBody, jsonPath(at, "lawful_basis"), name+" is "+pt.Type.WithArticle()+
			", not a public body, yet has no basis of its own and so would rely on the council's, public task (Article 6(1)(e)), which is a basis only for a task "+
			"carried out in the public interest or in the exercise of official authority vested in it by law. Give it "+
			"its own basis: for a disclosure to the council, usually recognised legitimate interests (Article 6(1)(ea)) "+
			"with its Annex 1 condition, or legitimate interests (Article 6(1)(f)).")
	case basis == LawfulBasisPublicTask && pt.LawfulBasis == "" && pt.Type == PartnerTypeOther:
		a.add(rulePublicTaskBodyUnknown, jsonPath(at, "lawful_basis"), name+" is recorded as an organisation of "+
			"another type, so the rules cannot tell whether it is a public body, and it has no basis of its own: it would "+
			"rely on the council's, public task (Article 6(1)(e)), which is a basis only for a task carried out in the "+
			"public interest or in the exercise of official authority vested in it by law. Record its own basis (or its "+
			"type, if it is one of the kinds listed).")
	case basis.interests() && pt.Type.PublicBody():
		a.add(ruleInterestsForPublicTasks, jsonPath(at, "lawful_basis"), name+" is "+pt.Type.WithArticle()+
			", a public authority, which may not rely on "+basis.Text()+" ("+basis.Article()+") for processing in the "+
			"performance of its tasks. Record its own basis, usually public task (Article 6(1)(e)) or legal obligation "+
			"(Article 6(1)(c)).")
	case basis == LawfulBasisRecognisedLegitimateInterests && interest == "":
		a.add(ruleRecognisedInterestMissing, jsonPath(at, "recognised_interest"), name+" relies on recognised "+
			"legitimate interests (Article 6(1)(ea)), which apply only with one of the conditions in Annex 1 to the UK "+
			"GDPR. Record which (partners[].recognised_interest: a public body's request, national security, "+
			"emergencies, crime or safeguarding).")
	}
}

// interests reports whether the basis is one a public authority may not
// rely on for its tasks.
func (v LawfulBasis) interests() bool {
	return v == LawfulBasisLegitimateInterests || v == LawfulBasisRecognisedLegitimateInterests
}

// article92h finds UK GDPR Article 9(2)(h), health or social care, in a
// condition as officers write it: "Article 9(2)(h)", "9(2) (h)", "Art 9.2.h".
var article92h = regexp.MustCompile(`(?i)9\s*[(.]?\s*2\s*[).]?\s*[(.]?\s*h\b`)

// HealthData reports whether the sharing relies on UK GDPR Article 9(2)(h)
// (health or social care): then the Article 9(3) professional-secrecy
// safeguard applies, and confidential patient information used beyond
// individual care needs the national data opt-out and a Caldicott Guardian.
func (is *InformationSharing) HealthData() bool {
	return is != nil && article92h.MatchString(is.SpecialCategoryCondition)
}

func (a *assessor) checkHealthData(is *InformationSharing) {
	if !is.HealthData() {
		return
	}
	a.add(ruleHealthDataSafeguards, "information_sharing.special_category_condition", "Health or social care data is "+
		"shared under UK GDPR Article 9(2)(h). Article 9(3) requires it to be processed by or under the responsibility "+
		"of a professional subject to an obligation of secrecy; the Information Sharing Protocol says so. Where "+
		"confidential patient information is used for purposes beyond an individual's care, the national data opt-out "+
		"must be applied and each health and care partner's Caldicott Guardian consulted: record in the ISP's purposes "+
		"whether it is.")
}

// checkS75Parties: only NHS bodies and local authorities may be parties to
// arrangements under section 75 of the National Health Service Act 2006
// (the NHS Bodies and Local Authorities Partnership Arrangements
// Regulations 2000).
func (a *assessor) checkS75Parties() {
	if a.p.LegalInstrument != LegalInstrumentS75Agreement {
		return
	}
	var names []string
	field := "partners"
	for i, pt := range a.p.Partners {
		if pt.Type != PartnerTypeNhsBody && pt.Type != PartnerTypeLocalAuthority {
			names = append(names, nameOr(strings.TrimSpace(pt.Name), "a partner")+" ("+pt.Type.Text()+")")
			field = jsonPath(indexPath("partners", i), "type")
		}
	}
	if len(names) == 0 {
		return
	}
	if len(names) > 1 {
		field = "partners"
	}
	a.add(ruleS75PartyNotEligible, field, "Only NHS bodies and local authorities may be parties to arrangements "+
		"under section 75 of the National Health Service Act 2006 (the NHS Bodies and Local Authorities Partnership "+
		"Arrangements Regulations 2000), but the record lists "+joinAnd(names)+". Take them out of the section 75 "+
		"agreement and make any arrangement with them separately, on "+a.c.LegalServices+"' advice.")
}
