package partnership_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// assessDate is the date the scenarios are assessed on: in financial year
// 2026/27, after the base partnership's 2025/26 self-assessment.
var assessDate = time.Date(2026, time.October, 1, 9, 30, 0, 0, time.UTC)

// cleanPartnership is a complete partnership that satisfies every rule: the
// county council leading the districts on a county-wide economic growth
// strategy, significant under criterion 2. Each scenario starts from a fresh
// copy and changes what it is about, so the findings it expects are exactly
// the findings it gets.
func cleanPartnership() *partnership.Partnership {
	return &partnership.Partnership{
		Ref:             "PP-2026-020",
		Name:            "Northamptonshire Growth Partnership",
		Purpose:         "The county and district councils agree and deliver the county's economic growth strategy together.",
		Objectives:      []string{"Agree the county growth strategy", "Deliver the joint business support programme"},
		ServiceArea:     "Place and Economy",
		Status:          partnership.StatusActive,
		LegalInstrument: partnership.LegalInstrumentBindingAgreement,
		LegalPower:      "Localism Act 2011, s1; Local Government Act 1972, s111",
		CouncilRole:     partnership.CouncilRoleLead,
		Arrangement:     &partnership.Arrangement{SharedAgreementOfOutcomes: true, SharedDelivery: true},
		Significance: &partnership.Significance{StrategicPriorities: true,
			Justification: "Delivers the county growth strategy, a county-wide strategic priority."},
		Partners: []partnership.Partner{
			cleanPartner("kettering", "Kettering Borough Council"),
			cleanPartner("corby", "Corby Borough Council"),
		},
		SponsoringOfficer: &partnership.SponsoringOfficer{Name: "Alex Moore", Post: "Head of Economic Growth", Email: "amoore@example.gov.uk"},
		Representatives: []partnership.Representative{
			{Name: "Cllr Jane Ellis", Kind: partnership.RepresentativeKindCouncillor, Role: partnership.RepresentativeRoleMember},
			{Name: "Alex Moore", Kind: partnership.RepresentativeKindOfficer, Role: partnership.RepresentativeRoleMember},
			{Name: "Priya Shah", Kind: partnership.RepresentativeKindOfficer, Role: partnership.RepresentativeRoleSubstitute},
		},
		Governance: &partnership.Governance{Body: "Growth Board", Chair: "Leader of the County Council", Quorum: 3,
			VotingRule: partnership.VotingRuleConsensus, MeetingFrequency: "Quarterly"},
		Dates: &partnership.Dates{Start: "2025-04-01", End: "2029-03-31", NextReview: "2027-03-31"},
		Contributions: []partnership.Contribution{
			{Partner: partnership.CouncilID, FinancialYear: "2026/27", Type: partnership.ContributionTypeCash, AmountPence: 5_000_000, WithinBudget: true},
			{Partner: "kettering", FinancialYear: "2026/27", Type: partnership.ContributionTypeStaff, AmountPence: 1_500_000, WithinBudget: true},
		},
		Risks: []partnership.Risk{
			{ID: "R1", Description: "A partner withdraws its funding", Category: partnership.RiskCategoryFinancial,
				Phase: partnership.RiskPhasePreEntry, Likelihood: 2, Impact: 3, Mitigation: "Two-year commitments before signature"},
			{ID: "R2", Description: "Business support is duplicated", Category: partnership.RiskCategoryOperational,
				Phase: partnership.RiskPhaseInLife, Likelihood: 3, Impact: 2, Mitigation: "One shared referral route"},
		},
		Targets: []partnership.Target{{ID: "T1", Outcome: "More businesses supported", Baseline: 100, Target: 150}},
		InformationSharing: &partnership.InformationSharing{
			Required:                true,
			ControllerRelationship:  partnership.ControllerRelationshipSeparateControllers,
			Purposes:                []string{"Referring businesses to support"},
			DataItems:               []partnership.DataItem{{Item: "Business contact name and email", Category: partnership.DataCategoryPersonal}},
			LawfulBasis:             partnership.LawfulBasisPublicTask,
			Retention:               "Two years after the last contact",
			BreachNotificationHours: 24,
		},
		Communications: &partnership.Communications{LeadPartner: partnership.CouncilID, ApprovalTurnaroundHours: 48,
			Branding: partnership.BrandingPartnerLogos},
		Exit: &partnership.Exit{Strategy: "Twelve months' notice at the end of a financial year.",
			Succession: "The strategy passes to the successor councils.", WithdrawalNoticeMonths: 12},
		Reviews: []partnership.Review{{FinancialYear: "2025/26", Type: partnership.ReviewTypeSelfAssessment,
			CompletedOn: "2026-05-20", Overall: partnership.OverallReasonable}},
	}
}

func cleanPartner(id, name string) partnership.Partner {
	return partnership.Partner{
		ID: id, Name: name, Type: partnership.PartnerTypeLocalAuthority, FOIPublicAuthority: true,
		CommsContact:          &partnership.CommsContact{Name: "Comms Lead, " + name},
		DataProtectionContact: &partnership.ContactPerson{Name: "DPO, " + name},
	}
}

func volunteer(id, name string) partnership.Partner {
	pt := cleanPartner(id, name)
	pt.Type, pt.FOIPublicAuthority = partnership.PartnerTypeVoluntarySector, false
	return pt
}

func company(id, name string) partnership.Partner {
	pt := volunteer(id, name)
	pt.Type = partnership.PartnerTypeCompany
	return pt
}

// scenario is one proposal and what the protocol makes of it.
type scenario struct {
	name  string
	edit  func(p *partnership.Partnership) // applied to cleanPartnership()
	class partnership.Classification
	route partnership.ApprovalRoute
	// significant and suggested are the outcome and the criteria's answer.
	significant, suggested, overridden bool
	criteria                           []partnership.Criterion
	borderline                         []partnership.Criterion
	reportToCouncil, budgetApproval    bool
	consents                           []partnership.ConsentNeeded
	// findings are exactly the findings expected, "code@field", in order.
	findings []string
	// says are words the reason or some finding's message must contain.
	says []string
}

func TestAssessScenarios(t *testing.T) {
	strategic := []partnership.Criterion{partnership.CriterionStrategicPriorities}
	none := []partnership.Criterion{}
	scenarios := []scenario{
		{
			name:  "a complete, clean significant partnership",
			edit:  func(p *partnership.Partnership) {},
			class: partnership.ClassPartnership, route: partnership.RouteCMT,
			significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "a complete partnership that meets no criterion is delegated",
			edit: func(p *partnership.Partnership) {
				p.Significance = &partnership.Significance{}
			},
			class: partnership.ClassPartnership, route: partnership.RouteDelegated, criteria: none,
			findings: []string{},
			says:     []string{"Under §3"},
		},
		{
			name: "meals on wheels: a contract for services dressed as a partnership",
			edit: func(p *partnership.Partnership) {
				p.Name = "Meals on Wheels Partnership"
				p.Arrangement.CouncilProcuresService = true // shared flags stay true: the dressing
				p.Exit, p.Risks, p.SponsoringOfficer = nil, nil, nil
			},
			class: partnership.ClassExcludedContract, route: partnership.RouteNone,
			suggested: true, criteria: strategic,
			findings: []string{"excluded_arrangement@arrangement.council_procures_service"},
			says:     []string{"contract for services", "even though the record also says the outcomes are agreed and delivered jointly", "register"},
		},
		{
			name: "a contract_for_services instrument is a contract whatever the arrangement says",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument = partnership.LegalInstrumentContractForServices
			},
			class: partnership.ClassExcludedContract, route: partnership.RouteNone,
			suggested: true, criteria: strategic,
			findings: []string{"excluded_arrangement@legal_instrument"},
		},
		{
			name: "a local authority benchmarking forum",
			edit: func(p *partnership.Partnership) {
				p.Name = "East Midlands Highways Benchmarking Group"
				p.LegalInstrument = partnership.LegalInstrumentForum
				p.LegalPower = ""
				p.Arrangement = &partnership.Arrangement{DiscussionOnly: true}
				p.Significance = &partnership.Significance{}
				p.Communications, p.InformationSharing = nil, nil
			},
			class: partnership.ClassExcludedForum, route: partnership.RouteNone, criteria: none,
			findings: []string{"excluded_arrangement@legal_instrument"},
			says:     []string{"forum", "Head of Policy"},
		},
		{
			name: "discussion only, under terms of reference, is still a forum",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument = partnership.LegalInstrumentTermsOfReference
				p.Arrangement = &partnership.Arrangement{SharedAgreementOfOutcomes: true, DiscussionOnly: true}
			},
			class: partnership.ClassExcludedForum, route: partnership.RouteNone, suggested: true, criteria: strategic,
			findings: []string{"excluded_arrangement@arrangement.discussion_only"},
			says:     []string{"even though the record also says the outcomes are agreed jointly"},
		},
		{
			name: "an s75 pooled budget with an unbudgeted council contribution",
			edit: func(p *partnership.Partnership) {
				p.Name = "Better Care Fund pooled budget"
				p.LegalInstrument = partnership.LegalInstrumentS75Agreement
				p.Arrangement.CouncilProcuresService = true // hybrid beats contract
				p.Contributions[0].WithinBudget = false
			},
			class: partnership.ClassExcludedHybrid, route: partnership.RouteNone,
			suggested: true, criteria: strategic, budgetApproval: true,
			findings: []string{"unbudgeted_contribution@contributions[0].within_budget", "excluded_arrangement@legal_instrument"},
			says:     []string{"section 75", "hybrid", "£50,000"},
		},
		{
			name: "police-led community safety partnership: significant, led by another body",
			edit: func(p *partnership.Partnership) {
				p.Name = "Safer Communities Partnership"
				p.LegalInstrument = partnership.LegalInstrumentTermsOfReference
				p.CouncilRole = partnership.CouncilRoleMember
				p.Partners[0] = cleanPartner("opfcc", "Office of the Police, Fire and Crime Commissioner")
				p.Partners[0].Type, p.Partners[0].IsLead = partnership.PartnerTypePolice, true
				p.Significance = &partnership.Significance{PolicyAndResources: true, StatutoryImpact: true}
				p.Communications.LeadPartner = "opfcc"
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT,
			significant: true, suggested: true, criteria: []partnership.Criterion{partnership.CriterionPolicyAndResources},
			findings: []string{},
		},
		{
			name: "a member with no lead partner named",
			edit: func(p *partnership.Partnership) {
				p.CouncilRole = partnership.CouncilRoleMember
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_lead_partner@partners"},
		},
		{
			name: "the council leads and a partner is marked lead too",
			edit: func(p *partnership.Partnership) {
				p.Partners[1].IsLead = true
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"lead_conflict@partners[1].is_lead"},
			says:     []string{"Corby Borough Council is also marked as the lead"},
		},
		{
			name: "a proposal committing money outside the budget",
			edit: func(p *partnership.Partnership) {
				p.Status = partnership.StatusProposed
				p.ResourcesOutsideBudget = true
				p.Contributions = append(p.Contributions, partnership.Contribution{Partner: partnership.CouncilID,
					FinancialYear: "2027/28", Type: partnership.ContributionTypeCash, AmountPence: 12_345_67, WithinBudget: false})
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			budgetApproval: true,
			findings:       []string{"resources_outside_budget@resources_outside_budget", "unbudgeted_contribution@contributions[2].within_budget"},
			says:           []string{"£12,345.67", "for 2027/28", "Corporate Management Team or the Head of Service"},
		},
		{
			name: "a partner's own unbudgeted contribution is the partner's business",
			edit: func(p *partnership.Partnership) {
				p.Contributions[1].WithinBudget = false
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "a proposal with no sponsoring officer",
			edit: func(p *partnership.Partnership) {
				p.Status = partnership.StatusProposed
				p.SponsoringOfficer = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_sponsoring_officer@sponsoring_officer"},
			says:     []string{"usually a Head of Service"},
		},
		{
			name: "a sponsoring officer with a blank name is no sponsoring officer",
			edit: func(p *partnership.Partnership) {
				p.SponsoringOfficer = &partnership.SponsoringOfficer{Name: "  ", Post: "Head of Service"}
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_sponsoring_officer@sponsoring_officer"},
		},
		{
			name: "a borderline corporate outcome without reputational risk",
			edit: func(p *partnership.Partnership) {
				p.Significance = &partnership.Significance{CorporateOutcome: true}
			},
			class: partnership.ClassPartnership, route: partnership.RouteDelegated, criteria: none,
			borderline: []partnership.Criterion{partnership.CriterionCorporateOutcome},
			findings:   []string{"significance_borderline@significance.reputational_risk"},
			says:       []string{"Criterion 3", "reputational damage", "Corporate Management Team"},
		},
		{
			name: "a borderline criterion 1 (statutory impact only)",
			edit: func(p *partnership.Partnership) {
				p.Significance = &partnership.Significance{StatutoryImpact: true}
			},
			class: partnership.ClassPartnership, route: partnership.RouteDelegated, criteria: none,
			borderline: []partnership.Criterion{partnership.CriterionPolicyAndResources},
			findings:   []string{"significance_borderline@significance.policy_and_resources"},
			says:       []string{"Criterion 1", "that it develops policy and manages resources"},
		},
		{
			name: "a borderline criterion is no warning when another criterion is met",
			edit: func(p *partnership.Partnership) {
				p.Significance.ReputationalRisk = true
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			borderline: []partnership.Criterion{partnership.CriterionCorporateOutcome},
			findings:   []string{},
		},
		{
			name: "an override to not significant with a justification",
			edit: func(p *partnership.Partnership) {
				p.Significance.Override = partnership.OverrideNotSignificant
				p.Significance.Justification = "The strategy is set by the combined authority; this group only delivers one strand."
			},
			class: partnership.ClassPartnership, route: partnership.RouteDelegated,
			suggested: true, overridden: true, criteria: strategic,
			findings: []string{"significance_override@significance.override"},
			says:     []string{"overriding the §3(a) criteria, which suggest it is significant"},
		},
		{
			name: "an override to significant settles a borderline case",
			edit: func(p *partnership.Partnership) {
				p.Significance = &partnership.Significance{CorporateOutcome: true, Override: partnership.OverrideSignificant,
					Justification: "Failure would damage the council's reputation with businesses."}
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, overridden: true, criteria: none,
			borderline: []partnership.Criterion{partnership.CriterionCorporateOutcome},
			findings:   []string{"significance_override@significance.override"},
		},
		{
			name: "an override without a justification is not applied",
			edit: func(p *partnership.Partnership) {
				p.Significance.Override = partnership.OverrideNotSignificant
				p.Significance.Justification = ""
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"override_without_justification@significance.justification"},
		},
		{
			name: "a binding agreement with no legal power",
			edit: func(p *partnership.Partnership) {
				p.LegalPower = " "
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"binding_without_legal_power@legal_power"},
			says:     []string{"Legal and Democratic Services must be involved"},
		},
		{
			name: "a joint committee with no legal power is binding too",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument, p.LegalPower = partnership.LegalInstrumentJointCommittee, ""
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"binding_without_legal_power@legal_power"},
		},
		{
			name: "terms of reference with no legal power is a warning",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument, p.LegalPower = partnership.LegalInstrumentTermsOfReference, ""
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_legal_power@legal_power"},
		},
		{
			name: "a partly binding MoU that lists no binding clauses",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument = partnership.LegalInstrumentMouPartBinding
				p.MoU = &partnership.MoU{}
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"mou_part_binding_without_clauses@mou.binding_clauses"},
		},
		{
			name: "a partnership logo without justification",
			edit: func(p *partnership.Partnership) {
				p.Communications.Branding = partnership.BrandingPartnershipLogo
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"partnership_logo_unjustified@communications.logo_justification"},
			says:     []string{"exceptional"},
		},
		{
			name: "a justified partnership logo",
			edit: func(p *partnership.Partnership) {
				p.Communications.Branding = partnership.BrandingPartnershipLogo
				p.Communications.LogoJustification = "Residents know the hubs by one name, shown beside every partner's logo."
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "joint controllers sharing health data",
			edit: func(p *partnership.Partnership) {
				is := p.InformationSharing
				is.ControllerRelationship = partnership.ControllerRelationshipJointControllers
				is.DataItems = append(is.DataItems, partnership.DataItem{Item: "GP diagnosis", Category: partnership.DataCategorySpecialCategory})
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{
				"joint_controllers_without_arrangement@information_sharing.controller_relationship",
				"special_category_without_condition@information_sharing.special_category_condition",
			},
			says: []string{"Article 26", "information_sharing.data_items[1]"},
		},
		{
			name: "a controller and its processor",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipControllerProcessor
				p.InformationSharing.BreachNotificationHours = 96
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{
				"controller_processor_needs_contract@information_sharing.controller_relationship",
				"breach_notification_too_slow@information_sharing.breach_notification_hours",
			},
			says: []string{"Article 28"},
		},
		{
			name: "an ISP that is required but barely started",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing = &partnership.InformationSharing{Required: true, Purposes: []string{"Referrals"}}
				p.Partners[1].DataProtectionContact = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"isp_incomplete@information_sharing", "no_data_protection_contact@partners[1].data_protection_contact"},
			says: []string{"the data items shared, how the partners stand as controllers, the lawful basis, how long data is kept and " +
				"how quickly partners report a breach to each other"},
		},
		{
			name: "no ISP at all",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"isp_missing@information_sharing"},
			says:     []string{"Northamptonshire Information Sharing Framework"},
		},
		{
			name: "an ISP waived without a reason while personal data is listed",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing.Required = false
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"isp_missing@information_sharing.waiver_reason", "isp_waived_but_data_shared@information_sharing.required"},
		},
		{
			name: "an officer representing another organisation without consent",
			edit: func(p *partnership.Partnership) {
				p.Representatives[1].RepresentsOtherOrg = true
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			consents: []partnership.ConsentNeeded{{Representative: "Alex Moore", Field: "representatives[1]",
				Consent: partnership.ConsentChiefExecutive, Given: false}},
			findings: []string{"consent_missing@representatives[1].consent"},
			says:     []string{"Alex Moore would also represent another organisation", "agreement of the Chief Executive"},
		},
		{
			name: "a councillor representing another organisation with the Leader's consent",
			edit: func(p *partnership.Partnership) {
				p.Representatives[0].RepresentsOtherOrg = true
				p.Representatives[0].Consent = partnership.ConsentLeaderWithChiefExecutive
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			consents: []partnership.ConsentNeeded{{Representative: "Cllr Jane Ellis", Field: "representatives[0]",
				Consent: partnership.ConsentLeaderWithChiefExecutive, Given: true}},
			findings: []string{},
		},
		{
			name: "a councillor whose recorded consent is the wrong one",
			edit: func(p *partnership.Partnership) {
				p.Representatives[0].RepresentsOtherOrg = true
				p.Representatives[0].Consent = partnership.ConsentChiefExecutive
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			consents: []partnership.ConsentNeeded{{Representative: "Cllr Jane Ellis", Field: "representatives[0]",
				Consent: partnership.ConsentLeaderWithChiefExecutive, Given: false}},
			findings: []string{"consent_missing@representatives[0].consent"},
			says:     []string{"Leader of the Council in consultation with the Chief Executive"},
		},
		{
			name: "a significant partnership with only officers, and no substitute",
			edit: func(p *partnership.Partnership) {
				p.Representatives = p.Representatives[1:2]
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"significant_without_councillor@representatives", "no_substitute@representatives"},
		},
		{
			name: "only a substitute is no representative",
			edit: func(p *partnership.Partnership) {
				p.Representatives = p.Representatives[2:]
				p.Significance = &partnership.Significance{}
			},
			class: partnership.ClassPartnership, route: partnership.RouteDelegated, criteria: none,
			findings: []string{"no_representative@representatives"},
		},
		{
			name: "no risks assessed",
			edit: func(p *partnership.Partnership) {
				p.Risks = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_risk_assessment@risks"},
		},
		{
			name: "only in-life risks, one without mitigation",
			edit: func(p *partnership.Partnership) {
				p.Risks = p.Risks[1:]
				p.Risks[0].Mitigation = ""
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_pre_entry_risk@risks", "risk_without_mitigation@risks[0].mitigation"},
			says:     []string{"Risk “R2” has no mitigation"},
		},
		{
			name: "no exit or succession strategy",
			edit: func(p *partnership.Partnership) {
				p.Exit = &partnership.Exit{WithdrawalNoticeMonths: 6}
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_exit_strategy@exit.strategy", "no_succession_strategy@exit.succession"},
		},
		{
			name: "open-ended, and the review date has passed",
			edit: func(p *partnership.Partnership) {
				p.Dates.End = ""
				p.Dates.NextReview = "2026-09-30"
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"review_overdue@dates.next_review", "no_end_or_lifespan@dates.end"},
			says:     []string{"30 September 2026 is overdue (as at 1 October 2026)"},
		},
		{
			name: "the end date has passed but the partnership is still active",
			edit: func(p *partnership.Partnership) {
				p.Dates.End = "2026-03-31"
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"end_date_passed@dates.end"},
		},
		{
			name: "a closed partnership is not chased for reviews",
			edit: func(p *partnership.Partnership) {
				p.Status = partnership.StatusClosed
				p.Dates = &partnership.Dates{Start: "2020-04-01", End: "2024-03-31", NextReview: "2023-03-31"}
				p.Reviews, p.Targets = nil, nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "no targets, no review date, and no self-assessment this year",
			edit: func(p *partnership.Partnership) {
				p.Targets = nil
				p.Dates.NextReview = ""
				p.Reviews[0].CompletedOn = "2025-03-20"
				p.Reviews[0].FinancialYear = "2024/25"
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_targets@targets", "no_review_date@dates.next_review", "no_self_assessment_this_year@reviews"},
			says:     []string{"recorded for 2026/27"},
		},
		{
			name: "a partnership that started this financial year owes no self-assessment yet",
			edit: func(p *partnership.Partnership) {
				p.Dates.Start = "2026-04-01"
				p.Reviews = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "no communications agreement, and a partner with no communications lead",
			edit: func(p *partnership.Partnership) {
				p.Communications = nil
				p.Partners[0].CommsContact = nil
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_communications_agreement@communications", "no_comms_contact@partners[0].comms_contact"},
			says:     []string{"Kettering Borough Council has no communications lead"},
		},
		{
			name: "a communications agreement with no agreed press contact",
			edit: func(p *partnership.Partnership) {
				p.Communications.LeadPartner = ""
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"no_communications_lead@communications.lead_partner"},
		},
		{
			name: "authority beyond the Constitution goes to full Council as well",
			edit: func(p *partnership.Partnership) {
				p.NeedsAuthorityBeyondConstitution = true
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			reportToCouncil: true,
			findings:        []string{"authority_beyond_constitution@needs_authority_beyond_constitution"},
			says:            []string{"Full Council"},
		},
		{
			name: "shared outcomes but not shared delivery is undetermined",
			edit: func(p *partnership.Partnership) {
				p.Arrangement.SharedDelivery = false
			},
			class: partnership.ClassUndetermined, route: partnership.RouteNone, suggested: true, criteria: strategic,
			findings: []string{"classification_undetermined@arrangement.shared_delivery"},
			says:     []string{"does not say the outcomes are delivered jointly"},
		},
		{
			name: "an early idea with no partners, role, instrument or contribution",
			edit: func(p *partnership.Partnership) {
				p.Status = partnership.StatusProposed
				p.Arrangement, p.Partners, p.Contributions, p.Governance = nil, nil, nil, nil
				p.LegalInstrument, p.LegalPower, p.CouncilRole = "", "", ""
				p.InformationSharing.DataItems = nil
			},
			class: partnership.ClassUndetermined, route: partnership.RouteNone, suggested: true, criteria: strategic,
			findings: []string{
				"classification_undetermined@arrangement", "no_partners@partners",
				"no_legal_instrument@legal_instrument", "no_legal_power@legal_power", "no_council_role@council_role",
				"no_governance@governance", "no_lead_partner@partners", "isp_incomplete@information_sharing.data_items",
				"no_council_contribution@contributions",
			},
			says: []string{"the arrangement has not been described"},
		},
		{
			name: "a charity and a company that take the council's public task",
			edit: func(p *partnership.Partnership) {
				p.Partners = append(p.Partners, volunteer("carers", "Carers Voice"), company("homes", "Nene Homes Ltd"))
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"public_task_not_public_body@partners[2].lawful_basis", "public_task_not_public_body@partners[3].lawful_basis"},
			says:     []string{"Carers Voice is a voluntary", "Nene Homes Ltd is a company, not a public body", "recognised legitimate interests (Article 6(1)(ea))"},
		},
		{
			name: "an organisation of another type that takes the council's public task: the rules cannot tell whether it may",
			edit: func(p *partnership.Partnership) {
				other := volunteer("trust", "Nene Community Trust")
				other.Type = partnership.PartnerTypeOther
				p.Partners = append(p.Partners, other)
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"public_task_body_unknown@partners[2].lawful_basis"},
			says:     []string{"Nene Community Trust is recorded as an organisation of another type", "cannot tell whether it is a public body"},
		},
		{
			name: "an organisation of another type with its own basis raises nothing",
			edit: func(p *partnership.Partnership) {
				other := volunteer("trust", "Nene Community Trust")
				other.Type, other.LawfulBasis = partnership.PartnerTypeOther, partnership.LawfulBasisLegitimateInterests
				p.Partners = append(p.Partners, other)
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "each party its own basis: a charity on recognised legitimate interests, a company on legitimate interests",
			edit: func(p *partnership.Partnership) {
				c, h := volunteer("carers", "Carers Voice"), company("homes", "Nene Homes Ltd")
				c.LawfulBasis, c.RecognisedInterest = partnership.LawfulBasisRecognisedLegitimateInterests, partnership.RecognisedInterestSafeguarding
				h.LawfulBasis = partnership.LawfulBasisLegitimateInterests
				p.Partners = append(p.Partners, c, h)
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{},
		},
		{
			name: "a company processing for the council needs no basis of its own: it acts on the council's",
			edit: func(p *partnership.Partnership) {
				p.Partners = append(p.Partners, company("homes", "Nene Homes Ltd"))
				p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipControllerProcessor
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"controller_processor_needs_contract@information_sharing.controller_relationship"},
		},
		{
			name: "recognised legitimate interests without the Annex 1 condition",
			edit: func(p *partnership.Partnership) {
				c := volunteer("carers", "Carers Voice")
				c.LawfulBasis = partnership.LawfulBasisRecognisedLegitimateInterests
				p.Partners = append(p.Partners, c)
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"recognised_interest_missing@partners[2].recognised_interest"},
			says:     []string{"Annex 1"},
		},
		{
			name: "councils sharing on legitimate interests: no public authority may rely on it for its tasks",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing.LawfulBasis = partnership.LawfulBasisLegitimateInterests
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{
				"interests_basis_for_public_tasks@information_sharing.lawful_basis",
				"interests_basis_for_public_tasks@partners[0].lawful_basis",
				"interests_basis_for_public_tasks@partners[1].lawful_basis",
			},
			says: []string{"The council's basis is legitimate interests (Article 6(1)(f))", "Kettering Borough Council is a local authority, a public authority"},
		},
		{
			name: "health data under Article 9(2)(h) needs the Article 9(3) safeguard and the opt-out step",
			edit: func(p *partnership.Partnership) {
				p.InformationSharing.DataItems = append(p.InformationSharing.DataItems,
					partnership.DataItem{Item: "GP referral reason", Category: partnership.DataCategorySpecialCategory})
				p.InformationSharing.SpecialCategoryCondition = "UK GDPR Art 9 (2) (h) with DPA 2018 Sch 1 para 2"
			},
			class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true, suggested: true, criteria: strategic,
			findings: []string{"health_data_safeguards@information_sharing.special_category_condition"},
			says:     []string{"Article 9(3)", "national data opt-out", "Caldicott Guardian"},
		},
		{
			name: "a forum sharing personal data: a charity among its members may not take the council's public task",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument = partnership.LegalInstrumentForum
				p.Partners = append(p.Partners, volunteer("carers", "Carers Voice"))
			},
			class: partnership.ClassExcludedForum, route: partnership.RouteNone, suggested: true, criteria: strategic,
			findings: []string{"public_task_not_public_body@partners[2].lawful_basis", "excluded_arrangement@legal_instrument"},
			says:     []string{"Carers Voice is a voluntary"},
		},
		{
			name: "a section 75 agreement with a charity among its parties",
			edit: func(p *partnership.Partnership) {
				p.LegalInstrument = partnership.LegalInstrumentS75Agreement
				nhs := cleanPartner("icb", "NHS Northamptonshire ICB")
				nhs.Type = partnership.PartnerTypeNhsBody
				p.Partners = []partnership.Partner{nhs, volunteer("carers", "Carers Voice")}
			},
			class: partnership.ClassExcludedHybrid, route: partnership.RouteNone, suggested: true, criteria: strategic,
			findings: []string{"s75_party_not_eligible@partners[1].type", "public_task_not_public_body@partners[1].lawful_basis", "excluded_arrangement@legal_instrument"},
			says:     []string{"Only NHS bodies and local authorities", "Carers Voice (voluntary"},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			p := cleanPartnership()
			sc.edit(p)
			a := partnership.Assess(p, partnership.DefaultCouncil(), assessDate)
			checkScenario(t, sc, a)
		})
	}
}

func checkScenario(t *testing.T, sc scenario, a partnership.Assessment) {
	t.Helper()
	if a.Classification != sc.class || a.ApprovalRoute != sc.route {
		t.Errorf("classification %s, route %s; want %s, %s (reason: %s)", a.Classification, a.ApprovalRoute, sc.class, sc.route, a.Reason)
	}
	if a.Significant != sc.significant || a.SuggestedSignificant != sc.suggested || a.Overridden != sc.overridden {
		t.Errorf("significant %t, suggested %t, overridden %t; want %t, %t, %t",
			a.Significant, a.SuggestedSignificant, a.Overridden, sc.significant, sc.suggested, sc.overridden)
	}
	if sc.criteria != nil && !slices.Equal(a.CriteriaMet, sc.criteria) {
		t.Errorf("criteria met %v; want %v", a.CriteriaMet, sc.criteria)
	}
	var borderline []partnership.Criterion
	for _, b := range a.Borderline {
		borderline = append(borderline, b.Criterion)
		if !strings.Contains(b.Message, "only half met") {
			t.Errorf("borderline message %q does not say the criterion is only half met", b.Message)
		}
	}
	if !slices.Equal(borderline, sc.borderline) {
		t.Errorf("borderline %v; want %v", borderline, sc.borderline)
	}
	if a.ReportToCouncil != sc.reportToCouncil || a.BudgetApprovalNeeded != sc.budgetApproval {
		t.Errorf("report to council %t, budget approval %t; want %t, %t", a.ReportToCouncil, a.BudgetApprovalNeeded, sc.reportToCouncil, sc.budgetApproval)
	}
	if !slices.Equal(a.ConsentsNeeded, sc.consents) && len(a.ConsentsNeeded)+len(sc.consents) > 0 {
		t.Errorf("consents needed %+v; want %+v", a.ConsentsNeeded, sc.consents)
	}
	if got := findingKeys(a); !slices.Equal(got, sc.findings) {
		t.Errorf("findings:\n got %q\nwant %q\n%s", got, sc.findings, describeFindings(a))
	}
	for _, f := range a.Findings {
		if strings.Contains(f.Message, "  ") || strings.Contains(f.Message, " .") {
			t.Errorf("finding %s has a gap in its message (a title or value left out?): %q", f.Code, f.Message)
		}
	}
	for _, words := range sc.says {
		if !assessmentSays(a, words) {
			t.Errorf("neither the reason nor any finding says %q\nreason: %s\n%s", words, a.Reason, describeFindings(a))
		}
	}
	checkInvariants(t, a)
}

// findingKeys lists the findings as "code@field", in order.
func findingKeys(a partnership.Assessment) []string {
	keys := make([]string, 0, len(a.Findings))
	for _, f := range a.Findings {
		keys = append(keys, f.Code+"@"+f.Field)
	}
	return keys
}

func describeFindings(a partnership.Assessment) string {
	var b strings.Builder
	for _, f := range a.Findings {
		fmt.Fprintf(&b, "  %s %s §%s %s: %s\n", f.Severity, f.Code, f.Section, f.Field, f.Message)
	}
	return b.String()
}

func assessmentSays(a partnership.Assessment, words string) bool {
	if strings.Contains(a.Reason, words) || strings.Contains(a.Approver, words) {
		return true
	}
	for _, f := range a.Findings {
		if strings.Contains(f.Message, words) {
			return true
		}
	}
	return false
}

// rulesByCode and severityRank are read-only tables for checkInvariants.
var (
	rulesByCode = func() map[string]partnership.FindingRule {
		m := map[string]partnership.FindingRule{}
		for _, r := range partnership.FindingRules() {
			m[r.Code] = r
		}
		return m
	}()
	severityRank = map[partnership.Severity]int{
		partnership.SeverityBlocker: 0, partnership.SeverityWarning: 1, partnership.SeverityInfo: 2, "": 3,
	}
)

// checkInvariants holds for every assessment: the route follows the
// classification and significance, findings are sorted and follow their
// rules, and every message is filled in.
func checkInvariants(t *testing.T, a partnership.Assessment) {
	t.Helper()
	switch {
	case a.Significant && (a.ApprovalRoute != partnership.RouteCMT || a.Classification != partnership.ClassPartnership):
		t.Errorf("significant, but classification %s and route %s", a.Classification, a.ApprovalRoute)
	case a.Classification != partnership.ClassPartnership && (a.ApprovalRoute != partnership.RouteNone || a.Approver != ""):
		t.Errorf("classification %s, but route %s (approver %q)", a.Classification, a.ApprovalRoute, a.Approver)
	case a.Classification == partnership.ClassPartnership && !a.Significant && a.ApprovalRoute != partnership.RouteDelegated:
		t.Errorf("a partnership that is not significant has route %s", a.ApprovalRoute)
	}
	if a.Reason == "" || !strings.Contains(a.Reason, "§3") {
		t.Errorf("the reason %q does not cite §3", a.Reason)
	}
	if a.CriteriaMet == nil || a.Borderline == nil || a.ConsentsNeeded == nil || a.Findings == nil {
		t.Errorf("a list is nil, so it would be null in JSON: %+v", a)
	}
	for i, f := range a.Findings {
		r, ok := rulesByCode[f.Code]
		switch {
		case !ok:
			t.Errorf("finding %s is not among FindingRules", f.Code)
		case r.Severity != f.Severity || r.Section != f.Section:
			t.Errorf("finding %s has severity %s, section %s; its rule says %s, %s", f.Code, f.Severity, f.Section, r.Severity, r.Section)
		}
		if f.Message == "" {
			t.Errorf("finding %s has no message", f.Code)
		}
		if i > 0 && severityRank[a.Findings[i-1].Severity] > severityRank[f.Severity] {
			t.Errorf("findings are not sorted by severity: %s after %s", f.Severity, a.Findings[i-1].Severity)
		}
	}
}

func TestFindingRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range partnership.FindingRules() {
		if seen[r.Code] {
			t.Errorf("code %s is listed twice", r.Code)
		}
		seen[r.Code] = true
		if r.Code == "" || strings.ToLower(r.Code) != r.Code || strings.ContainsAny(r.Code, " -") {
			t.Errorf("code %q is not snake_case", r.Code)
		}
		if !slices.Contains([]partnership.Severity{partnership.SeverityBlocker, partnership.SeverityWarning, partnership.SeverityInfo}, r.Severity) {
			t.Errorf("code %s has severity %q", r.Code, r.Severity)
		}
		if r.Section != "3" && !(len(r.Section) == 4 && r.Section[1] == '(' && r.Section[3] == ')') {
			t.Errorf("code %s has section %q; want a section of the protocol like 4(e)", r.Code, r.Section)
		}
	}
	// The codes the brief and DOMAIN.md name must exist with their severity.
	for code, severity := range map[string]partnership.Severity{
		"no_sponsoring_officer": partnership.SeverityBlocker, "no_exit_strategy": partnership.SeverityBlocker,
		"no_representative": partnership.SeverityBlocker, "binding_without_legal_power": partnership.SeverityBlocker,
		"no_risk_assessment": partnership.SeverityBlocker, "partnership_logo_unjustified": partnership.SeverityBlocker,
		"consent_missing": partnership.SeverityBlocker, "isp_missing": partnership.SeverityWarning,
		"significant_without_councillor": partnership.SeverityWarning, "review_overdue": partnership.SeverityWarning,
	} {
		i := slices.IndexFunc(partnership.FindingRules(), func(r partnership.FindingRule) bool { return r.Code == code })
		if i < 0 || partnership.FindingRules()[i].Severity != severity {
			t.Errorf("code %s is missing or not a %s", code, severity)
		}
	}
}

// A council profile's own titles appear in the approver and the messages.
func TestAssessUsesTheCouncilProfile(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.DecisionBody = "Executive Leadership Team"
	c.AssistantChiefExecutive = "Chief Operating Officer"
	c.Director = "Executive Director"
	c.ChiefExecutive = "Head of Paid Service"
	c.HeadOfService = "Assistant Director"

	p := cleanPartnership()
	if a := partnership.Assess(p, c, assessDate); a.Approver != "the Executive Leadership Team" {
		t.Errorf("significant: approver %q", a.Approver)
	}
	p.Significance = &partnership.Significance{}
	p.SponsoringOfficer = nil
	p.Representatives[1].RepresentsOtherOrg = true
	a := partnership.Assess(p, c, assessDate)
	if a.Approver != "the Chief Operating Officer or an Executive Director" {
		t.Errorf("delegated: approver %q", a.Approver)
	}
	for _, words := range []string{"usually an Assistant Director", "agreement of the Head of Paid Service"} {
		if !assessmentSays(a, words) {
			t.Errorf("no message says %q:\n%s", words, describeFindings(a))
		}
	}

	// An empty profile falls back to the protocol's own titles.
	a = partnership.Assess(p, partnership.Council{}, assessDate)
	if a.Approver != "the Assistant Chief Executive or a Director" {
		t.Errorf("empty profile: approver %q", a.Approver)
	}
	checkInvariants(t, a)
}

// The samples are realistic partnerships: each gets the answer a council
// officer would expect.
func TestAssessSamples(t *testing.T) {
	type expect struct {
		class       partnership.Classification
		route       partnership.ApprovalRoute
		significant bool
		highest     partnership.Severity // "" for no findings
		has         []string             // codes that must be found
		hasNot      []string             // codes that must not be
	}
	want := map[string]expect{
		"waste-partnership.json": {class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true},
		"community-safety-partnership.json": {class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true,
			highest: partnership.SeverityInfo, has: []string{"no_end_or_lifespan"}, hasNot: []string{"no_lead_partner", "consent_missing"}},
		"health-alliance.json": {class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true,
			highest: partnership.SeverityWarning,
			has:     []string{"resources_outside_budget", "unbudgeted_contribution", "joint_controllers_without_arrangement"},
			hasNot:  []string{"partnership_logo_unjustified", "consent_missing"}},
		"community-partnership.json": {class: partnership.ClassPartnership, route: partnership.RouteDelegated,
			highest: partnership.SeverityWarning, has: []string{"significance_borderline"}},
		"youth-employment-mou.json": {class: partnership.ClassPartnership, route: partnership.RouteCMT, significant: true,
			hasNot: []string{"significance_borderline"}},
		"minimal-proposal.json": {class: partnership.ClassUndetermined, route: partnership.RouteNone,
			highest: partnership.SeverityBlocker,
			has:     []string{"classification_undetermined", "no_risk_assessment", "no_representative", "no_exit_strategy", "isp_missing"},
			hasNot:  []string{"no_sponsoring_officer"}},
		"awkward-names.json": {class: partnership.ClassPartnership, route: partnership.RouteDelegated,
			highest: partnership.SeverityInfo, has: []string{"significance_override"}, hasNot: []string{"significance_borderline"}},
	}
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			a := partnership.Assess(decodeSample(t, name), partnership.DefaultCouncil(), assessDate)
			checkInvariants(t, a)
			w, ok := want[name]
			if !ok {
				return // a new sample: the invariants are enough until someone says what it should get
			}
			if a.Classification != w.class || a.ApprovalRoute != w.route || a.Significant != w.significant {
				t.Errorf("%s, route %s, significant %t; want %s, %s, %t", a.Classification, a.ApprovalRoute, a.Significant, w.class, w.route, w.significant)
			}
			if got := a.HighestSeverity(); got != w.highest {
				t.Errorf("highest severity %q; want %q\n%s", got, w.highest, describeFindings(a))
			}
			codes := make([]string, len(a.Findings))
			for i, f := range a.Findings {
				codes[i] = f.Code
			}
			for _, c := range w.has {
				if !slices.Contains(codes, c) {
					t.Errorf("no %s finding:\n%s", c, describeFindings(a))
				}
			}
			for _, c := range w.hasNot {
				if slices.Contains(codes, c) {
					t.Errorf("unexpected %s finding:\n%s", c, describeFindings(a))
				}
			}
		})
	}
}

func decodeSample(t testing.TB, name string) *partnership.Partnership {
	t.Helper()
	data, err := samples.Read(name)
	if err != nil {
		t.Fatalf("Read(%q): %v", name, err)
	}
	p, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return p
}

// defects each add one thing that is wrong enough to stop approval.
var defects = map[string]func(p *partnership.Partnership){
	"no sponsoring officer": func(p *partnership.Partnership) { p.SponsoringOfficer = nil },
	"no exit strategy":      func(p *partnership.Partnership) { p.Exit = nil },
	"no risks":              func(p *partnership.Partnership) { p.Risks = nil },
	"no representatives":    func(p *partnership.Partnership) { p.Representatives = nil },
	"no partners":           func(p *partnership.Partnership) { p.Partners = nil },
	"binding without power": func(p *partnership.Partnership) {
		p.LegalInstrument, p.LegalPower = partnership.LegalInstrumentBindingAgreement, ""
	},
	"unjustified logo": func(p *partnership.Partnership) {
		p.Communications = &partnership.Communications{LeadPartner: partnership.CouncilID, Branding: partnership.BrandingPartnershipLogo}
	},
	"representative without consent": func(p *partnership.Partnership) {
		p.Representatives = append(p.Representatives, partnership.Representative{Name: "Cllr Extra",
			Kind: partnership.RepresentativeKindCouncillor, Role: partnership.RepresentativeRoleMember, RepresentsOtherOrg: true})
	},
}

// Adding a blocker-causing defect never lowers the highest severity, and
// for anything that may be a partnership it makes it a blocker.
func TestPropertyDefectsNeverLowerSeverity(t *testing.T) {
	bases := map[string]func() *partnership.Partnership{"clean": cleanPartnership}
	for _, name := range samples.Names() {
		bases[name] = func() *partnership.Partnership { return decodeSample(t, name) }
	}
	bases["contract"] = func() *partnership.Partnership {
		p := cleanPartnership()
		p.Arrangement.CouncilProcuresService = true
		return p
	}
	for baseName, base := range bases {
		before := partnership.Assess(base(), partnership.DefaultCouncil(), assessDate).HighestSeverity()
		for defectName, defect := range defects {
			p := base()
			defect(p)
			a := partnership.Assess(p, partnership.DefaultCouncil(), assessDate)
			after := a.HighestSeverity()
			if severityRank[after] > severityRank[before] {
				t.Errorf("%s + %s: highest severity fell from %q to %q", baseName, defectName, before, after)
			}
			if !a.Classification.Excluded() && after != partnership.SeverityBlocker {
				t.Errorf("%s + %s: highest severity %q; want blocker\n%s", baseName, defectName, after, describeFindings(a))
			}
			checkInvariants(t, a)
		}
	}
}

// Over every combination of the facts that decide classification and
// significance: significant always routes to the decision body, and
// anything that is not a partnership always routes to none.
func TestPropertyRoutes(t *testing.T) {
	instruments := append([]partnership.LegalInstrument{""}, partnership.LegalInstrumentValues...)
	overrides := []partnership.Override{"", partnership.OverrideSignificant, partnership.OverrideNotSignificant}
	n := 0
	for arrangement := range 1 << 4 {
		for _, li := range instruments {
			for criteria := range 1 << 5 {
				for _, ov := range overrides {
					p := cleanPartnership()
					p.LegalInstrument = li
					p.Arrangement = &partnership.Arrangement{
						SharedAgreementOfOutcomes: arrangement&1 != 0, SharedDelivery: arrangement&2 != 0,
						CouncilProcuresService: arrangement&4 != 0, DiscussionOnly: arrangement&8 != 0,
					}
					p.Significance = &partnership.Significance{
						PolicyAndResources: criteria&1 != 0, StatutoryImpact: criteria&2 != 0, StrategicPriorities: criteria&4 != 0,
						CorporateOutcome: criteria&8 != 0, ReputationalRisk: criteria&16 != 0,
						Override: ov, Justification: "Recorded by the evaluating officer.",
					}
					a := partnership.Assess(p, partnership.DefaultCouncil(), assessDate)
					checkRoute(t, p, a)
					n++
				}
			}
		}
	}
	if n != 16*len(instruments)*32*3 {
		t.Fatalf("checked %d combinations", n)
	}
}

func checkRoute(t *testing.T, p *partnership.Partnership, a partnership.Assessment) {
	t.Helper()
	arr, s := p.Arrangement, p.Significance
	wantClass := partnership.ClassUndetermined
	switch {
	case p.LegalInstrument == partnership.LegalInstrumentS75Agreement:
		wantClass = partnership.ClassExcludedHybrid
	case p.LegalInstrument == partnership.LegalInstrumentContractForServices || arr.CouncilProcuresService:
		wantClass = partnership.ClassExcludedContract
	case p.LegalInstrument == partnership.LegalInstrumentForum || arr.DiscussionOnly:
		wantClass = partnership.ClassExcludedForum
	case arr.SharedAgreementOfOutcomes && arr.SharedDelivery:
		wantClass = partnership.ClassPartnership
	}
	suggested := (s.PolicyAndResources && s.StatutoryImpact) || s.StrategicPriorities || (s.CorporateOutcome && s.ReputationalRisk)
	decided := suggested
	if s.Override != "" {
		decided = s.Override == partnership.OverrideSignificant
	}
	ok := a.Classification == wantClass && a.SuggestedSignificant == suggested &&
		a.Significant == (decided && wantClass == partnership.ClassPartnership) && a.Overridden == (decided != suggested)
	if !ok {
		t.Fatalf("instrument %q, %+v, %+v: got %s significant=%t suggested=%t overridden=%t",
			p.LegalInstrument, *arr, *s, a.Classification, a.Significant, a.SuggestedSignificant, a.Overridden)
	}
	checkInvariants(t, a)
	if a.Significant && a.Approver != "the Corporate Management Team" {
		t.Fatalf("significant, but approver %q", a.Approver)
	}
}

// Assess never panics: not on nil, not on a zero partnership, not on
// objects that are present but empty, and not on nonsense values.
func TestAssessNeverPanics(t *testing.T) {
	empty := &partnership.Partnership{
		Arrangement: &partnership.Arrangement{}, Significance: &partnership.Significance{Override: "maybe"},
		Partners: []partnership.Partner{{}}, SponsoringOfficer: &partnership.SponsoringOfficer{},
		Representatives: []partnership.Representative{{RepresentsOtherOrg: true}}, Governance: &partnership.Governance{},
		Dates:         &partnership.Dates{Start: "soon", End: "31/03/2027", NextReview: "tomorrow"},
		Contributions: []partnership.Contribution{{Partner: partnership.CouncilID, AmountPence: -5}},
		Risks:         []partnership.Risk{{}}, Targets: []partnership.Target{{}},
		InformationSharing: &partnership.InformationSharing{Required: true, BreachNotificationHours: -1,
			DataItems: []partnership.DataItem{{Category: partnership.DataCategoryCriminalOffence}}},
		Communications: &partnership.Communications{Branding: partnership.BrandingPartnershipLogo}, MoU: &partnership.MoU{},
		Exit: &partnership.Exit{}, Reviews: []partnership.Review{{FinancialYear: "twenty", CompletedOn: "yesterday"}},
		Status: "sleeping", LegalInstrument: "handshake",
	}
	for name, p := range map[string]*partnership.Partnership{"nil": nil, "zero": {}, "empty objects": empty} {
		for _, at := range []time.Time{{}, assessDate, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)} {
			a := partnership.Assess(p, partnership.Council{}, at)
			checkInvariants(t, a)
			if a.Classification != partnership.ClassUndetermined {
				t.Errorf("%s: classification %s; want undetermined", name, a.Classification)
			}
			if data, err := json.Marshal(a); err != nil || bytes.Contains(data, []byte("null")) {
				t.Errorf("%s: JSON %s, %v", name, data, err)
			}
		}
	}
	if a := partnership.Assess(empty, partnership.DefaultCouncil(), assessDate); len(a.ConsentsNeeded) != 1 ||
		a.ConsentsNeeded[0].Consent != partnership.ConsentChiefExecutive {
		t.Errorf("a representative of unknown kind: consents %+v; want the Chief Executive's", a.ConsentsNeeded)
	}
}

// FuzzAssess feeds Assess whatever encoding/json makes of arbitrary input,
// without the validation that normally comes first.
func FuzzAssess(f *testing.F) {
	for _, name := range samples.Names() {
		data, err := samples.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"arrangement":{"council_procures_service":true},"representatives":[{"represents_other_org":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p partnership.Partnership
		if json.Unmarshal(data, &p) != nil {
			return
		}
		a := partnership.Assess(&p, partnership.DefaultCouncil(), assessDate)
		checkInvariants(t, a)
	})
}
