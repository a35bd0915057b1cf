package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"partnerdocs/api"
	"partnerdocs/store"
)

// TestReturnRefusedAlikeByAPIAndCLI: the API and the command line import
// through the same workflow function, so one bad return is refused by
// both with the same problems: the same Sheet!Cell paths and messages, and
// nothing stored.
func TestReturnRefusedAlikeByAPIAndCLI(t *testing.T) {
	dbPath, refs := seedRegister(t, "waste-partnership.json", "health-alliance.json")
	dir := t.TempDir()
	out := filepath.Join(dir, "cmt.xlsx")
	if r := run(t, nil, nil, "workbook", "--year", "2026/27", "--out", out, "--database", dbPath); r.status != 0 {
		t.Fatalf("workbook: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	actual, rag := targetCells(t, out, refs[0])
	bad := filepath.Join(dir, "bad.xlsx")
	fill(t, out, bad, map[string]any{actual: "forty", rag: "Purple"})

	r := run(t, nil, nil, "import-return", "--year", "2026/27", bad, "--database", dbPath)
	if r.status != 2 {
		t.Fatalf("CLI: exit %d, want 2; stderr:\n%s", r.status, r.stderr)
	}
	var cli []string
	for line := range strings.Lines(r.stderr) {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "Targets!") || strings.HasPrefix(l, "Reviews!") {
			cli = append(cli, l)
		}
	}
	apiProblems := apiReturnProblems(t, dbPath, bad)
	if len(cli) < 2 || !slices.Equal(cli, apiProblems) {
		t.Errorf("the CLI's problems\n%q\ndiffer from the API's\n%q", cli, apiProblems)
	}
	if n := currentRevision(t, dbPath, refs[0]); n != 1 {
		t.Errorf("a refused return stored revision %d", n)
	}
}

// apiReturnProblems posts the return to a real API server on the register
// and answers its 422's problems as "path: message" lines.
func apiReturnProblems(t *testing.T, dbPath, file string) []string {
	t.Helper()
	token := strings.TrimSpace(run(t, nil, nil, "token", "create", "--database", dbPath, "--name", "policy", "--role", "policy").stdout)
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gen, err := (&generatorFlags{}).newGenerator(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := api.New(api.Config{Generator: gen, Register: db})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/reports/cmt/2026-27/return", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var problem struct {
		Errors []struct{ Path, Message string } `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&problem); err != nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("API: %d (%v), want 422", resp.StatusCode, err)
	}
	var out []string
	for _, p := range problem.Errors {
		out = append(out, p.Path+": "+p.Message)
	}
	return out
}
