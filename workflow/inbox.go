package workflow

import (
	"context"

	"partnerdocs/partnership"
)

// Inbox is what a home page lists that the Register does not: the drafts
// legal review returned to an officer. *store.DB is one.
type Inbox interface {
	// ReturnedDocuments lists the returned drafts that generatedBy
	// generated, oldest first, without bytes.
	ReturnedDocuments(ctx context.Context, generatedBy string) ([]partnership.Document, error)
}

// ReturnedDrafts lists the drafts returned to actor, who generated them,
// for them to change and submit again.
func ReturnedDrafts(ctx context.Context, inbox Inbox, actor partnership.Actor) ([]partnership.Document, error) {
	if err := Authorize(actor, ActionSubmitDocument); err != nil {
		return nil, err
	}
	return inbox.ReturnedDocuments(ctx, actor.Name)
}
