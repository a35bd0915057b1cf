package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// registerPageSize is how many partnerships a page of the register lists.
const registerPageSize = 25

// registerData is the register page: the search as entered, its results,
// and the address of the next page.
type registerData struct {
	Search   registerSearch
	Statuses []partnership.Status
	Results  []partnership.PartnershipSummary
	Next     string // the next page's address, "" on the last page
	First    string // the first page's address, "" on the first page
}

// registerSearch is the search form's fields, as entered.
type registerSearch struct {
	Q, Status, Significant, ServiceArea, Lead, ReviewDue, Mine, After string
}

// partnerships is the register: search by name, filters and paging by the
// register's cursor. A filter that cannot be understood is shown with the
// GOV.UK error pattern beside the field.
func (s *Server) partnerships(c *echo.Context) error {
	q := c.QueryParams()
	search := registerSearch{Q: q.Get("q"), Status: q.Get("status"), Significant: q.Get("significant"),
		ServiceArea: q.Get("service_area"), Lead: q.Get("lead"), ReviewDue: q.Get("review_due"), Mine: q.Get("mine"), After: q.Get("after")}
	data := registerData{Search: search, Statuses: partnership.StatusValues}
	filter, problems := search.filter()
	if search.Mine == "yes" {
		filter.SavedBy = actorOf(c).Name
	}
	p := s.newPage(c, "Partnerships", &data)
	if len(problems) > 0 {
		p.Errors = problems
		return s.show(c, http.StatusBadRequest, "partnerships", p)
	}
	results, next, err := s.flow.ListPartnerships(c.Request().Context(), actorOf(c), filter)
	if err != nil {
		return err
	}
	data.Results = results
	if next != "" {
		data.Next = search.address(next)
	}
	if search.After != "" {
		data.First = search.address("")
	}
	return s.showOK(c, "partnerships", p)
}

// filter is the register's filter for the search, or the problems with it.
func (rs registerSearch) filter() (partnership.PartnershipFilter, []fieldError) {
	f := partnership.PartnershipFilter{NameContains: strings.TrimSpace(rs.Q), ServiceArea: strings.TrimSpace(rs.ServiceArea),
		LeadPartner: strings.TrimSpace(rs.Lead), After: rs.After, Limit: registerPageSize}
	var problems []fieldError
	if rs.Status != "" {
		if st := partnership.Status(rs.Status); st.Valid() {
			f.Status = []partnership.Status{st}
		} else {
			problems = append(problems, fieldError{Field: "status", Message: "Choose a status from the list"})
		}
	}
	switch rs.Significant {
	case "yes", "no":
		significant := rs.Significant == "yes"
		f.Significant = &significant
	case "":
	default:
		problems = append(problems, fieldError{Field: "significant", Message: "Choose yes, no or either"})
	}
	if due := strings.TrimSpace(rs.ReviewDue); due != "" {
		t, err := time.Parse(time.DateOnly, due)
		if err != nil {
			problems = append(problems, fieldError{Field: "review_due", Message: "Enter the date as year-month-day, like 2026-03-31"})
		}
		f.ReviewDueBefore = t
	}
	return f, problems
}

// address is the register's address for this search, from the page after
// the cursor after ("" for the first page).
func (rs registerSearch) address(after string) string {
	v := url.Values{}
	for name, value := range map[string]string{"q": rs.Q, "status": rs.Status, "significant": rs.Significant,
		"service_area": rs.ServiceArea, "lead": rs.Lead, "review_due": rs.ReviewDue, "mine": rs.Mine, "after": after} {
		if value != "" {
			v.Set(name, value)
		}
	}
	if len(v) == 0 {
		return "/partnerships"
	}
	return "/partnerships?" + v.Encode()
}
