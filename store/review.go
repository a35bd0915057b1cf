package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"partnerdocs/partnership"
)

// reviewStep is one allowed move of the review state machine.
type reviewStep struct {
	from []partnership.DocumentStatus
	to   partnership.DocumentStatus
}

var reviewSteps = map[partnership.ReviewAction]reviewStep{
	partnership.ReviewSubmit:  {from: []partnership.DocumentStatus{partnership.DocumentDraft, partnership.DocumentReturned}, to: partnership.DocumentInReview},
	partnership.ReviewApprove: {from: []partnership.DocumentStatus{partnership.DocumentInReview}, to: partnership.DocumentApproved},
	partnership.ReviewReturn:  {from: []partnership.DocumentStatus{partnership.DocumentInReview}, to: partnership.DocumentReturned},
}

// Review applies one review step to document id: submit (draft or returned
// -> in_review), approve (in_review -> approved) or return (in_review ->
// returned, with a comment). A step the document's status does not allow
// is EConflict, naming the status; a step that is none of these, or a
// return without a comment, is EInvalid. Approving needs approved, the clean copy generated from
// the same revision, which is stored as the next version with status
// approved and ApprovedOf = id; Review then returns that copy. Otherwise it
// returns the reviewed document with its history.
func (db *DB) Review(ctx context.Context, id int64, step partnership.ReviewEvent, approved *partnership.Document, by partnership.Actor) (*partnership.Document, error) {
	move, ok := reviewSteps[step.Action]
	if !ok {
		return nil, errorf(partnership.EInvalid, "%q is not a review step; use submit, approve or return", step.Action)
	}
	if err := checkStep(step, approved); err != nil {
		return nil, err
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	d, err := t.lockDocument(ctx, id)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(move.from, d.Status) {
		return nil, errorf(partnership.EConflict, "document %d is %s; it cannot be given the %s step", id, d.Status, step.Action)
	}
	result, detail := id, ""
	if step.Action == partnership.ReviewApprove {
		if result, err = t.storeApproved(ctx, d, approved, by); err != nil {
			return nil, err
		}
		detail = "; approved copy " + documentObject(result)
	}
	if step.Note != "" {
		detail += "; " + step.Note
	}
	if err := t.moveDocument(ctx, d, step, move.to, detail, by); err != nil {
		return nil, err
	}
	out, err := t.document(ctx, result)
	if err != nil {
		return nil, err
	}
	return out, commit(t, documentObject(id))
}

func checkStep(step partnership.ReviewEvent, approved *partnership.Document) error {
	switch {
	case step.Action == partnership.ReviewReturn && strings.TrimSpace(step.Comment) == "":
		return errorf(partnership.EInvalid, "returning a document needs a comment saying what to change")
	case step.Action == partnership.ReviewApprove && (approved == nil || len(approved.Bytes) == 0):
		return errorf(partnership.EInvalid, "approving a document needs its clean copy")
	}
	return nil
}

// lockDocument reads a document without its bytes, locking its row on
// PostgreSQL so two reviewers cannot both move it.
func (t *tx) lockDocument(ctx context.Context, id int64) (*partnership.Document, error) {
	d, err := scanDocument(t.queryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`+t.dialect.forUpdate, id))
	return d, domainError(err, documentObject(id))
}

// moveDocument sets the document's new status, records the review event
// with the document, and audits it (detail is added to the entry's).
func (t *tx) moveDocument(ctx context.Context, d *partnership.Document, step partnership.ReviewEvent, to partnership.DocumentStatus, detail string, by partnership.Actor) error {
	object := documentObject(d.ID)
	if _, err := t.exec(ctx, `UPDATE documents SET status = ? WHERE id = ?`, string(to), d.ID); err != nil {
		return domainError(err, object)
	}
	if _, err := t.exec(ctx, `INSERT INTO review_events (document_id, action, by_name, at, comment)
		VALUES (?, ?, ?, ?, ?)`, d.ID, string(step.Action), by.Name, t.now, step.Comment); err != nil {
		return domainError(err, object)
	}
	e := entry(by, "document."+string(step.Action), object)
	e.FromRevision, e.ToRevision = d.Revision, d.Revision
	e.Detail = fmt.Sprintf("%s -> %s%s", d.Status, to, detail)
	return t.audit(ctx, e)
}

// storeApproved keeps the clean copy of an approved draft as a new document
// of the same partnership, revision and kind; the approve entry in the audit
// trail names it.
func (t *tx) storeApproved(ctx context.Context, draft, approved *partnership.Document, by partnership.Actor) (int64, error) {
	if approved.Format == "" {
		approved.Format = draft.Format
	}
	if approved.SHA256 != "" && approved.SHA256 != sha256Hex(approved.Bytes) {
		return 0, errorf(partnership.EInvalid, "the approved copy of document %d does not match its SHA-256", draft.ID)
	}
	clean := *approved
	clean.Ref, clean.Kind, clean.Revision, clean.ApprovedOf = draft.Ref, draft.Kind, draft.Revision, draft.ID
	stored, err := t.insertDocument(ctx, &clean, partnership.DocumentApproved, by)
	if err != nil {
		return 0, err
	}
	return stored.ID, nil
}

// reviews lists a document's review events, oldest first.
func (t *tx) reviews(ctx context.Context, id int64) ([]partnership.ReviewEvent, error) {
	rows, err := t.query(ctx, `SELECT document_id, action, by_name, at, comment
		FROM review_events WHERE document_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, domainError(err, documentObject(id))
	}
	defer rows.Close()
	var events []partnership.ReviewEvent
	for rows.Next() {
		var e partnership.ReviewEvent
		if err := rows.Scan(&e.DocumentID, &e.Action, &e.By, &e.At, &e.Comment); err != nil {
			return nil, domainError(err, documentObject(id))
		}
		e.At = e.At.UTC()
		events = append(events, e)
	}
	return events, domainError(rows.Err(), documentObject(id))
}
