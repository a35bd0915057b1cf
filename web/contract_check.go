package web

import (
	"net/http"
	"reflect"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// checkSection is one page's answers on "check your answers".
type checkSection struct {
	ID, Title string
	Rows      []answerRow
}

// answerRow is one answer: its label (with the item it is in) and value
// in words.
type answerRow struct {
	Path, Label, Value string
}

// conflictRow is one answer that differs between the revision someone else
// saved and the draft.
type conflictRow struct {
	Label, Theirs, Yours string
}

func reflectValue(p *partnership.Partnership) reflect.Value { return reflect.ValueOf(p).Elem() }

// answers are every answer on a page, in the page's order.
func (f *contractForm) answers(p *partnership.Partnership, sec contractSection) []answerRow {
	var out []answerRow
	for _, ff := range f.fields(p, sec.Fields, nil, nil) {
		out = appendAnswers(out, ff, "")
	}
	return out
}

func appendAnswers(out []answerRow, ff formField, prefix string) []answerRow {
	switch ff.Kind {
	case "group", "list":
		for _, sub := range ff.Fields {
			out = appendAnswers(out, sub, prefix+ff.Label+": ")
		}
		if ff.Kind == "list" && len(ff.Fields) == 0 {
			out = append(out, answerRow{Path: ff.Name, Label: prefix + ff.Label, Value: "None"})
		}
		return out
	}
	return append(out, answerRow{Path: ff.Name, Label: prefix + ff.Label, Value: answerWords(ff)})
}

// answerWords is a field's value as the check page says it.
func answerWords(ff formField) string {
	switch ff.Kind {
	case "yesno":
		return map[string]string{"yes": "Yes", "no": "No"}[ff.Value]
	case "date":
		if ff.Date == (dateInput{}) {
			return ""
		}
		return dateWords(partnership.Date(ff.Date.Year + "-" + pad2(ff.Date.Month) + "-" + pad2(ff.Date.Day)))
	case "select":
		if ff.Value == "" {
			return ff.Blank
		}
		return choiceText(ff.Choices, ff.Value)
	case "money":
		if pence, ok := parsePounds(ff.Value); ok && ff.Value != "" {
			return poundsWords(pence)
		}
	case "checkboxes":
		var words []string
		for _, v := range ff.Values {
			words = append(words, choiceText(ff.Choices, v))
		}
		return strings.Join(words, ", ")
	}
	return ff.Value
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func choiceText(choices []choice, v string) string {
	for _, c := range choices {
		if c.Value == v {
			return c.Text
		}
	}
	return v
}

// showCheck is "check your answers", with the problems saving found.
func (s *Server) showCheck(c *echo.Context, d contractDraft, problems []partnership.Problem, status int) error {
	p, data := s.contractPage(c, "Check your answers", d)
	for _, sec := range contractSections() {
		data.Check = append(data.Check, checkSection{ID: sec.ID, Title: sec.Title, Rows: s.forms.answers(d.Partnership, sec)})
	}
	for _, prob := range problems {
		sec, _ := sectionByID(sectionOf(prob.Path))
		p.Errors = append(p.Errors, fieldError{Message: sec.Title + ": " + s.forms.plain(prob.Message)})
	}
	return s.show(c, status, "contract-check", p)
}

// showStale shows the revision someone else saved beside the draft, answer
// by answer where they differ; the draft stays in the page, to be saved
// over theirs or changed first.
func (s *Server) showStale(c *echo.Context, d contractDraft) error {
	theirs, err := s.flow.Partnership(c.Request().Context(), actorOf(c), d.Ref)
	if err != nil {
		return err
	}
	d.Base = theirs.Number // saving from here replaces theirs knowingly
	p, data := s.contractPage(c, "Someone else has saved this partnership", d)
	data.Theirs = theirs
	mine := map[string]answerRow{}
	for _, sec := range contractSections() {
		for _, row := range s.forms.answers(d.Partnership, sec) {
			mine[row.Path+"|"+row.Label] = row
		}
	}
	theirsP := theirs.Partnership
	theirsP.Ref = ""
	for _, sec := range contractSections() {
		for _, row := range s.forms.answers(&theirsP, sec) {
			if m := mine[row.Path+"|"+row.Label]; m.Value != row.Value {
				data.Conflicts = append(data.Conflicts, conflictRow{Label: row.Label, Theirs: row.Value, Yours: m.Value})
			}
			delete(mine, row.Path+"|"+row.Label)
		}
	}
	for _, sec := range contractSections() { // answers only the draft has, in order
		for _, row := range s.forms.answers(d.Partnership, sec) {
			if _, ok := mine[row.Path+"|"+row.Label]; ok {
				data.Conflicts = append(data.Conflicts, conflictRow{Label: row.Label, Yours: row.Value})
			}
		}
	}
	return s.show(c, http.StatusConflict, "contract-stale", p)
}
