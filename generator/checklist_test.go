package generator

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// checklistItems are the questions of Annex 2 as the checklist prints
// them, one table row each.
var checklistItems = []string{
	"Is the arrangement a partnership",
	"Have the alternatives been considered",
	"Are the strategic fit and the benefits clear",
	"Is it a significant partnership, with the justification recorded?",
	"Is the legal status clear?",
	"Does the Council have the legal power to take part?",
	"been consulted?",
	"Is there a sponsoring officer?",
	"Are the Council's representatives named?",
	"Are substitutes named?",
	"Has consent been given for any representative who also represents another organisation?",
	"Have the risks been assessed before entry?",
	"Where the Council leads, are the partnership's risks recorded with its service plans?",
	"Are the resources identified, and do the benefits justify the costs?",
	"Can the Council contribute fully and effectively?",
	"Is the Council's contribution within approved budgets?",
	"Is the decision within the Council's Constitution, including its Budget and Policy Framework and Financial Procedure Rules?",
	"Is insurance in place for the Council's part, and is the other parties' cover clear?",
	"Have procurement issues been considered, including the Procurement Act 2023 where the Council procures or pays money to partners?",
	"Is there an Information Sharing Protocol, or a waiver with a reason?",
	"Are the lifespan and review dates set?",
	"Is there a succession strategy?",
	"Is there an exit strategy?",
	"Is there a Partnership Communications Agreement?",
	"Are targets and outcomes set?",
	"Are the partnership's activity and outcomes within the Council's performance management arrangements?",
	"Are the reporting arrangements set?",
	"Is an annual review or self-assessment carried out?",
	"Have equality and other statutory duties been considered?",
	"Is the approval route clear?",
	"Has the decision been taken?",
}

var checklistHeadings = []string{"Partnership Checklist", "Summary", "Checklist", "Approval route", "Findings", "Evaluation and decision"}

// bareBar is a "|" not escaped, which would end a table cell.
var bareBar = regexp.MustCompile(`(^|[^\\])\|`)

// The words the Answer column uses, from package partnership.
var (
	answerYes         = partnership.AnswerYes.Text()
	answerNo          = partnership.AnswerNo.Text()
	answerNA          = partnership.AnswerNotApplicable.Text()
	answerNotRecorded = partnership.AnswerNotRecorded.Text()
	answerPending     = partnership.AnswerPending.Text()
	answerToConfirm   = partnership.AnswerToConfirm.Text()
)

var checklistAnswers = []string{answerYes, answerNo, answerNA, answerNotRecorded, answerPending, answerToConfirm}

// checklistView is the view the checklist template sees, with the
// generator's own assessment.
func checklistView(g *Generator, p *partnership.Partnership) *view {
	meta, _ := g.templates.Meta("checklist")
	v := newView(p, g.council, meta, genTime, true)
	v.A = escapedAssessment(g.Assess(p, genTime))
	return v
}

// Every sample gets a checklist listing every item, with an answer from
// the closed set and evidence for each, the approval route and every
// finding of the assessment.
func TestChecklistEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			r := renderBoth(t, g, "checklist", p)
			r.wantBoth(t, checklistHeadings...)
			r.wantBoth(t, checklistItems...)
			r.wantBoth(t, p.Name, "Route", "Report to "+g.council.FullCouncil)
			if got := strings.Count(r.page, "<tr"); got < len(checklistItems)+1 {
				t.Errorf("the HTML has %d table rows, fewer than the %d items", got, len(checklistItems))
			}

			rows := checklistView(g, p).Checklist().Rows()
			if len(rows) != len(checklistItems) {
				t.Fatalf("%d rows for %d items", len(rows), len(checklistItems))
			}
			for i, row := range rows {
				if !slices.Contains(checklistAnswers, row.Answer) {
					t.Errorf("item %q: answer %q is not one of %v", checklistItems[i], row.Answer, checklistAnswers)
				}
				if strings.TrimSpace(row.Evidence) == "" || strings.Contains(row.Evidence, "\n") || bareBar.MatchString(row.Evidence) {
					t.Errorf("item %q: evidence %q is not one table cell", checklistItems[i], row.Evidence)
				}
			}

			a := g.Assess(p, genTime)
			for _, f := range checklistView(g, p).Findings() {
				r.wantBoth(t, unescapeMarkdown(f.Message), unescapeMarkdown(f.Section), unescapeMarkdown(f.Field))
			}
			if len(a.Findings) == 0 {
				r.wantBoth(t, "recorded no findings")
			}
		})
	}
}

// Removing the sponsoring officer turns that item to "no" and brings the
// assessment's finding into the findings table.
func TestChecklistShowsMissingSponsoringOfficer(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	if row := checklistView(g, p).Checklist().SponsoringOfficer; row.Answer != answerYes || !strings.Contains(row.Evidence, p.SponsoringOfficer.Name) {
		t.Fatalf("with a sponsoring officer: %+v", row)
	}
	before := renderBoth(t, g, "checklist", p)

	p.SponsoringOfficer = nil
	if row := checklistView(g, p).Checklist().SponsoringOfficer; row.Answer != answerNotRecorded {
		t.Errorf("without a sponsoring officer the answer is %q, want not recorded", row.Answer)
	}
	after := renderBoth(t, g, "checklist", p)
	after.wantBoth(t, "No sponsoring officer is recorded.", "Blocker", "Sponsoring officer")
	var found *partnership.Finding
	for _, f := range g.Assess(p, genTime).Findings {
		if strings.HasPrefix(f.Field, "sponsoring_officer") {
			found = &f
			break
		}
	}
	if found == nil {
		t.Fatal("the assessment has no finding about the missing sponsoring officer")
	}
	if found.Severity != partnership.SeverityBlocker {
		t.Errorf("missing sponsoring officer is a %s, want a blocker", found.Severity)
	}
	for _, f := range checklistView(g, p).Findings() {
		if f.Field == "Sponsoring officer" {
			after.wantBoth(t, unescapeMarkdown(f.Message), "Under section 4(c)")
		}
	}
	after.wantNeither(t, "sponsoring_officer", "§")
	if strings.Contains(before.pdf, "No sponsoring officer is named") {
		t.Error("the finding shows even with a sponsoring officer")
	}
}

// An arrangement the rules exclude still gets a checklist, which records
// the "no" and the reason, and no approval route.
func TestChecklistRecordsExcludedArrangement(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	p.Arrangement = &partnership.Arrangement{CouncilProcuresService: true}
	a := g.Assess(p, genTime)
	if a.Classification != partnership.ClassExcludedContract {
		t.Fatalf("the rules classify a procured service as %q, not excluded_contract", a.Classification)
	}
	c := checklistView(g, p).Checklist()
	if c.Partnership.Answer != answerNo || c.Significance.Answer != answerNA || c.ApprovalRoute.Answer != answerNA {
		t.Errorf("partnership %q, significance %q, route %q; want no, n/a, n/a", c.Partnership.Answer, c.Significance.Answer, c.ApprovalRoute.Answer)
	}
	r := renderBoth(t, g, "checklist", p)
	r.wantBoth(t, checklistItems...)
	r.wantBoth(t, "not a partnership but a contract for services", unescapeMarkdown(checklistView(g, p).ReasonText()),
		"No approval is needed under the Partnership Protocol", "Procurement Act 2023", "No approval decision")
	r.wantNeither(t, "approved / not approved", "Approver")
}

// Answers follow the data: a waived ISP with a reason is n/a, without one
// it is no; resources outside the budget are no; a missing ISP is no.
func TestChecklistAnswersFollowTheData(t *testing.T) {
	g := newTestGenerator(t)

	p := loadSample(t, "awkward-names.json") // waived, with a reason
	c := checklistView(g, p).Checklist()
	if c.ISP.Answer != answerNA || !strings.Contains(c.ISP.Evidence, "Waived") {
		t.Errorf("waived ISP: %+v", c.ISP)
	}
	p.InformationSharing.WaiverReason = ""
	if c := checklistView(g, p).Checklist(); c.ISP.Answer != answerNotRecorded {
		t.Errorf("waiver without a reason: %+v", c.ISP)
	}
	p.InformationSharing = nil
	if c := checklistView(g, p).Checklist(); c.ISP.Answer != answerNotRecorded || !strings.Contains(c.ISP.Evidence, "Neither") {
		t.Errorf("no ISP: %+v", c.ISP)
	}

	h := loadSample(t, "health-alliance.json") // resources outside the budget; joint controllers
	c = checklistView(g, h).Checklist()
	if c.WithinBudget.Answer != answerNo || c.ISP.Answer != answerYes || c.SelfAssessment.Answer != answerYes {
		t.Errorf("health alliance: budget %+v, ISP %+v, self-assessment %+v", c.WithinBudget, c.ISP, c.SelfAssessment)
	}

	m := loadSample(t, "minimal-proposal.json")
	c = checklistView(g, m).Checklist()
	for name, row := range map[string]checkRow{"representatives": c.Representatives, "risks": c.RiskAssessment,
		"exit": c.ExitStrategy, "communications": c.Communications, "targets": c.Targets} {
		if row.Answer != answerNotRecorded {
			t.Errorf("minimal proposal %s: %+v, want not recorded", name, row)
		}
	}
	if c.Decision.Answer != answerPending || c.SelfAssessment.Answer != answerNA || c.Alternatives.Answer != answerNotRecorded {
		t.Errorf("minimal proposal: decision %+v, self-assessment %+v, alternatives %+v", c.Decision, c.SelfAssessment, c.Alternatives)
	}
}

// Blockers come first in the findings table, each severity as a word.
func TestChecklistFindingsOrder(t *testing.T) {
	v := &view{A: partnership.Assessment{Findings: []partnership.Finding{
		{Code: "a", Severity: partnership.SeverityInfo, Section: "5(b)", Message: "note"},
		{Code: "b", Severity: partnership.SeverityWarning, Section: "4(e)", Message: "warn"},
		{Code: "c", Severity: partnership.SeverityBlocker, Section: "4(c)", Message: "block", Field: "sponsoring\\_officer"},
	}}}
	got := v.Findings()
	want := []string{"Blocker", "Warning", "Information"}
	for i, f := range got {
		if f.Severity != want[i] {
			t.Errorf("finding %d is %q, want %q", i, f.Severity, want[i])
		}
	}
	if got[1].Field != "—" || got[0].Field != "Sponsoring officer" {
		t.Errorf("fields: %+v", got)
	}
	if c := v.FindingCounts(); c != (findingCounts{Blockers: 1, Warnings: 1, Info: 1}) {
		t.Errorf("counts: %+v", c)
	}
}

// The view prints package partnership's answers and decides none: an
// answer changed there is the answer printed, whatever the record says.
func TestChecklistPrintsTheAssessmentsAnswers(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	v := checklistView(g, p)
	c := partnership.ChecklistOf(p, g.council, genTime)
	if got := v.Checklist(); got.ExitStrategy.Answer != c.ExitStrategy.Answer.Text() || got.Decision.Answer != c.Decision.Answer.Text() {
		t.Fatalf("the view's answers differ from ChecklistOf's: %+v", got)
	}
	c.ExitStrategy.Answer = partnership.AnswerPending
	c.Decision.Answer = partnership.AnswerNotApplicable
	c.WithinBudget = partnership.BudgetItem{Answer: partnership.AnswerNotRecorded}
	got := v.printChecklist(c)
	if got.ExitStrategy.Answer != answerPending || got.Decision.Answer != answerNA || got.WithinBudget.Answer != answerNotRecorded {
		t.Errorf("exit %+v, decision %+v, budget %+v", got.ExitStrategy, got.Decision, got.WithinBudget)
	}
	if got.WithinBudget.Evidence != "No contributions are recorded." {
		t.Errorf("budget evidence %q does not follow the assessment's facts", got.WithinBudget.Evidence)
	}
}

// Money in the checklist is written the one way partnership formats it.
func TestChecklistMoneyIsPoundsAndPence(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	var total, council int64
	for _, c := range p.Contributions {
		total += c.AmountPence
		if c.Partner == "council" {
			council += c.AmountPence
		}
	}
	e := checklistView(g, p).Checklist().Resources.Evidence
	for _, want := range []string{partnership.FormatMoney(total), partnership.FormatMoney(council)} {
		if !strings.Contains(e, want) {
			t.Errorf("resources evidence %q lacks %q", e, want)
		}
	}
	if !regexp.MustCompile(`£[\d,]+\.\d\d`).MatchString(e) {
		t.Errorf("resources evidence %q has no amount in pounds and pence", e)
	}
}
