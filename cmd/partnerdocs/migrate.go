package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// migrateCommand applies the register's migrations and stops, so an
// upgrade can migrate before any server starts.
type migrateCommand struct {
	registerFlags
	stderr io.Writer
}

func (c *migrateCommand) flags(fs *flag.FlagSet) { c.registerFlags.flags(fs) }
func (c *migrateCommand) check() error           { return c.registerFlags.check("migrate") }

func (c *migrateCommand) run(ctx context.Context) error {
	db, err := c.openRegister(ctx) // opening migrates
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.stderr, "partnerdocs: the register is up to date")
	return err
}
