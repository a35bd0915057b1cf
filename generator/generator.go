package generator

import (
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
