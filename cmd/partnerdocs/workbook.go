package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"partnerdocs/partnership"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// yearFlag is the financial year of the CMT workbook, written 2026/27.
type yearFlag struct {
	year string
	fy   partnership.FinancialYear
}

func (f *yearFlag) flags(fs *flag.FlagSet) {
	fs.StringVar(&f.year, "year", "", "the financial `year`, such as 2026/27 (required)")
}

func (f *yearFlag) check(command string) error {
	fy := partnership.FinancialYear(f.year)
	if _, err := fy.StartYear(); err != nil {
		return usageErrorf("%s: --year must be a financial year such as 2026/27, not %q", command, f.year)
	}
	f.fy = fy
	return nil
}

// workbookCommand writes the annual CMT workbook from the register's
// current revisions.
type workbookCommand struct {
	registerFlags
	yearFlag
	councilFlag
	out    string
	stdout io.Writer
	stderr io.Writer
}

func (c *workbookCommand) flags(fs *flag.FlagSet) {
	c.registerFlags.flags(fs)
	c.yearFlag.flags(fs)
	c.councilFlag.flags(fs)
	fs.StringVar(&c.out, "out", "", "`file` to write (an .xlsx), - for standard output (required)")
}

func (c *workbookCommand) check() error {
	if err := c.yearFlag.check("workbook"); err != nil {
		return err
	}
	if c.out == "" {
		return usageErrorf("workbook: --out is required (a file, or - for standard output)")
	}
	return c.registerFlags.check("workbook")
}

// run reads the register and writes the workbook to a temporary file that
// replaces --out only once it is complete.
func (c *workbookCommand) run(ctx context.Context) error {
	flow, db, err := openFlow(ctx, &c.registerFlags, c.councilFlag)
	if err != nil {
		return err
	}
	defer db.Close()
	n := 0
	write := func(w io.Writer) (err error) {
		bw := bufio.NewWriterSize(w, 256<<10) // the workbook is written in small pieces
		if n, err = flow.CMTWorkbook(ctx, cliAdmin(), c.fy, bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if c.out == "-" {
		return write(c.stdout)
	}
	if err := writeAtomic(c.out, write); err != nil {
		return err
	}
	_, err = fmt.Fprintf(c.stderr, "partnerdocs: the %s CMT workbook of %d partnerships is in %s\n", c.fy, n, c.out)
	return err
}

// openFlow opens the register and builds the use cases over it and the
// generator for the council profile, for the commands that use the
// register.
func openFlow(ctx context.Context, rf *registerFlags, council councilFlag) (*workflow.Service, *store.DB, error) {
	db, err := rf.openRegister(ctx)
	if err != nil {
		return nil, nil, err
	}
	flow, err := (&generatorFlags{councilFlag: council}).newFlow(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return flow, db, nil
}

// writeAtomic writes to a temporary file beside path, through write, and
// renames it over path only when everything has been written, so a reader
// never sees half a file and a failure leaves any earlier file as it was.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
