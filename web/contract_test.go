package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

var draftPattern = regexp.MustCompile(`name="draft" value="([^"]*)"`)

// step posts one button of the partnership's form from the page last
// shown, carrying its draft, and returns the page it leads to.
func step(t *testing.T, b *browser, from response, action string, form url.Values) response {
	t.Helper()
	m := draftPattern.FindStringSubmatch(from.body)
	if m == nil {
		t.Fatalf("the page carries no draft:\n%s", from.body)
	}
	if form == nil {
		form = url.Values{}
	}
	form.Set("draft", html.UnescapeString(m[1]))
	form.Set("form_token", formTokenPattern.FindStringSubmatch(from.body)[1])
	if base := regexp.MustCompile(`name="base" value="(\d+)"`).FindStringSubmatch(from.body); base != nil {
		form.Set("base", base[1])
	}
	form.Set("action", action)
	path := regexp.MustCompile(`<form method="post" action="([^"]+)" novalidate>`).FindAllStringSubmatch(from.body, -1)
	return b.post(html.UnescapeString(path[len(path)-1][1]), form)
}

func TestNewPartnershipThroughTheTaskList(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	tasks := b.get("/partnerships/new")
	wantPage(t, tasks, http.StatusOK, "Partnership details", "About the partnership", "Review and exit", "Not started")

	about := step(t, b, tasks, "go:about", nil)
	wantPage(t, about, http.StatusOK, `id="name"`, `id="dates-start"`)
	r := step(t, b, about, "continue", url.Values{"section": {"about"}, "name": {""}, "purpose": {"Cysylltu <cymunedau> Cymru"},
		"status": {"proposed"}, "dates.start-day": {"31"}, "dates.start-month": {"2"}, "dates.start-year": {"2027"},
		"dates.end-day": {"1"}, "dates.end-year": {"2030"}})
	wantPage(t, r, http.StatusUnprocessableEntity, "There is a problem", `<a href="#dates-end-day">End must include a day, month and year</a>`,
		`value="31"`, "Cysylltu &lt;cymunedau&gt; Cymru", `<a href="#name">`)
	r = step(t, b, about, "continue", url.Values{"section": {"about"}, "name": {""}, "purpose": {"Cysylltu"},
		"status": {"proposed"}, "dates.start-day": {"31"}, "dates.start-month": {"2"}, "dates.start-year": {"2027"}})
	wantPage(t, r, http.StatusUnprocessableEntity, `href="#dates-start-day"`, `id="dates-start-error"`)

	partners := step(t, b, about, "continue", url.Values{"section": {"about"}, "name": {"Partneriaeth Gymunedol Dyffryn Conwy"},
		"purpose": {"Cysylltu"}, "status": {"proposed"}, "dates.start-day": {"28"}, "dates.start-month": {"2"}, "dates.start-year": {"2027"}})
	wantPage(t, partners, http.StatusOK, "<h1 class=\"govuk-heading-l\">Partners</h1>", "Add a partner")
	one := step(t, b, partners, "add:partners", url.Values{"section": {"partners"}, "partners#count": {"0"}})
	wantPage(t, one, http.StatusOK, `id="partners-0-name"`, "Remove partner 1")
	two := step(t, b, one, "add:partners", url.Values{"section": {"partners"}, "partners#count": {"1"}, "partners[0].name": {"Gmina Łódź"}})
	wantPage(t, two, http.StatusOK, `id="partners-1-name"`, `value="Gmina Łódź"`)
	back := step(t, b, two, "remove:partners[1]", url.Values{"section": {"partners"}, "partners#count": {"2"},
		"partners[0].name": {"Gmina Łódź"}, "partners[0].id": {"lodz"}, "partners[0].type": {"local_authority"}})
	if strings.Contains(back.body, `id="partners-1-name"`) || !strings.Contains(back.body, `value="Gmina Łódź"`) {
		t.Fatalf("remove did not remove partner 2 alone:\n%s", back.body)
	}
	check := step(t, b, back, "check", url.Values{"section": {"partners"}, "partners#count": {"1"},
		"partners[0].name": {"Gmina Łódź"}, "partners[0].id": {"lodz"}, "partners[0].type": {"local_authority"}})
	wantPage(t, check, http.StatusOK, "Check your answers", "Gmina Łódź", "28 February 2027", "Save the partnership")
	saved := step(t, b, check, "save", nil)
	if saved.status != http.StatusSeeOther || !strings.Contains(saved.header.Get("Location"), "?done=created") {
		t.Fatalf("save: %d %q\n%v %s", saved.status, saved.header.Get("Location"), saved.header, saved.body[:min(len(saved.body), 400)])
	}
	wantPage(t, b.get(saved.header.Get("Location")), http.StatusOK, "added to the register", "Gmina Łódź")
}

// TestStaleEditShowsBothAndLosesNothing: two officers edit the same
// revision; the second to save sees both versions and can save theirs.
func TestStaleEditShowsBothAndLosesNothing(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	a, b := s.signedIn(t, partnership.RoleOfficer), s.signedIn(t, partnership.RoleOfficer)
	edit := "/partnerships/" + rev.Ref + "/edit"
	pa, pb := a.get(edit), b.get(edit)
	wantPage(t, pa, http.StatusOK, "from revision 1")
	about := url.Values{"section": {"about"}, "name": {"Renamed by A"}, "purpose": {rev.Partnership.Purpose}, "status": {string(rev.Partnership.Status)}}
	for k, v := range dateValues(rev.Partnership.Dates) {
		about[k] = v
	}
	ca := step(t, a, step(t, a, pa, "go:about", nil), "check", about)
	if r := step(t, a, ca, "save", nil); r.status != http.StatusSeeOther {
		t.Fatalf("A's save: %d\n%s", r.status, r.body)
	}
	about.Set("name", "Renamed by B <b>")
	cb := step(t, b, step(t, b, pb, "go:about", nil), "check", about)
	stale := step(t, b, cb, "save", nil)
	wantPage(t, stale, http.StatusConflict, "Someone else has saved this partnership", "Renamed by A", "Renamed by B &lt;b&gt;")
	r := step(t, b, stale, "overwrite", nil)
	if r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "done=updated") {
		t.Fatalf("B's save over A's: %d\n%s", r.status, r.body)
	}
	cur, _ := s.flow.Partnership(t.Context(), admin, rev.Ref)
	if cur.Number != 3 || cur.Partnership.Name != "Renamed by B <b>" {
		t.Errorf("revision %d named %q", cur.Number, cur.Partnership.Name)
	}
}

func TestContractFormNeedsTheFormToken(t *testing.T) {
	s := newSite(t)
	b := s.signedIn(t, partnership.RoleOfficer)
	wantPage(t, b.post("/partnerships/new", url.Values{"action": {"save"}, "draft": {`{"name":"x","purpose":"y"}`}}),
		http.StatusForbidden, "This form has expired")
}

func dateValues(d *partnership.Dates) url.Values {
	out := url.Values{}
	if d == nil {
		return out
	}
	for name, v := range map[string]partnership.Date{"dates.start": d.Start, "dates.end": d.End, "dates.next_review": d.NextReview} {
		if v == "" {
			continue
		}
		out.Set(name+"-year", string(v[:4]))
		out.Set(name+"-month", string(v[5:7]))
		out.Set(name+"-day", string(v[8:10]))
	}
	return out
}
