package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

func TestCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	b := s.signedIn(t, partnership.RoleOfficer)
	token := b.formToken("/partnerships/" + rev.Ref)
	form := url.Values{"kind": {"agreement"}, "format": {"pdf"}, "form_token": {token}}
	for _, header := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
		req, err := http.NewRequest(http.MethodPost, s.URL+"/partnerships/"+rev.Ref+"/documents", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(header[0], header[1])
		wantPage(t, b.do(req), http.StatusForbidden, "This form was sent from another website")
	}
	docs, err := s.reg.Documents(t.Context(), rev.Ref)
	if err != nil || len(docs) != 0 {
		t.Fatalf("a cross-site post generated a document: %v, %v", docs, err)
	}
	r := b.post("/partnerships/"+rev.Ref+"/documents", form) // the same form from this site
	if r.status != http.StatusSeeOther {
		t.Fatalf("same-site post: %d\n%s", r.status, r.body)
	}
}

func TestFormsNeedTheSessionsFormToken(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := s.signedIn(t, partnership.RoleOfficer)
	other := s.signedIn(t, partnership.RoleOfficer)
	path := "/partnerships/" + rev.Ref + "/documents"
	for _, token := range []string{"", "not-a-form-token", other.formToken("/")} {
		r := officer.post(path, url.Values{"kind": {"agreement"}, "format": {"pdf"}, "form_token": {token}})
		wantPage(t, r, http.StatusForbidden, "This form has expired or did not come from this service")
	}
	if r := officer.post("/sign-out", url.Values{}); r.status != http.StatusForbidden {
		t.Errorf("sign-out without the form token: %d", r.status)
	}
	docs, err := s.reg.Documents(t.Context(), rev.Ref)
	if err != nil || len(docs) != 0 {
		t.Fatalf("a post without the form token generated a document: %v, %v", docs, err)
	}
}

func TestUserTextIsShownAsText(t *testing.T) {
	s := newSite(t)
	const hostile = `<script>alert("pwned")</script> & <b>bold</b>`
	rev := s.addPartnership(t, "waste-partnership.json", hostile)
	b := s.signedIn(t, partnership.RoleOfficer)
	escaped := `&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;`
	for _, path := range []string{"/", "/partnerships", "/partnerships?q=" + url.QueryEscape("<script>"), "/partnerships/" + rev.Ref} {
		r := b.get(path)
		wantPage(t, r, http.StatusOK, escaped)
		if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<b>bold") {
			t.Errorf("%s shows the name as HTML", path)
		}
	}
	search := b.get("/partnerships?q=" + url.QueryEscape(`"><script>x</script>`))
	if strings.Contains(search.body, `"><script>x`) {
		t.Error("the search box echoes its value as HTML")
	}
}

func TestErrorPagesAreHTML(t *testing.T) {
	s := newSite(t)
	legal := s.signedIn(t, partnership.RoleLegal)
	wantPage(t, legal.get("/audit"), http.StatusForbidden, "You cannot use this page", "Your role (legal) may not do this.")
	wantPage(t, legal.get("/partnerships/new"), http.StatusForbidden, "You cannot use this page")
	wantPage(t, legal.get("/no/such/page"), http.StatusNotFound, "Page not found")
	wantPage(t, legal.get("/partnerships/PP-1999-999"), http.StatusNotFound, "Page not found")
	wantPage(t, legal.get("/documents/not-a-number"), http.StatusNotFound, "Page not found")
	wantPage(t, legal.get("/documents/999"), http.StatusNotFound, "Page not found")
	wantPage(t, legal.get("/audit?before=x"), http.StatusForbidden)
	wantPage(t, s.browser(t).get("/nowhere"), http.StatusNotFound, "Page not found")
	put, err := http.NewRequest(http.MethodPut, s.URL+"/partnerships", nil)
	if err != nil {
		t.Fatal(err)
	}
	wantPage(t, legal.do(put), http.StatusMethodNotAllowed, "This page cannot be used that way")
	for _, r := range []response{legal.get("/audit"), legal.get("/nowhere")} {
		if strings.Contains(r.body, `"code"`) || strings.Contains(r.body, "goroutine") {
			t.Errorf("an error page shows a JSON problem or a stack:\n%s", r.body)
		}
	}
}

func TestEachRoleSeesItsOwnHome(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := s.signedIn(t, partnership.RoleOfficer)
	home := officer.get("/")
	wantPage(t, home, http.StatusOK, "Add a partnership", rev.Partnership.Name, `href="/partnerships"`)
	for _, absent := range []string{`href="/audit"`, `href="/review"`, "The register at a glance"} {
		if strings.Contains(home.body, absent) {
			t.Errorf("the officer's home page shows %s", absent)
		}
	}
	legal := s.signedIn(t, partnership.RoleLegal).get("/")
	wantPage(t, legal, http.StatusOK, "Drafts waiting for your review", `href="/review"`)
	if strings.Contains(legal.body, "Add a partnership") || strings.Contains(legal.body, `href="/audit"`) {
		t.Error("legal's home page offers what legal may not do")
	}
	policy := s.signedIn(t, partnership.RolePolicy).get("/")
	wantPage(t, policy, http.StatusOK, "The register at a glance", `role="img"`, "<desc id=\"by-status-desc\">Partnerships by status.",
		`href="/audit"`, "Reviews overdue")
	if strings.Contains(policy.body, "Add a partnership") {
		t.Error("policy's home page offers to add a partnership")
	}
	partnershipPage := s.signedIn(t, partnership.RolePolicy).get("/partnerships/" + rev.Ref)
	wantPage(t, partnershipPage, http.StatusOK, "What the Partnership Protocol says")
	if strings.Contains(partnershipPage.body, "Generate the draft") {
		t.Error("policy is offered to generate a draft")
	}
	wantPage(t, officer.get("/partnerships/"+rev.Ref), http.StatusOK, "Generate the draft")
}

func TestOverviewChartAndTableAgree(t *testing.T) {
	s := newSite(t)
	var revs []*partnership.Revision
	for range 3 {
		revs = append(revs, s.addPartnership(t, "waste-partnership.json", ""))
	}
	revs = append(revs, s.addPartnership(t, "minimal-proposal.json", ""))
	r := s.signedIn(t, partnership.RolePolicy).get("/")
	wantPage(t, r, http.StatusOK, "4 partnerships")
	rev := s.addPartnership(t, "minimal-proposal.json", "")
	revs = append(revs, rev)
	status := string(rev.Partnership.Status)
	row := regexp.MustCompile(`<th scope="row" class="govuk-table__header">([^<]+)</th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>`)
	r = s.signedIn(t, partnership.RolePolicy).get("/")
	rows := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(r.body, -1) {
		rows[m[1]] = m[2]
	}
	if rows["Proposed"] != "2" || status != "proposed" {
		t.Errorf("table rows %v, want 2 proposed", rows)
	}
	if !strings.Contains(r.body, "Proposed: 2") {
		t.Error("the chart's text alternative does not say the figure the table does")
	}
	lacking := 0
	for _, rev := range revs {
		if partnership.ComplianceOf(&rev.Partnership).Gaps()&partnership.GapRiskAssessment != 0 {
			lacking++
		}
	}
	if want := strconv.Itoa(lacking); lacking == 0 || rows["Risk assessment"] != want ||
		!strings.Contains(r.body, "Risk assessment: "+want) {
		t.Errorf("lacking a risk assessment: table %q, want %d in the table and the chart", rows["Risk assessment"], lacking)
	}
}

func TestRegisterSearchFiltersAndPages(t *testing.T) {
	s := newSite(t)
	for range 30 {
		s.addPartnership(t, "minimal-proposal.json", "")
	}
	s.addPartnership(t, "waste-partnership.json", "Łódź–Cluj Waste Partnership")
	b := s.signedIn(t, partnership.RoleLegal)
	first := b.get("/partnerships")
	wantPage(t, first, http.StatusOK, "Next page")
	next := regexp.MustCompile(`href="(/partnerships\?after=[^"]+)" rel="next"`).FindStringSubmatch(first.body)
	if next == nil {
		t.Fatal("no link to the next page")
	}
	second := b.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	wantPage(t, second, http.StatusOK, "First page", "Łódź–Cluj Waste Partnership")
	if strings.Contains(second.body, `rel="next"`) {
		t.Error("the last page links to a next page")
	}
	found := b.get("/partnerships?q=" + url.QueryEscape("łódź"))
	wantPage(t, found, http.StatusOK, "Łódź–Cluj Waste Partnership")
	if strings.Contains(found.body, "Brixworth") {
		t.Error("the search by name lists partnerships without it")
	}
	wantPage(t, b.get("/partnerships?review_due=31-03-2026&status=nonsense"), http.StatusBadRequest,
		`<a href="#review_due">Enter the date as year-month-day`, `<a href="#status">Choose a status`, `value="31-03-2026"`)
}

func TestGenerateSubmitReturnAndApprove(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := s.signedIn(t, partnership.RoleOfficer)
	page := "/partnerships/" + rev.Ref
	wantPage(t, officer.postForm(page, page+"/documents", url.Values{"format": {"pdf"}}), http.StatusUnprocessableEntity,
		`<a href="#kind">Choose a document to generate</a>`)
	r := officer.postForm(page, page+"/documents", url.Values{"kind": {"agreement"}, "format": {"pdf"}})
	doc := r.header.Get("Location")
	if r.status != http.StatusSeeOther || !strings.HasSuffix(doc, "?done=generated") {
		t.Fatalf("generate: %d to %q\n%s", r.status, doc, r.body)
	}
	doc = strings.TrimSuffix(doc, "?done=generated")
	wantPage(t, officer.get(doc+"?done=generated"), http.StatusOK, "The draft has been generated.", "Submit for legal review", "Download the PDF")
	file := officer.get(doc + "/file")
	if file.status != http.StatusOK || file.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(file.body, "%PDF-") {
		t.Fatalf("download: %d %q", file.status, file.header.Get("Content-Type"))
	}
	preview := officer.get(doc + "/preview")
	if csp := preview.header.Get("Content-Security-Policy"); preview.status != http.StatusOK || !strings.HasPrefix(csp, "sandbox") ||
		!strings.Contains(preview.body, rev.Partnership.Name) {
		t.Fatalf("preview: %d, CSP %q", preview.status, csp)
	}
	if r := officer.postForm(doc, doc+"/submit", url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", r.status, r.body)
	}

	legal := s.signedIn(t, partnership.RoleLegal)
	wantPage(t, legal.get("/review"), http.StatusOK, "Partnership agreement, version 1")
	wantPage(t, legal.postForm(doc, doc+"/return", url.Values{"comment": {"  "}}), http.StatusUnprocessableEntity,
		`<a href="#returned-comment">Say why the draft is being returned</a>`, "govuk-textarea--error")
	const comment = "Clause 7: name the lead partner <please>"
	if r := legal.postForm(doc, doc+"/return", url.Values{"comment": {comment}}); r.status != http.StatusSeeOther {
		t.Fatalf("return: %d\n%s", r.status, r.body)
	}
	wantPage(t, officer.get("/"), http.StatusOK, "Drafts returned to you", `href="`+doc+`"`)
	wantPage(t, officer.get(doc), http.StatusOK, "Returned by legal review", "Clause 7: name the lead partner &lt;please&gt;")

	if r := officer.postForm(doc, doc+"/submit", url.Values{"comment": {"Done"}}); r.status != http.StatusSeeOther {
		t.Fatalf("submit again: %d\n%s", r.status, r.body)
	}
	wantPage(t, officer.postForm(doc, doc+"/approve", url.Values{}), http.StatusForbidden, "You cannot use this page")
	r = legal.postForm(doc, doc+"/approve", url.Values{})
	if r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", r.status, r.body)
	}
	approved := legal.get(r.header.Get("Location"))
	wantPage(t, approved, http.StatusOK, "The draft has been approved.", "govuk-tag--green",
		"This is the approved copy", `href="`+doc+`">The draft's page</a>`)
	wantPage(t, legal.postForm(doc, doc+"/approve", url.Values{}), http.StatusConflict, "This cannot be done now")
}
