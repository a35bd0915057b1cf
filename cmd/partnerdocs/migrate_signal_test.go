package main

import (
	"database/sql"
	"strings"
	"syscall"
	"testing"
	"time"

	"partnerdocs/internal/pgtest"
)

// TestSignalStopsMigration: SIGTERM while a migration is part done (waiting
// for a lock another session holds on PostgreSQL) stops the process
// promptly, exit status 1, saying it was migrating; the migration's
// transaction is rolled back, so nothing of it remains, and the next run
// applies it whole.
func TestSignalStopsMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	dsn := pgtest.Schema(t)
	bin := buildBinary(t, t.TempDir())
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// The first migration creates partnerships, ref_counters, then
	// revisions: a table of that name created in a transaction not yet
	// committed makes the migration wait there, its first tables made.
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`CREATE TABLE revisions (id INTEGER)`); err != nil {
		t.Fatal(err)
	}

	cmd := childCommand(bin, "migrate", "--database", dsn)
	stderr := startUntilLogged(t, cmd, "")
	waitForLockWait(t, db, "CREATE TABLE revisions")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest := waitFailure(t, cmd, stderr, 10*time.Second, "after SIGTERM during a migration")
	if !strings.Contains(rest, "migrating the postgres register") {
		t.Errorf("stderr does not say it was migrating:\n%s", rest)
	}
	if tableExists(t, db, "partnerships") {
		t.Error("the interrupted migration's first table remains: its transaction was not rolled back")
	}

	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	out, err := childCommand(bin, "migrate", "--database", dsn).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "the register is up to date") {
		t.Fatalf("migrating again: %v\n%s", err, out)
	}
	for _, table := range []string{"partnerships", "revisions", "auth_failures"} {
		if !tableExists(t, db, table) {
			t.Errorf("after migrating again there is no %s table", table)
		}
	}
}

// waitForLockWait waits, at most 30 s, until another session's statement
// beginning with query waits for a lock.
func waitForLockWait(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND starts_with(ltrim(query), $1)`, query).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no session waited on a lock in %q within 30 s", query)
		}
		time.Sleep(20 * time.Millisecond) // polling the server, not guessing how long it takes
	}
}

// tableExists reports whether the test's schema has the table.
func tableExists(t *testing.T, db *sql.DB, table string) bool {
	t.Helper()
	var exists bool
	if err := db.QueryRow(`SELECT to_regclass($1) IS NOT NULL`, table).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	return exists
}
