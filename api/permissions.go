package api

import (
	"fmt"
	"slices"

	"partnerdocs/partnership"
)

// permission is who may use one route.
type permission struct {
	public bool               // no token needed (health and readiness probes)
	roles  []partnership.Role // besides admin, who may use every route
}

// permissions is the single source of who may do what: every route's name
// (see routes.go) and the roles that may use it. New refuses to start when a
// route is missing here, so a new route cannot be reachable by accident.
//
// officer: create and edit partnerships, generate drafts, submit them for
// review, and the stateless document and assessment endpoints. legal: the
// review queue, approve or return, and read partnerships and documents.
// policy: read everything, the audit trail, and the annual CMT workbook
// and its return. admin: everything.
func permissions() map[string]permission {
	readers := []partnership.Role{partnership.RoleOfficer, partnership.RoleLegal, partnership.RolePolicy}
	officer := []partnership.Role{partnership.RoleOfficer}
	legal := []partnership.Role{partnership.RoleLegal}
	policy := []partnership.Role{partnership.RolePolicy}
	// Policy reads everything (issue 4), the review queue included.
	reviewReaders := []partnership.Role{partnership.RoleLegal, partnership.RolePolicy}
	return map[string]permission{
		"health": {public: true},
		"readyz": {public: true},
		// Operations, not partnership data, but not for anyone on a shared
		// network either: admin only (admin may use every route).
		"metrics": {},

		"assess":           {roles: readers},
		"documents.create": {roles: readers},

		"partnerships.create":    {roles: officer},
		"partnerships.list":      {roles: readers},
		"partnerships.show":      {roles: readers},
		"partnerships.update":    {roles: officer},
		"partnerships.revisions": {roles: readers},
		"partnerships.revision":  {roles: readers},

		"partnerships.documents.create": {roles: officer},
		"partnerships.documents.list":   {roles: readers},
		"documents.show":                {roles: readers},

		"documents.submit":  {roles: officer},
		"documents.approve": {roles: legal},
		"documents.return":  {roles: legal},
		"review.queue":      {roles: reviewReaders},

		"audit": {roles: policy},

		"reports.cmt":        {roles: policy},
		"reports.cmt.return": {roles: policy},

		// The API's description: it reveals no data, so it needs no token.
		"openapi": {public: true},
	}
}

// allows reports whether role may use the route.
func (p permission) allows(role partnership.Role) bool {
	return p.public || role == partnership.RoleAdmin || slices.Contains(p.roles, role)
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
