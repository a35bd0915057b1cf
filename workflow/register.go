package workflow

import (
	"context"

	"partnerdocs/partnership"
)

// Register is what the use cases need of the council's register of
// partnerships; package store implements it on SQLite and PostgreSQL. The
// interface lives here, with its user, so no front end (and not workflow)
// ever imports a database driver.
//
// Every method runs in one transaction and appends to the audit trail in
// that same transaction, so a change and its audit entry are stored
// together or not at all. Errors are *partnership.Error: ENotFound for an
// unknown ref or id, EConflict for a duplicate ref, EStale when the base
// revision is not the current one (the message names the current one),
// EInvalid for a review step the document's status does not allow.
type Register interface {
	// CreatePartnership stores revision 1. An empty ref is assigned as
	// PP-<year>-<NNN>, the next free number for the year.
	CreatePartnership(ctx context.Context, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error)
	// UpdatePartnership stores a new revision when base is the current one.
	UpdatePartnership(ctx context.Context, ref string, base int, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (*partnership.Revision, error)
	// Partnership returns the current revision.
	Partnership(ctx context.Context, ref string) (*partnership.Revision, error)
	// PartnershipRevision returns revision n.
	PartnershipRevision(ctx context.Context, ref string, n int) (*partnership.Revision, error)
	// Revisions lists every revision of a partnership, oldest first,
	// without the partnership itself.
	Revisions(ctx context.Context, ref string) ([]partnership.Revision, error)
	// ListPartnerships lists current revisions in ref order after
	// filter.After; next is the cursor for the next page, "" at the end.
	ListPartnerships(ctx context.Context, filter partnership.PartnershipFilter) (page []partnership.PartnershipSummary, next string, err error)
	// CountPartnerships counts the current revisions by status and
	// significance, in one query, without listing them.
	CountPartnerships(ctx context.Context) ([]partnership.PartnershipCount, error)
	// CurrentRevisions returns every partnership's current revision with
	// its stored assessment, in ref order, read in one query on one
	// snapshot (the annual CMT workbook).
	CurrentRevisions(ctx context.Context) ([]partnership.Revision, error)
	// EachCurrentRevision hands the same revisions to fn one at a time,
	// holding only a few in memory, and stops at fn's first error,
	// returning it; the revision is fn's only until fn returns.
	EachCurrentRevision(ctx context.Context, fn func(*partnership.Revision) error) error
	// ReviseAll hands every current revision, in ref order, to revise in
	// one write transaction and stores the new revision of each one revise
	// changes (a nil partnership leaves it as it is); then done is called.
	// An error from revise or done stores nothing. Only a few revisions are
	// held at a time; the answer is the new revisions in ref order, without
	// their partnerships.
	ReviseAll(ctx context.Context, revise func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error), done func() error, by partnership.Actor) ([]partnership.Revision, error)

	// AddDocument stores a generated document as the next version of its
	// kind for the partnership, with status draft; older drafts, returned
	// and in-review versions of that kind become superseded.
	AddDocument(ctx context.Context, d *partnership.Document, by partnership.Actor) (*partnership.Document, error)
	// Document returns one document with its bytes and review history.
	Document(ctx context.Context, id int64) (*partnership.Document, error)
	// Documents lists a partnership's documents, newest first, without bytes.
	Documents(ctx context.Context, ref string) ([]partnership.Document, error)
	// Review applies one review step. Approving needs approved, the clean
	// copy generated from the same revision, which is stored as a new
	// document with status approved and ApprovedOf set.
	Review(ctx context.Context, id int64, step partnership.ReviewEvent, approved *partnership.Document, by partnership.Actor) (*partnership.Document, error)
	// ReviewQueue lists documents in review, oldest first, without bytes.
	ReviewQueue(ctx context.Context) ([]partnership.Document, error)

	// Audit lists audit entries, newest first, at most limit after the
	// entry with id before (0: from the newest).
	Audit(ctx context.Context, before int64, limit int) ([]partnership.AuditEntry, error)

	// Tokens. Only hashes are stored.
	CreateToken(ctx context.Context, t *partnership.Token, by partnership.Actor) (*partnership.Token, error)
	RevokeToken(ctx context.Context, name string, by partnership.Actor) error
	TokenByHash(ctx context.Context, hash []byte) (*partnership.Token, error)

	// Ping reports whether the database answers (for /readyz).
	Ping(ctx context.Context) error
	// CheckWritable reports whether the register can be written (for
	// /readyz): a small write, at most every few seconds, and whether a
	// write has failed lately for lack of space (partnership.EStorageFull).
	CheckWritable(ctx context.Context) error
}
