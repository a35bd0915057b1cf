package generator

import (
	"context"
	"io/fs"
	"time"

	"partnerdocs/partnership"
)

// Format is an output format.
type Format string

// Output formats.
const (
	FormatPDF  Format = "pdf"
	FormatHTML Format = "html"
)

// Request asks for one document.
type Request struct {
	Kind        string // template kind, e.g. "agreement"
	Format      Format
	Partnership *partnership.Partnership // already decoded and validated
	At          time.Time                // generation time; zero means now
	Approved    bool                     // false prints the DRAFT watermark
}

// Warning says that something in the input could not be shown faithfully,
// naming the field by its JSON path.
type Warning struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Document is a generated document and what is recorded about it.
type Document struct {
	Kind             string
	Format           Format
	ContentType      string
	Filename         string
	Bytes            []byte
	SHA256           string // hex of Bytes
	TemplateID       string
	TemplateVersion  string
	InputFingerprint string // hex SHA-256 of the canonical input JSON
	GeneratedAt      time.Time
	Warnings         []Warning
}

// Options configures a Generator.
type Options struct {
	// Templates replaces the embedded templates when not nil (--templates DIR).
	Templates fs.FS
	// Council is the council profile; the zero value means the default.
	Council *partnership.Council
}

// Generator renders documents. It is safe for concurrent use: templates and
// fonts are parsed once in New and only read afterwards.
type Generator struct {
	council partnership.Council
}

// New parses the templates and fonts once.
func New(opts Options) (*Generator, error) {
	c := partnership.DefaultCouncil()
	if opts.Council != nil {
		c = *opts.Council
	}
	return &Generator{council: c}, nil
}

// Kinds lists the document kinds the generator can render, sorted.
func (g *Generator) Kinds() []string { return []string{"agreement"} }

// Render generates one document. The partnership must already be decoded
// and validated. Errors are *partnership.Error: ENotFound for an unknown
// kind, EInvalid for an unknown format.
func (g *Generator) Render(ctx context.Context, req Request) (*Document, error) {
	return nil, partnership.NewError(partnership.EInternal, "not implemented yet")
}
