package partnership

// Checklist holds the protocol's answer to every item of Annex 2, the
// checklist for gaining approval for a new partnership (§5(b)), in the
// order the checklist prints them, each with the facts behind it.
// ChecklistOf fills it (assess_checklist.go); a document or a form prints
// it and decides nothing. The facts are data, not sentences: the words belong to
// whatever prints them. Strings are as the record holds them, unescaped.
type Checklist struct {
	Partnership       ClassificationItem // §3: is the arrangement a partnership?
	Alternatives      TextItem           // §4: evaluation.alternatives_considered
	StrategicFit      StrategicFitItem   // §2, §3: purpose and objectives
	Significance      SignificanceItem   // §3(a)
	LegalStatus       InstrumentItem     // §4(a): the legal instrument
	LegalPower        LegalPowerItem     // §4(a)
	LegalConsulted    LegalConsultedItem // §4(a): evaluation.legal_consulted_on
	SponsoringOfficer SponsorItem        // §4(c)
	Representatives   PeopleItem         // §4(a), §4(c): members, councillors first
	Substitutes       PeopleItem         // §4(a): substitutes, councillors first
	Consents          ConsentsItem       // §4(c)
	RiskAssessment    RisksItem          // §4(b)
	Resources         ResourcesItem      // §4(d)
	WithinBudget      BudgetItem         // §4(c), §4(d)
	ISP               ISPItem            // §4(e)
	Lifespan          LifespanItem       // §4(f)
	Succession        TextItem           // §4(f): exit.succession
	ExitStrategy      ExitItem           // §4(f)
	Communications    CommunicationsItem // §4(g)
	Targets           CountItem          // §5(b): how many targets
	Reporting         TextItem           // §5(b): governance.reporting
	SelfAssessment    SelfAssessmentItem // §5(b)
	StatutoryDuties   DutiesItem         // §4(a): equality, community safety, health and safety
	ApprovalRoute     ChecklistItem      // §5(b): the route itself is Assessment.ApprovalRoute
	Decision          DecisionItem       // §5(b)

	// The items of §4(b) and §4(d) added with the evaluation field; they
	// come last in Answers and Items, so that the answers' positions
	// integrators already read do not move.
	Insurance             TextItem         // §4(d): evaluation.insurance
	Procurement           ProcurementItem  // §4(d): the Procurement Act 2023
	Constitution          ConstitutionItem // §4(d), §5(b): within the Constitution
	Capacity              TextItem         // §4(d): evaluation.capacity
	PerformanceManagement CountItem        // §4(d): targets in the performance management systems
	ServicePlanRisks      ServicePlanItem  // §4(b): risks recorded with service plans

	// Excluded is the §3 classification when it excludes the arrangement
	// (then the partnership's own items answer n/a); "" otherwise.
	Excluded Classification
}

// Answers returns every item's answer in the order of the checklist.
func (c *Checklist) Answers() []Answer {
	return []Answer{
		c.Partnership.Answer, c.Alternatives.Answer, c.StrategicFit.Answer, c.Significance.Answer,
		c.LegalStatus.Answer, c.LegalPower.Answer, c.LegalConsulted.Answer, c.SponsoringOfficer.Answer,
		c.Representatives.Answer, c.Substitutes.Answer, c.Consents.Answer, c.RiskAssessment.Answer,
		c.Resources.Answer, c.WithinBudget.Answer, c.ISP.Answer, c.Lifespan.Answer, c.Succession.Answer,
		c.ExitStrategy.Answer, c.Communications.Answer, c.Targets.Answer, c.Reporting.Answer,
		c.SelfAssessment.Answer, c.StatutoryDuties.Answer, c.ApprovalRoute.Answer, c.Decision.Answer,
		c.Insurance.Answer, c.Procurement.Answer, c.Constitution.Answer, c.Capacity.Answer,
		c.PerformanceManagement.Answer, c.ServicePlanRisks.Answer,
	}
}

// ChecklistAnswer is one item of the checklist and its answer, as the
// Assessment carries it; ChecklistOf gives the facts behind each.
type ChecklistAnswer struct {
	Item    string `json:"item"`    // a stable id, such as "risk_assessment"
	Section string `json:"section"` // where the protocol asks it, such as "§4(b)"
	Answer  Answer `json:"answer"`
}

// checklistItems are the items' ids and sections, in the order of the
// checklist (and of Checklist.Answers).
var checklistItems = [...]struct{ id, section string }{
	{"partnership", "§3"}, {"alternatives", "§4"}, {"strategic_fit", "§2, §3"}, {"significance", "§3(a)"},
	{"legal_status", "§4(a)"}, {"legal_power", "§4(a)"}, {"legal_consulted", "§4(a)"},
	{"sponsoring_officer", "§4(c)"}, {"representatives", "§4(a), §4(c)"}, {"substitutes", "§4(a)"},
	{"consents", "§4(c)"}, {"risk_assessment", "§4(b)"}, {"resources", "§4(d)"},
	{"within_budget", "§4(c), §4(d)"}, {"information_sharing", "§4(e)"}, {"lifespan", "§4(f)"},
	{"succession", "§4(f)"}, {"exit_strategy", "§4(f)"}, {"communications", "§4(g)"},
	{"targets", "§5(b)"}, {"reporting", "§5(b)"}, {"self_assessment", "§5(b)"},
	{"statutory_duties", "§4(a)"}, {"approval_route", "§5(b)"}, {"decision", "§5(b)"},
	{"insurance", "§4(d)"}, {"procurement", "§4(d)"}, {"constitution", "§4(d), §5(b)"}, {"capacity", "§4(d)"},
	{"performance_management", "§4(d)"}, {"service_plan_risks", "§4(b)"},
}

// Items is every item's id, section and answer, in the order of the
// checklist.
func (c *Checklist) Items() []ChecklistAnswer {
	answers := c.Answers()
	out := make([]ChecklistAnswer, len(answers))
	for i, a := range answers {
		out[i] = ChecklistAnswer{Item: checklistItems[i].id, Section: checklistItems[i].section, Answer: a}
	}
	return out
}

// Answer is the checklist's answer to one item.
type Answer string

// Answers.
const (
	AnswerYes           Answer = "yes"
	AnswerNo            Answer = "no"
	AnswerNotApplicable Answer = "not_applicable" // the item does not apply
	AnswerNotRecorded   Answer = "not_recorded"   // the record cannot say; the evaluating officer must record it
	AnswerPending       Answer = "pending"        // the decision has not been taken yet
	// AnswerToConfirm: the record holds the officer's answer only as text
	// (the council's legal power), which Legal must confirm before approval.
	AnswerToConfirm Answer = "to_confirm"
)

// AnswerValues lists every Answer.
var AnswerValues = []Answer{AnswerYes, AnswerNo, AnswerNotApplicable, AnswerNotRecorded, AnswerPending, AnswerToConfirm}

// Text is the answer as the checklist's Answer column writes it: "n/a".
func (v Answer) Text() string {
	switch v {
	case AnswerYes:
		return "yes"
	case AnswerNo:
		return "no"
	case AnswerNotApplicable:
		return "n/a"
	case AnswerNotRecorded:
		return "not recorded"
	case AnswerPending:
		return "pending"
	case AnswerToConfirm:
		return "recorded — Legal to confirm"
	}
	return ""
}

// ChecklistItem is an item whose facts are elsewhere in the assessment, or
// that the record cannot answer.
type ChecklistItem struct{ Answer Answer }

// ClassificationItem answers §3. The classification and its reason are
// Assessment.Classification and Assessment.Reason.
type ClassificationItem struct {
	Answer      Answer
	Arrangement *Arrangement // the facts that decide; nil when not recorded
}

// StrategicFitItem answers whether the purpose and objectives are clear.
type StrategicFitItem struct {
	Answer      Answer
	HasPurpose  bool
	Objectives  int // how many
	ServiceArea string
}

// SignificanceItem answers §3(a). The criteria met, the borderline halves
// and whether the override decided are in the Assessment.
type SignificanceItem struct {
	Answer        Answer
	Recorded      bool // significance was given at all
	Override      Override
	Justification string
}

// InstrumentItem is an answer about the legal instrument.
type InstrumentItem struct {
	Answer     Answer
	Instrument LegalInstrument
	Binding    bool // legally binding in whole or in part, so Legal must draw it up
}

// LegalConsultedItem answers whether Legal's advice was sought (§4(a)).
type LegalConsultedItem struct {
	Answer      Answer
	Instrument  LegalInstrument
	Binding     bool // legally binding in whole or in part, so Legal must draw it up
	ConsultedOn Date // evaluation.legal_consulted_on; zero when not recorded
}

// LegalPowerItem answers whether the council's legal power is recorded.
type LegalPowerItem struct {
	Answer  Answer
	Power   string
	Binding bool
}

// SponsorItem answers §4(c)'s one sponsoring officer.
type SponsorItem struct {
	Answer     Answer
	Name, Post string // empty when none is named
}

// PeopleItem lists the council's representatives of one role, councillors
// first, each in the order entered.
type PeopleItem struct {
	Answer Answer
	People []Representative
	// NeedsCouncillor: the partnership is significant and no councillor
	// represents the council (§4(a)), as finding significant_without_councillor says.
	NeedsCouncillor bool
}

// ConsentsItem answers §4(c)'s consents, one for each representative who
// would also represent another organisation.
type ConsentsItem struct {
	Answer   Answer
	Consents []RepresentativeConsent
}

// RepresentativeConsent is whose consent a representative needs and whose
// the record holds.
type RepresentativeConsent struct {
	Representative string
	Kind           RepresentativeKind
	Needed         Consent
	Recorded       Consent // "" when none is recorded
	Given          bool    // Recorded is the consent Needed
}

// RisksItem answers §4(b).
type RisksItem struct {
	Answer       Answer
	Count        int
	PreEntry     int    // risks assessed for the decision to enter
	HighestID    string // the first risk with the highest score
	HighestScore int
}

// ResourcesItem answers §4(d), every financial year together.
type ResourcesItem struct {
	Answer       Answer
	TotalPence   int64 // every contribution
	CouncilPence int64 // the council's
	Years        int   // financial years with a contribution
}

// BudgetItem answers whether the council's contribution is within
// approved budgets (§4(c), §4(d)).
type BudgetItem struct {
	Answer                 Answer
	ResourcesOutsideBudget bool // resources_outside_budget
	CouncilOutside         int  // the council's contributions outside approved budgets
	OthersOutside          int  // other partners' contributions not yet within theirs
	HasContributions       bool
}

// ISPItem answers §4(e).
type ISPItem struct {
	Answer                 Answer
	Recorded               bool // information_sharing was given
	Required               bool
	WaiverReason           string
	ControllerRelationship ControllerRelationship
	LawfulBasis            LawfulBasis
	DPIA                   *DPIA // nil when none is recorded
	// Article26Needed: the partners are joint controllers and nothing in
	// the record shows their Article 26 arrangement, as finding
	// joint_controllers_without_arrangement says.
	Article26Needed bool
}

// LifespanItem answers §4(f)'s lifespan and review.
type LifespanItem struct {
	Answer                 Answer
	Start, End, NextReview Date
	ReviewPassed           bool // the next review date is before the assessment date
}

// TextItem is an answer that a piece of text is written down.
type TextItem struct {
	Answer Answer
	Text   string
}

// ExitItem answers §4(f)'s exit strategy.
type ExitItem struct {
	Answer       Answer
	Strategy     string
	NoticeMonths int // withdrawal_notice_months; 0 when not given
}

// CommunicationsItem answers §4(g).
type CommunicationsItem struct {
	Answer            Answer
	Recorded          bool   // communications was given
	LeadName          string // the party named as communications lead; "" when none or unknown
	Branding          Branding
	LogoJustification string
}

// CountItem is an answer that something is recorded, with how many.
type CountItem struct {
	Answer Answer
	Count  int
}

// SelfAssessmentItem answers §5(b)'s annual self-assessment.
type SelfAssessmentItem struct {
	Answer Answer
	Latest *Review // the latest self-assessment; nil when none
}

// DutiesItem answers whether the statutory duties were considered, from
// evaluation.equality_analysis; RiskIDs are the risks that bear on them.
type DutiesItem struct {
	Answer           Answer
	EqualityAnalysis string   // "" when not recorded
	RiskIDs          []string // equality, safeguarding and health and safety risks
}

// ProcurementItem answers whether procurement was considered (§4(d)):
// the Procurement Act 2023 may apply where the council procures or pays
// money to partners.
type ProcurementItem struct {
	Answer          Answer
	CouncilProcures bool  // arrangement.council_procures_service or a contract for services
	Grant           bool  // the instrument is a grant agreement
	CashToPartners  int64 // pence: the council's cash where another party leads or holds the funds
	PooledCash      int64 // pence: every party's cash, where the council leads or hosts and so holds it
}

// ConstitutionItem answers whether the decision is within the council's
// Constitution, Budget and Policy Framework and Financial Procedure Rules
// (§4(d), §5(b)).
type ConstitutionItem struct {
	Answer                 Answer
	BeyondConstitution     bool // needs_authority_beyond_constitution
	ResourcesOutsideBudget bool // the same test as Assessment.BudgetApprovalNeeded
}

// ServicePlanItem answers §4(b)'s "risks recorded with service plans",
// which the council ensures as the lead body.
type ServicePlanItem struct {
	Answer      Answer
	CouncilLead bool // council_role lead or host
	Role        CouncilRole
	InLife      int // risks recorded for the partnership's life
}

// DecisionItem answers whether the decision has been taken.
type DecisionItem struct {
	Answer Answer
	Status Status
}
