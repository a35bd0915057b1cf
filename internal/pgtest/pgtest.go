// Package pgtest gives a test a PostgreSQL schema of its own on the server
// named by PARTNERDOCS_TEST_POSTGRES, for the register's tests in store and
// api. It opens the database through database/sql's "pgx" driver, which
// the caller's imports (package store) register; it imports no driver.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
)

// Env names the variable holding the PostgreSQL server's DSN.
const Env = "PARTNERDOCS_TEST_POSTGRES"

// Schema creates a schema for one test, drops it when the test ends, and
// returns a DSN whose search_path is that schema. Without the variable the
// test is skipped on a developer's machine and fails in CI (CI=true), where
// .ci/run starts PostgreSQL.
func Schema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the register's tests on PostgreSQL", Env)
		}
		t.Skipf("%s is not set", Env)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("creating schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("dropping schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
