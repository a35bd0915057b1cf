// Command partnerdocs renders draft partnership agreements from partnership
// JSON and serves the same as an HTTP API.
//
//	partnerdocs render --kind agreement --in FILE --out FILE [--format pdf|html|docx] [--at TIME]
//	partnerdocs serve [--addr 127.0.0.1:8080] [--database ./partnerdocs.db]
//	partnerdocs migrate [--database ./partnerdocs.db]
//	partnerdocs prune --keep-drafts 90d [--database ./partnerdocs.db]
//	partnerdocs token create --name NAME --role ROLE
//	partnerdocs token revoke --name NAME
//	partnerdocs workbook --year 2026/27 --out FILE
//	partnerdocs import-return --year 2026/27 FILE
//	partnerdocs version
//
// Every flag can also be set with an environment variable PARTNERDOCS_<FLAG>
// (upper case, dashes as underscores); a flag on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

func main() {
	// Signals are caught before anything else runs, so that SIGINT and
	// SIGTERM stop the program at any stage: start-up (checking a
	// council's templates, migrating the register) as much as serving.
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go cancelOnSignal(sig, cancel)
	oneShotGC(os.Args[1:])
	os.Exit(NewMain().Exec(ctx, os.Args[1:]))
}

// oneShotGC turns the garbage collector off for `render`, which makes one
// document and exits: a render allocates at most about 84 MiB
// (generator.MemoryNeed, TestMemoryNeedBoundsEveryRender), and collecting
// it was a fifth of the command's CPU time. Past a 256 MiB heap the
// collector runs all the same (the memory limit). GOGC or GOMEMLIMIT in the
// environment, set by someone who knows better, are left as they are.
func oneShotGC(args []string) {
	if len(args) == 0 || args[0] != "render" || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
}

// cancelOnSignal cancels the program's context on the first SIGINT or
// SIGTERM, so the server can finish what it is doing (and start-up gives
// up), and exits at once on the second.
func cancelOnSignal(sig <-chan os.Signal, cancel context.CancelFunc) {
	<-sig
	cancel()
	<-sig
	fmt.Fprintln(os.Stderr, "partnerdocs: second signal, exiting now")
	os.Exit(1)
}

// Main is the program, with its surroundings as fields so that tests run it
// in-process: ParseFlags, then Run, then Close (Exec does all three).
type Main struct {
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
	LookupEnv func(key string) (string, bool)
	// Listening, when set, is called with the server's address as soon as it
	// accepts connections (tests listen on 127.0.0.1:0 and need the port).
	Listening func(net.Addr)

	cmd command
}

// command is one subcommand: it declares its flags, checks them once they
// are parsed, and runs.
type command interface {
	flags(fs *flag.FlagSet)
	check() error
	run(ctx context.Context) error
}

// NewMain returns a Main wired to the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, LookupEnv: os.LookupEnv}
}

// Exec runs the command line args and returns the exit status: 0 success,
// 1 failure, 2 bad usage or invalid input.
func (m *Main) Exec(ctx context.Context, args []string) int {
	err := m.ParseFlags(args)
	if err == nil {
		err = errors.Join(m.Run(ctx), m.Close())
	}
	return m.report(err)
}

// ParseFlags chooses the subcommand and reads its flags, then the
// environment for any flag not given.
func (m *Main) ParseFlags(args []string) error {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return usageErrorf("no command given")
	}
	name, args := commandName(args)
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		m.usage(m.Stdout)
		return flag.ErrHelp
	}
	cmd := m.newCommand(name)
	if cmd == nil {
		m.usage(m.Stderr)
		return usageErrorf("unknown command %q", name)
	}
	if err := parseFlags(name, cmd, args, m.Stderr, m.lookupEnv); err != nil {
		return err
	}
	if n, ok := cmd.(interface{ noticesTo(io.Writer) }); ok {
		n.noticesTo(m.Stderr)
	}
	m.cmd = cmd
	return nil
}

// commandName is the subcommand and its arguments; "token" has
// subcommands of its own ("token create").
func commandName(args []string) (string, []string) {
	if args[0] == "token" && len(args) > 1 && !strings.HasPrefix(args[1], "-") {
		return "token " + args[1], args[2:]
	}
	return args[0], args[1:]
}

func (m *Main) newCommand(name string) command {
	switch name {
	case "render":
		return &renderCommand{stdin: m.Stdin, stdout: m.Stdout, stderr: m.Stderr}
	case "compare":
		return &compareCommand{stdout: m.Stdout}
	case "serve":
		return &serveCommand{stdout: m.Stdout, stderr: m.Stderr, listening: m.Listening}
	case "assess":
		return &assessCommand{stdin: m.Stdin, stdout: m.Stdout}
	case "migrate":
		return &migrateCommand{stderr: m.Stderr}
	case "prune":
		return &pruneCommand{stdout: m.Stdout}
	case "token create":
		return &tokenCreateCommand{stdout: m.Stdout, stderr: m.Stderr}
	case "token revoke":
		return &tokenRevokeCommand{stderr: m.Stderr}
	case "workbook":
		return &workbookCommand{stdout: m.Stdout, stderr: m.Stderr}
	case "import-return":
		return &importReturnCommand{stdout: m.Stdout, stderr: m.Stderr}
	case "version":
		return &versionCommand{stdout: m.Stdout}
	}
	return nil
}

// Run runs the chosen subcommand until it finishes or ctx is cancelled.
func (m *Main) Run(ctx context.Context) error {
	if m.cmd == nil {
		return errors.New("Run called before ParseFlags")
	}
	return m.cmd.run(ctx)
}

// Close releases whatever the subcommand still holds.
func (m *Main) Close() error {
	if c, ok := m.cmd.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

func (m *Main) lookupEnv(key string) (string, bool) {
	if m.LookupEnv == nil {
		return "", false
	}
	return m.LookupEnv(key)
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `partnerdocs generates draft partnership agreements (PDF, HTML or Word) from a
partnership described in JSON, on the command line or as an HTTP API.

Usage:
  partnerdocs render --kind KIND --in FILE --out FILE [--format pdf|html|docx] [--at TIME]
  partnerdocs compare --old FILE --new FILE --kind KIND --out FILE [--format html] [--at TIME]
  partnerdocs assess --in FILE [--at DATE]
  partnerdocs serve [--addr 127.0.0.1:8080] [--database FILE|URL] [--shutdown-timeout 10s] [--max-renders N] [--keep-drafts 90d]
  partnerdocs migrate [--database FILE|URL]
  partnerdocs prune --keep-drafts 90d [--database FILE|URL]
  partnerdocs token create --name NAME --role officer|legal|policy|admin [--database FILE|URL]
  partnerdocs token revoke --name NAME [--database FILE|URL]
  partnerdocs workbook --year 2026/27 --out FILE [--database FILE|URL] [--council FILE]
  partnerdocs import-return --year 2026/27 FILE [--database FILE|URL] [--council FILE]
  partnerdocs version

Kinds: agreement, mou, communications-agreement, information-sharing-protocol,
checklist, policy-statement. "compare" writes a redline, clause by clause,
of the documents two partnership files make. render, compare, assess and
serve also take --council FILE (a council profile) and --templates DIR (the
council's own templates, checked against the samples at start-up).

The register is a SQLite file (--database, default ./partnerdocs.db) or a
PostgreSQL server (--database postgres://...); serve and migrate apply its
migrations. The API needs a bearer token: "token create" prints a new one's
secret once (only its hash is kept) and "token revoke" withdraws it.

"prune" deletes the superseded drafts stored longer ago than --keep-drafts
that no one ever submitted for review (never an approved or reviewed
document, nor a partnership's latest draft); serve --keep-drafts does the
same every hour.

"workbook" writes the annual CMT workbook (Excel) of the register's current
partnerships for a financial year; "import-return" takes it back filled in
and stores every change as a new revision, or, when any cell has a problem,
prints each as "Sheet!Cell: message" and stores nothing.

Run "partnerdocs COMMAND -h" for a command's flags. Every flag can also be set
with an environment variable PARTNERDOCS_<FLAG> (upper case, dashes as
underscores, for example PARTNERDOCS_ADDR); a flag on the command line wins.

Exit status: 0 success, 1 failure, 2 bad usage or invalid input.
`)
}
