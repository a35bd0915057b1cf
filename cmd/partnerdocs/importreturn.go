package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
)

// importReturnCommand takes the workbook back with officers' entries and
// stores every change as a new revision, or, when any cell has a problem,
// none of them.
type importReturnCommand struct {
	registerFlags
	yearFlag
	councilFlag
	file   string
	stdout io.Writer
	stderr io.Writer
}

func (c *importReturnCommand) flags(fs *flag.FlagSet) {
	c.registerFlags.flags(fs)
	c.yearFlag.flags(fs)
	c.councilFlag.flags(fs)
}

func (c *importReturnCommand) args(args []string) error {
	if len(args) > 1 {
		return usageErrorf("import-return: one workbook at a time, not %d", len(args))
	}
	if len(args) == 1 {
		c.file = args[0]
	}
	return nil
}

func (c *importReturnCommand) check() error {
	if err := c.yearFlag.check("import-return"); err != nil {
		return err
	}
	if c.file == "" {
		return usageErrorf("import-return: name the returned workbook: partnerdocs import-return --year 2026/27 FILE")
	}
	return c.registerFlags.check("import-return")
}

func (c *importReturnCommand) run(ctx context.Context) error {
	council, err := c.council()
	if err != nil {
		return err
	}
	f, err := os.Open(c.file)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	db, err := c.openRegister(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	revs, err := db.CurrentRevisions(ctx)
	if err != nil {
		return err
	}
	current := make(map[string]*partnership.Revision, len(revs))
	for i := range revs {
		current[revs[i].Ref] = &revs[i]
	}
	changes, problems, err := workbook.ReadReturn(f, info.Size(), c.fy, current)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return returnProblems(problems)
	}
	now := time.Now()
	batch := make([]partnership.RevisionChange, len(changes))
	for i, ch := range changes {
		batch[i] = partnership.RevisionChange{Ref: ch.Ref, Base: ch.Base, Partnership: ch.Partnership,
			Assessment: partnership.Assess(ch.Partnership, council, now)}
	}
	stored, err := db.ApplyRevisions(ctx, batch, cliAdmin())
	if err != nil {
		return err
	}
	for _, rev := range stored {
		if _, err := fmt.Fprintf(c.stdout, "%s\t%d\n", rev.Ref, rev.Number); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(c.stderr, "partnerdocs: the return changed %d partnerships; each is a new revision\n", len(stored))
	return err
}

// returnProblems is every problem in the return's cells, printed one per
// line as Sheet!Cell: message.
func returnProblems(problems []workbook.CellProblem) error {
	e := &partnership.Error{Code: partnership.EInvalid, Message: fmt.Sprintf(
		"the return has %d problems; nothing was applied", len(problems))}
	for _, p := range problems {
		path := p.Sheet
		if p.Cell != "" {
			path += "!" + p.Cell
		}
		e.Problems = append(e.Problems, partnership.Problem{Path: path, Message: p.Message})
	}
	return e
}
