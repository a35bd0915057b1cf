package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v5"
	"golang.org/x/text/unicode/norm"

	"partnerdocs/partnership"
)

// maxFilterChars bounds a text filter; no name or service area is longer.
const maxFilterChars = 200

// listPartnerships answers GET /api/v1/partnerships: the current revisions,
// in ref order, a page at a time, narrowed by the query (see
// partnershipFilter). Every problem with the query is reported at once.
func (s *Server) listPartnerships(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	filter, err := partnershipFilter(c.QueryParams())
	if err != nil {
		return err
	}
	page, next, err := s.flow.ListPartnerships(c.Request().Context(), actor, filter)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, pageOf(page, next))
}

// filterReader reads a listing's query, collecting a problem per bad
// parameter under the parameter's name.
type filterReader struct {
	q        url.Values
	problems []partnership.Problem
}

// partnershipFilter reads status (repeatable, or a comma-separated list),
// significant=true|false, service_area, lead_partner,
// review_due_before=YYYY-MM-DD, q (name contains), classification, after
// (the cursor) and limit. Anything else is refused, so a misspelt filter
// is not silently ignored.
func partnershipFilter(q url.Values) (partnership.PartnershipFilter, error) {
	r := &filterReader{q: q}
	r.known("status", "significant", "service_area", "lead_partner", "review_due_before",
		"q", "classification", "after", "limit")
	f := partnership.PartnershipFilter{
		Status:          r.statuses("status"),
		Significant:     r.boolean("significant"),
		ServiceArea:     r.text("service_area"),
		LeadPartner:     r.text("lead_partner"),
		ReviewDueBefore: r.date("review_due_before"),
		NameContains:    r.text("q"),
		Classification:  r.classification("classification"),
		After:           r.cursor("after"),
		Limit:           r.limit("limit"),
	}
	if len(r.problems) > 0 {
		return f, &partnership.Error{Code: partnership.EInvalid, Message: problemCount(len(r.problems)), Problems: r.problems}
	}
	return f, nil
}

func (r *filterReader) add(name, format string, args ...any) {
	r.problems = append(r.problems, partnership.Problem{Path: name, Message: fmt.Sprintf(format, args...)})
}

func (r *filterReader) known(names ...string) {
	var unknown []string
	for name := range r.q {
		if !slices.Contains(names, name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range unknown {
		r.add(safeName(name), "Is not a filter; the filters are: %s", strings.Join(names, ", "))
	}
}

// one returns the parameter's value when it is given once.
func (r *filterReader) one(name string) (string, bool) {
	values := r.q[name]
	switch {
	case len(values) == 0 || values[0] == "" && len(values) == 1:
		return "", false
	case len(values) > 1:
		r.add(name, "Give it at most once")
		return "", false
	}
	return values[0], true
}

func (r *filterReader) text(name string) string {
	v, ok := r.one(name)
	switch {
	case !ok:
		return ""
	case !utf8.ValidString(v):
		r.add(name, "Must be UTF-8 text")
		return ""
	case utf8.RuneCountInString(v) > maxFilterChars:
		r.add(name, "Must be %d characters or fewer", maxFilterChars)
		return ""
	}
	return norm.NFC.String(strings.TrimSpace(v))
}

func (r *filterReader) statuses(name string) []partnership.Status {
	var out []partnership.Status
	for _, v := range r.q[name] {
		for part := range strings.SplitSeq(v, ",") {
			st := partnership.Status(strings.TrimSpace(part))
			if !st.Valid() {
				r.add(name, "Must be one or more of: %s", joinValues(partnership.StatusValues))
				return nil
			}
			if !slices.Contains(out, st) {
				out = append(out, st)
			}
		}
	}
	return out
}

func (r *filterReader) boolean(name string) *bool {
	v, ok := r.one(name)
	if !ok {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil || (v != "true" && v != "false") {
		r.add(name, `Must be "true" or "false"`)
		return nil
	}
	return &b
}

func (r *filterReader) date(name string) time.Time {
	v, ok := r.one(name)
	if !ok {
		return time.Time{}
	}
	t, err := partnership.Date(v).Parse()
	if err != nil {
		r.add(name, "Must be a date such as 2027-03-31")
	}
	return t
}

func (r *filterReader) classification(name string) partnership.Classification {
	v, ok := r.one(name)
	if !ok {
		return ""
	}
	all := []partnership.Classification{partnership.ClassPartnership, partnership.ClassExcludedContract,
		partnership.ClassExcludedForum, partnership.ClassExcludedHybrid, partnership.ClassUndetermined}
	if c := partnership.Classification(v); slices.Contains(all, c) {
		return c
	}
	r.add(name, "Must be one of: %s", joinValues(all))
	return ""
}

// cursor is the last ref of the previous page, as the listing gave it.
func (r *filterReader) cursor(name string) string {
	v, ok := r.one(name)
	if ok && !validRef(v) {
		r.add(name, "Must be the next cursor of the previous page")
		return ""
	}
	return v
}

func (r *filterReader) limit(name string) int {
	v, ok := r.one(name)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > partnership.MaxPageSize {
		r.add(name, "Must be a whole number from 1 to %d", partnership.MaxPageSize)
		return 0
	}
	return n
}

func joinValues[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
