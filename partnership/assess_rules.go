package partnership

// FindingRule is one rule of the protocol that can raise a finding: its
// stable code, the severity every finding under it has, and the section of
// the protocol it comes from. A blocker stops approval, a warning needs an
// answer before approval, and info is for the record.
type FindingRule struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Section  string   `json:"section"`
}

// Finding codes. They are part of the contract: clients may rely on them, so
// a code is never renamed or given another meaning.
const (
	FindingExcludedArrangement                = "excluded_arrangement"
	FindingClassificationUndetermined         = "classification_undetermined"
	FindingNoPartners                         = "no_partners"
	FindingNoSignificanceAssessment           = "no_significance_assessment"
	FindingSignificanceBorderline             = "significance_borderline"
	FindingSignificanceOverride               = "significance_override"
	FindingOverrideWithoutJustification       = "override_without_justification"
	FindingNoLegalInstrument                  = "no_legal_instrument"
	FindingBindingWithoutLegalPower           = "binding_without_legal_power"
	FindingNoLegalPower                       = "no_legal_power"
	FindingMouPartBindingWithoutClauses       = "mou_part_binding_without_clauses"
	FindingNoCouncilRole                      = "no_council_role"
	FindingNoGovernance                       = "no_governance"
	FindingSignificantWithoutCouncillor       = "significant_without_councillor"
	FindingNoSubstitute                       = "no_substitute"
	FindingNoRiskAssessment                   = "no_risk_assessment"
	FindingNoPreEntryRisk                     = "no_pre_entry_risk"
	FindingRiskWithoutMitigation              = "risk_without_mitigation"
	FindingNoLeadPartner                      = "no_lead_partner"
	FindingLeadConflict                       = "lead_conflict"
	FindingNoSponsoringOfficer                = "no_sponsoring_officer"
	FindingNoRepresentative                   = "no_representative"
	FindingConsentMissing                     = "consent_missing"
	FindingResourcesOutsideBudget             = "resources_outside_budget"
	FindingUnbudgetedContribution             = "unbudgeted_contribution"
	FindingNoCouncilContribution              = "no_council_contribution"
	FindingISPMissing                         = "isp_missing"
	FindingISPWaivedButDataShared             = "isp_waived_but_data_shared"
	FindingISPIncomplete                      = "isp_incomplete"
	FindingJointControllersWithoutArrangement = "joint_controllers_without_arrangement"
	FindingControllerProcessorNeedsContract   = "controller_processor_needs_contract"
	FindingSpecialCategoryWithoutCondition    = "special_category_without_condition"
	FindingBreachNotificationTooSlow          = "breach_notification_too_slow"
	FindingNoDataProtectionContact            = "no_data_protection_contact"
	FindingS75PartyNotEligible                = "s75_party_not_eligible"
	FindingPublicTaskNotPublicBody            = "public_task_not_public_body"
	FindingPublicTaskBodyUnknown              = "public_task_body_unknown"
	FindingInterestsForPublicTasks            = "interests_basis_for_public_tasks"
	FindingRecognisedInterestMissing          = "recognised_interest_missing"
	FindingHealthDataSafeguards               = "health_data_safeguards"
	FindingNoExitStrategy                     = "no_exit_strategy"
	FindingNoSuccessionStrategy               = "no_succession_strategy"
	FindingNoEndOrLifespan                    = "no_end_or_lifespan"
	FindingEndDatePassed                      = "end_date_passed"
	FindingNoCommunicationsAgreement          = "no_communications_agreement"
	FindingPartnershipLogoUnjustified         = "partnership_logo_unjustified"
	FindingNoCommunicationsLead               = "no_communications_lead"
	FindingNoCommsContact                     = "no_comms_contact"
	FindingAuthorityBeyondConstitution        = "authority_beyond_constitution"
	FindingNoTargets                          = "no_targets"
	FindingNoReviewDate                       = "no_review_date"
	FindingReviewOverdue                      = "review_overdue"
	FindingNoSelfAssessmentThisYear           = "no_self_assessment_this_year"
)

// The rules, in the order of the protocol's sections (the order in which
// the checks run).
var (
	ruleExcludedArrangement          = FindingRule{FindingExcludedArrangement, SeverityInfo, "3"}
	ruleClassificationUndetermined   = FindingRule{FindingClassificationUndetermined, SeverityBlocker, "3"}
	ruleNoPartners                   = FindingRule{FindingNoPartners, SeverityBlocker, "3"}
	ruleNoSignificanceAssessment     = FindingRule{FindingNoSignificanceAssessment, SeverityWarning, "3(a)"}
	ruleSignificanceBorderline       = FindingRule{FindingSignificanceBorderline, SeverityWarning, "3(a)"}
	ruleSignificanceOverride         = FindingRule{FindingSignificanceOverride, SeverityInfo, "3(a)"}
	ruleOverrideWithoutJustification = FindingRule{FindingOverrideWithoutJustification, SeverityWarning, "3(a)"}
	ruleNoLegalInstrument            = FindingRule{FindingNoLegalInstrument, SeverityWarning, "4(a)"}
	ruleBindingWithoutLegalPower     = FindingRule{FindingBindingWithoutLegalPower, SeverityBlocker, "4(a)"}
	ruleNoLegalPower                 = FindingRule{FindingNoLegalPower, SeverityWarning, "4(a)"}
	ruleMouPartBindingWithoutClauses = FindingRule{FindingMouPartBindingWithoutClauses, SeverityWarning, "4(a)"}
	ruleNoCouncilRole                = FindingRule{FindingNoCouncilRole, SeverityWarning, "4(a)"}
	ruleNoGovernance                 = FindingRule{FindingNoGovernance, SeverityWarning, "4(a)"}
	ruleSignificantWithoutCouncillor = FindingRule{FindingSignificantWithoutCouncillor, SeverityWarning, "4(a)"}
	ruleNoSubstitute                 = FindingRule{FindingNoSubstitute, SeverityWarning, "4(a)"}
	ruleNoRiskAssessment             = FindingRule{FindingNoRiskAssessment, SeverityBlocker, "4(b)"}
	ruleNoPreEntryRisk               = FindingRule{FindingNoPreEntryRisk, SeverityWarning, "4(b)"}
	ruleRiskWithoutMitigation        = FindingRule{FindingRiskWithoutMitigation, SeverityWarning, "4(b)"}
	ruleNoLeadPartner                = FindingRule{FindingNoLeadPartner, SeverityWarning, "4(b)"}
	ruleLeadConflict                 = FindingRule{FindingLeadConflict, SeverityWarning, "4(b)"}
	ruleNoSponsoringOfficer          = FindingRule{FindingNoSponsoringOfficer, SeverityBlocker, "4(c)"}
	ruleNoRepresentative             = FindingRule{FindingNoRepresentative, SeverityBlocker, "4(c)"}
	ruleConsentMissing               = FindingRule{FindingConsentMissing, SeverityBlocker, "4(c)"}
	ruleResourcesOutsideBudget       = FindingRule{FindingResourcesOutsideBudget, SeverityWarning, "4(c)"}
	ruleUnbudgetedContribution       = FindingRule{FindingUnbudgetedContribution, SeverityWarning, "4(c)"}
	ruleNoCouncilContribution        = FindingRule{FindingNoCouncilContribution, SeverityInfo, "4(d)"}
	ruleISPMissing                   = FindingRule{FindingISPMissing, SeverityWarning, "4(e)"}
	ruleISPWaivedButDataShared       = FindingRule{FindingISPWaivedButDataShared, SeverityWarning, "4(e)"}
	ruleISPIncomplete                = FindingRule{FindingISPIncomplete, SeverityWarning, "4(e)"}
	ruleJointControllers             = FindingRule{FindingJointControllersWithoutArrangement, SeverityWarning, "4(e)"}
	ruleControllerProcessor          = FindingRule{FindingControllerProcessorNeedsContract, SeverityWarning, "4(e)"}
	ruleSpecialCategory              = FindingRule{FindingSpecialCategoryWithoutCondition, SeverityWarning, "4(e)"}
	ruleBreachNotificationTooSlow    = FindingRule{FindingBreachNotificationTooSlow, SeverityWarning, "4(e)"}
	ruleNoDataProtectionContact      = FindingRule{FindingNoDataProtectionContact, SeverityWarning, "4(e)"}
	ruleS75PartyNotEligible          = FindingRule{FindingS75PartyNotEligible, SeverityBlocker, "3"}
	rulePublicTaskNotPublicBody      = FindingRule{FindingPublicTaskNotPublicBody, SeverityWarning, "4(e)"}
	rulePublicTaskBodyUnknown        = FindingRule{FindingPublicTaskBodyUnknown, SeverityWarning, "4(e)"}
	ruleInterestsForPublicTasks      = FindingRule{FindingInterestsForPublicTasks, SeverityBlocker, "4(e)"}
	ruleRecognisedInterestMissing    = FindingRule{FindingRecognisedInterestMissing, SeverityBlocker, "4(e)"}
	ruleHealthDataSafeguards         = FindingRule{FindingHealthDataSafeguards, SeverityInfo, "4(e)"}
	ruleNoExitStrategy               = FindingRule{FindingNoExitStrategy, SeverityBlocker, "4(f)"}
	ruleNoSuccessionStrategy         = FindingRule{FindingNoSuccessionStrategy, SeverityWarning, "4(f)"}
	ruleNoEndOrLifespan              = FindingRule{FindingNoEndOrLifespan, SeverityInfo, "4(f)"}
	ruleEndDatePassed                = FindingRule{FindingEndDatePassed, SeverityWarning, "4(f)"}
	ruleNoCommunicationsAgreement    = FindingRule{FindingNoCommunicationsAgreement, SeverityWarning, "4(g)"}
	rulePartnershipLogoUnjustified   = FindingRule{FindingPartnershipLogoUnjustified, SeverityBlocker, "4(g)"}
	ruleNoCommunicationsLead         = FindingRule{FindingNoCommunicationsLead, SeverityWarning, "4(g)"}
	ruleNoCommsContact               = FindingRule{FindingNoCommsContact, SeverityWarning, "4(g)"}
	ruleAuthorityBeyondConstitution  = FindingRule{FindingAuthorityBeyondConstitution, SeverityInfo, "5(b)"}
	ruleNoTargets                    = FindingRule{FindingNoTargets, SeverityWarning, "5(b)"}
	ruleNoReviewDate                 = FindingRule{FindingNoReviewDate, SeverityWarning, "5(b)"}
	ruleReviewOverdue                = FindingRule{FindingReviewOverdue, SeverityWarning, "5(b)"}
	ruleNoSelfAssessmentThisYear     = FindingRule{FindingNoSelfAssessmentThisYear, SeverityInfo, "5(b)"}
)

// FindingRules returns every rule Assess applies, in the order of the
// protocol's sections: for documentation, the checklist and clients that
// want to know every code in advance. The slice is the caller's to keep.
func FindingRules() []FindingRule {
	return []FindingRule{
		ruleExcludedArrangement, ruleClassificationUndetermined, ruleNoPartners, ruleS75PartyNotEligible,
		ruleNoSignificanceAssessment, ruleSignificanceBorderline, ruleSignificanceOverride, ruleOverrideWithoutJustification,
		ruleNoLegalInstrument, ruleBindingWithoutLegalPower, ruleNoLegalPower, ruleMouPartBindingWithoutClauses,
		ruleNoCouncilRole, ruleNoGovernance, ruleSignificantWithoutCouncillor, ruleNoSubstitute,
		ruleNoRiskAssessment, ruleNoPreEntryRisk, ruleRiskWithoutMitigation, ruleNoLeadPartner, ruleLeadConflict,
		ruleNoSponsoringOfficer, ruleNoRepresentative, ruleConsentMissing, ruleResourcesOutsideBudget, ruleUnbudgetedContribution,
		ruleNoCouncilContribution,
		ruleISPMissing, ruleISPWaivedButDataShared, ruleISPIncomplete, ruleJointControllers, ruleControllerProcessor,
		ruleSpecialCategory, ruleBreachNotificationTooSlow, ruleNoDataProtectionContact,
		rulePublicTaskNotPublicBody, rulePublicTaskBodyUnknown, ruleInterestsForPublicTasks, ruleRecognisedInterestMissing, ruleHealthDataSafeguards,
		ruleNoExitStrategy, ruleNoSuccessionStrategy, ruleNoEndOrLifespan, ruleEndDatePassed,
		ruleNoCommunicationsAgreement, rulePartnershipLogoUnjustified, ruleNoCommunicationsLead, ruleNoCommsContact,
		ruleAuthorityBeyondConstitution, ruleNoTargets, ruleNoReviewDate, ruleReviewOverdue, ruleNoSelfAssessmentThisYear,
	}
}
