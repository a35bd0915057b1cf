package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
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
	f, err := os.Open(c.file)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() > workflow.MaxReturnBytes {
		return partnership.NewError(partnership.ETooLarge, fmt.Sprintf("the workbook is over the limit of %d MiB", workflow.MaxReturnBytes>>20))
	}
	flow, db, err := openFlow(ctx, &c.registerFlags, c.councilFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	stored, err := flow.ImportReturn(ctx, cliAdmin(), c.fy, f, info.Size())
	if err != nil {
		return err
	}
	for _, rev := range stored {
		if _, err := fmt.Fprintf(c.stdout, "%s\t%d\n", rev.Ref, rev.Revision); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(c.stderr, "partnerdocs: the return changed %d partnerships; each is a new revision\n", len(stored))
	return err
}
