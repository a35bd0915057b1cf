package templates

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/template"
	"text/template/parse"
	"time"
)

// A council's own templates (--templates DIR) are code the council writes,
// so executing one is bounded: a template that counts to a huge number, or
// writes without end, is refused at start-up (the generator renders every
// kind against probe partnerships then), naming its file and the limit,
// rather than hanging the server or filling its memory. Every built-in
// template meets the limits with room to spare: the longest document's
// Markdown, the 25-partner alliance's agreement, is about 200 KB and takes
// a few milliseconds.
const (
	// MaxOutputBytes is the default bound on what one execution of a
	// template may write (Limits.MaxOutputBytes).
	MaxOutputBytes = 8 << 20
	// MaxRun is the default bound on how long one execution may go on
	// writing (Limits.MaxRun).
	MaxRun = 5 * time.Second
	// MaxRangeCount bounds a range over a number written in a template
	// ({{range 100}}): a larger count is refused when the template loads,
	// since a loop that writes nothing cannot be stopped once it runs.
	MaxRangeCount = 10_000
)

// Limits bound one execution of a template: settings of the program
// (--template-max-output, --template-max-time), whose defaults every
// built-in template meets with room to spare.
type Limits struct {
	MaxOutputBytes int64
	MaxRun         time.Duration
}

// DefaultLimits are MaxOutputBytes and MaxRun.
func DefaultLimits() Limits { return Limits{MaxOutputBytes: MaxOutputBytes, MaxRun: MaxRun} }

// orDefaults fills each limit not set with its default.
func (l Limits) orDefaults() Limits {
	d := DefaultLimits()
	if l.MaxOutputBytes <= 0 {
		l.MaxOutputBytes = d.MaxOutputBytes
	}
	if l.MaxRun <= 0 {
		l.MaxRun = d.MaxRun
	}
	return l
}

// ErrTooLarge and ErrTooSlow are the limits an execution went past; the
// error that wraps one says the limit.
var (
	ErrTooLarge = errors.New("wrote more than a document's template may")
	ErrTooSlow  = errors.New("ran longer than a document's template may")
)

// SetLimits sets the limits the set's templates execute within, before
// the set is used; zero fields keep the defaults.
func (s *Set) SetLimits(l Limits) { s.limits = l.orDefaults() }

// Limits are the limits the set's templates execute within.
func (s *Set) Limits() Limits { return s.limits.orDefaults() }

// limitedWriter passes writes on until too much has been written, the
// time is up or ctx is done (the request was abandoned, or the process was
// told to stop during start-up's check); then every write fails, which
// stops the template.
type limitedWriter struct {
	ctx      context.Context
	w        io.Writer
	left     int64
	deadline time.Time
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	switch {
	case int64(len(p)) > l.left:
		return 0, ErrTooLarge
	case time.Now().After(l.deadline):
		return 0, ErrTooSlow
	case l.ctx.Err() != nil:
		return 0, context.Cause(l.ctx)
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

// execute runs t into w within the limits, until ctx is done; an error
// past a limit says so, and what the limit is.
func execute(ctx context.Context, t *template.Template, w io.Writer, data any, l Limits) error {
	err := t.Execute(&limitedWriter{ctx: ctx, w: w, left: l.MaxOutputBytes, deadline: time.Now().Add(l.MaxRun)}, data)
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Errorf("template: %s: %w (the limit is %d bytes, --template-max-output)", t.Name(), ErrTooLarge, l.MaxOutputBytes)
	case errors.Is(err, ErrTooSlow):
		return fmt.Errorf("template: %s: %w (the limit is %s, --template-max-time)", t.Name(), ErrTooSlow, l.MaxRun)
	}
	return err
}

// checkRangeCounts refuses a range over a number larger than
// MaxRangeCount, with its file and line.
func checkRangeCounts(root *template.Template) error {
	return firstError(root, func(t *template.Template, n parse.Node) error {
		r, ok := n.(*parse.RangeNode)
		if !ok {
			return nil
		}
		if count, ok := rangeCount(r); ok && count > MaxRangeCount {
			loc, _ := t.ErrorContext(r)
			return fmt.Errorf("template: %s: range over %d: at most %d", loc, count, MaxRangeCount)
		}
		return nil
	})
}

// rangeCount is the number a range counts to when it is written as one.
func rangeCount(r *parse.RangeNode) (int64, bool) {
	if r.Pipe == nil || len(r.Pipe.Cmds) != 1 || len(r.Pipe.Cmds[0].Args) != 1 {
		return 0, false
	}
	n, ok := r.Pipe.Cmds[0].Args[0].(*parse.NumberNode)
	if !ok || !n.IsInt {
		return 0, false
	}
	return n.Int64, true
}
