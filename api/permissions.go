package api

import (
	"fmt"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// permission is who may use one route: the workflow action it performs,
// whose roles workflow's table lists, or public for the probes.
type permission struct {
	public bool            // no token needed (health and readiness probes, the API's description)
	action workflow.Action // what the route does
}

// permissions maps every route's name (see routes.go) to the action it
// performs; who may do each action is workflow's table, the single source
// for every front end. New refuses to start when a route is missing here,
// so a new route cannot be reachable by accident.
func permissions() map[string]permission {
	return map[string]permission{
		"health": {public: true},
		"readyz": {public: true},
		// The API's description: it reveals no data, so it needs no token.
		"openapi": {public: true},
		// Operations, not partnership data: admin only.
		"metrics": {action: workflow.ActionOperate},

		"assess":           {action: workflow.ActionAssess},
		"render":           {action: workflow.ActionRender},
		"documents.create": {action: workflow.ActionRender}, // the deprecated path of render

		"partnerships.create":    {action: workflow.ActionCreatePartnership},
		"partnerships.list":      {action: workflow.ActionReadRegister},
		"partnerships.show":      {action: workflow.ActionReadRegister},
		"partnerships.update":    {action: workflow.ActionUpdatePartnership},
		"partnerships.revisions": {action: workflow.ActionReadRegister},
		"partnerships.revision":  {action: workflow.ActionReadRegister},

		"partnerships.documents.create": {action: workflow.ActionGenerateDocument},
		"partnerships.documents.list":   {action: workflow.ActionReadRegister},
		"documents.show":                {action: workflow.ActionReadRegister},
		"documents.compare":             {action: workflow.ActionCompareDocuments},

		"documents.submit":  {action: workflow.ActionSubmitDocument},
		"documents.approve": {action: workflow.ActionApproveDocument},
		"documents.return":  {action: workflow.ActionReturnDocument},
		"review.queue":      {action: workflow.ActionReviewQueue},

		"audit": {action: workflow.ActionAudit},

		"reports.cmt":        {action: workflow.ActionCMTWorkbook},
		"reports.cmt.return": {action: workflow.ActionCMTReturn},
	}
}

// allows reports whether role may use the route.
func (p permission) allows(role partnership.Role) bool {
	return p.public || workflow.Allowed(role, p.action)
}

// permissionFor looks a route up in the table; a route without an entry is
// a programming error, reported when the server is built.
func permissionFor(table map[string]permission, route string) (permission, error) {
	p, ok := table[route]
	if !ok {
		return permission{}, fmt.Errorf("api: route %q has no entry in the permission table", route)
	}
	return p, nil
}
