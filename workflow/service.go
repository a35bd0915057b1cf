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
	Assess(p *partnership.Partnership, asOf time.Time) partnership.Assessment
	// Council is the council profile documents and workbooks are made for.
	Council() partnership.Council
}

// Service is the use cases over one generator and one register. It holds
// no state of its own and is safe for concurrent use.
type Service struct {
	gen Generator
	reg Register
	now func() time.Time
}

// New returns the use cases over gen and reg.
func New(gen Generator, reg Register) (*Service, error) {
	switch {
	case gen == nil:
		return nil, errors.New("workflow: a generator is required")
	case reg == nil:
		return nil, errors.New("workflow: a register is required")
	}
	return &Service{gen: gen, reg: reg, now: time.Now}, nil
}

// Generator is the service's document generator.
func (s *Service) Generator() Generator { return s.gen }
