package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"partnerdocs/partnership"
)

// TestBrowserNewContractFields drives issue 12's fields in chromium: an
// officer gives a voluntary partner its deliverables and its own basis,
// recognised legitimate interests for safeguarding (first forgetting the
// basis: the error summary's link takes them to the field), the council's
// basis, a liability cap in pounds and the evaluation; checks, saves, sees
// them on the partnership's page, and finds them again when changing it.
// Every page is checked by axe-core and photographed; the register holds
// what was typed.
func TestBrowserNewContractFields(t *testing.T) {
	ctx := newBrowser(t)
	s := newSite(t)
	sample := s.addPartnership(t, "early-help-safeguarding.json", "")
	v := &visit{t: t, ctx: ctx, site: s, shots: screenshotFolder(t)}

	v.signIn("officer-home", s.tokens[partnership.RoleOfficer], "Add a partnership")
	v.open("sample-partnership", "/partnerships/"+sample.Ref, `//h2[text()="Evaluation"]`)
	v.wantText("Recognised legitimate interests (Article 6(1)(ea)): safeguarding vulnerable individuals")
	v.open("new-tasks", "/partnerships/new", `//h1[text()="Partnership details"]`)
	v.click("new-about", `//button[text()="About the partnership"]`, `//h1[text()="About the partnership"]`)
	v.type_(`#name`, "Early help alliance")
	v.type_(`#purpose`, "Help families before problems grow")
	v.click("new-partners", `//button[text()="Save and continue"]`, `//h1[text()="Partners"]`)
	v.click("new-partner", `//button[text()="Add a partner"]`, `//*[@id="partners-0-responsibilities"]`)
	v.type_(`#partners-0-id`, "safe-families")
	v.type_(`#partners-0-name`, "Safe Start Families")
	v.type_(`#partners-0-type`, "voluntary_sector")
	v.type_(`#partners-0-responsibilities`, "Provides family support workers.\nRefers safeguarding concerns the same day.")
	v.type_(`#partners-0-recognised_interest`, "safeguarding")
	v.click("new-partner-without-basis", `//button[text()="Save and continue"]`, `//h2[text()="There is a problem"]`)
	v.do(chromedp.Click(chromedp.Search(`//a[@href="#partners-0-recognised_interest"]`)))
	run(v, chromedp.Poll[bool](`document.activeElement.id === "partners-0-recognised_interest"`))
	v.wantText("recognised legitimate interests")
	v.type_(`#partners-0-lawful_basis`, "recognised_legitimate_interests")
	v.click("new-significance", `//button[text()="Save and continue"]`, `//h1[starts-with(., "Is it a partnership")]`)

	v.click("new-tasks-2", `//button[text()="Back to the task list"]`, `//h1[text()="Partnership details"]`)
	v.click("new-information-sharing", `//button[text()="Information sharing"]`, `//h1[text()="Information sharing"]`)
	v.type_(`#information_sharing-lawful_basis`, "public_task")
	v.click("new-communications", `//button[text()="Save and continue"]`, `//h1[text()="Communications"]`)
	v.click("new-tasks-3", `//button[text()="Back to the task list"]`, `//h1[text()="Partnership details"]`)
	v.click("new-risks", `//button[text()="Risks and liability"]`, `//h1[text()="Risks and liability"]`)
	v.type_(`#liability_cap_pence`, "two hundred and fifty thousand")
	v.click("new-cap-in-words", `//button[text()="Save and continue"]`, `//h2[text()="There is a problem"]`)
	v.type_(`#liability_cap_pence`, "250,000")
	v.click("new-evaluation", `//button[text()="Save and continue"]`, `//h1[text()="Evaluation"]`)
	enterEvaluation(v)
	v.click("new-review-exit", `//button[text()="Save and continue"]`, `//h1[text()="Review and exit"]`)
	v.click("new-tasks-4", `//button[text()="Back to the task list"]`, `//h1[text()="Partnership details"]`)
	v.click("new-check", `//button[text()="Check your answers"]`, `//h1[text()="Check your answers"]`)
	for _, want := range []string{"£250,000", "Safeguarding vulnerable individuals", "Recognised legitimate interests", "14 October 2026", "Public task"} {
		v.wantText(want)
	}
	v.click("new-saved", `//button[text()="Save the partnership"]`, `//p[contains(., "added to the register")]`)
	for _, want := range []string{"Refers safeguarding concerns the same day.", "£250,000", "Recognised legitimate interests (Article 6(1)(ea)): safeguarding vulnerable individuals", "14 October 2026"} {
		v.wantText(want)
	}
	wantSavedFields(t, s, v)
	v.click("change-tasks", `//a[starts-with(., "Change the partnership")]`, `//h1[text()="Partnership details"]`)
	v.click("change-partners", `//button[text()="Partners"]`, `//h1[text()="Partners"]`)
	wantValue(v, `#partners-0-lawful_basis`, "recognised_legitimate_interests")
	wantValue(v, `#partners-0-recognised_interest`, "safeguarding")
	wantValue(v, `#partners-0-responsibilities`, "Provides family support workers.\nRefers safeguarding concerns the same day.")
	v.click("change-tasks-2", `//button[text()="Back to the task list"]`, `//h1[text()="Partnership details"]`)
	v.click("change-risks", `//button[text()="Risks and liability"]`, `//h1[text()="Risks and liability"]`)
	wantValue(v, `#liability_cap_pence`, "250000")
}

// enterEvaluation fills the evaluation page.
func enterEvaluation(v *visit) {
	v.t.Helper()
	v.type_(`#evaluation-alternatives_considered`, "A contract was considered; the partners share the outcomes.")
	v.type_(`#evaluation-legal_consulted_on-day`, "14")
	v.type_(`#evaluation-legal_consulted_on-month`, "10")
	v.type_(`#evaluation-legal_consulted_on-year`, "2026")
	v.type_(`#evaluation-equality_analysis`, "An equality impact assessment found better access.")
	v.type_(`#evaluation-insurance`, "Public liability cover of £10 million each.")
	v.type_(`#evaluation-capacity`, "Within the 2027/28 budget.")
}

// wantSavedFields: the register holds, as the contract's JSON, what the
// browser typed.
func wantSavedFields(t *testing.T, s *site, v *visit) {
	t.Helper()
	ref := run(v, chromedp.Text(chromedp.CSS(`span.govuk-caption-l`)))
	rev, err := s.flow.Partnership(t.Context(), admin, ref)
	if err != nil {
		t.Fatal(err)
	}
	wantSameJSON(t, rev.Partnership, `{
		"partners": [{"id": "safe-families", "name": "Safe Start Families", "type": "voluntary_sector",
			"responsibilities": ["Provides family support workers.", "Refers safeguarding concerns the same day."],
			"lawful_basis": "recognised_legitimate_interests", "recognised_interest": "safeguarding"}],
		"liability_cap_pence": 25000000,
		"evaluation": {"alternatives_considered": "A contract was considered; the partners share the outcomes.",
			"legal_consulted_on": "2026-10-14", "equality_analysis": "An equality impact assessment found better access.",
			"insurance": "Public liability cover of £10 million each.", "capacity": "Within the 2027/28 budget."}}`)
}

// wantValue fails unless the field at selector holds want.
func wantValue(v *visit, selector, want string) {
	v.t.Helper()
	if got := run(v, chromedp.Value(chromedp.CSS(selector))); got != want {
		v.t.Errorf("%s holds %q, want %q", selector, got, want)
	}
}
