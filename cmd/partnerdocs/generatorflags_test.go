package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// copyTemplates copies the built-in templates into a directory a council
// could edit.
func copyTemplates(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := os.CopyFS(dir, templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOwnTemplatesAreUsed(t *testing.T) {
	dir := copyTemplates(t)
	doc := filepath.Join(dir, "agreement", "document.md.tmpl")
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "version: 1.2.0", "version: 1.2.0-shire.2", 1))
	if err := os.WriteFile(doc, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "a.pdf")
	r := run(t, nil, nil, "render", "--templates", dir, "--in", samplePath("waste-partnership.json"), "--out", out)
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	pdf, _ := os.ReadFile(out)
	if text := pdftest.Text(t, pdf); !strings.Contains(text, "1.2.0-shire.2") {
		t.Error("the document does not print the council's own template version")
	}
}

func TestBrokenOwnTemplateStopsStartUp(t *testing.T) {
	dir := copyTemplates(t)
	doc := filepath.Join(dir, "agreement", "document.md.tmpl")
	b, _ := os.ReadFile(doc)
	lines := strings.Split(string(b), "\n")
	title := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "# ") })
	lines = slices.Insert(lines, title+1, "{{.P.NoSuchField}}")
	if err := os.WriteFile(doc, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("agreement/document.md.tmpl:%d", title+2)
	out := filepath.Join(t.TempDir(), "a.pdf")
	r := run(t, nil, nil, "render", "--templates", dir, "--in", samplePath("waste-partnership.json"), "--out", out)
	if r.status == 0 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "NoSuchField") {
		t.Errorf("render: status %d, stderr %q: want a failure naming %s", r.status, r.stderr, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a document was written with a broken template")
	}
	// serve must refuse to start; should it start, it is stopped at once.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr bytes.Buffer
	m := &Main{Stdout: io.Discard, Stderr: &stderr, Listening: func(net.Addr) { cancel() }}
	if status := m.Exec(ctx, []string{"serve", "--templates", dir, "--addr", "127.0.0.1:0"}); status == 0 || !strings.Contains(stderr.String(), want) {
		t.Errorf("serve: status %d, stderr %q: want a failure naming %s", status, stderr.String(), want)
	}
}

func TestCouncilProfile(t *testing.T) {
	profile := partnership.DefaultCouncil()
	profile.Name = "West Northamptonshire Council"
	profile.Address = "One Angel Square, Angel Street, Northampton NN1 1ED"
	profile.DecisionBody = "Corporate Leadership Team"
	path := filepath.Join(t.TempDir(), "council.json")
	b, _ := json.Marshal(profile)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "a.pdf")
	// The community partnership never names the old council in its own data.
	r := run(t, nil, nil, "render", "--council", path, "--in", samplePath("community-partnership.json"), "--out", out)
	if r.status != 0 {
		t.Fatalf("status %d: %s", r.status, r.stderr)
	}
	pdf, _ := os.ReadFile(out)
	text := pdftest.Flat(pdftest.Text(t, pdf))
	if !strings.Contains(text, "West Northamptonshire Council") || strings.Contains(text, "Northamptonshire County Council") {
		t.Error("the document does not take the council's name from the profile")
	}
	if info := pdftest.Info(t, pdf); info["Author"] != "West Northamptonshire Council" {
		t.Errorf("author %q", info["Author"])
	}

	if err := os.WriteFile(path, []byte(`{"name": "X", "colour": "blue"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, nil, nil, "render", "--council", path, "--in", samplePath("waste-partnership.json"), "--out", out+"2"); r.status == 0 {
		t.Error("a profile with an unknown field was accepted")
	}
}
