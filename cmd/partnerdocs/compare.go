package main

import (
	"context"
	"flag"
	"io"
	"slices"
	"strings"
	"time"

	"partnerdocs/workflow"
)

// compareCommand compares the documents two partnership JSON files make,
// clause by clause, and writes the redline.
type compareCommand struct {
	generatorFlags
	kind, old, new, out, format, at string

	genTime time.Time // parsed from at
	stdout  io.Writer
}

func (c *compareCommand) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.kind, "kind", "agreement", "document `kind` to compare")
	fs.StringVar(&c.old, "old", "", "the older partnership JSON `file` (required)")
	fs.StringVar(&c.new, "new", "", "the newer partnership JSON `file` (required)")
	fs.StringVar(&c.out, "out", "", "`file` to write, - for standard output (required)")
	fs.StringVar(&c.format, "format", "html", "output `format`: html, docx (tracked changes) or pdf")
	fs.StringVar(&c.at, "at", "", "generation `time` of both versions, RFC 3339 or YYYY-MM-DD (default now)")
	c.generatorFlags.flags(fs)
}

func (c *compareCommand) check() error {
	switch {
	case c.old == "" || c.new == "" || c.old == "-" || c.new == "-":
		return usageErrorf("compare: --old and --new are both required, and must be files (partnership JSON)")
	case c.out == "":
		return usageErrorf("compare: --out is required (a file, or - for standard output)")
	case !workflow.Format(c.format).Valid():
		return usageErrorf("compare: --format must be html, docx or pdf, not %q", c.format)
	}
	t, err := parseGenerationTime(c.at)
	if err != nil {
		return usageErrorf("compare: --at must be an RFC 3339 time (2026-11-25T09:30:00Z) or a date (2026-11-25), not %q", c.at)
	}
	c.genTime = t
	if c.genTime.IsZero() {
		c.genTime = time.Now()
	}
	return nil
}

// run reads both files, compares, and only then writes: bad input leaves
// no file behind.
func (c *compareCommand) run(ctx context.Context) error {
	flow, err := c.newFlow(ctx, nil)
	if err != nil {
		return err
	}
	if kinds := flow.Kinds(); !slices.Contains(kinds, c.kind) {
		return usageErrorf("compare: --kind %q is not a document kind; the kinds are: %s", c.kind, strings.Join(kinds, ", "))
	}
	req := workflow.CompareRequest{Kind: c.kind, Format: workflow.Format(c.format)}
	for _, v := range []struct {
		path string
		into *workflow.VersionRequest
	}{{c.old, &req.Old}, {c.new, &req.New}} {
		p, err := readPartnership(v.path, nil)
		if err != nil {
			return err
		}
		*v.into = workflow.VersionRequest{Partnership: p, At: c.genTime, Label: v.path}
	}
	doc, err := flow.Compare(ctx, cliAdmin(), req)
	if err != nil {
		return err
	}
	if c.out == "-" {
		_, err := c.stdout.Write(doc.Bytes)
		return err
	}
	return writeFileAtomic(c.out, doc.Bytes)
}
