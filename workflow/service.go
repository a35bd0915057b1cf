package workflow

import (
	"context"
	"errors"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// Generator is what the use cases need of the document generator;
// *generator.Generator is the real one.
type Generator interface {
	Kinds() []string
	Render(ctx context.Context, req generator.Request) (*generator.Document, error)
	// Prepare does now what a first render of kind in format would do
	// once per process; Render reports its faults.
	Prepare(kind string, f generator.Format)
	// Compare compares two versions of a document and writes the redline.
	Compare(ctx context.Context, req generator.CompareRequest) (*generator.Document, error)
	// Council is the council profile documents and workbooks are made for.
	Council() partnership.Council
	// Fingerprints are the hashes a document of kind made now records: its
	// templates' and the council profile's (ok false: no such kind).
	Fingerprints(kind string) (templates, profile string, ok bool)
}

// Observer hears how renders went, for a front end's metrics. Every method
// must be cheap and safe for concurrent use.
type Observer interface {
	// RenderWaited is how long a render waited for its slot.
	RenderWaited(d time.Duration)
	// RenderAbandoned is a render whose caller gave up waiting for a slot.
	RenderAbandoned()
	// Rendered is one render: its kind, the document (nil on error), how
	// long it took, and its error.
	Rendered(kind string, doc *generator.Document, took time.Duration, err error)
}

// Options tunes a Service.
type Options struct {
	// MaxConcurrentRenders bounds how many documents are rendered at once,
	// whichever front end asked; zero means one more than there are CPUs
	// (GOMAXPROCS + 1).
	MaxConcurrentRenders int
	// RenderMemory bounds the memory the renders in flight need together,
	// in bytes (generator.MemoryNeed); zero means DefaultRenderMemory.
	RenderMemory int64
	// Renders, when set, is the limiter to share with the process's other
	// front ends, and the two fields above are not used.
	Renders *RenderLimiter
	// Observer hears every render; nil hears nothing.
	Observer Observer
}

// Service is the use cases over one generator and one register. It is safe
// for concurrent use. The register may be nil for a front end that only
// assesses and renders (the command line's render and assess).
type Service struct {
	gen     Generator
	reg     Register
	renders *RenderLimiter
	obs     Observer
	now     func() time.Time
}

// New returns the use cases over gen and reg.
func New(gen Generator, reg Register, opts Options) (*Service, error) {
	if gen == nil {
		return nil, errors.New("workflow: a generator is required")
	}
	obs := opts.Observer
	if obs == nil {
		obs = quiet{}
	}
	renders := opts.Renders
	if renders == nil {
		renders = NewRenderLimiter(opts.MaxConcurrentRenders, opts.RenderMemory)
	}
	return &Service{gen: gen, reg: reg, renders: renders, obs: obs, now: time.Now}, nil
}

// register is the register, or an internal error for a Service made
// without one.
func (s *Service) register() (Register, error) {
	if s.reg == nil {
		return nil, errors.New("workflow: this use case needs the register, and the service has none")
	}
	return s.reg, nil
}

// Kinds lists the document kinds, sorted.
func (s *Service) Kinds() []string { return s.gen.Kinds() }

// Council is the council profile documents and workbooks are made for.
func (s *Service) Council() partnership.Council { return s.gen.Council() }

// Ready reports whether the register answers and can be written: an
// instance whose register is full (partnership.EStorageFull) or whose
// writes fail is not ready, even though it could still serve reads.
func (s *Service) Ready(ctx context.Context) error {
	reg, err := s.register()
	if err != nil {
		return err
	}
	if err := reg.Ping(ctx); err != nil {
		return err
	}
	return reg.CheckWritable(ctx)
}

type quiet struct{}

func (quiet) RenderWaited(time.Duration)                                 {}
func (quiet) RenderAbandoned()                                           {}
func (quiet) Rendered(string, *generator.Document, time.Duration, error) {}
