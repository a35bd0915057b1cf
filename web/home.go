package web

import (
	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// homeData is the home page: each part is there when the signed-in role
// uses it.
type homeData struct {
	Returned     []partnership.Document           // officer: drafts returned to them
	Partnerships []partnership.PartnershipSummary // officer: the first of those they have saved
	MorePages    bool
	Queue        []partnership.Document // legal: the review queue
	Overview     *overviewData          // policy and admin
}

// homePageSize is how many partnerships an officer's home page lists.
const homePageSize = 10

// home is the signed-in role's home page.
func (s *Server) home(c *echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	var data homeData
	var err error
	if workflow.Allowed(actor.Role, workflow.ActionSubmitDocument) {
		if data.Returned, err = workflow.ReturnedDrafts(ctx, s.inbox, actor); err != nil {
			return err
		}
		var next string
		filter := partnership.PartnershipFilter{SavedBy: actor.Name, Limit: homePageSize}
		data.Partnerships, next, err = s.flow.ListPartnerships(ctx, actor, filter)
		if err != nil {
			return err
		}
		data.MorePages = next != ""
	}
	if actor.Role == partnership.RoleLegal {
		if data.Queue, err = s.flow.ReviewQueue(ctx, actor); err != nil {
			return err
		}
	}
	if workflow.Allowed(actor.Role, workflow.ActionAudit) {
		o, err := s.flow.Overview(ctx, actor, s.now())
		if err != nil {
			return err
		}
		data.Overview = newOverviewData(o, s.now())
	}
	return s.showOK(c, "home", s.newPage(c, "Home", data))
}
