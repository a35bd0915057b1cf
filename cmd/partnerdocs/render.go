package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"partnerdocs/workflow"
)

// renderCommand renders one document from a partnership JSON file.
type renderCommand struct {
	generatorFlags
	kind, in, out, format, at string

	genTime time.Time // parsed from at
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

func (c *renderCommand) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.kind, "kind", "agreement", "document `kind` to render")
	fs.StringVar(&c.in, "in", "", "partnership JSON `file` to read, - for standard input (required)")
	fs.StringVar(&c.out, "out", "", "`file` to write, - for standard output (required)")
	fs.StringVar(&c.format, "format", "pdf", "output `format`: pdf, html or docx")
	fs.StringVar(&c.at, "at", "", "generation `time`, RFC 3339 or YYYY-MM-DD (default now)")
	c.generatorFlags.flags(fs)
}

func (c *renderCommand) check() error {
	switch {
	case c.in == "":
		return usageErrorf("render: --in is required (a file, or - for standard input)")
	case c.out == "":
		return usageErrorf("render: --out is required (a file, or - for standard output)")
	case !workflow.Format(c.format).Valid():
		return usageErrorf("render: --format must be pdf, html or docx, not %q", c.format)
	}
	t, err := parseGenerationTime(c.at)
	if err != nil {
		return usageErrorf("render: --at must be an RFC 3339 time (2026-11-25T09:30:00Z) or a date (2026-11-25), not %q", c.at)
	}
	c.genTime = t
	return nil
}

// parseGenerationTime reads an RFC 3339 time or a date, which means
// midnight UTC so that the same date always gives the same document.
func parseGenerationTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// run decodes and validates the input, renders, and only then writes: bad
// input leaves no file behind.
func (c *renderCommand) run(ctx context.Context) error {
	flow, err := c.newFlow(ctx, nil)
	if err != nil {
		return err
	}
	if kinds := flow.Kinds(); !slices.Contains(kinds, c.kind) {
		return usageErrorf("render: --kind %q is not a document kind; the kinds are: %s", c.kind, strings.Join(kinds, ", "))
	}
	// The kind's templates and the faces are parsed on the other core
	// while the input is read, decoded and assessed; Render waits for them.
	var prepared sync.WaitGroup
	defer prepared.Wait()
	prepared.Go(func() { flow.Prepare(c.kind, workflow.Format(c.format)) })
	p, err := readPartnership(c.in, c.stdin)
	if err != nil {
		return err
	}
	doc, err := flow.Render(ctx, cliAdmin(), workflow.RenderRequest{
		Kind: c.kind, Format: workflow.Format(c.format), Partnership: p, At: c.genTime,
	})
	if err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(c.stderr, "warning: %s: %s\n", w.Path, w.Message)
	}
	return c.write(doc.Bytes)
}

func (c *renderCommand) write(data []byte) error {
	if c.out == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	return writeFileAtomic(c.out, data)
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it over path only when everything has been written (see writeAtomic).
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
