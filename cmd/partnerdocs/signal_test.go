package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// endlessLoop is a council template's loop within every limit that is
// checked as the templates load (no range over more than 10,000) which
// never writes, so the output and time limits, which act on writes, never
// stop it: 10^12 turns.
const endlessLoop = "{{range 10000}}{{range 10000}}{{range 10000}}{{end}}{{end}}{{end}}"

// TestSignalStopsStartUp: SIGTERM while start-up checks a council's
// template that loops for good stops the process promptly, exit status 1,
// saying what it was doing; before, the first signal was ignored until
// the template finished.
func TestSignalStopsStartUp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	tmpl := endlessTemplates(t)
	cmd := childCommand(bin, "serve", "--database", filepath.Join(dir, "register.db"), "--addr", "127.0.0.1:0", "--templates", tmpl)
	stderr := startUntilLogged(t, cmd, "checking templates")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	rest := waitFailure(t, cmd, stderr, 10*time.Second, "after SIGTERM during start-up")
	t.Logf("exited %s after SIGTERM", time.Since(signalled).Round(time.Millisecond))
	if !strings.Contains(rest, "stopped while checking the templates in "+tmpl) {
		t.Errorf("stderr does not say why it stopped:\n%s", rest)
	}
}

// TestEndlessTemplateRefused: a council template that loops without
// writing, which the limits on writes cannot stop, is refused at start-up
// once it has run past the time limit, naming its file and the limit.
func TestEndlessTemplateRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	cmd := childCommand(bin, "serve", "--database", filepath.Join(dir, "register.db"), "--addr", "127.0.0.1:0",
		"--templates", endlessTemplates(t), "--template-max-time", "1500ms")
	stderr := startUntilLogged(t, cmd, "checking templates")
	began := time.Now()
	rest := waitFailure(t, cmd, stderr, 30*time.Second, "checking an endless template")
	t.Logf("refused after %s", time.Since(began).Round(time.Millisecond))
	for _, want := range []string{"agreement/document.md.tmpl", "ran longer than a document's template may", "the limit is 1.5s, --template-max-time"} {
		if !strings.Contains(rest, want) {
			t.Errorf("stderr does not say %q:\n%s", want, rest)
		}
	}
}

// waitFailure waits, at most within, for cmd to close its stderr and exit
// with status exitFailure, and returns what it wrote to stderr.
func waitFailure(t *testing.T, cmd *exec.Cmd, stderr <-chan string, within time.Duration, doing string) string {
	t.Helper()
	var rest string
	select {
	case rest = <-stderr: // read to the end before Wait closes the pipe
	case <-time.After(within):
		t.Fatalf("the process was still running %s %s", within, doing)
	}
	var exit *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &exit) || exit.ExitCode() != exitFailure {
		t.Errorf("the process ended with %v, want exit status %d", err, exitFailure)
	}
	return rest
}

// endlessTemplates is a copy of the built-in templates whose agreement,
// the first kind checked, begins with endlessLoop, before it writes
// anything: only stopping the check from outside can end it.
func endlessTemplates(t *testing.T) string {
	t.Helper()
	tmpl := copyTemplates(t)
	main := filepath.Join(tmpl, "agreement", "document.md.tmpl")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	front, body, ok := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
	if !ok {
		t.Fatalf("%s has no front matter", main)
	}
	if err := os.WriteFile(main, []byte("---\n"+front+"\n---\n"+endlessLoop+body), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// startUntilLogged starts cmd and waits, at most 30 s, for a JSON log line
// on its stderr whose msg is msg (no wait when msg is ""). The channel gets
// the rest of stderr once the process has closed it.
func startUntilLogged(t *testing.T, cmd *exec.Cmd, msg string) <-chan string {
	t.Helper()
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	seen, rest := make(chan struct{}), make(chan string, 1)
	go func() {
		var b strings.Builder
		found := msg == ""
		if found {
			close(seen)
		}
		scanner := bufio.NewScanner(pipe)
		for scanner.Scan() {
			var entry struct{ Msg string }
			if !found && json.Unmarshal(scanner.Bytes(), &entry) == nil && entry.Msg == msg {
				found = true
				close(seen)
				continue
			}
			b.WriteString(scanner.Text() + "\n")
		}
		rest <- b.String()
	}()
	select {
	case <-seen:
	case out := <-rest:
		t.Fatalf("the process closed its stderr before a %q log line:\n%s", msg, out)
	case <-time.After(30 * time.Second):
		t.Fatalf("no %q log line within 30 s", msg)
	}
	return rest
}
