package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// Issue 12's fields as an officer types them, and the contract's JSON they
// must give.
var (
	newFieldsPartner = url.Values{"section": {"partners"}, "partners#count": {"1"},
		"partners[0].id": {"safe-families"}, "partners[0].name": {"Safe Start Families"}, "partners[0].type": {"voluntary_sector"},
		"partners[0].responsibilities": {"  Provides family support workers.\r\n\r\nRefers safeguarding concerns the same day <b>\r\n"},
		"partners[0].lawful_basis":     {"recognised_legitimate_interests"}, "partners[0].recognised_interest": {"safeguarding"}}
	newFieldsEvaluation = url.Values{"section": {"evaluation"},
		"evaluation.alternatives_considered": {"A contract was considered; the partners share the outcomes."},
		"evaluation.legal_consulted_on-day":  {"14"}, "evaluation.legal_consulted_on-month": {"10"}, "evaluation.legal_consulted_on-year": {"2026"},
		"evaluation.equality_analysis": {"An equality impact assessment found better access."},
		"evaluation.insurance":         {"Public liability cover of £10 million each."},
		"evaluation.capacity":          {"Within the 2027/28 budget."}}
	newFieldsJSON = `{
		"partners": [{"id": "safe-families", "name": "Safe Start Families", "type": "voluntary_sector",
			"responsibilities": ["Provides family support workers.", "Refers safeguarding concerns the same day <b>"],
			"lawful_basis": "recognised_legitimate_interests", "recognised_interest": "safeguarding"}],
		"liability_cap_pence": 25000050,
		"evaluation": {"alternatives_considered": "A contract was considered; the partners share the outcomes.",
			"legal_consulted_on": "2026-10-14", "equality_analysis": "An equality impact assessment found better access.",
			"insurance": "Public liability cover of £10 million each.", "capacity": "Within the 2027/28 budget."}}`
)

// TestNewContractFieldsRoundTrip: with plain form posts (no JavaScript) an
// officer enters issue 12's fields on their pages, meets each page's
// problems beside the field in words, sees the answers in words on "check
// your answers", saves, and the register holds exactly the JSON typed;
// changing the partnership shows every value again.
func TestNewContractFieldsRoundTrip(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	tasks := b.get("/partnerships/new")
	wantPage(t, tasks, http.StatusOK, "Risks and liability", "Evaluation")
	about := step(t, b, tasks, "go:about", nil)
	partners := step(t, b, about, "continue", url.Values{"section": {"about"}, "name": {"Early help alliance"}, "purpose": {"Help families early"}, "status": {"proposed"}})
	partners = step(t, b, partners, "add:partners", url.Values{"section": {"partners"}, "partners#count": {"0"}})
	wantPage(t, partners, http.StatusOK, `id="partners-0-responsibilities"`, `<option value="">The council&#39;s basis (from the information sharing page)</option>`,
		`<option value="recognised_legitimate_interests">Recognised legitimate interests</option>`,
		`<option value="safeguarding">Safeguarding vulnerable individuals</option>`,
		"a public body&#39;s request, national security, emergencies, crime or safeguarding")

	sig := enterPartnerPages(t, b, partners)
	risks := enterInformationSharing(t, b, sig)
	evaluation := enterLiabilityCap(t, b, risks)
	wantPage(t, evaluation, http.StatusOK, `<h1 class="govuk-heading-l">Evaluation</h1>`, `id="evaluation-legal_consulted_on-day"`, "Legal must be involved")
	bad := cloneValues(newFieldsEvaluation)
	bad.Set("evaluation.legal_consulted_on-month", "")
	wantPage(t, step(t, b, evaluation, "check", bad), http.StatusUnprocessableEntity, `href="#evaluation-legal_consulted_on-day"`)
	check := step(t, b, evaluation, "check", newFieldsEvaluation)
	wantPage(t, check, http.StatusOK, "£250,000.50", "Recognised legitimate interests", "Safeguarding vulnerable individuals",
		"14 October 2026", "Refers safeguarding concerns the same day &lt;b&gt;", "Public task")

	saved := step(t, b, check, "save", nil)
	if saved.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", saved.status, saved.body)
	}
	ref := strings.TrimPrefix(strings.Split(saved.header.Get("Location"), "?")[0], "/partnerships/")
	rev, err := s.flow.Partnership(t.Context(), admin, ref)
	if err != nil {
		t.Fatal(err)
	}
	wantSameJSON(t, rev.Partnership, newFieldsJSON)
	if is := rev.Partnership.InformationSharing; is == nil || is.LawfulBasis != partnership.LawfulBasisPublicTask || is.RecognisedInterest != "" {
		t.Errorf("information sharing saved as %+v", is)
	}
	wantPage(t, b.get(saved.header.Get("Location")), http.StatusOK, "Provides family support workers.",
		"Recognised legitimate interests (Article 6(1)(ea)): safeguarding vulnerable individuals", "£250,000.50", "14 October 2026")
	wantEditKeepsValues(t, b, ref)
}

// enterPartnerPages enters the partner: first with a recognised interest
// and no basis anywhere (refused beside the field, in words), then as
// typed; it returns the page after.
func enterPartnerPages(t *testing.T, b *browser, partners response) response {
	t.Helper()
	noBasis := cloneValues(newFieldsPartner)
	noBasis.Del("partners[0].lawful_basis")
	r := step(t, b, partners, "continue", noBasis)
	wantPage(t, r, http.StatusUnprocessableEntity, `href="#partners-0-recognised_interest"`, `id="partners-0-recognised_interest-error"`,
		"recognised legitimate interests", "“Information sharing: The council&#39;s lawful basis for sharing (UK GDPR Article 6)”")
	wantNoRawWords(t, r)
	next := step(t, b, partners, "continue", newFieldsPartner)
	wantPage(t, next, http.StatusOK, "Is it a partnership")
	return next
}

// enterInformationSharing gives the council's basis, first wrongly with a
// recognised interest, and returns the risks page.
func enterInformationSharing(t *testing.T, b *browser, from response) response {
	t.Helper()
	is := step(t, b, from, "go:information-sharing", nil)
	wantPage(t, is, http.StatusOK, `id="information_sharing-recognised_interest"`, "The council&#39;s lawful basis for sharing (UK GDPR Article 6)")
	form := url.Values{"section": {"information-sharing"}, "information_sharing.required": {"yes"},
		"information_sharing.lawful_basis": {"public_task"}, "information_sharing.recognised_interest": {"crime"}}
	r := step(t, b, is, "continue", form)
	wantPage(t, r, http.StatusUnprocessableEntity, `href="#information_sharing-recognised_interest"`, `<option value="crime" selected>`)
	wantNoRawWords(t, r)
	form.Del("information_sharing.recognised_interest")
	comms := step(t, b, is, "continue", form)
	wantPage(t, comms, http.StatusOK, "<h1 class=\"govuk-heading-l\">Communications</h1>")
	return step(t, b, comms, "go:risks", nil)
}

// enterLiabilityCap types the cap in pounds, first as words and as £0, and
// returns the evaluation page.
func enterLiabilityCap(t *testing.T, b *browser, risks response) response {
	t.Helper()
	wantPage(t, risks, http.StatusOK, `<div class="govuk-input__prefix" aria-hidden="true">£</div>`, `id="liability_cap_pence"`)
	for typed, want := range map[string]string{"a quarter of a million": "must be an amount in pounds", "0": "must be more than £0"} {
		r := step(t, b, risks, "continue", url.Values{"section": {"risks"}, "risks#count": {"0"}, "liability_cap_pence": {typed}})
		wantPage(t, r, http.StatusUnprocessableEntity, `href="#liability_cap_pence"`, want, `value="`+typed+`"`)
	}
	return step(t, b, risks, "continue", url.Values{"section": {"risks"}, "risks#count": {"0"}, "liability_cap_pence": {" £250,000.50 "}})
}

// wantEditKeepsValues: changing the saved partnership shows each value
// entered on its page again.
func wantEditKeepsValues(t *testing.T, b *browser, ref string) {
	t.Helper()
	edit := b.get("/partnerships/" + ref + "/edit")
	wantPage(t, step(t, b, edit, "go:partners", nil), http.StatusOK,
		"Provides family support workers.\nRefers safeguarding concerns the same day &lt;b&gt;</textarea>",
		`<option value="recognised_legitimate_interests" selected>`, `<option value="safeguarding" selected>`)
	wantPage(t, step(t, b, edit, "go:information-sharing", nil), http.StatusOK, `<option value="public_task" selected>`)
	wantPage(t, step(t, b, edit, "go:risks", nil), http.StatusOK, `value="250000.50"`)
	wantPage(t, step(t, b, edit, "go:evaluation", nil), http.StatusOK, `name="evaluation.legal_consulted_on-day" type="text" inputmode="numeric" value="14"`,
		"Public liability cover of £10 million each.</textarea>")
}

// wantSameJSON fails unless p has exactly the fields of want (a JSON
// object) with their values.
func wantSameJSON(t *testing.T, p partnership.Partnership, want string) {
	t.Helper()
	var got, wanted map[string]any
	b, _ := json.Marshal(p)
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &wanted); err != nil {
		t.Fatal(err)
	}
	for k, w := range wanted {
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(got[k])
		if string(wj) != string(gj) {
			t.Errorf("%s saved as\n%s\nwant\n%s", k, gj, wj)
		}
	}
}

// rawWord is a JSON path or an enumeration value written with underscores.
var rawWord = regexp.MustCompile(`[a-z]+_[a-z_]+`)

// wantNoRawWords fails if the page's error summary names a field or a
// choice as the JSON does.
func wantNoRawWords(t *testing.T, r response) {
	t.Helper()
	_, summary, _ := strings.Cut(r.body, `govuk-error-summary__list`)
	summary, _, _ = strings.Cut(summary, "</ul>")
	for _, m := range regexp.MustCompile(`>([^<]*)</a>`).FindAllStringSubmatch(summary, -1) {
		if raw := rawWord.FindString(m[1]); raw != "" {
			t.Errorf("the error summary says %q: %s", raw, m[1])
		}
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// TestContributionInPounds: a contribution's amount is typed in pounds
// like the cap, and kept in pence.
func TestContributionInPounds(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	about := step(t, b, b.get("/partnerships/new"), "go:about", nil)
	money := step(t, b, step(t, b, about, "continue", url.Values{"section": {"about"}, "name": {"Pounds"}, "purpose": {"Pence"}}), "go:money", nil)
	money = step(t, b, money, "add:contributions", url.Values{"section": {"money"}, "contributions#count": {"0"}})
	wantPage(t, money, http.StatusOK, `<label class="govuk-label govuk-label--s" for="contributions-0-amount_pence">Amount</label>`, "In pounds, for example 2500")
	form := url.Values{"section": {"money"}, "contributions#count": {"1"}, "contributions[0].partner": {"council"},
		"contributions[0].financial_year": {"2026/27"}, "contributions[0].type": {"cash"}, "contributions[0].amount_pence": {"-5"}}
	wantPage(t, step(t, b, money, "check", form), http.StatusUnprocessableEntity, `href="#contributions-0-amount_pence"`, "Amount must be £0 or more")
	form.Set("contributions[0].amount_pence", "£1,500.75")
	check := step(t, b, money, "check", form)
	wantPage(t, check, http.StatusOK, "£1,500.75")
	saved := step(t, b, check, "save", nil)
	ref := strings.TrimPrefix(strings.Split(saved.header.Get("Location"), "?")[0], "/partnerships/")
	rev, err := s.flow.Partnership(t.Context(), admin, ref)
	if err != nil {
		t.Fatal(err)
	}
	if cs := rev.Partnership.Contributions; len(cs) != 1 || cs[0].AmountPence != 150075 {
		t.Errorf("contributions saved as %+v", cs)
	}
}
