package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// createToken runs "partnerdocs token create" and returns the secret it
// printed.
func createToken(t *testing.T, env map[string]string, name, role string) string {
	t.Helper()
	r := run(t, env, nil, "token", "create", "--name", name, "--role", role)
	if r.status != 0 {
		t.Fatalf("token create: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// TestTokenCreateAndRevoke: create prints a secret once (and only on
// stdout); the database holds its hash and never the secret; revoke makes
// it unusable; the audit trail records both, done by "cli".
func TestTokenCreateAndRevoke(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "register.db")
	env := map[string]string{"PARTNERDOCS_DATABASE": dbPath}
	r := run(t, env, nil, "token", "create", "--name", "legal-team", "--role", "legal")
	secret := strings.TrimSpace(r.stdout)
	if r.status != 0 || !strings.HasPrefix(secret, workflow.TokenPrefix) || len(secret) != len(workflow.TokenPrefix)+43 ||
		strings.Count(r.stdout, "\n") != 1 || strings.Contains(r.stderr, secret) {
		t.Fatalf("exit %d, stdout %q, stderr %q: want one pd_ secret of 256 bits on stdout only", r.status, r.stdout, r.stderr)
	}
	if again := createToken(t, env, "legal-team-2", "legal"); again == secret {
		t.Error("two tokens have the same secret")
	}
	for _, name := range entries(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(secret)) || bytes.Contains(data, []byte(secret[len(workflow.TokenPrefix):])) {
			t.Errorf("%s contains the secret", name)
		}
	}
	if tok := lookupToken(t, dbPath, secret); tok == nil || tok.Name != "legal-team" || tok.Role != partnership.RoleLegal {
		t.Fatalf("token by hash = %+v", tok)
	}

	if r := run(t, env, nil, "token", "revoke", "--name", "legal-team"); r.status != 0 {
		t.Fatalf("token revoke: exit %d, stderr:\n%s", r.status, r.stderr)
	}
	if tok := lookupToken(t, dbPath, secret); tok != nil {
		t.Errorf("revoked token still found: %+v", tok)
	}
	if r := run(t, env, nil, "token", "revoke", "--name", "no-such-token"); r.status == 0 {
		t.Error("revoking an unknown token succeeded")
	}
	checkCLIAudit(t, dbPath, "token.create", "token.revoke")
}

func lookupToken(t *testing.T, dbPath, secret string) *partnership.Token {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tok, err := db.TokenByHash(t.Context(), workflow.TokenHash(secret))
	if partnership.ErrorCode(err) == partnership.ENotFound {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func checkCLIAudit(t *testing.T, dbPath string, actions ...string) {
	t.Helper()
	db, err := store.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, err := db.Audit(t.Context(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Actor != cliActor || e.Role != partnership.RoleAdmin {
			t.Errorf("audit entry %+v: want actor cli, role admin", e)
		}
		seen[e.Action] = true
	}
	for _, a := range actions {
		if !seen[a] {
			t.Errorf("no %s in the audit trail: %+v", a, entries)
		}
	}
}

func TestTokenUsageErrors(t *testing.T) {
	env := map[string]string{"PARTNERDOCS_DATABASE": filepath.Join(t.TempDir(), "register.db")}
	for _, args := range [][]string{
		{"token"},
		{"token", "mint"},
		{"token", "create", "--role", "officer"},
		{"token", "create", "--name", "x", "--role", "mayor"},
		{"token", "create", "--name", "bad\x07name", "--role", "officer"},
		{"token", "revoke"},
	} {
		if r := run(t, env, nil, args...); r.status != 2 || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q; want 2 and nothing printed", args, r.status, r.stdout)
		}
	}
}

func TestMigrate(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "register.db")
	for range 2 { // the second run finds nothing to do
		if r := run(t, nil, nil, "migrate", "--database", dbPath); r.status != 0 {
			t.Fatalf("migrate: exit %d, stderr:\n%s", r.status, r.stderr)
		}
	}
	if _, err := os.Stat(dbPath); err != nil {
		t.Error(err)
	}
}
