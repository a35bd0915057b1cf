package partnership

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// validPartnership is a small partnership that uses every part of the
// contract and passes validation; each test case breaks one thing in a copy.
func validPartnership() *Partnership {
	return &Partnership{
		Ref:               "PP-2026-014",
		Name:              "Northamptonshire Waste Partnership",
		Purpose:           "Agree and deliver the joint municipal waste strategy.\n\nReduce waste and raise recycling.",
		Objectives:        []string{"Raise the recycling rate to 50%", "Introduce weekly food waste collections"},
		ServiceArea:       "Place and Economy",
		Status:            StatusProposed,
		LegalInstrument:   LegalInstrumentBindingAgreement,
		LegalPower:        "Localism Act 2011, s1",
		CouncilRole:       CouncilRoleLead,
		Arrangement:       &Arrangement{SharedAgreementOfOutcomes: true, SharedDelivery: true},
		Significance:      &Significance{PolicyAndResources: true, StatutoryImpact: true, Justification: "Pooled fund"},
		Partners:          validPartners(),
		SponsoringOfficer: &SponsoringOfficer{Name: "Jo Evans", Post: "Head of Waste", Email: "jo.evans@example.gov.uk"},
		Representatives: []Representative{
			{Name: "Cllr Ann Smith", Kind: RepresentativeKindCouncillor, Role: RepresentativeRoleMember, RepresentsOtherOrg: true, Consent: ConsentLeaderWithChiefExecutive},
			{Name: "Sam Patel", Kind: RepresentativeKindOfficer, Role: RepresentativeRoleSubstitute, Post: "Waste Manager"},
		},
		Governance:         &Governance{Body: "Waste Partnership Board", Chair: "Cllr Ann Smith", Quorum: 3, VotingRule: VotingRuleConsensus, MeetingFrequency: "Quarterly"},
		Dates:              &Dates{Start: "2026-04-01", End: "2029-03-31", NextReview: "2027-03-31"},
		Contributions:      validContributions(),
		Risks:              []Risk{{ID: "R1", Description: "A partner withdraws its funding", Category: RiskCategoryFinancial, Phase: RiskPhaseInLife, Likelihood: 2, Impact: 4, Mitigation: "Six months' notice", Owner: "Board"}},
		Targets:            []Target{validTarget("T1"), validTarget("T2")},
		InformationSharing: validInformationSharing(),
		Communications:     &Communications{LeadPartner: CouncilID, ApprovalTurnaroundHours: 48, Spokespeople: []string{"Cllr Ann Smith"}, Branding: BrandingPartnerLogos},
		MoU:                &MoU{BindingClauses: []BindingClause{BindingClauseConfidentiality, BindingClauseGoverningLaw}},
		Exit:               &Exit{Strategy: "Assets return to their owners.", Succession: "A successor board.", WithdrawalNoticeMonths: 6},
		Reviews:            []Review{{FinancialYear: "2026/27", Type: ReviewTypeSelfAssessment, CompletedOn: "2027-03-01", Assessor: "Sam Patel", Overall: OverallReasonable, Recommendation: RecommendationContinue, Actions: []string{"Refresh the risk register"}}},
	}
}

func validPartners() []Partner {
	return []Partner{
		{
			ID: "corby", Name: "Corby Borough Council", Type: PartnerTypeLocalAuthority, IsLead: true, FOIPublicAuthority: true,
			Address:               "Deene House, New Post Office Square, Corby NN17 1GD",
			Signatory:             &Signatory{Name: "Chris Jones", Title: "Chief Executive"},
			CommsContact:          &CommsContact{Name: "Lee Brown", Role: "Communications Manager", Email: "comms@corby.gov.uk", Phone: "01536 464000"},
			DataProtectionContact: &ContactPerson{Name: "Pat Green", Email: "dpo@corby.gov.uk"},
		},
		{ID: "police", Name: "Northamptonshire Police", Type: PartnerTypePolice},
	}
}

func validContributions() []Contribution {
	return []Contribution{
		{Partner: CouncilID, FinancialYear: "2026/27", Type: ContributionTypeCash, AmountPence: 25_000_000, WithinBudget: true},
		{Partner: "corby", FinancialYear: "2026/27", Type: ContributionTypeStaff, AmountPence: 0, Description: "A project officer"},
	}
}

func validTarget(id string) Target {
	return Target{
		ID: id, Outcome: "More household waste recycled", Indicator: "Recycling rate", Unit: "%",
		Polarity: PolarityHigherIsBetter, Baseline: 43.8, Target: 50,
		Results: []TargetResult{
			{FinancialYear: "2026/27", Actual: new(45.1), RAG: RAGAmber},
			{FinancialYear: "2027/28", RAG: RAGNoData},
		},
	}
}

func validInformationSharing() *InformationSharing {
	return &InformationSharing{
		Required: true, ControllerRelationship: ControllerRelationshipSeparateControllers,
		Purposes:    []string{"Fly-tipping enforcement"},
		DataItems:   []DataItem{{Item: "Vehicle registrations", Category: DataCategoryCriminalOffence, SourcePartner: "police"}},
		LawfulBasis: LawfulBasisPublicTask, DPIA: &DPIA{CompletedOn: "2026-03-01", Outcome: "Low residual risk"},
		BreachNotificationHours: 24,
	}
}

// want is an expected problem: its path, and text its message contains.
type want struct{ path, message string }

func TestValidate(t *testing.T) {
	welsh200 := strings.Repeat("ŵ", 100) + strings.Repeat("y", 100)
	tests := []struct {
		name   string
		mutate func(p *Partnership)
		want   []want
	}{
		{"valid", func(p *Partnership) {}, nil},
		{"only name and purpose", func(p *Partnership) { *p = Partnership{Name: "N", Purpose: "P"} }, nil},
		{"empty", func(p *Partnership) { *p = Partnership{} }, []want{
			{"name", "Enter the partnership's name"}, {"purpose", "Enter the partnership's purpose"}}},
		{"missing required fields are all reported, in document order", func(p *Partnership) {
			p.Reviews[0].Type = ""
			p.Name = ""
			p.Risks[0].Category = ""
			p.Purpose = " \n "
			p.Partners[1].Name = ""
			p.Partners[1].Type = ""
			p.Representatives[0].Kind = ""
			p.Targets[1].Results[0].RAG = ""
			p.InformationSharing.DataItems[0].Category = ""
		}, []want{
			{"name", "Enter the partnership's name"},
			{"purpose", "Enter the partnership's purpose"},
			{"partners[1].name", "Enter the partner's name"},
			{"partners[1].type", "Choose the partner's type: one of local_authority, nhs_body,"},
			{"representatives[0].kind", "one of councillor, officer"},
			{"risks[0].category", "Choose the risk's category"},
			{"targets[1].results[0].rag", "Choose a RAG rating"},
			{"information_sharing.data_items[0].category", "one of personal, special_category, criminal_offence"},
			{"reviews[0].type", "Choose the type of review"},
		}},

		{"name of 200 characters", func(p *Partnership) { p.Name = strings.Repeat("a", 200) }, nil},
		{"name of 201 characters", func(p *Partnership) { p.Name = strings.Repeat("a", 201) }, []want{
			{"name", "Must be 200 characters or fewer (it is 201)"}}},
		{"Welsh name of 200 characters and 300 bytes", func(p *Partnership) { p.Name = welsh200 }, nil},
		{"Welsh name of 201 characters", func(p *Partnership) { p.Name = welsh200 + "ŷ" }, []want{
			{"name", "Must be 200 characters or fewer (it is 201)"}}},
		{"partner name longer than 200 characters", func(p *Partnership) { p.Partners[0].Name = strings.Repeat("a", 201) }, nil},
		{"text of 20,000 characters", func(p *Partnership) { p.Purpose = strings.Repeat("ŵ", 20_000) }, nil},
		{"text of 20,001 characters", func(p *Partnership) { p.Exit.Strategy = strings.Repeat("a", 20_001) }, []want{
			{"exit.strategy", "Must be 20,000 characters or fewer (it is 20,001)"}}},
		{"text over the limit in a list", func(p *Partnership) { p.Reviews[0].Actions[0] = strings.Repeat("a", 20_001) }, []want{
			{"reviews[0].actions[0]", "(it is 20,001)"}}},

		{"bell in a partner's name", func(p *Partnership) { p.Partners[1].Name = "Northants\aPolice" }, []want{
			{"partners[1].name", "Contains a control character (U+0007) at character 10"}}},
		{"NUL in the purpose", func(p *Partnership) { p.Purpose = "x\x00" }, []want{{"purpose", "U+0000"}}},
		{"DEL in an objective", func(p *Partnership) { p.Objectives[1] = "a\x7f" }, []want{{"objectives[1]", "U+007F"}}},
		{"C1 control in a post", func(p *Partnership) { p.SponsoringOfficer.Post = "Head\u0085of Waste" }, []want{
			{"sponsoring_officer.post", "U+0085"}}},
		{"escape in a nested contact", func(p *Partnership) { p.Partners[0].CommsContact.Phone = "01536\x1b[31m" }, []want{
			{"partners[0].comms_contact.phone", "U+001B"}}},
		{"U+FFFE in a partner's name", func(p *Partnership) { p.Partners[1].Name = "Northants\uFFFEPolice" }, []want{
			{"partners[1].name", "Contains the noncharacter U+FFFE at character 10"}}},
		{"U+FFFF in a review action", func(p *Partnership) { p.Reviews[0].Actions[0] = "\uFFFF" }, []want{
			{"reviews[0].actions[0]", "noncharacter U+FFFF at character 1"}}},
		{"U+FFFF in a nested contact", func(p *Partnership) { p.Partners[0].CommsContact.Role = "Press \uFFFF" }, []want{
			{"partners[0].comms_contact.role", "U+FFFF"}}},
		{"other noncharacters are text the contract allows", func(p *Partnership) { p.Purpose = "a\uFDD0b\U0001FFFEc\uFFFD" }, nil},
		{"tabs and line breaks in long text", func(p *Partnership) { p.Purpose = "One\tTwo\r\nThree\n" }, nil},
		{"line break in a name", func(p *Partnership) { p.Partners[0].Name = "Corby\nCouncil" }, []want{
			{"partners[0].name", "Must be on one line"}}},
		{"bytes that are not UTF-8", func(p *Partnership) { p.Governance.Chair = "Cllr \xff" }, []want{
			{"governance.chair", "not UTF-8"}}},

		{"invalid voting rule", func(p *Partnership) { p.Governance.VotingRule = "majority" }, []want{
			{"governance.voting_rule", "Must be one of: consensus, simple_majority, unanimity"}}},
		{"invalid status", func(p *Partnership) { p.Status = "open" }, []want{{"status", "Must be one of: proposed, evaluating,"}}},
		{"invalid optional enumerations in items", func(p *Partnership) {
			p.Targets[0].Polarity = "up"
			p.Reviews[0].Recommendation = "stop"
			p.Partners[1].Type = "charity"
		}, []want{
			{"partners[1].type", "Must be one of: local_authority"},
			{"targets[0].polarity", "Must be one of: higher_is_better, lower_is_better"},
			{"reviews[0].recommendation", "Must be one of: continue,"},
		}},
		{"invalid and empty binding clauses", func(p *Partnership) {
			p.MoU.BindingClauses = []BindingClause{"secrecy", "", BindingClauseConfidentiality, BindingClauseConfidentiality}
		}, []want{
			{"mou.binding_clauses[0]", "Must be one of: confidentiality,"},
			{"mou.binding_clauses[1]", "Is empty"},
			{"mou.binding_clauses[3]", "Is listed more than once"},
		}},
		{"empty objective", func(p *Partnership) { p.Objectives = append(p.Objectives, " ") }, []want{
			{"objectives[2]", "Is empty; enter a value or remove it from the list"}}},

		{"30 February", func(p *Partnership) { p.Dates.Start = "2026-02-30" }, []want{
			{"dates.start", `"2026-02-30" is not a real date; use YYYY-MM-DD`}}},
		{"UK-style date", func(p *Partnership) { p.InformationSharing.DPIA.CompletedOn = "01/03/2026" }, []want{
			{"information_sharing.dpia.completed_on", `"01/03/2026" is not a real date`}}},
		{"end before start", func(p *Partnership) { p.Dates.End = "2026-03-31" }, []want{
			{"dates.end", "Must not be before the start date (2026-04-01)"}}},
		{"end on the start date", func(p *Partnership) { p.Dates.End = p.Dates.Start }, nil},
		{"no end date", func(p *Partnership) { p.Dates.End = "" }, nil},
		{"financial years", func(p *Partnership) {
			p.Contributions[0].FinancialYear = "2026/28"
			p.Contributions[1].FinancialYear = ""
			p.Reviews[0].FinancialYear = "2026-27"
		}, []want{
			{"contributions[0].financial_year", `"2026/28" is not a financial year; use the form 2026/27`},
			{"contributions[1].financial_year", "Enter the financial year, like 2026/27"},
			{"reviews[0].financial_year", `"2026-27" is not a financial year`},
		}},

		{"negative pence", func(p *Partnership) { p.Contributions[1].AmountPence = -1 }, []want{
			{"contributions[1].amount_pence", "Must be 0 or more (it is -1)"}}},
		{"likelihood and impact out of range", func(p *Partnership) { p.Risks[0].Likelihood, p.Risks[0].Impact = 0, 6 }, []want{
			{"risks[0].likelihood", "Must be from 1 to 5 (it is 0)"}, {"risks[0].impact", "Must be from 1 to 5 (it is 6)"}}},
		{"negative quorum", func(p *Partnership) { p.Governance.Quorum = -1 }, []want{
			{"governance.quorum", "Must be 0 or more (it is -1)"}}},
		{"hours and months out of range", func(p *Partnership) {
			p.InformationSharing.BreachNotificationHours = 8761
			p.Communications.ApprovalTurnaroundHours = -1
			p.Exit.WithdrawalNoticeMonths = 121
		}, []want{
			{"information_sharing.breach_notification_hours", "Must be from 0 to 8,760 (it is 8761)"},
			{"communications.approval_turnaround_hours", "Must be from 0 to 720 (it is -1)"},
			{"exit.withdrawal_notice_months", "Must be from 0 to 120 (it is 121)"},
		}},
		{"a recognised interest without recognised legitimate interests, and a cap of nothing", func(p *Partnership) {
			p.InformationSharing.RecognisedInterest = RecognisedInterestCrime
			p.Partners[0].RecognisedInterest = RecognisedInterestSafeguarding
			p.Partners[1].LawfulBasis, p.Partners[1].RecognisedInterest = LawfulBasisRecognisedLegitimateInterests, "harm"
			zero := int64(0)
			p.LiabilityCapPence = &zero
		}, []want{
			{"partners[0].recognised_interest", "Give a recognised interest only with the lawful basis recognised_legitimate_interests (this partner's own or, without one, information_sharing.lawful_basis)"},
			{"partners[1].recognised_interest", "Must be one of: public_body_request, national_security, emergencies, crime, safeguarding"},
			{"information_sharing.recognised_interest", "Give a recognised interest only with the lawful basis recognised_legitimate_interests"},
			{"liability_cap_pence", "Enter the cap in pence, more than 0, or leave the field out when no cap is agreed"},
		}},
		{"each party its own basis and interest", func(p *Partnership) {
			p.Partners[0].LawfulBasis, p.Partners[0].RecognisedInterest = LawfulBasisRecognisedLegitimateInterests, RecognisedInterestSafeguarding
			p.Partners[0].Responsibilities = []string{"Runs the helpline"}
			capPence := int64(100_000_00)
			p.LiabilityCapPence = &capPence
			p.Evaluation = &Evaluation{AlternativesConsidered: "A contract", LegalConsultedOn: "2026-05-01"}
		}, nil},
		{"hours and months at their limits", func(p *Partnership) {
			p.InformationSharing.BreachNotificationHours = 8760
			p.Communications.ApprovalTurnaroundHours = 720
			p.Exit.WithdrawalNoticeMonths = 120
		}, nil},

		{"dangling partner references", func(p *Partnership) {
			p.Contributions[0].Partner = "nobody"
			p.Contributions[1].Partner = ""
			p.InformationSharing.DataItems[0].SourcePartner = "fire"
			p.Communications.LeadPartner = "Council"
		}, []want{
			{"contributions[0].partner", `"nobody" is not the id of any partner; use a partner's id, or "council" for the council`},
			{"contributions[1].partner", `Enter a partner's id, or "council" for the council`},
			{"information_sharing.data_items[0].source_partner", `"fire" is not the id of any partner`},
			{"communications.lead_partner", `"Council" is not the id of any partner`},
		}},
		{"duplicate and missing ids", func(p *Partnership) {
			p.Partners = append(p.Partners, Partner{ID: "corby", Name: "Corby again", Type: PartnerTypeOther}, Partner{Name: "No id", Type: PartnerTypeOther})
			p.Risks = append(p.Risks, p.Risks[0])
			p.Targets[1].ID = "T1"
		}, []want{
			{"partners[2].id", `"corby" is already the id of partners[0]; give each partner its own id`},
			{"partners[3].id", "Enter an id for this partner"},
			{"risks[1].id", `"R1" is already the id of risks[0]`},
			{"targets[1].id", `"T1" is already the id of targets[0]`},
		}},
		{"partner called council", func(p *Partnership) { p.Partners[1].ID = "Council" }, []want{
			{"partners[1].id", `"Council" cannot be a partner's id: it means the council itself`},
			{"information_sharing.data_items[0].source_partner", `"police" is not the id of any partner`},
		}},
		{"two lead partners", func(p *Partnership) { p.Partners[1].IsLead = true }, []want{
			{"partners[1].is_lead", "Only one partner can be the lead, and partners[0] already is"}}},
		{"a result year given twice", func(p *Partnership) { p.Targets[1].Results[1].FinancialYear = "2026/27" }, []want{
			{"targets[1].results[1].financial_year", "2026/27 already has a result in targets[1].results[0]"}}},

		{"bad email addresses", func(p *Partnership) {
			p.Partners[0].CommsContact.Email = "comms at corby.gov.uk"
			p.Partners[0].DataProtectionContact.Email = "dpo@corby"
			p.SponsoringOfficer.Email = "Jo <jo@example.gov.uk>"
		}, []want{
			{"partners[0].comms_contact.email", "Enter an email address in the correct format"},
			{"partners[0].data_protection_contact.email", "Enter an email address"},
			{"sponsoring_officer.email", "Enter an email address"},
		}},
		{"refs", func(p *Partnership) { p.Ref = "PP 2026/014" }, []want{
			{"ref", "Must be 40 characters or fewer, using only letters, digits, hyphens (-) and slashes (/)"}}},
		{"ref of 41 characters", func(p *Partnership) { p.Ref = strings.Repeat("A", 41) }, []want{{"ref", "40 characters"}}},
		{"ref with slashes", func(p *Partnership) { p.Ref = "NCC/PP-2026/014" }, nil},
		{"unnamed people", func(p *Partnership) {
			p.Partners[0].Signatory.Name = ""
			p.Partners[0].CommsContact.Name = ""
			p.Partners[0].DataProtectionContact.Name = ""
			p.SponsoringOfficer.Name = ""
			p.Representatives[1].Name = ""
		}, []want{
			{"partners[0].signatory.name", "Enter the name of the person who signs for this partner"},
			{"partners[0].comms_contact.name", "Enter the communications contact's name"},
			{"partners[0].data_protection_contact.name", "Enter the data protection contact's name"},
			{"sponsoring_officer.name", "Enter the sponsoring officer's name"},
			{"representatives[1].name", "Enter the representative's name"},
		}},
		{"consent that does not fit the kind", func(p *Partnership) {
			p.Representatives[0].Consent = ConsentChiefExecutive
			p.Representatives[1].Consent = ConsentLeaderWithChiefExecutive
		}, []want{
			{"representatives[0].consent", "A councillor's consent comes from the Leader with the Chief Executive: use leader_with_chief_executive"},
			{"representatives[1].consent", "An officer's consent comes from the Chief Executive: use chief_executive"},
		}},
		{"override without a reason", func(p *Partnership) {
			p.Significance.Override = OverrideNotSignificant
			p.Significance.Justification = ""
		}, []want{{"significance.justification", "Give the reason for overriding the significance criteria"}}},
		{"partnership logo without justification is not a validation problem", func(p *Partnership) {
			p.Communications.Branding = BrandingPartnershipLogo
		}, nil},

		{"200 partners", func(p *Partnership) { p.Partners = manyPartners(200) }, nil},
		{"201 partners", func(p *Partnership) { p.Partners = manyPartners(201) }, []want{
			{"partners", "Must have 200 partners or fewer (it has 201)"}}},
		{"items beyond the limit are not checked", func(p *Partnership) {
			p.Partners = manyPartners(202)
			p.Partners[199].Name = ""
			p.Partners[200].Name = ""
		}, []want{
			{"partners", "Must have 200 partners or fewer (it has 202); only the first 200 are checked"},
			{"partners[199].name", "Enter the partner's name"},
		}},
		{"501 risks", func(p *Partnership) {
			for i := range 500 {
				p.Risks = append(p.Risks, Risk{ID: fmt.Sprint(i), Description: "d", Category: RiskCategoryLegal, Phase: RiskPhasePreEntry, Likelihood: 1, Impact: 1})
			}
		}, []want{{"risks", "Must have 500 risks or fewer (it has 501)"}}},
		{"51 results for a target", func(p *Partnership) {
			for i := range 49 {
				p.Targets[0].Results = append(p.Targets[0].Results, TargetResult{FinancialYear: FinancialYear(fmt.Sprintf("%d/%02d", 2030+i, (31+i)%100)), RAG: RAGGreen})
			}
		}, []want{{"targets[0].results", "Must have 50 results or fewer (it has 51)"}}},
		{"501 objectives", func(p *Partnership) { p.Objectives = slices.Repeat([]string{"o"}, 501) }, []want{
			{"objectives", "Must have 500 items or fewer (it has 501)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPartnership()
			tt.mutate(p)
			checkProblems(t, Validate(p), tt.want)
		})
	}
}

func manyPartners(n int) []Partner {
	partners := validPartners()
	for i := len(partners); i < n; i++ {
		partners = append(partners, Partner{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("Parish %d", i), Type: PartnerTypeParishCouncil})
	}
	return partners
}

func checkProblems(t *testing.T, got []Problem, wants []want) {
	t.Helper()
	ok := len(got) == len(wants)
	for i := 0; ok && i < len(got); i++ {
		ok = got[i].Path == wants[i].path && strings.Contains(got[i].Message, wants[i].message)
	}
	if !ok {
		t.Errorf("problems:\n%s\nwant:\n%s", formatProblems(got), formatWants(wants))
	}
}

func formatProblems(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "  %s: %s\n", p.Path, p.Message)
	}
	return b.String()
}

func formatWants(wants []want) string {
	var b strings.Builder
	for _, w := range wants {
		fmt.Fprintf(&b, "  %s: …%s…\n", w.path, w.message)
	}
	return b.String()
}

func TestValidateNil(t *testing.T) {
	if got := Validate(nil); len(got) != 1 {
		t.Errorf("Validate(nil) = %v, want one problem", got)
	}
	if ValidationError(nil) != nil {
		t.Error("ValidationError(nil) is not nil")
	}
}

func TestValidateEmptyObjects(t *testing.T) {
	p := &Partnership{Name: "N", Purpose: "P", Arrangement: &Arrangement{}, Significance: &Significance{},
		Governance: &Governance{}, Dates: &Dates{}, InformationSharing: &InformationSharing{DPIA: &DPIA{}},
		Communications: &Communications{}, MoU: &MoU{}, Exit: &Exit{},
		Partners: []Partner{{ID: "a", Name: "A", Type: PartnerTypeOther, Signatory: &Signatory{Name: "S"}}}}
	checkProblems(t, Validate(p), nil)
}

// Every named string type in the contract other than Date and FinancialYear
// is an enumeration that Validate knows the values of.
func TestEveryEnumerationIsChecked(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var visit func(reflect.Type)
	visit = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice:
			visit(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				visit(t.Field(i).Type)
			}
		}
	}
	visit(reflect.TypeFor[Partnership]())
	for typ := range seen {
		if typ.Kind() != reflect.String || typ == reflect.TypeFor[string]() || typ == reflect.TypeFor[Date]() || typ == reflect.TypeFor[FinancialYear]() {
			continue
		}
		values := enumerations[typ]
		if len(values) == 0 {
			t.Errorf("enumerations does not know %v", typ)
		}
		for _, v := range values {
			valid := reflect.ValueOf(v).Convert(typ).MethodByName("Valid").Call(nil)[0].Bool()
			if !valid {
				t.Errorf("%v(%q).Valid() is false", typ, v)
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	p := validPartnership()
	p.Name = "  Bras\u0326ov Partnership \n"
	p.Purpose = "\n  Cymdeithas Gymraeg: ŵ written w\u0302.\n"
	p.Partners[0].Name = "Asocia\u0163ia Rom\u00e2n\u0103 din Bras\u0326ov"
	p.Partners[0].CommsContact.Email = " comms@corby.gov.uk "
	p.Objectives[0] = "  s\u0326  "
	p.Communications.Spokespeople[0] = " Cllr Ann Smith "
	p.Contributions[0].Type = " cash "
	p.Dates.Start = " 2026-04-01"
	Normalize(p)
	checks := []struct{ got, want string }{
		{p.Name, "Brașov Partnership"},
		{p.Purpose, "\n  Cymdeithas Gymraeg: ŵ written ŵ.\n"},
		{p.Partners[0].Name, "Asociaţia Română din Brașov"},
		{p.Partners[0].CommsContact.Email, "comms@corby.gov.uk"},
		{p.Objectives[0], "  ș  "},
		{p.Communications.Spokespeople[0], "Cllr Ann Smith"},
		{string(p.Contributions[0].Type), "cash"},
		{string(p.Dates.Start), "2026-04-01"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %+q, want %+q", c.got, c.want)
		}
	}
	Normalize(nil)
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20_000: "20,000", 1_234_567: "1,234,567", -8760: "-8,760", -100: "-100"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestScanText checks the one pass Validate makes over each text: bytes
// that are not UTF-8 are found but the replacement character itself is
// text, and positions count characters, not bytes.
func TestScanText(t *testing.T) {
	tests := []struct {
		s    string
		want textScan
	}{
		{"plain words", textScan{chars: 11}},
		{"caf\u00e9 \uFFFD", textScan{chars: 6}},
		{"caf\xe9", textScan{chars: 4, invalid: true}},
		{"tab\tline\nreturn\r", textScan{chars: 16}},
		{"\u00e9\u00e9\x07\x1b", textScan{chars: 4, controlAt: 3, control: 0x07}},
		{"\u20ac\u0085", textScan{chars: 2, controlAt: 2, control: 0x85}},
		{"\u00e9\U0001F600\uFFFF\uFFFE", textScan{chars: 4, noncharAt: 3, nonchar: 0xFFFF}},
		{"\x7f", textScan{chars: 1, controlAt: 1, control: 0x7f}},
	}
	for _, tt := range tests {
		if got := scanText(tt.s); got != tt.want {
			t.Errorf("scanText(%q) = %+v, want %+v", tt.s, got, tt.want)
		}
	}
}
