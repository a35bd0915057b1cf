package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// The partnership's form keeps the draft being built in the page itself:
// each page carries the whole partnership (JSON, compressed: see
// encodeDraft) in a hidden field, with
// the revision an edit started from. So the draft needs no table, no
// clean-up and no session of its own; two instances behind a balancer
// serve any page; the browser's back button and a second tab cannot mix
// two drafts up; and nothing is in the register until "Save". The body
// limit (the contract's own, 1 MiB) bounds it, and what comes back is
// validated by the use case like any API request.

// contractDraft is what every page of the form carries.
type contractDraft struct {
	Partnership *partnership.Partnership
	Ref         string // "" for a new partnership
	Base        int    // the revision an edit started from
}

// contractPageData is one page of the form.
type contractPageData struct {
	Draft      contractDraft
	DraftJSON  string
	Action     string // where the form posts
	Section    contractSection
	Fields     []formField
	Tasks      []taskItem
	Check      []checkSection
	Theirs     *partnership.Revision // a stale save: the revision saved first
	Conflicts  []conflictRow
	NextButton string
}

// taskItem is one row of the task list.
type taskItem struct {
	ID, Title, Status string
}

// newPartnershipPage starts a new partnership at its task list.
func (s *Server) newPartnershipPage(c *echo.Context) error {
	d := contractDraft{Partnership: &partnership.Partnership{Status: partnership.StatusProposed}}
	return s.showTasks(c, d, http.StatusOK)
}

// editPartnershipPage starts an edit of the current revision.
func (s *Server) editPartnershipPage(c *echo.Context) error {
	rev, err := s.flow.Partnership(c.Request().Context(), actorOf(c), c.Param("ref"))
	if err != nil {
		return err
	}
	p := rev.Partnership
	p.Ref = ""
	return s.showTasks(c, contractDraft{Partnership: &p, Ref: rev.Ref, Base: rev.Number}, http.StatusOK)
}

// contractPost answers every button of every page of the form.
func (s *Server) contractPost(c *echo.Context) error {
	d, err := readDraft(c)
	if err != nil {
		return err
	}
	action := c.FormValue("action")
	section, onSection := sectionByID(c.FormValue("section"))
	if onSection {
		if op, path, ok := strings.Cut(action, ":"); ok && (op == "add" || op == "remove") {
			s.forms.read(d.Partnership, section.Fields, c.Request().Form)
			changeList(d.Partnership, op, path)
			return s.showSection(c, d, section, nil, nil, http.StatusOK)
		}
		if problems := s.sectionProblems(d, section, c); len(problems) > 0 {
			return s.showSection(c, d, section, c.Request().Form, problems, http.StatusUnprocessableEntity)
		}
	}
	return s.contractNext(c, d, section, onSection, action)
}

// contractNext goes where the button said, once the page has no problems.
func (s *Server) contractNext(c *echo.Context, d contractDraft, section contractSection, onSection bool, action string) error {
	switch {
	case action == "continue" && onSection:
		if next, ok := nextSection(section.ID); ok {
			return s.showSection(c, d, next, nil, nil, http.StatusOK)
		}
		return s.showCheck(c, d, nil, http.StatusOK)
	case strings.HasPrefix(action, "go:"):
		if target, ok := sectionByID(strings.TrimPrefix(action, "go:")); ok {
			return s.showSection(c, d, target, nil, nil, http.StatusOK)
		}
	case action == "check":
		return s.showCheck(c, d, nil, http.StatusOK)
	case action == "save":
		return s.saveContract(c, d)
	case action == "overwrite":
		return s.saveContract(c, d)
	}
	return s.showTasks(c, d, http.StatusOK)
}

// sectionProblems reads the page into the draft and returns its problems:
// what could not be read, and the contract's problems with this page's
// fields.
func (s *Server) sectionProblems(d contractDraft, section contractSection, c *echo.Context) []fieldError {
	problems := s.forms.read(d.Partnership, section.Fields, c.Request().Form)
	partnership.Normalize(d.Partnership)
	unreadable := map[string]bool{}
	for _, p := range problems {
		unreadable[p.Field] = true
	}
	for _, p := range partnership.Validate(d.Partnership) {
		if sectionOf(p.Path) == section.ID && !unreadable[fieldID(p.Path)] && !unreadable[fieldID(p.Path)+"-day"] {
			problems = append(problems, s.forms.problem(p))
		}
	}
	return problems
}

// problem is a contract problem on its field, in the form's words; a
// date's on its day.
func (f *contractForm) problem(p partnership.Problem) fieldError {
	fe := fieldError{Field: fieldID(p.Path), Message: f.plain(p.Message)}
	if strings.HasPrefix(p.Path, "dates.") || strings.HasSuffix(p.Path, "_on") {
		if strings.Contains(p.Message, "date") {
			fe.Field += "-day"
		}
		if strings.Contains(p.Message, "not a real date") {
			fe.Message = "The " + strings.ToLower(label(p.Path[strings.LastIndex(p.Path, ".")+1:])) + " date must be a real date"
		}
	}
	return fe
}

// saveContract stores the draft: a new partnership, or the next revision
// of the one edited, based on the revision the edit started from. Someone
// else's save in between shows both versions, keeping this one.
func (s *Server) saveContract(c *echo.Context, d contractDraft) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	partnership.Normalize(d.Partnership)
	var rev *partnership.Revision
	var err error
	done := "created"
	if d.Ref == "" {
		rev, err = s.flow.CreatePartnership(ctx, actor, d.Partnership)
	} else {
		done = "updated"
		rev, err = s.flow.UpdatePartnership(ctx, actor, d.Ref, d.Base, d.Partnership)
		d.Partnership.Ref = ""
	}
	if err == nil {
		return c.Redirect(http.StatusSeeOther, partnershipAddress(rev.Ref)+"?done="+done)
	}
	switch partnership.ErrorCode(err) {
	case partnership.EInvalid:
		return s.showCheck(c, d, err.(*partnership.Error).Problems, http.StatusUnprocessableEntity)
	case partnership.EStale:
		return s.showStale(c, d)
	}
	return err
}

// readDraft is the draft the page carried.
func readDraft(c *echo.Context) (contractDraft, error) {
	d := contractDraft{Partnership: &partnership.Partnership{}, Ref: c.Param("ref")}
	if raw := c.FormValue("draft"); raw != "" {
		if err := decodeDraft(raw, d.Partnership); err != nil {
			return d, partnership.NewError(partnership.EMalformed, "The form's saved answers could not be read. Start again from the partnership's page.")
		}
	}
	d.Base, _ = strconv.Atoi(c.FormValue("base"))
	return d, nil
}

func nextSection(id string) (contractSection, bool) {
	sections := contractSections()
	for i, s := range sections {
		if s.ID == id && i+1 < len(sections) {
			return sections[i+1], true
		}
	}
	return contractSection{}, false
}

// contractAction is where the form's pages post.
func contractAction(ref string) string {
	if ref == "" {
		return "/partnerships/new"
	}
	return partnershipAddress(ref) + "/edit"
}

// contractPage is a page of the form for d.
func (s *Server) contractPage(c *echo.Context, title string, d contractDraft) (*page, *contractPageData) {
	data := &contractPageData{Draft: d, DraftJSON: encodeDraft(d.Partnership), Action: contractAction(d.Ref)}
	return s.newPage(c, title, data), data
}

func (s *Server) showTasks(c *echo.Context, d contractDraft, status int) error {
	p, data := s.contractPage(c, "Partnership details", d)
	problems := partnership.Validate(d.Partnership)
	for _, sec := range contractSections() {
		data.Tasks = append(data.Tasks, taskItem{ID: sec.ID, Title: sec.Title, Status: taskStatus(d.Partnership, sec, problems)})
	}
	return s.show(c, status, "contract-tasks", p)
}

// taskStatus: not started while none of the page's fields is given,
// completed when given with no problem, otherwise incomplete.
func taskStatus(p *partnership.Partnership, sec contractSection, problems []partnership.Problem) string {
	for _, prob := range problems {
		if sectionOf(prob.Path) == sec.ID {
			return "Incomplete"
		}
	}
	v := reflectValue(p)
	for _, name := range sec.Fields {
		if _, fv := fieldNamed(v, name); !fv.IsZero() {
			return "Completed"
		}
	}
	return "Not started"
}

func (s *Server) showSection(c *echo.Context, d contractDraft, sec contractSection, raw map[string][]string, problems []fieldError, status int) error {
	p, data := s.contractPage(c, sec.Title, d)
	data.Section = sec
	data.Fields = s.forms.fields(d.Partnership, sec.Fields, raw, problems)
	p.Errors = problems
	return s.show(c, status, "contract-section", p)
}
