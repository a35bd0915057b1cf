package main

import (
	"errors"
	"flag"
	"fmt"

	"partnerdocs/partnership"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitInvalid = 2 // bad usage or input that breaks the contract
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// report prints err for the person at the terminal and returns the exit
// status. Problems with the input are printed one per line as
// "path: message", so they can be fixed one by one (or grepped).
func (m *Main) report(err error) int {
	var ue *usageError
	var pe *partnership.Error
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "partnerdocs: %v\nRun \"partnerdocs -h\" for usage.\n", err)
		return exitInvalid
	case errors.As(err, &pe) && pe.Code != partnership.EInternal:
		m.reportProblems(pe)
		return exitInvalid
	}
	fmt.Fprintf(m.Stderr, "partnerdocs: %v\n", err)
	return exitFailure
}

func (m *Main) reportProblems(e *partnership.Error) {
	if len(e.Problems) == 0 {
		fmt.Fprintf(m.Stderr, "partnerdocs: %s\n", e.Message)
		return
	}
	for _, p := range e.Problems {
		fmt.Fprintf(m.Stderr, "%s: %s\n", p.Path, p.Message)
	}
}
