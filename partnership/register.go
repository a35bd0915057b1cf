package partnership

import "time"

// The register (§4(d)): the council's database of every partnership, the
// documents generated for each, their legal review, and who did what. These
// are the register's records; package store keeps them.

// Revision is one version of a partnership in the register. Every change
// makes a new revision; earlier ones stay readable.
type Revision struct {
	Ref         string      `json:"ref"`
	Number      int         `json:"revision"` // 1, 2, 3 ... per partnership
	Partnership Partnership `json:"partnership"`
	Assessment  Assessment  `json:"assessment"`
	CreatedAt   time.Time   `json:"created_at"`
	CreatedBy   string      `json:"created_by"` // the token's name
}

// PartnershipFilter narrows a listing of the register's current revisions.
// Zero fields do not filter.
type PartnershipFilter struct {
	Status          []Status
	Significant     *bool
	ServiceArea     string
	LeadPartner     string // a lead partner's id or name
	ReviewDueBefore time.Time
	NameContains    string // case-insensitive
	Classification  Classification
	SavedBy         string // partnerships with a revision saved by this person (an actor's name)
	After           string // cursor: the last ref of the previous page
	Limit           int    // at most MaxPageSize; zero means DefaultPageSize
}

// Page sizes for listings.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// PartnershipSummary is one row of a listing.
type PartnershipSummary struct {
	Ref            string         `json:"ref"`
	Name           string         `json:"name"`
	Status         Status         `json:"status,omitempty"` // absent when none is recorded
	ServiceArea    string         `json:"service_area,omitempty"`
	Significant    bool           `json:"significant"`
	Classification Classification `json:"classification"`
	NextReview     Date           `json:"next_review,omitempty"`
	Revision       int            `json:"revision"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// PartnershipCount is how many current revisions have one status and
// significance: the register in figures, counted by the register itself.
type PartnershipCount struct {
	Status      Status
	Significant bool
	Count       int
	// Lacking counts those of them lacking each compliance flag, in
	// ComplianceGapValues' order.
	Lacking []int
}

// DocumentStatus is where a generated document stands in legal review.
type DocumentStatus string

// Document statuses.
const (
	DocumentDraft      DocumentStatus = "draft"
	DocumentInReview   DocumentStatus = "in_review"
	DocumentReturned   DocumentStatus = "returned"
	DocumentApproved   DocumentStatus = "approved"
	DocumentSuperseded DocumentStatus = "superseded"
)

// Document is an immutable generated document: its bytes never change.
// Approval renders a new document without the DRAFT mark.
type Document struct {
	ID               int64          `json:"id"`
	Ref              string         `json:"ref"`
	Kind             string         `json:"kind"`
	Format           string         `json:"format"`
	Version          int            `json:"version"` // per partnership and kind
	Revision         int            `json:"revision"`
	TemplateID       string         `json:"template_id"`
	TemplateVersion  string         `json:"template_version"`
	TemplateHash     string         `json:"template_hash"` // hex SHA-256 of the kind's template files; "" before they were recorded
	ProfileHash      string         `json:"profile_hash"`  // hex SHA-256 of the council profile; "" before it was recorded
	SHA256           string         `json:"sha256"`
	InputFingerprint string         `json:"input_fingerprint"`
	GeneratedAt      time.Time      `json:"generated_at"` // when it was generated and stored
	DatedAt          time.Time      `json:"dated_at"`     // the date it bears: its revision's; an approved copy, its draft's
	GeneratedBy      string         `json:"generated_by"`
	Status           DocumentStatus `json:"status"`
	ApprovedOf       int64          `json:"approved_of,omitempty"` // the draft this approved copy was made from
	Reviews          []ReviewEvent  `json:"reviews,omitempty"`
	Bytes            []byte         `json:"-"`
}

// ReviewAction is a step in legal review.
type ReviewAction string

// Review actions.
const (
	ReviewSubmit  ReviewAction = "submit"  // officer: draft -> in_review
	ReviewApprove ReviewAction = "approve" // legal: in_review -> approved (a clean copy is generated)
	ReviewReturn  ReviewAction = "return"  // legal: in_review -> returned, with comments
)

// ReviewEvent records one review step with its comment.
type ReviewEvent struct {
	DocumentID int64        `json:"document_id"`
	Action     ReviewAction `json:"action"`
	By         string       `json:"by"`
	At         time.Time    `json:"at"`
	Comment    string       `json:"comment,omitempty"`
	// Note is added to the step's audit entry, not kept with the document:
	// an approval the council profile allowed by its own author says so.
	Note string `json:"-"`
}

// AuditEntry is one line of the append-only audit trail.
type AuditEntry struct {
	ID           int64     `json:"id"`
	At           time.Time `json:"at"`
	Actor        string    `json:"actor"` // the token's name
	Role         Role      `json:"role"`
	Action       string    `json:"action"` // e.g. "partnership.create", "document.approve"
	Object       string    `json:"object"` // e.g. "partnership:PP-2026-001", "document:42"
	FromRevision int       `json:"from_revision,omitempty"`
	ToRevision   int       `json:"to_revision,omitempty"`
	Detail       string    `json:"detail,omitempty"`
}

// Role is what a token may do.
type Role string

// Roles.
const (
	RoleOfficer Role = "officer" // create and edit partnerships, generate drafts, submit for review
	RoleLegal   Role = "legal"   // the review queue; approve or return with comments
	RolePolicy  Role = "policy"  // read everything; the annual workbook
	RoleAdmin   Role = "admin"   // tokens and the council profile; everything
)

// RoleValues lists every role.
var RoleValues = []Role{RoleOfficer, RoleLegal, RolePolicy, RoleAdmin}

// Valid reports whether r is one of RoleValues.
func (r Role) Valid() bool { return oneOf(r, RoleValues) }

// Token is an API client's credential. Only the SHA-256 of the secret is
// kept; the secret is shown once, when the token is created.
type Token struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	Hash      []byte     `json:"-"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Actor is who is doing something: the token's name and role.
type Actor struct {
	Name string
	Role Role
}

// DraftPruning is what one pruning of superseded drafts removed from the
// register: the drafts no one ever submitted for review that a newer
// version had replaced, generated before GeneratedBefore, and the stored
// contents no document used any more.
type DraftPruning struct {
	GeneratedBefore time.Time `json:"generated_before"`
	Documents       []int64   `json:"documents"` // the ids of the drafts deleted, ascending
	Contents        int       `json:"contents"`  // stored contents deleted
	Bytes           int64     `json:"bytes"`     // their size
}
