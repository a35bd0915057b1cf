package main

import (
	"context"
	"flag"

	"partnerdocs/store"
)

// defaultDatabase is the register's SQLite file, beside where the program
// is run, unless --database says otherwise.
const defaultDatabase = "./partnerdocs.db"

// cliActor is who the audit trail records for what is done on the command
// line: whoever can run the program on the server is its administrator.
const cliActor = "cli"

// registerFlags are the flags of every command that uses the register.
type registerFlags struct {
	database string
}

func (f *registerFlags) flags(fs *flag.FlagSet) {
	fs.StringVar(&f.database, "database", defaultDatabase,
		"the register: a SQLite `file`, or a postgres:// URL (migrations are applied when it is opened)")
}

func (f *registerFlags) check(command string) error {
	if f.database == "" {
		return usageErrorf("%s: --database must name a SQLite file or a postgres:// URL", command)
	}
	return nil
}

// openRegister opens the register and applies any migrations it lacks.
func (f *registerFlags) openRegister(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, f.database)
}
