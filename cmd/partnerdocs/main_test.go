package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerdocs/samples"
)

// result is what one in-process run of the program left behind.
type result struct {
	status         int
	stdout, stderr string
}

// run runs partnerdocs with args, the given environment and stdin.
func run(t *testing.T, env map[string]string, stdin []byte, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{
		Stdin:     bytes.NewReader(stdin),
		Stdout:    &stdout,
		Stderr:    &stderr,
		LookupEnv: lookupIn(env),
	}
	status := m.Exec(t.Context(), args)
	return result{status: status, stdout: stdout.String(), stderr: stderr.String()}
}

func lookupIn(env map[string]string) func(string) (string, bool) {
	return func(key string) (string, bool) {
		v, ok := env[key]
		return v, ok
	}
}

func samplePath(name string) string { return filepath.Join("..", "..", "samples", name) }

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// entries lists a directory, to show that nothing (not even a temporary
// file) was left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestRenderWritesPDF(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "waste-agreement.pdf")
	r := run(t, nil, nil, "render", "--kind", "agreement", "--in", samplePath("waste-partnership.json"), "--out", out)
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("output starts %q", data[:min(16, len(data))])
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %q, want only the PDF", got)
	}
}

func TestRenderWritesDOCX(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "mou.docx")
	r := run(t, nil, nil, "render", "--kind", "mou", "--in", samplePath("youth-employment-mou.json"), "--out", out,
		"--format", "docx", "--at", "2026-11-25")
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a Word document: %v", err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	body, err := io.ReadAll(f)
	if err != nil || !bytes.Contains(body, []byte("Memorandum of Understanding")) || !bytes.Contains(body, []byte("(Binding)")) {
		t.Errorf("word/document.xml (%v) is not the MoU: %.300s", err, body)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %q, want only the Word document", got)
	}
}

func TestRenderStdinToStdout(t *testing.T) {
	r := run(t, nil, readSample(t, "waste-partnership.json"), "render", "--in", "-", "--out", "-", "--format", "html")
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if !strings.Contains(r.stdout, "<html") {
		t.Errorf("stdout is not HTML: %.200s", r.stdout)
	}
}

func TestRenderPrintsWarnings(t *testing.T) {
	in := bytes.Replace(readSample(t, "waste-partnership.json"), []byte(`"name": "`), []byte(`"name": "東京 `), 1)
	r := run(t, nil, in, "render", "--in", "-", "--out", "-")
	if r.status != 0 || !strings.HasPrefix(r.stdout, "%PDF-") {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if !strings.Contains(r.stderr, "warning: name: ") {
		t.Errorf("no warning for the name on stderr:\n%s", r.stderr)
	}
}

func TestRenderIsRepeatableAtAGivenTime(t *testing.T) {
	render := func() string {
		r := run(t, nil, readSample(t, "waste-partnership.json"), "render", "--in", "-", "--out", "-", "--at", "2026-11-25")
		if r.status != 0 {
			t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
		}
		return r.stdout
	}
	if render() != render() {
		t.Error("the same input and --at gave different PDFs")
	}
}

func TestRenderBadInputWritesNothing(t *testing.T) {
	cases := []struct {
		name, body string
		paths      []string // each must start a line of stderr
	}{
		{"malformed JSON", `{"name": "Waste`, nil},
		{"unknown field", `{"name": "Waste", "purpose": "Recycling", "colour": "blue"}`, []string{"colour: "}},
		{"wrong type", `{"name": "Waste", "purpose": "Recycling", "governance": {"quorum": "three"}}`, []string{"governance.quorum: "}},
		{"missing required fields", `{"status": "pending"}`, []string{"name: ", "purpose: ", "status: "}},
		{"invalid UTF-8", "{\"name\": \"\xff\", \"purpose\": \"x\"}", nil},
		{"invalid date", `{"name": "W", "purpose": "R", "dates": {"start": "2026-02-30"}}`, []string{"dates.start: "}},
		{"negative pence", `{"name": "W", "purpose": "R", "contributions": [{"partner": "council", "financial_year": "2026/27", "type": "cash", "amount_pence": -1, "within_budget": true}]}`, []string{"contributions[0].amount_pence: "}},
		{"201-character name", `{"name": "` + strings.Repeat("ŵ", 201) + `", "purpose": "R"}`, []string{"name: "}},
		{"control characters", `{"name": "W\u0007", "purpose": "R"}`, []string{"name: "}},
		{"2 MiB body", `{"name": "` + strings.Repeat("a", 2<<20) + `", "purpose": "R"}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.pdf")
			if err := os.WriteFile(in, []byte(tc.body), 0o644); err != nil {
				t.Fatal(err)
			}
			r := run(t, nil, nil, "render", "--in", in, "--out", out)
			if r.status != exitInvalid {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.status, exitInvalid, r.stderr)
			}
			for _, path := range tc.paths {
				if !strings.HasPrefix(r.stderr, path) && !strings.Contains(r.stderr, "\n"+path) {
					t.Errorf("stderr has no line starting %q:\n%s", path, r.stderr)
				}
			}
			if r.stderr == "" {
				t.Error("nothing on stderr")
			}
			if got := entries(t, dir); len(got) != 1 {
				t.Errorf("directory holds %q, want only the input", got)
			}
		})
	}
}

func TestRenderBadInputKeepsExistingOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "agreement.pdf")
	if err := os.WriteFile(out, []byte("the earlier draft"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, []byte(`{"name": ""}`), "render", "--in", "-", "--out", out)
	if r.status != exitInvalid {
		t.Fatalf("exit %d; stderr:\n%s", r.status, r.stderr)
	}
	if data, _ := os.ReadFile(out); string(data) != "the earlier draft" {
		t.Errorf("output overwritten with %.40q", data)
	}
}

func TestUsageErrors(t *testing.T) {
	in := samplePath("waste-partnership.json")
	cases := []struct {
		name string
		args []string
		want string // on stderr
	}{
		{"no command", nil, "no command"},
		{"unknown command", []string{"print"}, "unknown command"},
		{"no --in", []string{"render", "--out", "x.pdf"}, "--in is required"},
		{"no --out", []string{"render", "--in", in}, "--out is required"},
		{"bad format", []string{"render", "--in", in, "--out", "-", "--format", "odt"}, "--format"},
		{"bad time", []string{"render", "--in", in, "--out", "-", "--at", "yesterday"}, "--at"},
		{"unknown kind", []string{"render", "--kind", "lease", "--in", in, "--out", "-"}, "agreement"},
		{"unknown flag", []string{"render", "--colour", "blue"}, "colour"},
		{"stray argument", []string{"serve", "now"}, "unexpected argument"},
		{"negative renders", []string{"serve", "--max-renders", "-1"}, "--max-renders"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, nil, tc.args...)
			if r.status != exitInvalid || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", r.status, r.stdout, r.stderr, tc.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	r := run(t, nil, nil, "-h")
	if r.status != 0 || !strings.Contains(r.stdout, "partnerdocs render") {
		t.Errorf("-h: exit %d, stdout:\n%s", r.status, r.stdout)
	}
	r = run(t, nil, nil, "render", "-h")
	if r.status != 0 || !strings.Contains(r.stderr, "PARTNERDOCS_IN") {
		t.Errorf("render -h: exit %d, stderr:\n%s", r.status, r.stderr)
	}
}

func TestFlagsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "agreement.html")
	env := map[string]string{
		"PARTNERDOCS_IN":     samplePath("waste-partnership.json"),
		"PARTNERDOCS_OUT":    out,
		"PARTNERDOCS_FORMAT": "docx", // the flag below wins
		"PARTNERDOCS_AT":     "2026-11-25T09:30:00Z",
	}
	r := run(t, env, nil, "render", "--format", "html")
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !bytes.Contains(data, []byte("<html")) {
		t.Errorf("PARTNERDOCS_OUT not written as HTML: %v %.100s", err, data)
	}
	r = run(t, map[string]string{"PARTNERDOCS_AT": "soon"}, nil, "render", "--in", "-", "--out", "-")
	if r.status != exitInvalid || !strings.Contains(r.stderr, "--at") {
		t.Errorf("bad PARTNERDOCS_AT: exit %d, stderr:\n%s", r.status, r.stderr)
	}
}

func TestVersion(t *testing.T) {
	r := run(t, nil, nil, "version")
	if r.status != 0 || !strings.HasPrefix(r.stdout, "partnerdocs ") {
		t.Errorf("exit %d, stdout %q", r.status, r.stdout)
	}
}

// TestServe starts the server on a free loopback port with a register in a
// temporary directory (both chosen through the environment, as a deployment
// would), generates one agreement over HTTP with a token made by "token
// create", and shuts it down by cancelling the context.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	env := map[string]string{"PARTNERDOCS_ADDR": "127.0.0.1:0",
		"PARTNERDOCS_DATABASE": filepath.Join(t.TempDir(), "register.db")}
	token := createToken(t, env, "serve-test", "officer")
	listening := make(chan net.Addr, 1)
	stderr := &syncBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr,
		LookupEnv: lookupIn(env),
		Listening: func(a net.Addr) { listening <- a }}
	exited := make(chan int, 1)
	go func() { exited <- m.Exec(ctx, []string{"serve"}) }()

	var base string
	select {
	case a := <-listening:
		base = "http://" + a.String()
	case status := <-exited:
		t.Fatalf("serve exited %d before listening:\n%s", status, stderr)
	}
	checkServing(t, base, token)
	cancel()
	select {
	case status := <-exited:
		if status != 0 {
			t.Errorf("serve exited %d:\n%s", status, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
	if !strings.Contains(stderr.String(), `"msg":"stopped"`) {
		t.Errorf("no clean stop in the log:\n%s", stderr)
	}
}

func checkServing(t *testing.T, base, token string) {
	t.Helper()
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("listening on %s, want loopback", base)
	}
	status, data := postAgreement(t, base, token)
	if status != http.StatusOK || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("POST agreement: %d %.200s", status, data)
	}
	if status, _ := postAgreement(t, base, ""); status != http.StatusUnauthorized {
		t.Errorf("POST agreement without a token: %d, want 401", status)
	}
	for _, probe := range []string{"/healthz", "/readyz"} {
		if resp, err := http.Get(base + probe); err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %v %v", probe, resp, err)
		} else {
			resp.Body.Close()
		}
	}
}

func postAgreement(t *testing.T, base, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/render/agreement",
		bytes.NewReader(readSample(t, "waste-partnership.json")))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

// syncBuffer is a bytes.Buffer the server's goroutines may log to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The built-in profile is the protocol's own council, abolished in 2021:
// a command that uses it says so once on stderr; one given a current
// council's profile says nothing of the kind.
func TestDefaultCouncilIsNamedAsAbolished(t *testing.T) {
	r := run(t, nil, nil, "render", "--in", samplePath("waste-partnership.json"), "--out", filepath.Join(t.TempDir(), "a.pdf"))
	if r.status != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if n := strings.Count(r.stderr, "abolished on 1 April 2021"); n != 1 {
		t.Errorf("the abolished council is named %d times on stderr, want once:\n%s", n, r.stderr)
	}
	r = run(t, nil, nil, "render", "--council", samplePath("councils/west-northamptonshire.json"),
		"--in", samplePath("waste-partnership.json"), "--out", filepath.Join(t.TempDir(), "b.pdf"))
	if r.status != 0 || strings.Contains(r.stderr, "abolished") {
		t.Errorf("exit %d with a current council's profile, stderr:\n%s", r.status, r.stderr)
	}
}
