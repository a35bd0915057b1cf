package partnership_test

import (
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// answerCodes writes a checklist's answers one letter each, in the order of
// Checklist.Answers: Y yes, N no, A not applicable, R not recorded, P
// pending, C recorded for Legal to confirm. The items, in order:
// partnership, alternatives, strategic fit, significance, legal status,
// legal power, Legal consulted, sponsoring officer, representatives,
// substitutes, consents, risks, resources, within budget, ISP, lifespan,
// succession, exit, communications, targets, reporting, self-assessment,
// statutory duties, approval route, decision; then the §4(b) and §4(d)
// items: insurance, procurement, Constitution, capacity, performance
// management, risks in service plans.
func answerCodes(c partnership.Checklist) string {
	letter := map[partnership.Answer]byte{partnership.AnswerYes: 'Y', partnership.AnswerNo: 'N',
		partnership.AnswerNotApplicable: 'A', partnership.AnswerNotRecorded: 'R', partnership.AnswerPending: 'P',
		partnership.AnswerToConfirm: 'C'}
	var b strings.Builder
	for _, a := range c.Answers() {
		if l, ok := letter[a]; ok {
			b.WriteByte(l)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Each sample's answers, read from its JSON. Where a sample is silent the
// answer is R (not recorded), never N: N is kept for what the record says
// (the health alliance's resources outside budget, so its Constitution item
// is N too). Every legal power is text, so C (Legal to confirm), and so is
// the Constitution item wherever contributions are recorded within budget.
// The early help alliance and the incorporated entity record an evaluation
// (alternatives, Legal consulted; the alliance also equality, insurance
// and capacity), so those items are Y; elsewhere they are R. Procurement is
// R wherever cash moves (pooled by a lead council or paid to another lead)
// or the council procures, and R for the minimal proposal, which records no
// contributions. Risks in service plans are Y where the council leads or
// hosts with in-life risks recorded, A where it is a member. The awkward
// names are a proposed MoU with a significance assessment that meets no
// criterion and a waived ISP; the community safety partnership and the
// joint committee are active with no self-assessment recorded (R). The
// section 75 pooled budget and the meals contract are excluded by section
// 3: N to the first item, A to every item that is a partnership's own tool
// (and to the decision: no approval under the protocol), while the legal
// items, consents, budget, Constitution, procurement and equality still
// apply. The minimal proposal has a sponsoring officer and little else.
func TestChecklistSamples(t *testing.T) {
	want := map[string]string{
		//                                   partnership .. decision      insurance .. service plans
		"awkward-names.json":                "YRYNYCRYYYAYYYAYYYYYYARYP" + "RRCRYA",
		"better-care-s75.json":              "NAAAYCRAAAAAAYAAAAAAAARAA" + "ARCAAA",
		"early-help-safeguarding.json":      "YYYYYCYYYYAYYYYYYYYYYAYYP" + "YRCYYY",
		"incorporated-entity.json":          "YYYYYCYYYYYYYYYYYYYYYARYP" + "RRCRYA",
		"joint-planning-committee.json":     "YRYYYCRYYYAYYYAYYYYYYRRYY" + "RRCRYA",
		"meals-contract.json":               "NAAAYCRAAAAAAYAAAAAAAARAA" + "ARCAAA",
		"community-partnership.json":        "YRYNYCRYYYAYYYYYYYYYYARYY" + "RRCRYY",
		"community-safety-partnership.json": "YRYYYCRYYYYYYYYYYYYYYRRYY" + "RRCRYA",
		"health-alliance.json":              "YRYYYCRYYYYYYNYYYYYYYYRYY" + "RRNRYY",
		"minimal-proposal.json":             "RRRRRRRYRRARRRRRRRRRRARRP" + "RRRRRR",
		"waste-partnership.json":            "YRYYYCRYYYYYYYYYYYYYYYRYY" + "RRCRYY",
		"youth-employment-mou.json":         "YRYYYCRYYYAYYYYYYYYYYYRYY" + "RRCRYA",
	}
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := decodeSample(t, name)
			a := assessAll(p)
			if got := answerCodes(a.Checklist); got != want[name] {
				t.Errorf("answers %s, want %s", got, want[name])
			}
			checkChecklistAgreesWithFindings(t, a)
		})
	}
}

// assessed is everything the protocol's rules say about one partnership.
type assessed struct {
	partnership.Assessment
	Checklist  partnership.Checklist
	Compliance partnership.Compliance
}

func assessAll(p *partnership.Partnership) assessed {
	c := partnership.DefaultCouncil()
	return assessed{partnership.Assess(p, c, assessDate), partnership.ChecklistOf(p, c, assessDate), partnership.ComplianceOf(p)}
}

// checkChecklistAgreesWithFindings: where an item and a finding speak of
// the same fact, they agree, whatever the record holds.
func checkChecklistAgreesWithFindings(t *testing.T, a assessed) {
	t.Helper()
	if a.Classification != partnership.ClassPartnership {
		return // the §4 findings are not raised for anything else
	}
	has := func(code string) bool {
		return slices.ContainsFunc(a.Findings, func(f partnership.Finding) bool { return f.Code == code })
	}
	c := a.Checklist
	for _, pair := range []struct {
		item    string
		no      bool
		finding bool
	}{
		{"sponsoring officer", c.SponsoringOfficer.Answer != partnership.AnswerYes, has(partnership.FindingNoSponsoringOfficer)},
		{"exit strategy", c.ExitStrategy.Answer != partnership.AnswerYes, has(partnership.FindingNoExitStrategy)},
		{"risks", c.RiskAssessment.Answer != partnership.AnswerYes, has(partnership.FindingNoRiskAssessment)},
		{"representatives", c.Representatives.Answer != partnership.AnswerYes, has(partnership.FindingNoRepresentative)},
		{"consents", c.Consents.Answer != partnership.AnswerYes && c.Consents.Answer != partnership.AnswerNotApplicable,
			has(partnership.FindingConsentMissing)},
		{"communications", c.Communications.Answer != partnership.AnswerYes,
			has(partnership.FindingNoCommunicationsAgreement) || has(partnership.FindingPartnershipLogoUnjustified)},
		{"within budget", c.WithinBudget.Answer == partnership.AnswerNo, a.BudgetApprovalNeeded},
		{"Constitution", c.Constitution.Answer == partnership.AnswerNo, a.BudgetApprovalNeeded || a.ReportToCouncil},
		{"councillor", c.Representatives.NeedsCouncillor, has(partnership.FindingSignificantWithoutCouncillor)},
		{"Article 26", c.ISP.Article26Needed, has(partnership.FindingJointControllersWithoutArrangement)},
	} {
		if pair.no != pair.finding {
			t.Errorf("%s: the checklist says no=%v, the findings %v", pair.item, pair.no, pair.finding)
		}
	}
}

// checklistCase is a change to the clean partnership and what one item of
// the checklist (and the flags) must then say.
type checklistCase struct {
	name  string
	edit  func(p *partnership.Partnership)
	check func(t *testing.T, a assessed)
}

func answerIs(t *testing.T, item string, got, want partnership.Answer) {
	t.Helper()
	if got != want {
		t.Errorf("%s: answer %q, want %q", item, got, want)
	}
}

func TestChecklistAnswersFollowTheRecord(t *testing.T) {
	for _, c := range slices.Concat(checklistCasesA(), checklistCasesB(), checklistCasesC(), checklistCasesD()) {
		t.Run(c.name, func(t *testing.T) {
			p := cleanPartnership()
			c.edit(p)
			a := assessAll(p)
			c.check(t, a)
			checkChecklistAgreesWithFindings(t, a)
		})
	}
}

func checklistCasesA() []checklistCase {
	return []checklistCase{
		{"clean", func(p *partnership.Partnership) {}, func(t *testing.T, a assessed) {
			if got := answerCodes(a.Checklist); got != "YRYYYCRYYYAYYYYYYYYYRYRYY"+"RRCRYY" { // governance.reporting is not recorded
				t.Errorf("answers %s", got)
			}
			if a.Compliance != (partnership.Compliance{Agreement: true, CommunicationsAgreement: true, ISPOrWaiver: true,
				ExitStrategy: true, RiskAssessment: true, SponsoringOfficer: true}) {
				t.Errorf("flags %+v", a.Compliance)
			}
		}},
		{"whitespace-only exit strategy", func(p *partnership.Partnership) { p.Exit.Strategy = " \n\t " },
			func(t *testing.T, a assessed) {
				answerIs(t, "exit", a.Checklist.ExitStrategy.Answer, partnership.AnswerNotRecorded)
				if a.Compliance.ExitStrategy || a.Checklist.ExitStrategy.NoticeMonths != 12 {
					t.Errorf("flag %v, notice %d", a.Compliance.ExitStrategy, a.Checklist.ExitStrategy.NoticeMonths)
				}
			}},
		{"no exit at all", func(p *partnership.Partnership) { p.Exit = nil }, func(t *testing.T, a assessed) {
			answerIs(t, "exit", a.Checklist.ExitStrategy.Answer, partnership.AnswerNotRecorded)
			answerIs(t, "succession", a.Checklist.Succession.Answer, partnership.AnswerNotRecorded)
			if a.Compliance.ExitStrategy {
				t.Error("flag set without an exit strategy")
			}
		}},
		{"ISP waived with a reason", func(p *partnership.Partnership) {
			p.InformationSharing = &partnership.InformationSharing{WaiverReason: "No personal data is shared."}
		}, func(t *testing.T, a assessed) {
			answerIs(t, "ISP", a.Checklist.ISP.Answer, partnership.AnswerNotApplicable)
			if !a.Compliance.ISPOrWaiver || a.Checklist.ISP.WaiverReason != "No personal data is shared." {
				t.Errorf("flag %v, item %+v", a.Compliance.ISPOrWaiver, a.Checklist.ISP)
			}
		}},
		{"ISP waived with a blank reason", func(p *partnership.Partnership) {
			p.InformationSharing = &partnership.InformationSharing{WaiverReason: "   "}
		}, func(t *testing.T, a assessed) {
			answerIs(t, "ISP", a.Checklist.ISP.Answer, partnership.AnswerNotRecorded)
			if a.Compliance.ISPOrWaiver {
				t.Error("a blank reason counts as a waiver")
			}
		}},
		{"no ISP", func(p *partnership.Partnership) { p.InformationSharing = nil }, func(t *testing.T, a assessed) {
			answerIs(t, "ISP", a.Checklist.ISP.Answer, partnership.AnswerNotRecorded)
			if a.Compliance.ISPOrWaiver || a.Checklist.ISP.Recorded {
				t.Error("no ISP counts as one")
			}
		}},
		{"controller and processor: the flag records an ISP, the checklist wants a contract", func(p *partnership.Partnership) {
			p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipControllerProcessor
		}, func(t *testing.T, a assessed) {
			answerIs(t, "ISP", a.Checklist.ISP.Answer, partnership.AnswerNo)
			if !a.Compliance.ISPOrWaiver {
				t.Error("a required ISP is not flagged")
			}
		}},
		{"joint controllers with a DPIA", func(p *partnership.Partnership) {
			p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipJointControllers
			p.InformationSharing.DPIA = &partnership.DPIA{CompletedOn: "2026-02-01"}
		}, func(t *testing.T, a assessed) {
			is := a.Checklist.ISP
			answerIs(t, "ISP", is.Answer, partnership.AnswerYes)
			if is.DPIA == nil || is.DPIA.CompletedOn != "2026-02-01" || is.LawfulBasis != partnership.LawfulBasisPublicTask {
				t.Errorf("item %+v", is)
			}
		}},
		{"blank sponsoring officer", func(p *partnership.Partnership) { p.SponsoringOfficer.Name = "  " },
			func(t *testing.T, a assessed) {
				answerIs(t, "sponsor", a.Checklist.SponsoringOfficer.Answer, partnership.AnswerNotRecorded)
				if a.Compliance.SponsoringOfficer {
					t.Error("a blank name counts as a sponsoring officer")
				}
			}},
		{"no risks", func(p *partnership.Partnership) { p.Risks = nil }, func(t *testing.T, a assessed) {
			answerIs(t, "risks", a.Checklist.RiskAssessment.Answer, partnership.AnswerNotRecorded)
			if a.Compliance.RiskAssessment {
				t.Error("flag set without risks")
			}
		}},
	}
}

func checklistCasesB() []checklistCase {
	return []checklistCase{
		{"no communications agreement", func(p *partnership.Partnership) { p.Communications = nil },
			func(t *testing.T, a assessed) {
				answerIs(t, "communications", a.Checklist.Communications.Answer, partnership.AnswerNotRecorded)
				if a.Compliance.CommunicationsAgreement {
					t.Error("flag set without communications")
				}
			}},
		{"unjustified partnership logo: recorded, but the answer is no", func(p *partnership.Partnership) {
			p.Communications.Branding = partnership.BrandingPartnershipLogo
			p.Communications.LeadPartner = "corby"
		}, func(t *testing.T, a assessed) {
			c := a.Checklist.Communications
			answerIs(t, "communications", c.Answer, partnership.AnswerNotRecorded)
			if !a.Compliance.CommunicationsAgreement || c.LeadName != "Corby Borough Council" {
				t.Errorf("flag %v, lead %q", a.Compliance.CommunicationsAgreement, c.LeadName)
			}
		}},
		{"the council is the communications lead", func(p *partnership.Partnership) {},
			func(t *testing.T, a assessed) {
				if got := a.Checklist.Communications.LeadName; got != partnership.DefaultCouncil().Name {
					t.Errorf("lead %q", got)
				}
			}},
		{"an officer with the Chief Executive's consent", func(p *partnership.Partnership) {
			p.Representatives[1].RepresentsOtherOrg, p.Representatives[1].Consent = true, partnership.ConsentChiefExecutive
		}, func(t *testing.T, a assessed) {
			answerIs(t, "consents", a.Checklist.Consents.Answer, partnership.AnswerYes)
		}},
		{"an officer with the wrong consent", func(p *partnership.Partnership) {
			p.Representatives[1].RepresentsOtherOrg = true
			p.Representatives[1].Consent = partnership.ConsentLeaderWithChiefExecutive
		}, func(t *testing.T, a assessed) {
			c := a.Checklist.Consents
			answerIs(t, "consents", c.Answer, partnership.AnswerNo)
			want := partnership.RepresentativeConsent{Representative: "Alex Moore", Kind: partnership.RepresentativeKindOfficer,
				Needed: partnership.ConsentChiefExecutive, Recorded: partnership.ConsentLeaderWithChiefExecutive}
			if len(c.Consents) != 1 || c.Consents[0] != want {
				t.Errorf("consents %+v", c.Consents)
			}
		}},
		{"a councillor without consent", func(p *partnership.Partnership) { p.Representatives[0].RepresentsOtherOrg = true },
			func(t *testing.T, a assessed) {
				answerIs(t, "consents", a.Checklist.Consents.Answer, partnership.AnswerNotRecorded)
			}},
		{"a significant partnership with only a councillor substitute", func(p *partnership.Partnership) {
			p.Representatives[0].Role = partnership.RepresentativeRoleSubstitute
		}, func(t *testing.T, a assessed) {
			c := a.Checklist
			if len(c.Representatives.People) != 1 || len(c.Substitutes.People) != 2 || c.Substitutes.People[0].Name != "Cllr Jane Ellis" {
				t.Errorf("members %+v, substitutes %+v", c.Representatives.People, c.Substitutes.People)
			}
			if c.Representatives.NeedsCouncillor {
				t.Error("a councillor substitute represents the council, as the findings count it")
			}
		}},
		{"a significant partnership without councillors", func(p *partnership.Partnership) {
			p.Representatives = p.Representatives[1:]
		}, func(t *testing.T, a assessed) {
			if !a.Checklist.Representatives.NeedsCouncillor {
				t.Error("no councillor, not flagged")
			}
		}},
		{"an unbudgeted council contribution", func(p *partnership.Partnership) { p.Contributions[0].WithinBudget = false },
			func(t *testing.T, a assessed) {
				b := a.Checklist.WithinBudget
				answerIs(t, "budget", b.Answer, partnership.AnswerNo)
				if b.CouncilOutside != 1 || b.OthersOutside != 0 {
					t.Errorf("item %+v", b)
				}
			}},
		{"a partner's unbudgeted contribution", func(p *partnership.Partnership) { p.Contributions[1].WithinBudget = false },
			func(t *testing.T, a assessed) {
				b := a.Checklist.WithinBudget
				answerIs(t, "budget", b.Answer, partnership.AnswerYes)
				if b.CouncilOutside != 0 || b.OthersOutside != 1 {
					t.Errorf("item %+v", b)
				}
			}},
		{"no contributions", func(p *partnership.Partnership) { p.Contributions = nil },
			func(t *testing.T, a assessed) {
				answerIs(t, "budget", a.Checklist.WithinBudget.Answer, partnership.AnswerNotRecorded)
				answerIs(t, "resources", a.Checklist.Resources.Answer, partnership.AnswerNotRecorded)
			}},
	}
}

func checklistCasesC() []checklistCase {
	return []checklistCase{
		{"contributions over two years", func(p *partnership.Partnership) {
			p.Contributions = append(p.Contributions, partnership.Contribution{Partner: partnership.CouncilID,
				FinancialYear: "2027/28", Type: partnership.ContributionTypeCash, AmountPence: 25, WithinBudget: true})
		}, func(t *testing.T, a assessed) {
			r := a.Checklist.Resources
			if r.TotalPence != 6_500_025 || r.CouncilPence != 5_000_025 || r.Years != 2 {
				t.Errorf("item %+v", r)
			}
		}},
		{"the highest risk is the first with the top score", func(p *partnership.Partnership) {
			p.Risks = append(p.Risks, partnership.Risk{ID: "R3", Phase: partnership.RiskPhaseInLife, Likelihood: 5, Impact: 4,
				Category: partnership.RiskCategorySafeguarding},
				partnership.Risk{ID: "R4", Phase: partnership.RiskPhaseInLife, Likelihood: 4, Impact: 5, Category: partnership.RiskCategoryEquality})
		}, func(t *testing.T, a assessed) {
			r := a.Checklist.RiskAssessment
			if r.Count != 4 || r.PreEntry != 1 || r.HighestID != "R3" || r.HighestScore != 20 {
				t.Errorf("item %+v", r)
			}
			if got := a.Checklist.StatutoryDuties.RiskIDs; !slices.Equal(got, []string{"R3", "R4"}) {
				t.Errorf("duty risks %v", got)
			}
		}},
		{"a review date before the assessment date", func(p *partnership.Partnership) { p.Dates.NextReview = "2026-09-30" },
			func(t *testing.T, a assessed) {
				l := a.Checklist.Lifespan
				if l.Answer != partnership.AnswerYes || !l.ReviewPassed {
					t.Errorf("item %+v", l)
				}
			}},
		{"a review due on the assessment date has not passed", func(p *partnership.Partnership) { p.Dates.NextReview = "2026-10-01" },
			func(t *testing.T, a assessed) {
				if a.Checklist.Lifespan.ReviewPassed {
					t.Error("a review due today has passed")
				}
			}},
		{"no dates", func(p *partnership.Partnership) { p.Dates = nil }, func(t *testing.T, a assessed) {
			answerIs(t, "lifespan", a.Checklist.Lifespan.Answer, partnership.AnswerNotRecorded)
		}},
		{"the latest self-assessment", func(p *partnership.Partnership) {
			p.Reviews = append(p.Reviews, partnership.Review{FinancialYear: "2026/27", Type: partnership.ReviewTypeSelfAssessment,
				Overall: partnership.OverallLimited},
				partnership.Review{FinancialYear: "2027/28", Type: partnership.ReviewTypeCouncilReview})
		}, func(t *testing.T, a assessed) {
			s := a.Checklist.SelfAssessment
			if s.Answer != partnership.AnswerYes || s.Latest == nil || s.Latest.FinancialYear != "2026/27" {
				t.Errorf("item %+v", s)
			}
		}},
		{"an active partnership without a self-assessment", func(p *partnership.Partnership) { p.Reviews = nil },
			func(t *testing.T, a assessed) {
				answerIs(t, "self-assessment", a.Checklist.SelfAssessment.Answer, partnership.AnswerNotRecorded)
			}},
		{"a proposal", func(p *partnership.Partnership) { p.Status, p.Reviews = partnership.StatusProposed, nil },
			func(t *testing.T, a assessed) {
				answerIs(t, "self-assessment", a.Checklist.SelfAssessment.Answer, partnership.AnswerNotApplicable)
				answerIs(t, "decision", a.Checklist.Decision.Answer, partnership.AnswerPending)
			}},
		{"rejected", func(p *partnership.Partnership) { p.Status = partnership.StatusRejected },
			func(t *testing.T, a assessed) {
				answerIs(t, "decision", a.Checklist.Decision.Answer, partnership.AnswerNo)
			}},
		{"a contract for services", func(p *partnership.Partnership) { p.Arrangement.CouncilProcuresService = true },
			func(t *testing.T, a assessed) {
				c := a.Checklist
				answerIs(t, "partnership", c.Partnership.Answer, partnership.AnswerNo)
				answerIs(t, "significance", c.Significance.Answer, partnership.AnswerNotApplicable)
				answerIs(t, "route", c.ApprovalRoute.Answer, partnership.AnswerNotApplicable)
				if c.Partnership.Arrangement == nil || !c.Partnership.Arrangement.CouncilProcuresService {
					t.Errorf("facts %+v", c.Partnership.Arrangement)
				}
			}},
		{"undetermined", func(p *partnership.Partnership) { p.Arrangement = nil }, func(t *testing.T, a assessed) {
			answerIs(t, "partnership", a.Checklist.Partnership.Answer, partnership.AnswerNotRecorded)
			answerIs(t, "route", a.Checklist.ApprovalRoute.Answer, partnership.AnswerNotRecorded)
		}},
		{"whitespace-only purpose", func(p *partnership.Partnership) { p.Purpose = " " }, func(t *testing.T, a assessed) {
			answerIs(t, "strategic fit", a.Checklist.StrategicFit.Answer, partnership.AnswerNotRecorded)
		}},
		{"whitespace-only legal power", func(p *partnership.Partnership) { p.LegalPower = " " },
			func(t *testing.T, a assessed) {
				answerIs(t, "legal power", a.Checklist.LegalPower.Answer, partnership.AnswerNotRecorded)
			}},
	}
}

// Each legal instrument: whether it is an agreement (the Register's
// Agreement flag) and whether it binds (Legal must draw it up), and what
// the checklist records.
func TestLegalInstruments(t *testing.T) {
	cases := []struct {
		li                 partnership.LegalInstrument
		agreement, binding bool
	}{
		{"", false, false},
		{partnership.LegalInstrumentInformal, false, false},
		{partnership.LegalInstrumentTermsOfReference, true, false},
		{partnership.LegalInstrumentMou, true, false},
		{partnership.LegalInstrumentMouPartBinding, true, true},
		{partnership.LegalInstrumentBindingAgreement, true, true},
		{partnership.LegalInstrumentJointCommittee, true, true},
		{partnership.LegalInstrumentIncorporatedEntity, true, true},
		{partnership.LegalInstrumentS75Agreement, true, true},
		{partnership.LegalInstrumentContractForServices, false, true},
		{partnership.LegalInstrumentGrantAgreement, true, true},
		{partnership.LegalInstrumentForum, false, false},
	}
	if len(cases) != len(partnership.LegalInstrumentValues)+1 {
		t.Fatalf("%d cases for %d instruments and none", len(cases), len(partnership.LegalInstrumentValues))
	}
	for _, c := range cases {
		p := cleanPartnership()
		p.LegalInstrument = c.li
		a := assessAll(p)
		if c.li.IsAgreement() != c.agreement || a.Compliance.Agreement != c.agreement || partnership.ComplianceOf(p).Agreement != c.agreement {
			t.Errorf("%q: agreement %v, flag %v; want %v", c.li, c.li.IsAgreement(), a.Compliance.Agreement, c.agreement)
		}
		ls := a.Checklist.LegalStatus
		if c.li.IsBinding() != c.binding || ls.Binding != c.binding || a.Checklist.LegalConsulted.Binding != c.binding {
			t.Errorf("%q: binding %v, checklist %v; want %v", c.li, c.li.IsBinding(), ls.Binding, c.binding)
		}
		if want := partnership.AnswerYes; c.li == "" {
			answerIs(t, "legal status of none", ls.Answer, partnership.AnswerNotRecorded)
		} else {
			answerIs(t, string(c.li), ls.Answer, want)
		}
	}
}

// ComplianceOf judges the record alone, and a nil record has no flags.
func TestComplianceOf(t *testing.T) {
	if partnership.ComplianceOf(nil) != (partnership.Compliance{}) {
		t.Error("a nil partnership has flags")
	}
	for _, name := range samples.Names() {
		p := decodeSample(t, name)
		if name == "minimal-proposal.json" || partnership.Assess(p, partnership.DefaultCouncil(), assessDate).Classification.Excluded() {
			continue
		}
		if got := partnership.ComplianceOf(p); got != (partnership.Compliance{Agreement: true,
			CommunicationsAgreement: true, ISPOrWaiver: true, ExitStrategy: true, RiskAssessment: true, SponsoringOfficer: true}) {
			t.Errorf("%s: %+v, want every flag (each sample has an agreement, a communications agreement, an ISP or waiver, "+
				"an exit strategy, risks and a sponsoring officer)", name, got)
		}
	}
	m := partnership.ComplianceOf(decodeSample(t, "minimal-proposal.json"))
	if m != (partnership.Compliance{SponsoringOfficer: true}) {
		t.Errorf("minimal proposal: %+v, want only a sponsoring officer", m)
	}
}

// ChecklistOf never panics and answers every item, whatever p holds.
func TestChecklistOfEmptyRecords(t *testing.T) {
	for _, p := range []*partnership.Partnership{nil, {}} {
		c := partnership.ChecklistOf(p, partnership.Council{}, assessDate)
		if got := answerCodes(c); got != "RRRRRRRRRRARRRRRRRRRRARRP"+"RRRRRR" {
			t.Errorf("%+v: answers %s", p, got)
		}
	}
}

// TestAssessCarriesTheChecklistAndCompliance: the Assessment's checklist
// answers and compliance flags are the ones ChecklistOf and ComplianceOf
// give for the same partnership, council and date, every item named once.
func TestAssessCarriesTheChecklistAndCompliance(t *testing.T) {
	council := partnership.DefaultCouncil()
	for _, name := range samples.Names() {
		p := decodeSample(t, name)
		a := partnership.Assess(p, council, assessDate)
		ck := partnership.ChecklistOf(p, council, assessDate)
		want := ck.Answers()
		if len(a.Checklist) != len(want) {
			t.Fatalf("%s: %d checklist answers, want %d", name, len(a.Checklist), len(want))
		}
		seen := map[string]bool{}
		for i, item := range a.Checklist {
			if item.Answer != want[i] || item.Item == "" || item.Section == "" || seen[item.Item] {
				t.Errorf("%s: checklist[%d] = %+v, want answer %s and a new item id", name, i, item, want[i])
			}
			seen[item.Item] = true
		}
		if a.Compliance == nil || *a.Compliance != partnership.ComplianceOf(p) {
			t.Errorf("%s: compliance %+v, want %+v", name, a.Compliance, partnership.ComplianceOf(p))
		}
	}
}

// checklistCasesD: the items issue 12 added or changed: the evaluation, the
// legal power for Legal to confirm, procurement, the Constitution, risks in
// service plans, the Article 26 arrangement and an excluded arrangement.
func checklistCasesD() []checklistCase {
	return []checklistCase{
		{"an evaluation", func(p *partnership.Partnership) {
			p.Evaluation = &partnership.Evaluation{AlternativesConsidered: "An existing board.", LegalConsultedOn: "2026-09-01",
				EqualityAnalysis: "EqIA done.", Insurance: "Public liability.", Capacity: "Within the service budget."}
		}, func(t *testing.T, a assessed) {
			c := a.Checklist
			for item, got := range map[string]partnership.Answer{"alternatives": c.Alternatives.Answer, "legal consulted": c.LegalConsulted.Answer,
				"duties": c.StatutoryDuties.Answer, "insurance": c.Insurance.Answer, "capacity": c.Capacity.Answer} {
				answerIs(t, item, got, partnership.AnswerYes)
			}
			if c.LegalConsulted.ConsultedOn != "2026-09-01" || c.StatutoryDuties.EqualityAnalysis != "EqIA done." {
				t.Errorf("facts %+v %+v", c.LegalConsulted, c.StatutoryDuties)
			}
		}},
		{"a blank evaluation", func(p *partnership.Partnership) {
			p.Evaluation = &partnership.Evaluation{Insurance: " ", Capacity: "\n"}
		}, func(t *testing.T, a assessed) {
			answerIs(t, "insurance", a.Checklist.Insurance.Answer, partnership.AnswerNotRecorded)
			answerIs(t, "capacity", a.Checklist.Capacity.Answer, partnership.AnswerNotRecorded)
			answerIs(t, "legal power", a.Checklist.LegalPower.Answer, partnership.AnswerToConfirm)
			answerIs(t, "Constitution", a.Checklist.Constitution.Answer, partnership.AnswerToConfirm)
		}},
		{"authority beyond the Constitution", func(p *partnership.Partnership) { p.NeedsAuthorityBeyondConstitution = true },
			func(t *testing.T, a assessed) {
				answerIs(t, "Constitution", a.Checklist.Constitution.Answer, partnership.AnswerNo)
			}},
		{"only staff time", func(p *partnership.Partnership) {
			for i := range p.Contributions {
				p.Contributions[i].Type = partnership.ContributionTypeStaff
			}
		}, func(t *testing.T, a assessed) {
			answerIs(t, "procurement", a.Checklist.Procurement.Answer, partnership.AnswerNotApplicable)
		}},
		{"a member paying cash to the lead", func(p *partnership.Partnership) { p.CouncilRole = partnership.CouncilRoleMember },
			func(t *testing.T, a assessed) {
				pr := a.Checklist.Procurement
				answerIs(t, "procurement", pr.Answer, partnership.AnswerNotRecorded)
				if pr.CashToPartners == 0 || pr.PooledCash != 0 {
					t.Errorf("item %+v", pr)
				}
				answerIs(t, "service plans", a.Checklist.ServicePlanRisks.Answer, partnership.AnswerNotApplicable)
			}},
		{"joint controllers", func(p *partnership.Partnership) {
			p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipJointControllers
		}, func(t *testing.T, a assessed) {
			if !a.Checklist.ISP.Article26Needed {
				t.Error("the Article 26 arrangement is not asked for")
			}
		}},
		{"an officer with no consent recorded", func(p *partnership.Partnership) { p.Representatives[1].RepresentsOtherOrg = true },
			func(t *testing.T, a assessed) {
				answerIs(t, "consents", a.Checklist.Consents.Answer, partnership.AnswerNotRecorded)
			}},
		{"a forum", func(p *partnership.Partnership) { p.LegalInstrument = partnership.LegalInstrumentForum }, func(t *testing.T, a assessed) {
			c := a.Checklist
			if c.Excluded != partnership.ClassExcludedForum || c.ISP.Article26Needed {
				t.Errorf("excluded %q", c.Excluded)
			}
			for item, got := range map[string]partnership.Answer{"decision": c.Decision.Answer, "sponsor": c.SponsoringOfficer.Answer,
				"ISP": c.ISP.Answer, "insurance": c.Insurance.Answer, "service plans": c.ServicePlanRisks.Answer} {
				answerIs(t, item, got, partnership.AnswerNotApplicable)
			}
			answerIs(t, "legal power", c.LegalPower.Answer, partnership.AnswerToConfirm)
			answerIs(t, "within budget", c.WithinBudget.Answer, partnership.AnswerYes)
		}},
	}
}
