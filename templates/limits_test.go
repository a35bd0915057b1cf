package templates

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestTemplatesUnderLimits: a range over a huge number is refused when the
// templates load, naming the file and line; a template that writes without
// end is stopped at the output limit with its name; the built-in shapes
// pass.
func TestTemplatesUnderLimits(t *testing.T) {
	withBody := func(body string) fstest.MapFS {
		fsys := goodFS()
		fsys["mou/document.md.tmpl"] = file("---\nid: mou\nkind: mou\ntitle: \"MoU\"\nversion: 0.1.0\n---\n" + body)
		return fsys
	}
	_, err := Load(withBody("# MoU\n\n{{range 100000000000}}{{end}}\n"), testFuncs)
	if err == nil || !strings.Contains(err.Error(), "mou/document.md.tmpl:") || !strings.Contains(err.Error(), "at most 10000") {
		t.Errorf("a range over 10^11: %v, want refused at load with file and limit", err)
	}
	s, err := Load(withBody("# MoU\n\n{{range 10000}}{{range 10000}}0123456789{{end}}{{end}}\n"), testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = s.Execute(&out, "mou", nil)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "mou/document.md.tmpl") {
		t.Errorf("a template writing 1 GB: %v, want the output limit with its file", err)
	}
	if out.Len() > MaxOutputBytes {
		t.Errorf("%d bytes were written, past the %d limit", out.Len(), MaxOutputBytes)
	}
	if _, err := Load(withBody("# MoU\n\n{{range 10}}x{{end}}\n"), testFuncs); err != nil {
		t.Errorf("a small range: %v", err)
	}
}

// TestExecuteStopsWhenCancelled: a template that loops and writes stops at
// its next write once its context is done (a stopping process, an
// abandoned request), with the context's cause, long before its limits.
func TestExecuteStopsWhenCancelled(t *testing.T) {
	fsys := goodFS()
	fsys["mou/document.md.tmpl"] = file("---\nid: mou\nkind: mou\ntitle: \"MoU\"\nversion: 0.1.0\n---\n" +
		"# MoU\n\n{{range 10000}}{{range 10000}}{{end}}.{{end}}\n")
	s, err := Load(fsys, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("the process is stopping")
	ctx, cancel := context.WithCancelCause(t.Context())
	cancel(stop)
	var out bytes.Buffer
	began := time.Now()
	err = s.ExecuteContext(ctx, &out, "mou", nil)
	if !errors.Is(err, stop) {
		t.Errorf("a cancelled execution: %v, want the context's cause", err)
	}
	if took := time.Since(began); took > MaxRun/2 {
		t.Errorf("a cancelled execution took %s", took)
	}
	if strings.Count(out.String(), ".") > 0 {
		t.Errorf("a cancelled execution wrote %q", out.String())
	}
}

// The limits are settings: a set given smaller ones stops a template at
// them and says which limit, and what it is.
func TestLimitsAreSettings(t *testing.T) {
	fsys := goodFS()
	fsys["mou/document.md.tmpl"] = file("---\nid: mou\nkind: mou\ntitle: \"MoU\"\nversion: 0.1.0\n---\n# MoU\n\n{{range 1000}}0123456789{{end}}\n")
	s, err := Load(fsys, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := s.Execute(&out, "mou", nil); err != nil {
		t.Fatalf("10 KB within the default limits: %v", err)
	}
	s.SetLimits(Limits{MaxOutputBytes: 4096})
	if got := s.Limits(); got.MaxOutputBytes != 4096 || got.MaxRun != MaxRun {
		t.Errorf("limits %+v, want 4096 bytes and the default time", got)
	}
	out.Reset()
	err = s.Execute(&out, "mou", nil)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "the limit is 4096 bytes") || out.Len() > 4096 {
		t.Errorf("10 KB past a 4 KiB limit: %v (%d bytes written), want refused, naming the limit", err, out.Len())
	}
}
