package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// versionCommand prints the module version, the commit it was built from
// and the Go version.
type versionCommand struct{ stdout io.Writer }

func (c *versionCommand) flags(*flag.FlagSet) {}
func (c *versionCommand) check() error        { return nil }

func (c *versionCommand) run(context.Context) error {
	_, err := fmt.Fprintln(c.stdout, versionText())
	return err
}

func versionText() string {
	version, revision, modified := "unknown", "", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		version = info.Main.Version
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 12:
				revision = " " + s.Value[:12]
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = "+modified"
			}
		}
	}
	return fmt.Sprintf("partnerdocs %s%s%s %s", version, revision, modified, runtime.Version())
}
