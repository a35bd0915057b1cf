package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareWritesRedline: two partnership files, the second with a
// higher quorum, give a redline that names the changed clause; a missing
// --new is bad usage and writes nothing.
func TestCompareWritesRedline(t *testing.T) {
	dir := t.TempDir()
	var p map[string]any
	if err := json.Unmarshal(readSample(t, "waste-partnership.json"), &p); err != nil {
		t.Fatal(err)
	}
	p["governance"].(map[string]any)["quorum"] = 6
	changed, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.json")
	if err := os.WriteFile(newer, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "redline.html")
	r := run(t, nil, nil, "compare", "--kind", "agreement", "--old", samplePath("waste-partnership.json"),
		"--new", newer, "--out", out, "--at", "2026-11-25")
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Summary of changes", "Meetings and decisions", "<ins><span class=\"vh\">inserted: </span>6</ins>"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the redline does not say %q", want)
		}
	}
	for format, magic := range map[string]string{"docx": "PK\x03\x04", "pdf": "%PDF-"} {
		out := filepath.Join(dir, "redline."+format)
		r := run(t, nil, nil, "compare", "--old", samplePath("waste-partnership.json"), "--new", newer,
			"--out", out, "--at", "2026-11-25", "--format", format)
		if r.status != 0 {
			t.Fatalf("--format %s: exit %d, stderr:\n%s", format, r.status, r.stderr)
		}
		if data, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(data), magic) {
			t.Errorf("--format %s: not a %s file (%v)", format, format, err)
		}
	}
	r = run(t, nil, nil, "compare", "--old", samplePath("waste-partnership.json"), "--new", newer, "--out", "-", "--format", "odt")
	if r.status != 2 || !strings.Contains(r.stderr, "html, docx or pdf") {
		t.Errorf("--format odt: exit %d, stderr %q", r.status, r.stderr)
	}
	r = run(t, nil, nil, "compare", "--old", newer, "--out", filepath.Join(dir, "x.html"))
	if r.status != 2 || !strings.Contains(r.stderr, "--old and --new") {
		t.Errorf("without --new: exit %d, stderr %q", r.status, r.stderr)
	}
}
