package partnership

// Assessment is the protocol's answer to "what does the Partnership Protocol
// say about this proposal?". The system suggests; the evaluating officer
// decides, and an override of significance needs a recorded justification.
type Assessment struct {
	Classification Classification `json:"classification"`
	Reason         string         `json:"reason"` // why, citing §3
	// Significant is the outcome after any override; SuggestedSignificant
	// is what the §3(a) criteria alone say.
	Significant          bool            `json:"significant"`
	SuggestedSignificant bool            `json:"suggested_significant"`
	Overridden           bool            `json:"overridden"`
	CriteriaMet          []Criterion     `json:"criteria_met"`
	Borderline           []Borderline    `json:"borderline"`
	ApprovalRoute        ApprovalRoute   `json:"approval_route"`
	Approver             string          `json:"approver"` // in words, from the council profile
	ReportToCouncil      bool            `json:"report_to_council"`
	BudgetApprovalNeeded bool            `json:"budget_approval_needed"`
	ConsentsNeeded       []ConsentNeeded `json:"consents_needed"`
	Findings             []Finding       `json:"findings"`
	// Compliance is the six compliance flags (ComplianceOf) when the
	// assessment was made; nil on an assessment stored before they were
	// part of it.
	Compliance *Compliance `json:"compliance,omitempty"`
	// Checklist is the answer to every item of the Annex 2 checklist, in
	// its order (ChecklistOf gives the facts behind each); nil on an
	// assessment stored before the answers were part of it.
	Checklist []ChecklistAnswer `json:"checklist,omitempty"`
}

// Classification is what §3 makes of an arrangement.
type Classification string

// Classifications.
const (
	ClassPartnership      Classification = "partnership"
	ClassExcludedContract Classification = "excluded_contract"
	ClassExcludedForum    Classification = "excluded_forum"
	ClassExcludedHybrid   Classification = "excluded_hybrid"
	ClassUndetermined     Classification = "undetermined"
)

// ClassificationValues lists every Classification.
var ClassificationValues = []Classification{ClassPartnership, ClassExcludedContract, ClassExcludedForum, ClassExcludedHybrid, ClassUndetermined}

// Excluded reports whether §3 excludes the arrangement from being a
// partnership: a contract for services, a forum or a hybrid. It is still
// recorded in the register, with the reason.
func (v Classification) Excluded() bool {
	return v == ClassExcludedContract || v == ClassExcludedForum || v == ClassExcludedHybrid
}

// Criterion is one of the three §3(a) tests of significance.
type Criterion string

// The §3(a) criteria.
const (
	CriterionPolicyAndResources  Criterion = "policy_and_resources" // (1) policy and resources affecting statutory services
	CriterionStrategicPriorities Criterion = "strategic_priorities" // (2) high-level strategic priorities for the county
	CriterionCorporateOutcome    Criterion = "corporate_outcome"    // (3) an outcome, and reputational risk without it
)

// CriterionValues lists the criteria in the protocol's order.
var CriterionValues = []Criterion{CriterionPolicyAndResources, CriterionStrategicPriorities, CriterionCorporateOutcome}

// Borderline says that only one half of a two-part criterion is met.
type Borderline struct {
	Criterion Criterion `json:"criterion"`
	Message   string    `json:"message"`
}

// ApprovalRoute is who approves entry (§5(b)).
type ApprovalRoute string

// Approval routes.
const (
	RouteCMT       ApprovalRoute = "cmt"       // significant: the Corporate Management Team
	RouteDelegated ApprovalRoute = "delegated" // the Assistant Chief Executive or a Director
	RouteNone      ApprovalRoute = "none"      // not a partnership, so no approval under the protocol
)

// ApprovalRouteValues lists every ApprovalRoute.
var ApprovalRouteValues = []ApprovalRoute{RouteCMT, RouteDelegated, RouteNone}

// ConsentNeeded names a representative who would also represent another
// organisation and whose consent the protocol requires.
type ConsentNeeded struct {
	Representative string  `json:"representative"`
	Field          string  `json:"field"` // e.g. "representatives[2]"
	Consent        Consent `json:"consent"`
	Given          bool    `json:"given"`
}

// Severity ranks a finding.
type Severity string

// Severities, most serious first.
const (
	SeverityBlocker Severity = "blocker"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// SeverityValues lists the severities, most serious first.
var SeverityValues = []Severity{SeverityBlocker, SeverityWarning, SeverityInfo}

// Finding is one thing the protocol asks for that the proposal lacks or
// gets wrong.
type Finding struct {
	Code     string   `json:"code"` // stable, e.g. "no_sponsoring_officer"
	Severity Severity `json:"severity"`
	Section  string   `json:"section"` // the protocol's section, e.g. "4(e)"
	Message  string   `json:"message"`
	Field    string   `json:"field,omitempty"` // JSON path, when one field is at fault
}
