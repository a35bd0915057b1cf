package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"partnerdocs/generator/docx"
	"partnerdocs/generator/fonts"
	"partnerdocs/generator/pdf"
	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// Format is an output format.
type Format string

// Output formats.
const (
	FormatPDF  Format = "pdf"
	FormatHTML Format = "html"
	// FormatDOCX is a Word document (Office Open XML) for Legal to redline.
	FormatDOCX Format = "docx"
)

// Valid reports whether f is one of the Format constants.
func (f Format) Valid() bool {
	return f == FormatPDF || f == FormatHTML || f == FormatDOCX
}

// ContentType is the media type a document in this format is sent as.
func (f Format) ContentType() string {
	switch f {
	case FormatHTML:
		return "text/html; charset=utf-8"
	case FormatDOCX:
		return docx.ContentType
	}
	return "application/pdf"
}

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
	Bytes            []byte
	SHA256           string // hex of Bytes
	TemplateID       string
	TemplateVersion  string
	TemplateHash     string // hex SHA-256 of the kind's template files (templates.Meta.Hash)
	ProfileHash      string // hex SHA-256 of the council profile it was made for
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
	// Probes are partnerships every template is rendered against in New, so
	// that a council's own template that refers to a field that does not
	// exist, or breaks on real data, is refused at start-up with its file
	// and line rather than on an officer's first request.
	Probes []*partnership.Partnership
	// TemplateLimits bound each execution of a template; zero fields keep
	// templates.DefaultLimits.
	TemplateLimits templates.Limits
}

// Generator renders documents. It is safe for concurrent use: templates and
// fonts are parsed once, in New or on first use, and only read afterwards.
type Generator struct {
	council   partnership.Council
	profile   string // hex SHA-256 of the council profile's JSON
	templates *templates.Set
	pdf       *pdf.Renderer
	docx      *docx.Renderer
	// markdown is a bounded free list of the buffers templates are executed
	// into: a channel, not a sync.Pool, which the garbage collector empties,
	// and under load that is exactly when they are needed.
	markdown chan *bytes.Buffer
}

// New loads the templates and fonts. A council's template (Options.Templates)
// that does not parse is refused here, with its file and line; the embedded
// templates are parsed a kind at a time, on the kind's first render.
func New(opts Options) (*Generator, error) {
	return NewContext(context.Background(), opts)
}

// NewContext is New that gives up checking the templates against the
// probes once ctx is done (a council's template may take up to its time
// limit for each): the process is being stopped.
func NewContext(ctx context.Context, opts Options) (*Generator, error) {
	g := &Generator{council: partnership.DefaultCouncil(), markdown: make(chan *bytes.Buffer, 2*runtime.GOMAXPROCS(0))}
	if opts.Council != nil {
		g.council = *opts.Council
	}
	g.profile = profileHash(g.council)
	var err error
	if g.templates, err = loadTemplates(opts.Templates); err != nil {
		return nil, err
	}
	g.templates.SetLimits(opts.TemplateLimits)
	faces, err := fonts.Load()
	if err != nil {
		return nil, err
	}
	g.pdf, g.docx = pdf.New(faces), docx.New(faces)
	if err := g.probe(ctx, opts.Probes); err != nil {
		return nil, err
	}
	return g, nil
}

// loadTemplates parses a council's own templates (fsys not nil) now, every
// kind, so that a fault in any is refused at start-up with its file and
// line; the embedded ones, which the tests parse (TestEmbeddedTemplatesParse),
// are parsed a kind at a time when first rendered.
func loadTemplates(fsys fs.FS) (*templates.Set, error) {
	if fsys == nil {
		return templates.LoadLazy(templates.Embedded(), funcMap())
	}
	return templates.Load(fsys, funcMap())
}

// profileHash is the hex SHA-256 of the council profile's JSON.
func profileHash(c partnership.Council) string {
	b, _ := json.Marshal(c) // a Council always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Fingerprints are the hashes a document of kind made now would record:
// its templates' and the council profile's; ok is false for a kind the
// generator does not have.
func (g *Generator) Fingerprints(kind string) (templates, profile string, ok bool) {
	meta, ok := g.templates.Meta(kind)
	return meta.Hash, g.profile, ok
}

// Prepare does now the once-per-process work a render of kind in format
// would do first, parsing the kind's templates and, for a PDF, the faces,
// so that a one-shot render can run it beside reading its input. It is
// safe to call at the same time as Render; faults are reported by Render.
func (g *Generator) Prepare(kind string, f Format) {
	var wg sync.WaitGroup
	if f == "" || f == FormatPDF {
		wg.Go(g.pdf.Prepare)
	}
	g.templates.Prepare(kind)
	wg.Wait()
}

// Kinds lists the document kinds the generator can render, sorted.
func (g *Generator) Kinds() []string { return g.templates.Kinds() }
