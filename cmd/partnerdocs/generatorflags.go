package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/templates"
	"partnerdocs/workflow"
)

// generatorFlags are the flags every command that renders shares: the
// council profile and a council's own copy of the templates.
type generatorFlags struct {
	councilFlag
	templates      string
	templateTime   time.Duration // --template-max-time
	templateOutput int           // --template-max-output, MiB
}

// councilFlag is --council, the council profile every document and the
// workbook print and partnerships are assessed against; shared by every
// command that needs it.
type councilFlag struct {
	path    string
	notices io.Writer // where the profile's notice goes; nil: nowhere
	told    bool      // the notice was given
}

// noticesTo sets where the profile's notice (an abolished council) goes.
func (f *councilFlag) noticesTo(w io.Writer) { f.notices = w }

func (f *councilFlag) flags(fs *flag.FlagSet) {
	fs.StringVar(&f.path, "council", "", "council profile JSON `file` (default: the protocol's own council)")
}

// council reads the profile. The first time, a profile of a council that
// no longer exists (the default, the protocol's own council) is named on
// standard error, as every document made with it says in its drafting
// notes.
func (f *councilFlag) council() (partnership.Council, error) {
	c := partnership.DefaultCouncil()
	if f.path != "" {
		var err error
		if c, err = readCouncil(f.path); err != nil {
			return c, err
		}
	}
	if notice := c.AbolishedNotice(); notice != "" && f.notices != nil && !f.told {
		f.told = true
		fmt.Fprintln(f.notices, "partnerdocs: "+notice)
	}
	return c, nil
}

func (f *generatorFlags) flags(fs *flag.FlagSet) {
	f.councilFlag.flags(fs)
	fs.StringVar(&f.templates, "templates", "", "`directory` of templates replacing the built-in ones; each is checked against the samples at start-up")
	fs.DurationVar(&f.templateTime, "template-max-time", templates.MaxRun, "the longest one execution of a template may run (`duration`, at most 10m); a council template past it is refused at start-up")
	fs.IntVar(&f.templateOutput, "template-max-output", templates.MaxOutputBytes>>20, "the most one execution of a template may write, in `MiB` (1 to 1024); a council template past it is refused at start-up")
}

// templateLimits are the limits the flags set, checked; zero (a command
// that has no such flags) keeps the defaults.
func (f *generatorFlags) templateLimits() (templates.Limits, error) {
	switch {
	case f.templateTime < 0 || f.templateTime > 10*time.Minute:
		return templates.Limits{}, usageErrorf("--template-max-time %s must be more than 0 and at most 10m", f.templateTime)
	case f.templateOutput < 0 || f.templateOutput > 1024:
		return templates.Limits{}, usageErrorf("--template-max-output %d must be from 1 to 1024 (MiB)", f.templateOutput)
	}
	return templates.Limits{MaxOutputBytes: int64(f.templateOutput) << 20, MaxRun: f.templateTime}, nil
}

// newGenerator builds the generator. A template directory is rendered
// against every sample first, so a broken template stops start-up with its
// file and line. Once ctx is done (SIGINT or SIGTERM) it gives up the
// check at once, whatever a council's template is doing. log, when not
// nil, hears that the check began.
func (f *generatorFlags) newGenerator(ctx context.Context, log *slog.Logger) (*generator.Generator, error) {
	opts, err := f.generatorOptions()
	if err != nil {
		return nil, err
	}
	if f.templates != "" && log != nil {
		log.Info("checking templates", "dir", f.templates)
	}
	gen, err := generator.NewContext(ctx, opts)
	if err != nil && ctx.Err() != nil && f.templates != "" {
		return nil, fmt.Errorf("stopped while checking the templates in %s: %w", f.templates, err)
	}
	return gen, err
}

// generatorOptions are the council profile and, with --templates, the
// council's templates and the samples to check them against.
func (f *generatorFlags) generatorOptions() (generator.Options, error) {
	var opts generator.Options
	c, err := f.council()
	if err != nil {
		return opts, err
	}
	opts.Council = &c
	if opts.TemplateLimits, err = f.templateLimits(); err != nil {
		return opts, err
	}
	if f.templates == "" {
		return opts, nil
	}
	if info, err := os.Stat(f.templates); err != nil || !info.IsDir() {
		return opts, usageErrorf("--templates %q is not a directory", f.templates)
	}
	probes, err := sampleProbes()
	if err != nil {
		return opts, err
	}
	opts.Templates, opts.Probes = os.DirFS(f.templates), probes
	return opts, nil
}

func readCouncil(path string) (partnership.Council, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return partnership.Council{}, err
	}
	c, err := partnership.DecodeCouncil(bytes.NewReader(b))
	if err != nil {
		return partnership.Council{}, fmt.Errorf("--council %s: %w", path, err)
	}
	return c, nil
}

func sampleProbes() ([]*partnership.Partnership, error) {
	var probes []*partnership.Partnership
	for _, name := range samples.Names() {
		b, err := samples.Read(name)
		if err != nil {
			return nil, err
		}
		p, err := partnership.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", name, err)
		}
		probes = append(probes, p)
	}
	return probes, nil
}

// newFlow builds the generator and the use cases over it and reg (nil for
// commands that only render or assess).
func (f *generatorFlags) newFlow(ctx context.Context, reg workflow.Register) (*workflow.Service, error) {
	gen, err := f.newGenerator(ctx, nil)
	if err != nil {
		return nil, err
	}
	return workflow.New(gen, reg, workflow.Options{})
}
