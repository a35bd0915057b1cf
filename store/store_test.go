package store_test

import (
	"bytes"
	"context"
	"partnerdocs/internal/pgtest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// The store is the register the use cases need, and keeps the forms' sessions.
var (
	_ workflow.Register     = (*store.DB)(nil)
	_ workflow.SessionStore = (*store.DB)(nil)
	_ workflow.Inbox        = (*store.DB)(nil)
)

var (
	officer = partnership.Actor{Name: "olive", Role: partnership.RoleOfficer}
	lawyer  = partnership.Actor{Name: "lena", Role: partnership.RoleLegal}
	admin   = partnership.Actor{Name: "ada", Role: partnership.RoleAdmin}
)

// start is the time the register's clock shows when a test begins.
var start = time.Date(2026, 3, 14, 10, 30, 0, 0, time.UTC)

// clock is a register clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// register is one fresh, empty register under test.
type register struct {
	*store.DB
	clock *clock
	dsn   string
}

// eachDB runs test against a fresh SQLite register, and a fresh PostgreSQL
// schema when PARTNERDOCS_TEST_POSTGRES names a server. In CI that variable
// must be set: the PostgreSQL half then fails rather than skips.
func eachDB(t *testing.T, test func(t *testing.T, r register)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		test(t, openRegister(t, filepath.Join(t.TempDir(), "register.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		test(t, openRegister(t, pgtest.Schema(t)))
	})
}

func openRegister(t testing.TB, dsn string) register {
	t.Helper()
	c := &clock{now: start}
	db, err := store.Open(context.Background(), dsn, store.WithNow(c.Now))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return register{DB: db, clock: c, dsn: dsn}
}

// sample decodes one of the sample partnerships.
func sample(t testing.TB, name string) *partnership.Partnership {
	t.Helper()
	b, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func assess(p *partnership.Partnership) partnership.Assessment {
	return partnership.Assess(p, partnership.DefaultCouncil(), start)
}

// create stores p with an assigned ref (or its own) and returns revision 1.
func create(t testing.TB, r register, p *partnership.Partnership) *partnership.Revision {
	t.Helper()
	rev, err := r.CreatePartnership(context.Background(), p, assess(p), officer)
	if err != nil {
		t.Fatalf("CreatePartnership(%q): %v", p.Name, err)
	}
	return rev
}

// wantCode fails the test unless err carries code.
func wantCode(t testing.TB, err error, code partnership.Code) {
	t.Helper()
	if got := partnership.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func docObject(id int64) string { return "document:" + strconv.FormatInt(id, 10) }
