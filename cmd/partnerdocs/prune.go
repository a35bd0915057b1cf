package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// pruneInterval is how often a server with --keep-drafts prunes: drafts
// are kept for days, so once an hour is prompt enough and costs nothing.
const pruneInterval = time.Hour

// keepDuration is --keep-drafts: a Go duration ("2160h") or whole days
// ("90d"), as a retention period is usually said. Zero keeps every draft.
type keepDuration time.Duration

func (d *keepDuration) Set(s string) error {
	var v time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100*365 {
			return errors.New("days must be a whole number, such as 90d")
		}
		v = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if v, err = time.ParseDuration(s); err != nil {
			return errors.New("must be a duration such as 90d or 2160h")
		}
	}
	if v < 0 {
		return errors.New("must not be negative")
	}
	*d = keepDuration(v)
	return nil
}

func (d *keepDuration) String() string {
	v := time.Duration(*d)
	if v != 0 && v%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(v/(24*time.Hour)), 10) + "d"
	}
	return v.String()
}

// keepDraftsFlag declares --keep-drafts, shared by serve and prune.
func keepDraftsFlag(fs *flag.FlagSet, d *keepDuration, usage string) {
	fs.Var(d, "keep-drafts", "how long to keep superseded drafts that were never submitted for review, a `duration` "+
		"such as 90d or 36h; "+usage)
}

// pruneCommand applies the retention rule for superseded drafts once.
type pruneCommand struct {
	registerFlags
	keep   keepDuration
	stdout io.Writer
}

func (c *pruneCommand) flags(fs *flag.FlagSet) {
	c.registerFlags.flags(fs)
	keepDraftsFlag(fs, &c.keep, "older ones are deleted (required)")
}

func (c *pruneCommand) check() error {
	if c.keep <= 0 {
		return usageErrorf("prune: --keep-drafts must say how long to keep superseded drafts, such as 90d")
	}
	return c.registerFlags.check("prune")
}

func (c *pruneCommand) run(ctx context.Context) error {
	db, err := c.openRegister(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	pruned, err := workflow.DraftRetention{Store: db, Keep: time.Duration(c.keep)}.Prune(ctx, cliAdmin())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.stdout, pruningSummary(pruned))
	return err
}

// pruningSummary says what a pruning deleted, in a line.
func pruningSummary(p *partnership.DraftPruning) string {
	ids := make([]string, len(p.Documents))
	for i, id := range p.Documents {
		ids[i] = strconv.FormatInt(id, 10)
	}
	s := fmt.Sprintf("pruned %d superseded drafts generated before %s", len(p.Documents), p.GeneratedBefore.Format(time.RFC3339))
	if len(ids) > 0 {
		s += " (documents " + strings.Join(ids, ", ") + ")"
	}
	return s + fmt.Sprintf("; %d stored contents (%d bytes) no longer used deleted", p.Contents, p.Bytes)
}
