package partnership

// The words for every enumeration, in one place, for the documents, the CMT
// workbook and the forms alike. Text gives the plain words for a value as
// they read inside a sentence (lower case unless a proper noun or an
// abbreviation: "NHS body", "section 75 agreement (National Health Service
// Act 2006)"); a front end that needs a label capitalises the first letter.
// Some enumerations have a second form a document needs (a partner type
// with its article, a lawful basis's Article number): those are methods
// here too, so no front end keeps its own list. A value outside the
// contract has no words: Text returns "", and TestEveryEnumerationHasWords
// fails when a value is added without them.

// Text is the status in words: "under review".
func (v Status) Text() string {
	switch v {
	case StatusProposed:
		return "proposed"
	case StatusEvaluating:
		return "evaluating"
	case StatusApproved:
		return "approved"
	case StatusActive:
		return "active"
	case StatusUnderReview:
		return "under review"
	case StatusExiting:
		return "exiting"
	case StatusClosed:
		return "closed"
	case StatusRejected:
		return "rejected"
	case StatusWithdrawn:
		return "withdrawn"
	}
	return ""
}

// Text is the legal instrument in words: "partly binding memorandum of
// understanding".
func (v LegalInstrument) Text() string {
	switch v {
	case LegalInstrumentInformal:
		return "informal arrangement"
	case LegalInstrumentTermsOfReference:
		return "terms of reference"
	case LegalInstrumentMou:
		return "memorandum of understanding"
	case LegalInstrumentMouPartBinding:
		return "partly binding memorandum of understanding"
	case LegalInstrumentBindingAgreement:
		return "binding partnership agreement"
	case LegalInstrumentJointCommittee:
		return "joint committee"
	case LegalInstrumentIncorporatedEntity:
		return "incorporated body"
	case LegalInstrumentS75Agreement:
		return "section 75 agreement (National Health Service Act 2006)"
	case LegalInstrumentContractForServices:
		return "contract for services"
	case LegalInstrumentGrantAgreement:
		return "grant agreement"
	case LegalInstrumentForum:
		return "forum"
	}
	return ""
}

// Document names the document under which the partners work together, as
// another document (the communications agreement) refers to it: "the
// memorandum of understanding between the Partners". An informal
// arrangement, a forum, a contract for services or an instrument not yet
// chosen gets a general phrase.
func (v LegalInstrument) Document() string {
	switch v {
	case LegalInstrumentTermsOfReference:
		return "the Partnership's terms of reference"
	case LegalInstrumentMou, LegalInstrumentMouPartBinding:
		return "the memorandum of understanding between the Partners"
	case LegalInstrumentBindingAgreement:
		return "the partnership agreement between the Partners"
	case LegalInstrumentJointCommittee:
		return "the arrangements constituting the Partnership's joint committee"
	case LegalInstrumentIncorporatedEntity:
		return "the constitution of the Partnership's incorporated body"
	case LegalInstrumentS75Agreement:
		return "the section 75 agreement between the Partners"
	case LegalInstrumentGrantAgreement:
		return "the grant agreement between the Partners"
	}
	return "the arrangements under which the Partners work together"
}

// Text is the council's role in words: "funder and observer".
func (v CouncilRole) Text() string {
	switch v {
	case CouncilRoleLead:
		return "lead"
	case CouncilRoleMember:
		return "member"
	case CouncilRoleHost:
		return "host"
	case CouncilRoleFunderObserver:
		return "funder and observer"
	}
	return ""
}

// Text is the override in words: "not significant".
func (v Override) Text() string {
	switch v {
	case OverrideSignificant:
		return "significant"
	case OverrideNotSignificant:
		return "not significant"
	}
	return ""
}

// Text is the kind of partner in words: "NHS body".
func (v PartnerType) Text() string {
	w, _ := v.words()
	return w
}

// WithArticle is Text with its indefinite article, for the parties clause:
// "an NHS body".
func (v PartnerType) WithArticle() string {
	_, w := v.words()
	return w
}

func (v PartnerType) words() (bare, withArticle string) {
	switch v {
	case PartnerTypeLocalAuthority:
		return "local authority", "a local authority"
	case PartnerTypeNhsBody:
		return "NHS body", "an NHS body"
	case PartnerTypePolice:
		return "police body", "a police body"
	case PartnerTypeFire:
		return "fire and rescue authority", "a fire and rescue authority"
	case PartnerTypeEducation:
		return "education body", "an education body"
	case PartnerTypeVoluntarySector:
		return "voluntary or community sector organisation", "a voluntary or community sector organisation"
	case PartnerTypeCompany:
		return "company", "a company"
	case PartnerTypeParishCouncil:
		return "parish or town council", "a parish or town council"
	case PartnerTypeGovernmentAgency:
		return "government agency", "a government agency"
	case PartnerTypeOther:
		return "organisation", "an organisation"
	}
	return "", ""
}

// Text is the kind of representative: "councillor" or "officer".
func (v RepresentativeKind) Text() string {
	switch v {
	case RepresentativeKindCouncillor:
		return "councillor"
	case RepresentativeKindOfficer:
		return "officer"
	}
	return ""
}

// Text is the representative's role: "member" or "substitute".
func (v RepresentativeRole) Text() string {
	switch v {
	case RepresentativeRoleMember:
		return "member"
	case RepresentativeRoleSubstitute:
		return "substitute"
	}
	return ""
}

// Text names who gives the consent, by the protocol's role titles (a
// document that knows the council profile may use its titles instead).
func (v Consent) Text() string {
	switch v {
	case ConsentChiefExecutive:
		return "the Chief Executive"
	case ConsentLeaderWithChiefExecutive:
		return "the Leader of the Council in consultation with the Chief Executive"
	}
	return ""
}

// Text is the voting rule in words: "simple majority".
func (v VotingRule) Text() string {
	switch v {
	case VotingRuleConsensus:
		return "consensus"
	case VotingRuleSimpleMajority:
		return "simple majority"
	case VotingRuleUnanimity:
		return "unanimity"
	}
	return ""
}

// Text is the kind of contribution: "in kind".
func (v ContributionType) Text() string {
	switch v {
	case ContributionTypeCash:
		return "cash"
	case ContributionTypeInKind:
		return "in kind"
	case ContributionTypeStaff:
		return "staff"
	case ContributionTypeAsset:
		return "asset"
	}
	return ""
}

// Text is the risk category in words: "information governance".
func (v RiskCategory) Text() string {
	switch v {
	case RiskCategoryStrategic:
		return "strategic"
	case RiskCategoryFinancial:
		return "financial"
	case RiskCategoryLegal:
		return "legal"
	case RiskCategoryReputational:
		return "reputational"
	case RiskCategoryOperational:
		return "operational"
	case RiskCategoryInformationGovernance:
		return "information governance"
	case RiskCategorySafeguarding:
		return "safeguarding"
	case RiskCategoryEquality:
		return "equality"
	case RiskCategoryHealthAndSafety:
		return "health and safety"
	}
	return ""
}

// Text is when the risk arises: "before entry" or "in life".
func (v RiskPhase) Text() string {
	switch v {
	case RiskPhasePreEntry:
		return "before entry"
	case RiskPhaseInLife:
		return "in life"
	}
	return ""
}

// Text is the polarity in words: "higher is better".
func (v Polarity) Text() string {
	switch v {
	case PolarityHigherIsBetter:
		return "higher is better"
	case PolarityLowerIsBetter:
		return "lower is better"
	}
	return ""
}

// Text is the rating as a word, never a colour alone: "amber", "no data".
func (v RAG) Text() string {
	switch v {
	case RAGGreen:
		return "green"
	case RAGAmber:
		return "amber"
	case RAGRed:
		return "red"
	case RAGNoData:
		return "no data"
	}
	return ""
}

// Text is how the partners stand under data protection law: "controller
// and processor".
func (v ControllerRelationship) Text() string {
	switch v {
	case ControllerRelationshipSeparateControllers:
		return "separate controllers"
	case ControllerRelationshipJointControllers:
		return "joint controllers"
	case ControllerRelationshipControllerProcessor:
		return "controller and processor"
	}
	return ""
}

// Text is the category of data with the UK GDPR Article that governs it:
// "special category data (Article 9)".
func (v DataCategory) Text() string {
	switch v {
	case DataCategoryPersonal:
		return "personal data"
	case DataCategorySpecialCategory:
		return "special category data (Article 9)"
	case DataCategoryCriminalOffence:
		return "criminal offence data (Article 10)"
	}
	return ""
}

// Text is the lawful basis's short name: "public task".
func (v LawfulBasis) Text() string {
	name, _, _ := v.words()
	return name
}

// Article is the paragraph of the UK GDPR that gives the basis:
// "Article 6(1)(e)".
func (v LawfulBasis) Article() string {
	_, article, _ := v.words()
	return article
}

// Meaning is what the processing must be, in the Regulation's own terms.
func (v LawfulBasis) Meaning() string {
	_, _, meaning := v.words()
	return meaning
}

func (v LawfulBasis) words() (name, article, meaning string) {
	switch v {
	case LawfulBasisConsent:
		return "consent", "Article 6(1)(a)",
			"the data subject has given consent to the processing of their personal data for one or more specific purposes"
	case LawfulBasisContract:
		return "contract", "Article 6(1)(b)",
			"the processing is necessary for the performance of a contract to which the data subject is party, or in order to take steps at the request of the data subject before entering into a contract"
	case LawfulBasisLegalObligation:
		return "legal obligation", "Article 6(1)(c)",
			"the processing is necessary for compliance with a legal obligation to which the controller is subject"
	case LawfulBasisVitalInterests:
		return "vital interests", "Article 6(1)(d)",
			"the processing is necessary in order to protect the vital interests of the data subject or of another individual"
	case LawfulBasisPublicTask:
		return "public task", "Article 6(1)(e)",
			"the processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller"
	case LawfulBasisLegitimateInterests:
		return "legitimate interests", "Article 6(1)(f)",
			"the processing is necessary for the purposes of the legitimate interests pursued by the controller or by a third party, except where those interests are overridden by the interests or fundamental rights and freedoms of the data subject"
	case LawfulBasisRecognisedLegitimateInterests:
		return "recognised legitimate interests", "Article 6(1)(ea)",
			"the processing is necessary for the purposes of a recognised legitimate interest, that is, a condition described in Annex 1 to the UK GDPR"
	}
	return "", "", ""
}

// PublicBody reports whether a party of this type is a public body that
// has public tasks of its own: the types that may rely on Article 6(1)(e)
// and may not rely on Article 6(1)(ea) or (f) for those tasks. "other" is
// not known either way.
func (v PartnerType) PublicBody() bool {
	switch v {
	case PartnerTypeLocalAuthority, PartnerTypeNhsBody, PartnerTypePolice, PartnerTypeFire,
		PartnerTypeEducation, PartnerTypeParishCouncil, PartnerTypeGovernmentAgency:
		return true
	}
	return false
}

// Text is the recognised legitimate interest in words: "safeguarding
// vulnerable individuals".
func (v RecognisedInterest) Text() string {
	text, _ := v.words()
	return text
}

// Paragraph is where Annex 1 to the UK GDPR describes the condition:
// "paragraph 5 of Annex 1".
func (v RecognisedInterest) Paragraph() string {
	_, p := v.words()
	return p
}

func (v RecognisedInterest) words() (text, paragraph string) {
	switch v {
	case RecognisedInterestPublicBodyRequest:
		return "disclosure to a public body that has asked for the information for its own public task", "paragraph 1 of Annex 1"
	case RecognisedInterestNationalSecurity:
		return "national security, public security and defence", "paragraph 2 of Annex 1"
	case RecognisedInterestEmergencies:
		return "responding to an emergency", "paragraph 3 of Annex 1"
	case RecognisedInterestCrime:
		return "detecting, investigating or preventing crime, or apprehending or prosecuting offenders", "paragraph 4 of Annex 1"
	case RecognisedInterestSafeguarding:
		return "safeguarding vulnerable individuals", "paragraph 5 of Annex 1"
	}
	return "", ""
}

// Text is the branding in words: "partnership logo".
func (v Branding) Text() string {
	switch v {
	case BrandingPartnerLogos:
		return "partner logos"
	case BrandingLeadBrand:
		return "lead brand"
	case BrandingPartnershipLogo:
		return "partnership logo"
	}
	return ""
}

// Text is the binding clause in words: "freedom of information".
func (v BindingClause) Text() string {
	switch v {
	case BindingClauseConfidentiality:
		return "confidentiality"
	case BindingClauseDataProtection:
		return "data protection"
	case BindingClauseFreedomOfInformation:
		return "freedom of information"
	case BindingClauseCosts:
		return "costs"
	case BindingClauseIntellectualProperty:
		return "intellectual property"
	case BindingClauseGoverningLaw:
		return "governing law"
	case BindingClauseTermination:
		return "termination"
	}
	return ""
}

// Text is the kind of review: "self-assessment".
func (v ReviewType) Text() string {
	switch v {
	case ReviewTypeSelfAssessment:
		return "self-assessment"
	case ReviewTypeCouncilReview:
		return "council review"
	}
	return ""
}

// Text is the overall rating in words: "not assessed".
func (v Overall) Text() string {
	switch v {
	case OverallSubstantial:
		return "substantial"
	case OverallReasonable:
		return "reasonable"
	case OverallLimited:
		return "limited"
	case OverallWeak:
		return "weak"
	case OverallNotAssessed:
		return "not assessed"
	}
	return ""
}

// Text is the recommendation in words: "continue with actions".
func (v Recommendation) Text() string {
	switch v {
	case RecommendationContinue:
		return "continue"
	case RecommendationContinueWithActions:
		return "continue with actions"
	case RecommendationReduce:
		return "reduce"
	case RecommendationExit:
		return "exit"
	}
	return ""
}

// Text is the user's role in words.
func (v Role) Text() string {
	switch v {
	case RoleOfficer:
		return "officer"
	case RoleLegal:
		return "legal"
	case RolePolicy:
		return "policy"
	case RoleAdmin:
		return "administrator"
	}
	return ""
}

// Text is the §3 classification in words, as a sentence completes "the
// arrangement is …": "not a partnership but a contract for services".
func (v Classification) Text() string {
	switch v {
	case ClassPartnership:
		return "a partnership"
	case ClassExcludedContract:
		return "not a partnership but a contract for services"
	case ClassExcludedForum:
		return "not a partnership but a forum or group that only discusses"
	case ClassExcludedHybrid:
		return "not a partnership but a contractual or statutory arrangement with partnership elements"
	case ClassUndetermined:
		return "not yet determined"
	}
	return ""
}

// Text is the §3(a) criterion in words, with its number.
func (v Criterion) Text() string {
	switch v {
	case CriterionPolicyAndResources:
		return "(1) develops policy and manages resources affecting statutory services or duties"
	case CriterionStrategicPriorities:
		return "(2) identifies and delivers high-level strategic priorities for the county"
	case CriterionCorporateOutcome:
		return "(3) meets a service, directorate or corporate outcome, with a risk of significant reputational damage without it"
	}
	return ""
}

// Text is the approval route in the protocol's words; a document that
// knows the council profile names the approver from it instead.
func (v ApprovalRoute) Text() string {
	switch v {
	case RouteCMT:
		return "CMT"
	case RouteDelegated:
		return "delegated"
	case RouteNone:
		return "none"
	}
	return ""
}

// Text is the severity as a word: "information" for info.
func (v Severity) Text() string {
	switch v {
	case SeverityBlocker:
		return "blocker"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "information"
	}
	return ""
}
