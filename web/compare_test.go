package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// TestCompareRevisions: any two revisions of a partnership, compared field
// by field in words, the user's text escaped; a revision that does not
// exist, or the same one twice, gets the GOV.UK error pattern.
func TestCompareRevisions(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer}
	p := rev.Partnership
	p.Name = `Łódź & Caerdydd <b>waste</b>`
	p.Status = partnership.StatusUnderReview
	if _, err := s.flow.UpdatePartnership(t.Context(), officer, rev.Ref, 1, &p); err != nil {
		t.Fatal(err)
	}
	legal := s.signedIn(t, partnership.RoleLegal)
	page := legal.get("/partnerships/" + rev.Ref)
	wantPage(t, page, http.StatusOK, `action="/partnerships/`+rev.Ref+`/compare"`, "Compare revision")

	r := legal.get("/partnerships/" + rev.Ref + "/compare?from=1&to=2")
	wantPage(t, r, http.StatusOK, "2 fields differ", "Revision 1", "Revision 2",
		">Name</th>", "Łódź &amp; Caerdydd &lt;b&gt;waste&lt;/b&gt;", ">Status</th>", "Under review")
	if strings.Contains(r.body, "<b>waste</b>") {
		t.Error("the comparison shows the name as HTML")
	}
	wantPage(t, legal.get("/partnerships/"+rev.Ref+"/compare"), http.StatusOK, "2 fields differ")
	wantPage(t, legal.get("/partnerships/"+rev.Ref+"/compare?from=2&to=1"), http.StatusOK, "2 fields differ")

	for _, q := range []string{"from=1&to=1", "from=1&to=9", "from=x&to=2"} {
		r := legal.get("/partnerships/" + rev.Ref + "/compare?" + q)
		wantPage(t, r, http.StatusUnprocessableEntity, "There is a problem", "govuk-error-summary")
	}
	wantPage(t, legal.get("/partnerships/PP-1999-999/compare"), http.StatusNotFound, "Page not found")
}

// TestOfficersHomeListsTheirOwn: an officer's home lists the partnerships
// they have saved, not the whole register; the register's "only mine"
// filter lists the same.
func TestOfficersHomeListsTheirOwn(t *testing.T) {
	s := newSite(t)
	mine := s.addPartnership(t, "waste-partnership.json", "Officer's own waste partnership")
	p := mine.Partnership
	p.Ref, p.Name = "", "Someone else's alliance"
	other, err := s.flow.CreatePartnership(t.Context(), partnership.Actor{Name: names[partnership.RoleAdmin], Role: partnership.RoleAdmin}, &p)
	if err != nil {
		t.Fatal(err)
	}
	officer := s.signedIn(t, partnership.RoleOfficer)
	for _, path := range []string{"/", "/partnerships?mine=yes"} {
		r := officer.get(path)
		wantPage(t, r, http.StatusOK, "Officer&#39;s own waste partnership")
		if strings.Contains(r.body, other.Ref) {
			t.Errorf("%s lists %s, saved by someone else", path, other.Ref)
		}
	}
	wantPage(t, officer.get("/partnerships"), http.StatusOK, "Someone else&#39;s alliance")
	wantPage(t, s.signedIn(t, partnership.RoleAdmin).get("/"), http.StatusOK, "Someone else&#39;s alliance")
}

// TestDocumentPageComparesWithThePreviousVersion: a draft's page shows
// what changed since the version before it, clause by clause, as a
// sandboxed page like the preview; the first version has no comparison.
func TestDocumentPageComparesWithThePreviousVersion(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer}
	first, err := s.flow.GenerateDocument(t.Context(), officer, rev.Ref, "agreement", "html")
	if err != nil {
		t.Fatal(err)
	}
	p := rev.Partnership
	p.Partners[1].Name = "Cyngor Sir Ynys Môn"
	if _, err := s.flow.UpdatePartnership(t.Context(), officer, rev.Ref, 1, &p); err != nil {
		t.Fatal(err)
	}
	second, err := s.flow.GenerateDocument(t.Context(), officer, rev.Ref, "agreement", "html")
	if err != nil {
		t.Fatal(err)
	}
	legal := s.signedIn(t, partnership.RoleLegal)
	firstPage := legal.get("/documents/" + strconv.FormatInt(first.ID, 10))
	wantPage(t, firstPage, http.StatusOK)
	if strings.Contains(firstPage.body, "Changes since version") {
		t.Error("the first version offers a comparison with nothing")
	}
	path := "/documents/" + strconv.FormatInt(second.ID, 10)
	compare := path + "/compare/" + strconv.FormatInt(first.ID, 10)
	wantPage(t, legal.get(path), http.StatusOK, "Changes since version 1", `src="`+compare+`"`)
	r := legal.get(compare)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Security-Policy"), "sandbox") ||
		!strings.Contains(r.body, "<ins") || !strings.Contains(r.body, "Ynys Môn") {
		t.Errorf("the comparison: %d, CSP %q, has an insertion %v", r.status, r.header.Get("Content-Security-Policy"), strings.Contains(r.body, "<ins"))
	}
	wantPage(t, legal.get(path+"/compare/"+strconv.FormatInt(second.ID, 10)), http.StatusBadRequest, "Choose two different versions to compare.")
}

// TestPagesCannotBeFramed: every page of the forms forbids framing by any
// site, in both headers browsers read; only the sandboxed frames of a
// document (its preview, its comparison) may be framed, by this service's
// own pages.
func TestPagesCannotBeFramed(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := s.signedIn(t, partnership.RoleOfficer)
	for _, path := range []string{"/sign-in", "/", "/partnerships", "/partnerships/" + rev.Ref, "/partnerships/new", "/no/such/page"} {
		r := officer.get(path)
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || r.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: CSP %q, X-Frame-Options %q", path, csp, r.header.Get("X-Frame-Options"))
		}
	}
	doc, err := s.flow.GenerateDocument(t.Context(), partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer},
		rev.Ref, "mou", "pdf")
	if err != nil {
		t.Fatal(err)
	}
	preview := officer.get("/documents/" + strconv.FormatInt(doc.ID, 10) + "/preview")
	if preview.status != http.StatusOK || preview.header.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("the preview: %d, X-Frame-Options %q, want SAMEORIGIN", preview.status, preview.header.Get("X-Frame-Options"))
	}
}
