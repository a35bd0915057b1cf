package store

import (
	"context"

	"partnerdocs/partnership"
)

// ReturnedDocuments lists the drafts returned by legal review that
// generatedBy generated and nobody has generated again since (a newer
// version supersedes them), oldest first, without bytes.
func (db *DB) ReturnedDocuments(ctx context.Context, generatedBy string) ([]partnership.Document, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	return t.documents(ctx, `SELECT `+documentColumns+` FROM documents WHERE status = ? AND generated_by = ? ORDER BY id`,
		string(partnership.DocumentReturned), generatedBy)
}
