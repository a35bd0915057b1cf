package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// aboutForm is the first page of a new partnership: what it is called, what
// it is for, where it sits and its dates, as entered (kept on error).
type aboutForm struct {
	Name, Purpose, ServiceArea, Status string
	Start, End, NextReview             dateInput
	Statuses                           []partnership.Status
}

// dateInput is a GOV.UK date input's three fields, as typed.
type dateInput struct{ Day, Month, Year string }

// dateFields are the about page's dates: the contract's path, the form's
// field name and the words a message uses.
var dateFields = []struct{ path, field, words string }{
	{"dates.start", "start", "The start date"},
	{"dates.end", "end", "The end date"},
	{"dates.next_review", "next_review", "The next review date"},
}

// newPartnershipPage is the empty form.
func (s *Server) newPartnershipPage(c *echo.Context) error {
	form := &aboutForm{Status: string(partnership.StatusProposed), Statuses: partnership.StatusValues}
	return s.showOK(c, "partnership-new", s.newPage(c, "About the partnership", form))
}

// createPartnership adds the partnership to the register. Every problem,
// the contract's own (partnership.Validate, by JSON path) and a date not
// given in full, is shown in the error summary and beside its field, with
// everything typed kept.
func (s *Server) createPartnership(c *echo.Context) error {
	form := readAboutForm(c)
	p, problems := form.partnership()
	if len(problems) == 0 {
		partnership.Normalize(p)
		problems = fieldProblems(partnership.Validate(p))
	}
	if len(problems) == 0 {
		rev, err := s.flow.CreatePartnership(c.Request().Context(), actorOf(c), p)
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, partnershipAddress(rev.Ref)+"?done=created")
	}
	page := s.newPage(c, "About the partnership", form)
	page.Errors = problems
	return s.show(c, http.StatusUnprocessableEntity, "partnership-new", page)
}

func readAboutForm(c *echo.Context) *aboutForm {
	date := func(name string) dateInput {
		return dateInput{Day: strings.TrimSpace(c.FormValue(name + "-day")), Month: strings.TrimSpace(c.FormValue(name + "-month")),
			Year: strings.TrimSpace(c.FormValue(name + "-year"))}
	}
	return &aboutForm{Name: c.FormValue("name"), Purpose: c.FormValue("purpose"), ServiceArea: c.FormValue("service_area"),
		Status: c.FormValue("status"), Start: date("start"), End: date("end"), NextReview: date("next_review"),
		Statuses: partnership.StatusValues}
}

// partnership is the form as the contract's partnership, or the dates
// that were not given in full.
func (f *aboutForm) partnership() (*partnership.Partnership, []fieldError) {
	p := &partnership.Partnership{Name: f.Name, Purpose: f.Purpose, ServiceArea: f.ServiceArea, Status: partnership.Status(f.Status)}
	var dates partnership.Dates
	targets := []*partnership.Date{&dates.Start, &dates.End, &dates.NextReview}
	var problems []fieldError
	for i, d := range []dateInput{f.Start, f.End, f.NextReview} {
		value, ok := d.date()
		if !ok {
			problems = append(problems, fieldError{Field: dateFields[i].field + "-day",
				Message: dateFields[i].words + " must include a day, month and year"})
		}
		*targets[i] = value
	}
	if dates != (partnership.Dates{}) {
		p.Dates = &dates
	}
	return p, problems
}

// date is the input as YYYY-MM-DD: "" when nothing was typed, and not ok
// when only part of it was. Whether it is a real date is the contract's
// question.
func (d dateInput) date() (partnership.Date, bool) {
	switch {
	case d.Day == "" && d.Month == "" && d.Year == "":
		return "", true
	case d.Day == "" || d.Month == "" || d.Year == "":
		return "", false
	}
	return partnership.Date(fmt.Sprintf("%04s-%02s-%02s", d.Year, d.Month, d.Day)), true
}

// fieldProblems puts the contract's problems on the about page's fields:
// a path names its field, and a date's problem is said in the form's words.
func fieldProblems(problems []partnership.Problem) []fieldError {
	out := make([]fieldError, 0, len(problems))
	for _, p := range problems {
		fe := fieldError{Field: strings.ReplaceAll(p.Path, ".", "-"), Message: p.Message}
		for _, d := range dateFields {
			if p.Path == d.path {
				fe.Field = d.field + "-day"
				if strings.Contains(p.Message, "not a real date") {
					fe.Message = d.words + " must be a real date"
				}
			}
		}
		out = append(out, fe)
	}
	return out
}
