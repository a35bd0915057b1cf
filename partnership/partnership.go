package partnership

// Partnership is a proposed partnership or an entry in the council's register.
// Optional objects are pointers so that "not given" can be told apart from
// "given but empty"; the protocol's findings depend on that difference.
type Partnership struct {
	Ref                              string              `json:"ref,omitempty"`
	Name                             string              `json:"name"`
	Purpose                          string              `json:"purpose"`
	Objectives                       []string            `json:"objectives,omitempty"`
	ServiceArea                      string              `json:"service_area,omitempty"`
	Status                           Status              `json:"status,omitempty"`
	LegalInstrument                  LegalInstrument     `json:"legal_instrument,omitempty"`
	LegalPower                       string              `json:"legal_power,omitempty"`
	CouncilRole                      CouncilRole         `json:"council_role,omitempty"`
	Arrangement                      *Arrangement        `json:"arrangement,omitempty"`
	Significance                     *Significance       `json:"significance,omitempty"`
	NeedsAuthorityBeyondConstitution bool                `json:"needs_authority_beyond_constitution,omitempty"`
	ResourcesOutsideBudget           bool                `json:"resources_outside_budget,omitempty"`
	Partners                         []Partner           `json:"partners,omitempty"`
	SponsoringOfficer                *SponsoringOfficer  `json:"sponsoring_officer,omitempty"`
	Representatives                  []Representative    `json:"representatives,omitempty"`
	Governance                       *Governance         `json:"governance,omitempty"`
	Dates                            *Dates              `json:"dates,omitempty"`
	Contributions                    []Contribution      `json:"contributions,omitempty"`
	Risks                            []Risk              `json:"risks,omitempty"`
	Targets                          []Target            `json:"targets,omitempty"`
	InformationSharing               *InformationSharing `json:"information_sharing,omitempty"`
	Communications                   *Communications     `json:"communications,omitempty"`
	MoU                              *MoU                `json:"mou,omitempty"`
	Exit                             *Exit               `json:"exit,omitempty"`
	Reviews                          []Review            `json:"reviews,omitempty"`
	// LiabilityCapPence is the cap the partners agreed on each partner's
	// liability; nil when none was agreed (the agreement then has no cap
	// clause, not a placeholder).
	LiabilityCapPence *int64 `json:"liability_cap_pence,omitempty"`
	// Evaluation is the evaluating officer's evidence for the Annex 2
	// checklist.
	Evaluation *Evaluation `json:"evaluation,omitempty"`
}

// Evaluation is the evaluating officer's evidence for the approval checklist
// (Annex 2): the §4 questions the other fields do not answer.
type Evaluation struct {
	AlternativesConsidered string `json:"alternatives_considered,omitempty"`
	LegalConsultedOn       Date   `json:"legal_consulted_on,omitempty"`
	EqualityAnalysis       string `json:"equality_analysis,omitempty"`
	Insurance              string `json:"insurance,omitempty"`
	Capacity               string `json:"capacity,omitempty"`
}

// Arrangement records the facts that decide whether an arrangement is a
// partnership under §3 of the protocol.
type Arrangement struct {
	SharedAgreementOfOutcomes bool `json:"shared_agreement_of_outcomes"`
	SharedDelivery            bool `json:"shared_delivery"`
	CouncilProcuresService    bool `json:"council_procures_service"`
	DiscussionOnly            bool `json:"discussion_only"`
}

// Significance records the §3(a) criteria and any override by the
// evaluating officer.
type Significance struct {
	PolicyAndResources  bool     `json:"policy_and_resources"`
	StatutoryImpact     bool     `json:"statutory_impact"`
	StrategicPriorities bool     `json:"strategic_priorities"`
	CorporateOutcome    bool     `json:"corporate_outcome"`
	ReputationalRisk    bool     `json:"reputational_risk"`
	Override            Override `json:"override,omitempty"`
	Justification       string   `json:"justification,omitempty"`
}

// Partner is an organisation other than the council taking part.
type Partner struct {
	ID                    string         `json:"id"`
	Name                  string         `json:"name"`
	Type                  PartnerType    `json:"type"`
	RegistrationNumber    string         `json:"registration_number,omitempty"`
	Address               string         `json:"address,omitempty"`
	IsLead                bool           `json:"is_lead,omitempty"`
	FOIPublicAuthority    bool           `json:"foi_public_authority,omitempty"`
	Signatory             *Signatory     `json:"signatory,omitempty"`
	CommsContact          *CommsContact  `json:"comms_contact,omitempty"`
	DataProtectionContact *ContactPerson `json:"data_protection_contact,omitempty"`
	// Responsibilities is what this partner delivers (§4(a), "who is
	// responsible for what").
	Responsibilities []string `json:"responsibilities,omitempty"`
	// LawfulBasis is this party's own Article 6 basis, overriding
	// information_sharing.lawful_basis.
	LawfulBasis LawfulBasis `json:"lawful_basis,omitempty"`
	// RecognisedInterest is the Annex 1 condition this party meets, with
	// recognised legitimate interests.
	RecognisedInterest RecognisedInterest `json:"recognised_interest,omitempty"`
}

// Signatory is the person who signs for a partner.
type Signatory struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

// CommsContact is a partner's communications lead.
type CommsContact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// ContactPerson is a named contact with an email address.
type ContactPerson struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// SponsoringOfficer is the one council officer who sponsors the partnership
// (§4(a)), usually a Head of Service.
type SponsoringOfficer struct {
	Name  string `json:"name"`
	Post  string `json:"post,omitempty"`
	Email string `json:"email,omitempty"`
}

// Representative is a councillor or officer who represents the council.
type Representative struct {
	Name               string             `json:"name"`
	Kind               RepresentativeKind `json:"kind"`
	Role               RepresentativeRole `json:"role"`
	Post               string             `json:"post,omitempty"`
	RepresentsOtherOrg bool               `json:"represents_other_org,omitempty"`
	Consent            Consent            `json:"consent,omitempty"`
}

// Governance describes the partnership's board or steering group.
type Governance struct {
	Body             string     `json:"body,omitempty"`
	Chair            string     `json:"chair,omitempty"`
	Quorum           int        `json:"quorum,omitempty"`
	VotingRule       VotingRule `json:"voting_rule,omitempty"`
	MeetingFrequency string     `json:"meeting_frequency,omitempty"`
	Reporting        string     `json:"reporting,omitempty"`
}

// Dates holds the partnership's start, optional end and next review.
type Dates struct {
	Start      Date `json:"start,omitempty"`
	End        Date `json:"end,omitempty"`
	NextReview Date `json:"next_review,omitempty"`
}

// Contribution is what one partner (or the council) puts in during one
// financial year.
type Contribution struct {
	Partner       string           `json:"partner"`
	FinancialYear FinancialYear    `json:"financial_year"`
	Type          ContributionType `json:"type"`
	AmountPence   int64            `json:"amount_pence"`
	Description   string           `json:"description,omitempty"`
	WithinBudget  bool             `json:"within_budget"`
}

// Risk is an entry in the partnership's risk register.
type Risk struct {
	ID          string       `json:"id"`
	Description string       `json:"description"`
	Category    RiskCategory `json:"category"`
	Phase       RiskPhase    `json:"phase"`
	Likelihood  int          `json:"likelihood"`
	Impact      int          `json:"impact"`
	Mitigation  string       `json:"mitigation,omitempty"`
	Owner       string       `json:"owner,omitempty"`
}

// Target is an outcome the partnership is measured against.
type Target struct {
	ID        string         `json:"id"`
	Outcome   string         `json:"outcome"`
	Indicator string         `json:"indicator,omitempty"`
	Unit      string         `json:"unit,omitempty"`
	Polarity  Polarity       `json:"polarity,omitempty"`
	Baseline  float64        `json:"baseline"`
	Target    float64        `json:"target"`
	Results   []TargetResult `json:"results,omitempty"`
}

// TargetResult is the reported actual for one financial year. Actual is nil
// when nothing was reported.
type TargetResult struct {
	FinancialYear FinancialYear `json:"financial_year"`
	Actual        *float64      `json:"actual"`
	RAG           RAG           `json:"rag"`
	Commentary    string        `json:"commentary,omitempty"`
}

// InformationSharing describes the Information Sharing Protocol (§4(e)).
type InformationSharing struct {
	Required                 bool                   `json:"required"`
	WaiverReason             string                 `json:"waiver_reason,omitempty"`
	ControllerRelationship   ControllerRelationship `json:"controller_relationship,omitempty"`
	Purposes                 []string               `json:"purposes,omitempty"`
	DataItems                []DataItem             `json:"data_items,omitempty"`
	LawfulBasis              LawfulBasis            `json:"lawful_basis,omitempty"`
	RecognisedInterest       RecognisedInterest     `json:"recognised_interest,omitempty"`
	SpecialCategoryCondition string                 `json:"special_category_condition,omitempty"`
	LegalGateway             string                 `json:"legal_gateway,omitempty"`
	DPIA                     *DPIA                  `json:"dpia,omitempty"`
	TransferMethod           string                 `json:"transfer_method,omitempty"`
	Frequency                string                 `json:"frequency,omitempty"`
	Retention                string                 `json:"retention,omitempty"`
	BreachNotificationHours  int                    `json:"breach_notification_hours,omitempty"`
}

// DataItem is one item of information shared between partners.
type DataItem struct {
	Item          string       `json:"item"`
	Category      DataCategory `json:"category"`
	SourcePartner string       `json:"source_partner,omitempty"`
}

// DPIA records a data protection impact assessment.
type DPIA struct {
	CompletedOn Date   `json:"completed_on,omitempty"`
	Outcome     string `json:"outcome,omitempty"`
}

// Communications describes the Partnership Communications Agreement (§4(g)).
type Communications struct {
	LeadPartner              string   `json:"lead_partner,omitempty"`
	ApprovalTurnaroundHours  int      `json:"approval_turnaround_hours,omitempty"`
	Spokespeople             []string `json:"spokespeople,omitempty"`
	Branding                 Branding `json:"branding,omitempty"`
	LogoJustification        string   `json:"logo_justification,omitempty"`
	ConsultationCoordination string   `json:"consultation_coordination,omitempty"`
}

// MoU lists the clauses of a Memorandum of Understanding that are binding.
type MoU struct {
	BindingClauses []BindingClause `json:"binding_clauses"`
}

// Exit holds the succession and exit strategies (§4(f)).
type Exit struct {
	Strategy               string `json:"strategy,omitempty"`
	Succession             string `json:"succession,omitempty"`
	WithdrawalNoticeMonths int    `json:"withdrawal_notice_months,omitempty"`
}

// Review is an annual review or self-assessment (§5(b)).
type Review struct {
	FinancialYear  FinancialYear  `json:"financial_year"`
	Type           ReviewType     `json:"type"`
	CompletedOn    Date           `json:"completed_on,omitempty"`
	Assessor       string         `json:"assessor,omitempty"`
	Overall        Overall        `json:"overall"`
	Recommendation Recommendation `json:"recommendation,omitempty"`
	Actions        []string       `json:"actions,omitempty"`
}

// CouncilBasis is the council's Article 6 basis and recognised interest:
// those of information_sharing; empty when not given.
func (p *Partnership) CouncilBasis() (LawfulBasis, RecognisedInterest) {
	if p.InformationSharing == nil {
		return "", ""
	}
	return p.InformationSharing.LawfulBasis, p.InformationSharing.RecognisedInterest
}

// PartnerBasis is the Article 6 basis a partner relies on and, with
// recognised legitimate interests, its Annex 1 condition: its own where it
// gives one, otherwise information_sharing's; empty when neither is given.
func (p *Partnership) PartnerBasis(pt Partner) (LawfulBasis, RecognisedInterest) {
	if pt.LawfulBasis != "" {
		return pt.LawfulBasis, pt.RecognisedInterest
	}
	basis, interest := p.CouncilBasis()
	if pt.RecognisedInterest != "" {
		interest = pt.RecognisedInterest
	}
	return basis, interest
}
