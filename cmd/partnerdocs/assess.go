package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"time"

	"partnerdocs/partnership"
)

// assessCommand prints what the Partnership Protocol says about a proposal:
// the assessment as JSON, the same as POST /api/v1/assess answers.
type assessCommand struct {
	generatorFlags
	in, at string

	asOf   time.Time
	stdin  io.Reader
	stdout io.Writer
}

func (c *assessCommand) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.in, "in", "", "partnership JSON `file` to read, - for standard input (required)")
	fs.StringVar(&c.at, "at", "", "the `date` review dates are judged against, YYYY-MM-DD or RFC 3339 (default today)")
	c.generatorFlags.flags(fs)
}

func (c *assessCommand) check() error {
	if c.in == "" {
		return usageErrorf("assess: --in is required (a file, or - for standard input)")
	}
	t, err := parseGenerationTime(c.at)
	if err != nil {
		return usageErrorf("assess: --at must be a date (2026-11-25) or an RFC 3339 time, not %q", c.at)
	}
	c.asOf = t
	if c.asOf.IsZero() {
		c.asOf = time.Now()
	}
	return nil
}

func (c *assessCommand) run(ctx context.Context) error {
	flow, err := c.newFlow(ctx, nil)
	if err != nil {
		return err
	}
	p, err := readPartnership(c.in, c.stdin)
	if err != nil {
		return err
	}
	a, err := flow.Assess(cliAdmin(), p, c.asOf)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(a)
}

// readPartnership decodes a partnership strictly from a file, or from in
// when path is "-". Decode reads at most the API's body limit, so the
// command line and the API accept the same inputs.
func readPartnership(path string, in io.Reader) (*partnership.Partnership, error) {
	if path == "-" {
		return partnership.Decode(in)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return partnership.Decode(f)
}
