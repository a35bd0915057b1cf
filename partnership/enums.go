package partnership

// Code in this file lists the contract's closed enumerations. Each type has a
// Values list (the order DOMAIN.md gives) and a Valid method.

// Status is the partnership's stage in its life.
type Status string

// Status values.
const (
	StatusProposed    Status = "proposed"
	StatusEvaluating  Status = "evaluating"
	StatusApproved    Status = "approved"
	StatusActive      Status = "active"
	StatusUnderReview Status = "under_review"
	StatusExiting     Status = "exiting"
	StatusClosed      Status = "closed"
	StatusRejected    Status = "rejected"
	StatusWithdrawn   Status = "withdrawn"
)

// StatusValues lists every valid Status in contract order.
var StatusValues = []Status{StatusProposed, StatusEvaluating, StatusApproved, StatusActive, StatusUnderReview, StatusExiting, StatusClosed, StatusRejected, StatusWithdrawn}

// Valid reports whether v is one of StatusValues.
func (v Status) Valid() bool { return oneOf(v, StatusValues) }

// LegalInstrument is the kind of document that governs the arrangement.
type LegalInstrument string

// LegalInstrument values.
const (
	LegalInstrumentInformal            LegalInstrument = "informal"
	LegalInstrumentTermsOfReference    LegalInstrument = "terms_of_reference"
	LegalInstrumentMou                 LegalInstrument = "mou"
	LegalInstrumentMouPartBinding      LegalInstrument = "mou_part_binding"
	LegalInstrumentBindingAgreement    LegalInstrument = "binding_agreement"
	LegalInstrumentJointCommittee      LegalInstrument = "joint_committee"
	LegalInstrumentIncorporatedEntity  LegalInstrument = "incorporated_entity"
	LegalInstrumentS75Agreement        LegalInstrument = "s75_agreement"
	LegalInstrumentContractForServices LegalInstrument = "contract_for_services"
	LegalInstrumentGrantAgreement      LegalInstrument = "grant_agreement"
	LegalInstrumentForum               LegalInstrument = "forum"
)

// LegalInstrumentValues lists every valid LegalInstrument in contract order.
var LegalInstrumentValues = []LegalInstrument{LegalInstrumentInformal, LegalInstrumentTermsOfReference, LegalInstrumentMou, LegalInstrumentMouPartBinding, LegalInstrumentBindingAgreement, LegalInstrumentJointCommittee, LegalInstrumentIncorporatedEntity, LegalInstrumentS75Agreement, LegalInstrumentContractForServices, LegalInstrumentGrantAgreement, LegalInstrumentForum}

// Valid reports whether v is one of LegalInstrumentValues.
func (v LegalInstrument) Valid() bool { return oneOf(v, LegalInstrumentValues) }

// CouncilRole is the council's role in the partnership.
type CouncilRole string

// CouncilRole values.
const (
	CouncilRoleLead           CouncilRole = "lead"
	CouncilRoleMember         CouncilRole = "member"
	CouncilRoleHost           CouncilRole = "host"
	CouncilRoleFunderObserver CouncilRole = "funder_observer"
)

// CouncilRoleValues lists every valid CouncilRole in contract order.
var CouncilRoleValues = []CouncilRole{CouncilRoleLead, CouncilRoleMember, CouncilRoleHost, CouncilRoleFunderObserver}

// Valid reports whether v is one of CouncilRoleValues.
func (v CouncilRole) Valid() bool { return oneOf(v, CouncilRoleValues) }

// Override is the evaluating officer's decision on significance, where it differs from the criteria.
type Override string

// Override values.
const (
	OverrideSignificant    Override = "significant"
	OverrideNotSignificant Override = "not_significant"
)

// OverrideValues lists every valid Override in contract order.
var OverrideValues = []Override{OverrideSignificant, OverrideNotSignificant}

// Valid reports whether v is one of OverrideValues.
func (v Override) Valid() bool { return oneOf(v, OverrideValues) }

// PartnerType is the sector a partner organisation belongs to.
type PartnerType string

// PartnerType values.
const (
	PartnerTypeLocalAuthority   PartnerType = "local_authority"
	PartnerTypeNhsBody          PartnerType = "nhs_body"
	PartnerTypePolice           PartnerType = "police"
	PartnerTypeFire             PartnerType = "fire"
	PartnerTypeEducation        PartnerType = "education"
	PartnerTypeVoluntarySector  PartnerType = "voluntary_sector"
	PartnerTypeCompany          PartnerType = "company"
	PartnerTypeParishCouncil    PartnerType = "parish_council"
	PartnerTypeGovernmentAgency PartnerType = "government_agency"
	PartnerTypeOther            PartnerType = "other"
)

// PartnerTypeValues lists every valid PartnerType in contract order.
var PartnerTypeValues = []PartnerType{PartnerTypeLocalAuthority, PartnerTypeNhsBody, PartnerTypePolice, PartnerTypeFire, PartnerTypeEducation, PartnerTypeVoluntarySector, PartnerTypeCompany, PartnerTypeParishCouncil, PartnerTypeGovernmentAgency, PartnerTypeOther}

// Valid reports whether v is one of PartnerTypeValues.
func (v PartnerType) Valid() bool { return oneOf(v, PartnerTypeValues) }

// RepresentativeKind is whether a representative is a councillor or an officer.
type RepresentativeKind string

// RepresentativeKind values.
const (
	RepresentativeKindCouncillor RepresentativeKind = "councillor"
	RepresentativeKindOfficer    RepresentativeKind = "officer"
)

// RepresentativeKindValues lists every valid RepresentativeKind in contract order.
var RepresentativeKindValues = []RepresentativeKind{RepresentativeKindCouncillor, RepresentativeKindOfficer}

// Valid reports whether v is one of RepresentativeKindValues.
func (v RepresentativeKind) Valid() bool { return oneOf(v, RepresentativeKindValues) }

// RepresentativeRole is whether a representative is a member or a substitute.
type RepresentativeRole string

// RepresentativeRole values.
const (
	RepresentativeRoleMember     RepresentativeRole = "member"
	RepresentativeRoleSubstitute RepresentativeRole = "substitute"
)

// RepresentativeRoleValues lists every valid RepresentativeRole in contract order.
var RepresentativeRoleValues = []RepresentativeRole{RepresentativeRoleMember, RepresentativeRoleSubstitute}

// Valid reports whether v is one of RepresentativeRoleValues.
func (v RepresentativeRole) Valid() bool { return oneOf(v, RepresentativeRoleValues) }

// Consent is who consented to a representative also representing another organisation.
type Consent string

// Consent values.
const (
	ConsentChiefExecutive           Consent = "chief_executive"
	ConsentLeaderWithChiefExecutive Consent = "leader_with_chief_executive"
)

// ConsentValues lists every valid Consent in contract order.
var ConsentValues = []Consent{ConsentChiefExecutive, ConsentLeaderWithChiefExecutive}

// Valid reports whether v is one of ConsentValues.
func (v Consent) Valid() bool { return oneOf(v, ConsentValues) }

// VotingRule is how the partnership's board decides.
type VotingRule string

// VotingRule values.
const (
	VotingRuleConsensus      VotingRule = "consensus"
	VotingRuleSimpleMajority VotingRule = "simple_majority"
	VotingRuleUnanimity      VotingRule = "unanimity"
)

// VotingRuleValues lists every valid VotingRule in contract order.
var VotingRuleValues = []VotingRule{VotingRuleConsensus, VotingRuleSimpleMajority, VotingRuleUnanimity}

// Valid reports whether v is one of VotingRuleValues.
func (v VotingRule) Valid() bool { return oneOf(v, VotingRuleValues) }

// ContributionType is the form a contribution takes.
type ContributionType string

// ContributionType values.
const (
	ContributionTypeCash   ContributionType = "cash"
	ContributionTypeInKind ContributionType = "in_kind"
	ContributionTypeStaff  ContributionType = "staff"
	ContributionTypeAsset  ContributionType = "asset"
)

// ContributionTypeValues lists every valid ContributionType in contract order.
var ContributionTypeValues = []ContributionType{ContributionTypeCash, ContributionTypeInKind, ContributionTypeStaff, ContributionTypeAsset}

// Valid reports whether v is one of ContributionTypeValues.
func (v ContributionType) Valid() bool { return oneOf(v, ContributionTypeValues) }

// RiskCategory is the kind of risk.
type RiskCategory string

// RiskCategory values.
const (
	RiskCategoryStrategic             RiskCategory = "strategic"
	RiskCategoryFinancial             RiskCategory = "financial"
	RiskCategoryLegal                 RiskCategory = "legal"
	RiskCategoryReputational          RiskCategory = "reputational"
	RiskCategoryOperational           RiskCategory = "operational"
	RiskCategoryInformationGovernance RiskCategory = "information_governance"
	RiskCategorySafeguarding          RiskCategory = "safeguarding"
	RiskCategoryEquality              RiskCategory = "equality"
	RiskCategoryHealthAndSafety       RiskCategory = "health_and_safety"
)

// RiskCategoryValues lists every valid RiskCategory in contract order.
var RiskCategoryValues = []RiskCategory{RiskCategoryStrategic, RiskCategoryFinancial, RiskCategoryLegal, RiskCategoryReputational, RiskCategoryOperational, RiskCategoryInformationGovernance, RiskCategorySafeguarding, RiskCategoryEquality, RiskCategoryHealthAndSafety}

// Valid reports whether v is one of RiskCategoryValues.
func (v RiskCategory) Valid() bool { return oneOf(v, RiskCategoryValues) }

// RiskPhase is whether a risk arises before entry or during the partnership's life.
type RiskPhase string

// RiskPhase values.
const (
	RiskPhasePreEntry RiskPhase = "pre_entry"
	RiskPhaseInLife   RiskPhase = "in_life"
)

// RiskPhaseValues lists every valid RiskPhase in contract order.
var RiskPhaseValues = []RiskPhase{RiskPhasePreEntry, RiskPhaseInLife}

// Valid reports whether v is one of RiskPhaseValues.
func (v RiskPhase) Valid() bool { return oneOf(v, RiskPhaseValues) }

// Polarity is which direction of a target's indicator is good.
type Polarity string

// Polarity values.
const (
	PolarityHigherIsBetter Polarity = "higher_is_better"
	PolarityLowerIsBetter  Polarity = "lower_is_better"
)

// PolarityValues lists every valid Polarity in contract order.
var PolarityValues = []Polarity{PolarityHigherIsBetter, PolarityLowerIsBetter}

// Valid reports whether v is one of PolarityValues.
func (v Polarity) Valid() bool { return oneOf(v, PolarityValues) }

// RAG is the red, amber or green rating of a target's result.
type RAG string

// RAG values.
const (
	RAGGreen  RAG = "green"
	RAGAmber  RAG = "amber"
	RAGRed    RAG = "red"
	RAGNoData RAG = "no_data"
)

// RAGValues lists every valid RAG in contract order.
var RAGValues = []RAG{RAGGreen, RAGAmber, RAGRed, RAGNoData}

// Valid reports whether v is one of RAGValues.
func (v RAG) Valid() bool { return oneOf(v, RAGValues) }

// ControllerRelationship is how partners stand to each other under data protection law.
type ControllerRelationship string

// ControllerRelationship values.
const (
	ControllerRelationshipSeparateControllers ControllerRelationship = "separate_controllers"
	ControllerRelationshipJointControllers    ControllerRelationship = "joint_controllers"
	ControllerRelationshipControllerProcessor ControllerRelationship = "controller_processor"
)

// ControllerRelationshipValues lists every valid ControllerRelationship in contract order.
var ControllerRelationshipValues = []ControllerRelationship{ControllerRelationshipSeparateControllers, ControllerRelationshipJointControllers, ControllerRelationshipControllerProcessor}

// Valid reports whether v is one of ControllerRelationshipValues.
func (v ControllerRelationship) Valid() bool { return oneOf(v, ControllerRelationshipValues) }

// DataCategory is the data protection category of a data item.
type DataCategory string

// DataCategory values.
const (
	DataCategoryPersonal        DataCategory = "personal"
	DataCategorySpecialCategory DataCategory = "special_category"
	DataCategoryCriminalOffence DataCategory = "criminal_offence"
)

// DataCategoryValues lists every valid DataCategory in contract order.
var DataCategoryValues = []DataCategory{DataCategoryPersonal, DataCategorySpecialCategory, DataCategoryCriminalOffence}

// Valid reports whether v is one of DataCategoryValues.
func (v DataCategory) Valid() bool { return oneOf(v, DataCategoryValues) }

// LawfulBasis is the UK GDPR Article 6 lawful basis for sharing.
type LawfulBasis string

// LawfulBasis values.
const (
	LawfulBasisPublicTask          LawfulBasis = "public_task"
	LawfulBasisLegalObligation     LawfulBasis = "legal_obligation"
	LawfulBasisVitalInterests      LawfulBasis = "vital_interests"
	LawfulBasisConsent             LawfulBasis = "consent"
	LawfulBasisContract            LawfulBasis = "contract"
	LawfulBasisLegitimateInterests LawfulBasis = "legitimate_interests"
	// LawfulBasisRecognisedLegitimateInterests is Article 6(1)(ea), added by
	// the Data (Use and Access) Act 2025; it needs a RecognisedInterest.
	LawfulBasisRecognisedLegitimateInterests LawfulBasis = "recognised_legitimate_interests"
)

// LawfulBasisValues lists every valid LawfulBasis in contract order.
var LawfulBasisValues = []LawfulBasis{LawfulBasisPublicTask, LawfulBasisLegalObligation, LawfulBasisVitalInterests, LawfulBasisConsent, LawfulBasisContract, LawfulBasisLegitimateInterests, LawfulBasisRecognisedLegitimateInterests}

// Valid reports whether v is one of LawfulBasisValues.
func (v LawfulBasis) Valid() bool { return oneOf(v, LawfulBasisValues) }

// RecognisedInterest is the Annex 1 condition of UK GDPR Article 6(1)(ea)
// that a party relying on recognised legitimate interests meets.
type RecognisedInterest string

// RecognisedInterest values.
const (
	RecognisedInterestPublicBodyRequest RecognisedInterest = "public_body_request"
	RecognisedInterestNationalSecurity  RecognisedInterest = "national_security"
	RecognisedInterestEmergencies       RecognisedInterest = "emergencies"
	RecognisedInterestCrime             RecognisedInterest = "crime"
	RecognisedInterestSafeguarding      RecognisedInterest = "safeguarding"
)

// RecognisedInterestValues lists every valid RecognisedInterest in contract order.
var RecognisedInterestValues = []RecognisedInterest{RecognisedInterestPublicBodyRequest, RecognisedInterestNationalSecurity, RecognisedInterestEmergencies, RecognisedInterestCrime, RecognisedInterestSafeguarding}

// Valid reports whether v is one of RecognisedInterestValues.
func (v RecognisedInterest) Valid() bool { return oneOf(v, RecognisedInterestValues) }

// Branding is how the partnership's publicity is branded.
type Branding string

// Branding values.
const (
	BrandingPartnerLogos    Branding = "partner_logos"
	BrandingLeadBrand       Branding = "lead_brand"
	BrandingPartnershipLogo Branding = "partnership_logo"
)

// BrandingValues lists every valid Branding in contract order.
var BrandingValues = []Branding{BrandingPartnerLogos, BrandingLeadBrand, BrandingPartnershipLogo}

// Valid reports whether v is one of BrandingValues.
func (v Branding) Valid() bool { return oneOf(v, BrandingValues) }

// BindingClause is a clause of a Memorandum of Understanding that is legally binding.
type BindingClause string

// BindingClause values.
const (
	BindingClauseConfidentiality      BindingClause = "confidentiality"
	BindingClauseDataProtection       BindingClause = "data_protection"
	BindingClauseFreedomOfInformation BindingClause = "freedom_of_information"
	BindingClauseCosts                BindingClause = "costs"
	BindingClauseIntellectualProperty BindingClause = "intellectual_property"
	BindingClauseGoverningLaw         BindingClause = "governing_law"
	BindingClauseTermination          BindingClause = "termination"
)

// BindingClauseValues lists every valid BindingClause in contract order.
var BindingClauseValues = []BindingClause{BindingClauseConfidentiality, BindingClauseDataProtection, BindingClauseFreedomOfInformation, BindingClauseCosts, BindingClauseIntellectualProperty, BindingClauseGoverningLaw, BindingClauseTermination}

// Valid reports whether v is one of BindingClauseValues.
func (v BindingClause) Valid() bool { return oneOf(v, BindingClauseValues) }

// ReviewType is the kind of annual review.
type ReviewType string

// ReviewType values.
const (
	ReviewTypeSelfAssessment ReviewType = "self_assessment"
	ReviewTypeCouncilReview  ReviewType = "council_review"
)

// ReviewTypeValues lists every valid ReviewType in contract order.
var ReviewTypeValues = []ReviewType{ReviewTypeSelfAssessment, ReviewTypeCouncilReview}

// Valid reports whether v is one of ReviewTypeValues.
func (v ReviewType) Valid() bool { return oneOf(v, ReviewTypeValues) }

// Overall is the overall rating given by a review.
type Overall string

// Overall values.
const (
	OverallSubstantial Overall = "substantial"
	OverallReasonable  Overall = "reasonable"
	OverallLimited     Overall = "limited"
	OverallWeak        Overall = "weak"
	OverallNotAssessed Overall = "not_assessed"
)

// OverallValues lists every valid Overall in contract order.
var OverallValues = []Overall{OverallSubstantial, OverallReasonable, OverallLimited, OverallWeak, OverallNotAssessed}

// Valid reports whether v is one of OverallValues.
func (v Overall) Valid() bool { return oneOf(v, OverallValues) }

// Recommendation is what a review recommends.
type Recommendation string

// Recommendation values.
const (
	RecommendationContinue            Recommendation = "continue"
	RecommendationContinueWithActions Recommendation = "continue_with_actions"
	RecommendationReduce              Recommendation = "reduce"
	RecommendationExit                Recommendation = "exit"
)

// RecommendationValues lists every valid Recommendation in contract order.
var RecommendationValues = []Recommendation{RecommendationContinue, RecommendationContinueWithActions, RecommendationReduce, RecommendationExit}

// Valid reports whether v is one of RecommendationValues.
func (v Recommendation) Valid() bool { return oneOf(v, RecommendationValues) }

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
