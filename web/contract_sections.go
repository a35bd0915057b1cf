package web

import "strings"

// contractSection is one short page of the partnership's form: the
// contract's top-level fields it holds, by their JSON names.
type contractSection struct {
	ID, Title string
	Fields    []string
}

// contractSections are the form's pages, in the task list's order. Every
// field of the contract is on exactly one page (a test checks it).
func contractSections() []contractSection {
	return []contractSection{
		{"about", "About the partnership", []string{"name", "purpose", "objectives", "service_area", "status", "dates"}},
		{"partners", "Partners", []string{"partners"}},
		{"significance", "Is it a partnership, and is it significant?", []string{"arrangement", "significance", "needs_authority_beyond_constitution", "resources_outside_budget"}},
		{"legal", "Legal footing", []string{"legal_instrument", "legal_power", "council_role", "mou"}},
		{"money", "Money and contributions", []string{"contributions"}},
		{"information-sharing", "Information sharing", []string{"information_sharing"}},
		{"communications", "Communications", []string{"communications"}},
		{"governance", "Governance", []string{"sponsoring_officer", "governance"}},
		{"representatives", "Representatives", []string{"representatives"}},
		{"targets", "Targets", []string{"targets"}},
		{"risks", "Risks and liability", []string{"risks", "liability_cap_pence"}},
		{"evaluation", "Evaluation", []string{"evaluation"}},
		{"review-exit", "Review and exit", []string{"exit", "reviews"}},
	}
}

// sectionByID is the section with id, and whether there is one.
func sectionByID(id string) (contractSection, bool) {
	for _, s := range contractSections() {
		if s.ID == id {
			return s, true
		}
	}
	return contractSection{}, false
}

// sectionOf is the section holding the field at a contract path
// ("partners[2].name" is on the partners page).
func sectionOf(path string) string {
	top := path
	if i := strings.IndexAny(top, ".["); i >= 0 {
		top = top[:i]
	}
	for _, s := range contractSections() {
		for _, f := range s.Fields {
			if f == top {
				return s.ID
			}
		}
	}
	return ""
}

// fieldLabels are the labels that the field's JSON name does not say well
// by itself.
var fieldLabels = map[string]string{
	"ref": "Reference", "service_area": "Service area (directorate)", "objectives": "Objectives (one a line)",
	"dates": "Dates", "next_review": "Next review", "is_lead": "Is this the lead partner?",
	"foi_public_authority": "Is it a public authority under the Freedom of Information Act 2000?",
	"registration_number":  "Registration number", "comms_contact": "Communications contact",
	"data_protection_contact": "Data protection contact", "shared_agreement_of_outcomes": "Do the partners share in agreeing the outcomes?",
	"shared_delivery": "Do the partners share in delivering them?", "council_procures_service": "Is the council buying a service from a provider?",
	"discussion_only": "Is it only a forum for discussion or benchmarking?", "policy_and_resources": "Does it develop policy and manage resources?",
	"statutory_impact":                    "Do those affect the council's ability to deliver statutory services or duties?",
	"strategic_priorities":                "Does it identify and deliver high-level strategic priorities for the county?",
	"corporate_outcome":                   "Does it help the council meet a service, directorate or corporate outcome?",
	"reputational_risk":                   "Without it, would the council risk significant reputational damage?",
	"override":                            "Does the evaluating officer decide otherwise?",
	"needs_authority_beyond_constitution": "Does it need authority beyond the Constitution or Scheme of Delegation?",
	"resources_outside_budget":            "Does it need new resources outside approved budgets?",
	"mou":                                 "Memorandum of understanding", "binding_clauses": "Binding clauses",
	"within_budget":       "Is it within an approved budget?",
	"information_sharing": "Information sharing", "required": "Is an Information Sharing Protocol needed?",
	"purposes": "Purposes (one a line)", "dpia": "Data protection impact assessment (DPIA)",
	"breach_notification_hours": "Hours to tell the other partners of a breach", "approval_turnaround_hours": "Hours to sign off a joint release",
	"spokespeople": "Spokespeople (one a line)", "represents_other_org": "Would they also represent another organisation?",
	"withdrawal_notice_months": "Months of notice to leave", "actions": "Actions (one a line)", "rag": "RAG rating",
	"sponsoring_officer": "Sponsoring officer", "likelihood": "Likelihood (1 to 5)", "impact": "Impact (1 to 5)",
	"financial_year": "Financial year", "id": "Short identifier",
	"responsibilities": "What this partner delivers (one a line)", "recognised_interest": "Recognised legitimate interest",
	"liability_cap_pence": "Cap on each partner's liability", "evaluation": "The evaluating officer's evidence",
	"alternatives_considered": "Alternatives considered", "legal_consulted_on": "When Legal was consulted",
	"equality_analysis": "Equality analysis", "insurance": "Insurance", "capacity": "The council's capacity to take part",
}

// pathLabels are the labels of fields whose name means different things in
// different places, by path with the list indexes left out.
var pathLabels = map[string]string{
	"partners[].lawful_basis":          "This partner's lawful basis for sharing (UK GDPR Article 6)",
	"information_sharing.lawful_basis": "The council's lawful basis for sharing (UK GDPR Article 6)",
	"contributions[].amount_pence":     "Amount",
}

// blankChoices say what leaving a select unchosen means, where it means
// more than "not chosen yet".
var blankChoices = map[string]string{
	"partners[].lawful_basis": "The council's basis (from the information sharing page)",
}

// itemNames name one item of a list ("Partner 2").
var itemNames = map[string]string{
	"partners": "Partner", "representatives": "Representative", "contributions": "Contribution", "risks": "Risk",
	"targets": "Target", "results": "Result", "data_items": "Data item", "reviews": "Review",
}

// fieldHints are the hints beside fields, by path with the list indexes
// left out; several quote the protocol.
var fieldHints = map[string]string{
	"name":                                    "The name the partners use for it, up to 200 characters",
	"purpose":                                 "What the partners will agree and then deliver together for the area's well-being (protocol section 3)",
	"dates.start":                             "For example, 27 3 2026",
	"dates.end":                               "Leave blank if it runs until ended under the exit clause. For example, 27 3 2030",
	"dates.next_review":                       "Every partnership is reviewed regularly (protocol section 4(f)). For example, 27 3 2027",
	"partners[].id":                           "Letters, numbers and hyphens, used to refer to the partner elsewhere in the form, for example nhs-trust",
	"partners[].name":                         "The organisation's full legal name, as it will be printed in the agreement",
	"significance.justification":              "Say why, especially when you decide otherwise than the criteria suggest: \"the system suggests; the evaluating officer decides\"",
	"legal_power":                             "The council's legal power to take part. \"The legal status and the council's legal power must be clear\" (protocol section 4(a))",
	"contributions[].partner":                 "The partner's short identifier, or council",
	"contributions[].financial_year":          "For example, 2026/27",
	"information_sharing.required":            "\"An Information Sharing Protocol normally\"; a waiver needs a reason (protocol section 4(e))",
	"communications.branding":                 "\"Partnership logos only in exceptional, justified cases\" (protocol section 4(g))",
	"communications.lead_partner":             "The partner's short identifier, or council",
	"representatives[].represents_other_org":  "They then need the Chief Executive's consent (officers) or the Leader's with the Chief Executive (councillors)",
	"exit.strategy":                           "\"Lifespan, regular review, succession and exit strategies\" (protocol section 4(f))",
	"targets[].results[].actual":              "Leave blank when there is no figure yet",
	"reviews[].financial_year":                "For example, 2026/27",
	"sponsoring_officer.name":                 "Every partnership has one sponsoring officer, usually a Head of Service (protocol section 4(a))",
	"partners[].responsibilities":             "Who is responsible for what (protocol section 4(a)), for example: Runs the Saturday youth sessions. Printed as a schedule of the agreement",
	"partners[].lawful_basis":                 "Only if this partner relies on a different basis from the council's. A company or charity cannot rely on public task; a public body cannot rely on legitimate or recognised legitimate interests for its own tasks",
	"partners[].recognised_interest":          recognisedInterestHint,
	"information_sharing.lawful_basis":        "The council's basis, and every partner's that does not give its own on the partners page",
	"information_sharing.recognised_interest": recognisedInterestHint,
	"contributions[].amount_pence":            moneyHint,
	"liability_cap_pence":                     "The most any one partner can be liable for under the agreement. " + moneyHint + ". Leave blank if the partners have not agreed a cap: the agreement then has no cap clause",
	"evaluation":                              "Evidence for the approval checklist (Annex 2) that the other pages do not give",
	"evaluation.alternatives_considered":      "Could an existing partnership do this, could the council consult others but keep the responsibility, or would a contract do? (protocol section 4)",
	"evaluation.legal_consulted_on":           "Legal must be involved in anything legally binding (protocol section 4(a)). For example, 27 3 2026",
	"evaluation.equality_analysis":            "How the partnership helps the council meet the public sector equality duty (Equality Act 2010 section 149), and where its equality impact assessment is",
	"evaluation.insurance":                    "The insurance each partner holds for the partnership's work, for example employers' liability and public liability",
	"evaluation.capacity":                     "Whether the council can contribute fully, in staff time, money and skills, for as long as the partnership lasts (protocol section 4(d))",
}

// recognisedInterestHint explains the conditions of Article 6(1)(ea).
const recognisedInterestHint = "Only with recognised legitimate interests, the basis for a voluntary or private partner disclosing to the council: " +
	"a public body's request, national security, emergencies, crime or safeguarding (Annex 1 to the UK GDPR)"

// moneyHint says how money is typed.
const moneyHint = "In pounds, for example 2500 or 2500.50"

// longTexts are the fields a paragraph is typed into.
var longTexts = map[string]bool{
	"purpose": true, "justification": true, "strategy": true, "succession": true, "description": true, "mitigation": true,
	"commentary": true, "address": true, "reporting": true, "waiver_reason": true, "consultation_coordination": true,
	"retention": true, "logo_justification": true, "legal_power": true, "outcome": true,
	"alternatives_considered": true, "equality_analysis": true, "insurance": true, "capacity": true,
}
