package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// envPrefix starts the name of every flag's environment variable.
const envPrefix = "PARTNERDOCS_"

// parseFlags reads a subcommand's flags from args, then sets each flag not
// given from its environment variable, then lets the command check them.
func parseFlags(name string, cmd command, args []string, stderr io.Writer, lookup func(string) (string, bool)) error {
	fs := flag.NewFlagSet("partnerdocs "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cmd.flags(fs)
	fs.VisitAll(func(f *flag.Flag) { f.Usage += fmt.Sprintf(" (env %s)", envName(f.Name)) })
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage of partnerdocs %s:\n", name)
		fs.PrintDefaults()
	}
	// A command that takes arguments (a file) may have flags on either side
	// of them: parsing stops at each argument and goes on after it.
	withArgs, takesArgs := cmd.(argsCommand)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageErrorf("%v", err) // the flag package has printed the usage
		}
		if fs.NArg() == 0 {
			break
		}
		if !takesArgs {
			return usageErrorf("unexpected argument %q (flags are written --name value)", fs.Arg(0))
		}
		positional, args = append(positional, fs.Arg(0)), fs.Args()[1:]
	}
	if takesArgs {
		if err := withArgs.args(positional); err != nil {
			return err
		}
	}
	if err := setFromEnv(fs, lookup); err != nil {
		return err
	}
	return cmd.check()
}

// argsCommand is a command that takes arguments besides its flags.
type argsCommand interface {
	args(args []string) error
}

// setFromEnv sets every flag that was not on the command line from its
// environment variable, when that is set and not empty.
func setFromEnv(fs *flag.FlagSet, lookup func(string) (string, bool)) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		value, ok := lookup(envName(f.Name))
		if given[f.Name] || !ok || value == "" {
			return
		}
		if err := fs.Set(f.Name, value); err != nil {
			errs = append(errs, usageErrorf("%s=%q: %v", envName(f.Name), value, err))
		}
	})
	return errors.Join(errs...)
}

// envName is the environment variable for a flag: PARTNERDOCS_SHUTDOWN_TIMEOUT
// for --shutdown-timeout.
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}
