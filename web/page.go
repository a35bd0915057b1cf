package web

import (
	"net/http"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// page is what the layout needs of every page, and the page's own data.
type page struct {
	Title     string
	Council   string
	Actor     *partnership.Actor // nil when nobody is signed in
	Nav       []navItem
	FormToken string       // every form that changes something carries it
	Errors    []fieldError // the error summary, in the order of the form
	Banner    string       // a success message, from successMessages
	Data      any
}

// navItem is one link of the service navigation.
type navItem struct {
	Href, Text string
	Current    bool
}

// fieldError is one problem with what was entered: the id of the field it
// is about (the summary links to it; none for a problem no field on the
// page holds, such as a cell of an uploaded workbook) and the message.
type fieldError struct {
	Field   string
	Message string
}

// ErrorFor is the message for field, "" when it has none.
func (p *page) ErrorFor(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// navigation lists the sections actor may use, the one at path current.
func navigation(actor partnership.Actor, path string) []navItem {
	items := []struct {
		href, text string
		action     workflow.Action
	}{
		{"/", "Home", workflow.ActionReadRegister},
		{"/partnerships", "Partnerships", workflow.ActionReadRegister},
		{"/review", "Legal review", workflow.ActionReviewQueue},
		{"/reports/cmt", "CMT workbook", workflow.ActionCMTWorkbook},
		{"/audit", "Audit trail", workflow.ActionAudit},
	}
	var nav []navItem
	for _, it := range items {
		if workflow.Allowed(actor.Role, it.action) {
			current := path == it.href || (it.href != "/" && len(path) > len(it.href) && path[:len(it.href)+1] == it.href+"/")
			nav = append(nav, navItem{Href: it.href, Text: it.text, Current: current})
		}
	}
	return nav
}

// newPage is a page titled title for whoever is signed in on c.
func (s *Server) newPage(c *echo.Context, title string, data any) *page {
	p := &page{Title: title, Council: s.flow.Council().Name, Data: data}
	if in, ok := signedInOn(c); ok {
		actor := in.session.Actor
		p.Actor = &actor
		p.Nav = navigation(actor, c.Request().URL.Path)
		p.FormToken = workflow.FormToken(in.id)
	}
	if msg, ok := successMessages[c.QueryParam("done")]; ok {
		p.Banner = msg
	}
	return p
}

// successMessages are the banners a page shows after a form sent the user
// there with ?done=KEY. The key picks a fixed message; nothing the user
// sends is shown.
var successMessages = map[string]string{
	"generated":  "The draft has been generated.",
	"submitted":  "The draft has been sent for legal review.",
	"approved":   "The draft has been approved. The approved copy has no DRAFT mark.",
	"returned":   "The draft has been returned to the officer with your comment.",
	"created":    "The partnership has been added to the register.",
	"updated":    "The partnership has been saved as a new revision.",
	"signed-out": "You have signed out.",
}

// show renders page name with status.
func (s *Server) show(c *echo.Context, status int, name string, p *page) error {
	body, err := s.views.render(name, p)
	if err != nil {
		return err
	}
	return c.HTMLBlob(status, body)
}

// showOK renders page name with 200 OK.
func (s *Server) showOK(c *echo.Context, name string, p *page) error {
	return s.show(c, http.StatusOK, name, p)
}
