package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// compareData is the comparison of two revisions of a partnership.
type compareData struct {
	Ref, Name  string
	FromN, ToN int // the revisions chosen
	From, To   *partnership.Revision
	Changes    []changeRow
	Revisions  []partnership.Revision // for choosing two others
}

// changeRow is one field that differs, named as the forms name it.
type changeRow struct {
	Field, Before, After string
}

// compareRevisions shows two revisions of a partnership side by side,
// field by field: ?from=N&to=M, by default the one before the current
// and the current.
func (s *Server) compareRevisions(c *echo.Context) error {
	ctx, actor, ref := c.Request().Context(), actorOf(c), c.Param("ref")
	revs, err := s.flow.Revisions(ctx, actor, ref)
	if err != nil {
		return err
	}
	from, to, problems := comparedNumbers(c, len(revs))
	if len(problems) > 0 {
		return s.compareProblems(c, ref, revs, problems)
	}
	cmp, err := s.flow.CompareRevisions(ctx, actor, ref, from, to)
	if code := partnership.ErrorCode(err); code == partnership.EInvalid || code == partnership.ENotFound && len(revs) > 0 {
		return s.compareProblems(c, ref, revs, []fieldError{{Field: "to", Message: "Choose two different revisions to compare"}})
	}
	if err != nil {
		return err
	}
	data := compareData{Ref: ref, Name: cmp.To.Partnership.Name, FromN: from, ToN: to, From: cmp.From, To: cmp.To, Revisions: revs}
	for _, ch := range cmp.Changes {
		data.Changes = append(data.Changes, changeRow{Field: pathWords(ch.Path), Before: ch.Before, After: ch.After})
	}
	return s.showOK(c, "compare", s.newPage(c, "Compare revisions of "+data.Name, data))
}

// comparedNumbers are the two revisions asked for, each 1..latest; an
// absent one is the default (the one before the latest, and the latest).
func comparedNumbers(c *echo.Context, latest int) (from, to int, problems []fieldError) {
	number := func(field string, def int) int {
		v := strings.TrimSpace(c.QueryParam(field))
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > latest {
			problems = append(problems, fieldError{Field: field, Message: "Choose a revision from 1 to " + strconv.Itoa(latest)})
		}
		return n
	}
	from, to = number("from", max(1, latest-1)), number("to", latest)
	if len(problems) == 0 && latest < 2 {
		problems = append(problems, fieldError{Field: "from", Message: "There is only one revision: nothing to compare yet"})
	}
	return from, to, problems
}

// compareProblems shows the choice of revisions again with its problems.
func (s *Server) compareProblems(c *echo.Context, ref string, revs []partnership.Revision, problems []fieldError) error {
	rev, err := s.flow.Partnership(c.Request().Context(), actorOf(c), ref)
	if err != nil {
		return err
	}
	from, _ := strconv.Atoi(c.QueryParam("from"))
	to, _ := strconv.Atoi(c.QueryParam("to"))
	data := compareData{Ref: ref, Name: rev.Partnership.Name, FromN: from, ToN: to, Revisions: revs}
	p := s.newPage(c, "Compare revisions of "+data.Name, data)
	p.Errors = problems
	return s.show(c, http.StatusUnprocessableEntity, "compare", p)
}

// pathWords names a field of the contract by its JSON path as the forms
// label it: "partners[2].comms_contact.email" is "Partner 3: Communications
// contact: Email".
func pathWords(path string) string {
	var parts []string
	prefix := "" // the path so far, with its lists' indexes left out
	for _, step := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(step, "[")
		words := pathLabel(name, prefix+name)
		prefix += name
		if rest != "" {
			prefix += "[]"
			if item, ok := itemNames[name]; ok {
				words = item
			}
		}
		prefix += "."
		for rest != "" {
			var i string
			i, rest, _ = strings.Cut(rest, "]")
			if n, err := strconv.Atoi(i); err == nil {
				words += " " + strconv.Itoa(n+1)
			}
			rest = strings.TrimPrefix(rest, "[")
		}
		parts = append(parts, words)
	}
	return strings.Join(parts, ": ")
}
