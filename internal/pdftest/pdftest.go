// Package pdftest reads PDFs the way a reader does, for tests: the text that
// pdftotext extracts, the pages and metadata pdfinfo reports, qpdf's
// structural check and its outline (bookmarks).
//
// A tool that is missing skips the test on a developer's machine and fails
// it in CI (CI=true), where .ci/run installs poppler-utils and qpdf.
package pdftest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Require fails the test in CI, or skips it elsewhere, when a tool is missing.
func Require(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		Tool(t, tool, "poppler-utils qpdf")
	}
}

// Tool returns the path of a command a test runs, which Debian's package
// pkg installs. Where it is missing the test fails under CI=true (.ci/run
// must install pkg) and skips elsewhere, saying what to install.
func Tool(t testing.TB, tool, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run must install %s", tool, pkg)
		}
		t.Skipf("%s is not installed (apt-get install %s)", tool, pkg)
	}
	return path
}

func write(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	Require(t, name)
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// Text returns the text pdftotext extracts, in reading order.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	return string(run(t, "pdftotext", "-enc", "UTF-8", write(t, pdf), "-"))
}

// RawText returns the text pdftotext -raw extracts: in the order the
// content streams draw it, with no guessing of columns from the layout
// (which reads a column of hanging clause numbers as a column of text).
func RawText(t testing.TB, pdf []byte) string {
	t.Helper()
	return string(run(t, "pdftotext", "-raw", "-enc", "UTF-8", write(t, pdf), "-"))
}

// Flat collapses every run of whitespace to one space, so text that a PDF
// wrapped over lines can be searched for.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Check runs qpdf --check and fails the test on any error or warning.
func Check(t testing.TB, pdf []byte) {
	t.Helper()
	Require(t, "qpdf")
	cmd := exec.Command("qpdf", "--check", write(t, pdf))
	out, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// Info returns pdfinfo's fields, for example "Title" and "Pages".
func Info(t testing.TB, pdf []byte) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, line := range strings.Split(string(run(t, "pdfinfo", "-enc", "UTF-8", write(t, pdf))), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// Metadata returns the document's XMP metadata stream as pdfinfo -meta
// reads it, or "" when it has none.
func Metadata(t testing.TB, pdf []byte) string {
	t.Helper()
	return string(run(t, "pdfinfo", "-meta", write(t, pdf)))
}

// Pages returns the page count pdfinfo reports.
func Pages(t testing.TB, pdf []byte) int {
	t.Helper()
	n, err := strconv.Atoi(Info(t, pdf)["Pages"])
	if err != nil {
		t.Fatalf("pdfinfo gave no page count: %v", err)
	}
	return n
}

// Outline returns the titles of the bookmarks, depth first, as qpdf reads them.
func Outline(t testing.TB, pdf []byte) []string {
	t.Helper()
	var doc struct {
		Outlines []outlineItem `json:"outlines"`
	}
	if err := json.Unmarshal(run(t, "qpdf", "--json", "--json-key=outlines", write(t, pdf)), &doc); err != nil {
		t.Fatalf("qpdf --json outlines: %v", err)
	}
	var titles []string
	var walk func([]outlineItem)
	walk = func(items []outlineItem) {
		for _, it := range items {
			titles = append(titles, it.Title)
			walk(it.Kids)
		}
	}
	walk(doc.Outlines)
	return titles
}

type outlineItem struct {
	Title string        `json:"title"`
	Kids  []outlineItem `json:"kids"`
}
