package workflow

import (
	"slices"

	"partnerdocs/partnership"
)

// Action is one thing a user may do. Front ends map each of their routes or
// pages to an action; the use cases check it again themselves.
type Action string

// Actions.
const (
	ActionAssess            Action = "assess"             // ask what the protocol says of a proposal
	ActionRender            Action = "render"             // render a document from a partnership, storing nothing
	ActionCreatePartnership Action = "partnership.create" // add a partnership to the register
	ActionUpdatePartnership Action = "partnership.update" // store a new revision
	ActionReadRegister      Action = "register.read"      // read partnerships, revisions and documents
	ActionGenerateDocument  Action = "document.generate"  // generate and store a draft
	ActionSubmitDocument    Action = "document.submit"    // send a draft for legal review
	ActionApproveDocument   Action = "document.approve"   // approve a draft in review
	ActionCompareDocuments  Action = "document.compare"   // compare two versions of a document
	ActionReturnDocument    Action = "document.return"    // return a draft in review with a comment
	ActionReviewQueue       Action = "review.queue"       // list drafts waiting for review
	ActionAudit             Action = "audit.read"         // read the audit trail
	ActionCMTWorkbook       Action = "cmt.workbook"       // download the annual CMT workbook
	ActionCMTReturn         Action = "cmt.return"         // import the workbook's return
	ActionOperate           Action = "operate"            // operations: metrics, tokens
)

// Actions lists every action, sorted.
func Actions() []Action {
	return []Action{
		ActionAssess, ActionAudit, ActionCMTReturn, ActionCMTWorkbook, ActionApproveDocument,
		ActionCompareDocuments, ActionGenerateDocument, ActionReturnDocument, ActionSubmitDocument, ActionOperate,
		ActionCreatePartnership, ActionUpdatePartnership, ActionReadRegister, ActionRender, ActionReviewQueue,
	}
}

// rolesFor is the single source of who may do what, besides admin, who may
// do everything. officer: create and edit partnerships, generate drafts and
// submit them. legal: the review queue, approve or return. policy: read
// everything, the audit trail, the annual workbook and its return.
func rolesFor(a Action) []partnership.Role {
	readers := []partnership.Role{partnership.RoleOfficer, partnership.RoleLegal, partnership.RolePolicy}
	switch a {
	case ActionAssess, ActionRender, ActionReadRegister, ActionCompareDocuments:
		return readers
	case ActionCreatePartnership, ActionUpdatePartnership, ActionGenerateDocument, ActionSubmitDocument:
		return []partnership.Role{partnership.RoleOfficer}
	case ActionApproveDocument, ActionReturnDocument:
		return []partnership.Role{partnership.RoleLegal}
	case ActionReviewQueue:
		return []partnership.Role{partnership.RoleLegal, partnership.RolePolicy}
	case ActionAudit, ActionCMTWorkbook, ActionCMTReturn:
		return []partnership.Role{partnership.RolePolicy}
	}
	return nil // ActionOperate, and any action not listed: admin only
}

// Allowed reports whether role may do a. An action missing from the table
// is allowed to nobody but admin.
func Allowed(role partnership.Role, a Action) bool {
	return role == partnership.RoleAdmin || slices.Contains(rolesFor(a), role)
}

// Authorize is nil when actor may do a, and otherwise the forbidden error
// every front end shows.
func Authorize(actor partnership.Actor, a Action) error {
	if Allowed(actor.Role, a) {
		return nil
	}
	return partnership.NewError(partnership.EForbidden,
		"Your role ("+string(actor.Role)+") may not do this.")
}
