package workflow_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newSessions is real sessions in a new SQLite register, on a clock the
// test moves, with a token for officer.
func newSessions(t *testing.T) (*workflow.Sessions, *testClock, string) {
	t.Helper()
	flow, reg := newService(t)
	clock := &testClock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	s, err := workflow.NewSessions(reg, flow, workflow.SessionOptions{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := workflow.CreateToken(t.Context(), reg, admin, "Olu Officer", partnership.RoleOfficer)
	if err != nil {
		t.Fatal(err)
	}
	return s, clock, secret
}

func TestSignInStartsANewSessionEachTime(t *testing.T) {
	s, _, secret := newSessions(t)
	ctx := t.Context()
	id1, sess, err := s.SignIn(ctx, secret, "192.0.2.1")
	if err != nil || sess.Actor.Role != partnership.RoleOfficer || sess.Actor.Name != "Olu Officer" {
		t.Fatalf("SignIn: %+v, %v", sess, err)
	}
	id2, _, err := s.SignIn(ctx, " "+secret+"\n", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if id1 == id2 || len(id1) < 43 {
		t.Fatalf("session ids %q and %q: want two different 256-bit ids", id1, id2)
	}
	for _, id := range []string{id1, id2} {
		if got, err := s.Resume(ctx, id); err != nil || got.Actor != sess.Actor {
			t.Errorf("Resume: %+v, %v", got, err)
		}
	}
	_, err = s.Resume(ctx, secret)
	wantCode(t, err, partnership.EUnauthorized) // a token is not a session id
}

func TestSignInRefusesAndLimitsWrongSecrets(t *testing.T) {
	s, _, secret := newSessions(t)
	ctx := t.Context()
	for i := range 10 {
		_, _, err := s.SignIn(ctx, "pd_wrong", "192.0.2.1")
		if partnership.ErrorCode(err) != partnership.EUnauthorized {
			t.Fatalf("attempt %d: %v, want unauthorized", i+1, err)
		}
	}
	_, _, err := s.SignIn(ctx, "pd_wrong", "192.0.2.1")
	wantCode(t, err, partnership.ETooMany)
	if !strings.Contains(err.Error(), "Try again in") {
		t.Errorf("too many: %q does not say when to try again", err)
	}
	// A right secret is never refused for others' failures at its address
	// (behind a proxy, everyone shares one).
	if _, _, err := s.SignIn(ctx, secret, "192.0.2.1"); err != nil {
		t.Errorf("a right secret from the limited address: %v", err)
	}
	if _, _, err := s.SignIn(ctx, "pd_other", "192.0.2.2"); partnership.ErrorCode(err) != partnership.EUnauthorized {
		t.Errorf("another wrong secret from another address: %v, want unauthorized", err)
	}
}

// TestSignInLimitsPerTokenPrefix: failures are counted per token prefix
// too, so a guesser at one token's end is limited from any number of
// addresses, and the token's holder still signs in.
func TestSignInLimitsPerTokenPrefix(t *testing.T) {
	s, _, secret := newSessions(t)
	ctx := t.Context()
	guess := func(i int) string { return secret[:len(secret)-3] + strconv.Itoa(100+i) }
	for i := range 10 {
		_, _, err := s.SignIn(ctx, guess(i), "192.0.2."+strconv.Itoa(i+1))
		if partnership.ErrorCode(err) != partnership.EUnauthorized {
			t.Fatalf("attempt %d: %v, want unauthorized", i+1, err)
		}
	}
	_, _, err := s.SignIn(ctx, guess(10), "192.0.2.99")
	wantCode(t, err, partnership.ETooMany)
	if _, _, err := s.SignIn(ctx, secret, "192.0.2.100"); err != nil {
		t.Errorf("the right secret of the guessed prefix: %v", err)
	}
	if _, _, err := s.SignIn(ctx, "pd_other", "192.0.2.101"); partnership.ErrorCode(err) != partnership.EUnauthorized {
		t.Errorf("a wrong secret of another prefix: %v, want unauthorized", err)
	}
}

func TestSessionsTimeOut(t *testing.T) {
	s, clock, secret := newSessions(t)
	ctx := t.Context()
	idle, _, err := s.SignIn(ctx, secret, "a")
	if err != nil {
		t.Fatal(err)
	}
	busy, _, _ := s.SignIn(ctx, secret, "a")
	clock.Advance(29 * time.Minute)
	if _, err := s.Resume(ctx, busy); err != nil {
		t.Fatalf("used after 29 minutes: %v", err)
	}
	clock.Advance(2 * time.Minute)
	_, err = s.Resume(ctx, idle)
	wantCode(t, err, partnership.EUnauthorized) // idle for 31 minutes
	for range 34 {                              // used every 20 minutes until 11h 51m
		clock.Advance(20 * time.Minute)
		if _, err := s.Resume(ctx, busy); err != nil {
			t.Fatalf("busy session ended early: %v", err)
		}
	}
	clock.Advance(10 * time.Minute) // 12h 1m after it started
	_, err = s.Resume(ctx, busy)
	wantCode(t, err, partnership.EUnauthorized)
}

func TestSignOutEndsTheSession(t *testing.T) {
	s, _, secret := newSessions(t)
	ctx := t.Context()
	id, _, err := s.SignIn(ctx, secret, "a")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SignOut(ctx, id); err != nil {
		t.Fatal(err)
	}
	_, err = s.Resume(ctx, id)
	wantCode(t, err, partnership.EUnauthorized)
	if err := s.SignOut(ctx, id); err != nil {
		t.Errorf("signing out twice: %v", err)
	}
}

func TestFirstRunLinkSignsInOnce(t *testing.T) {
	flow, reg := newService(t)
	s, err := workflow.NewSessions(reg, flow, workflow.SessionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	stale, made, err := s.FirstRunLink(ctx)
	if err != nil || !made {
		t.Fatalf("FirstRunLink on an empty register: %v, %v", made, err)
	}
	link, made, err := s.FirstRunLink(ctx) // a restart: a new link replaces the old
	if err != nil || !made || link == stale || !strings.HasPrefix(link, workflow.SignInLinkPrefix) {
		t.Fatalf("FirstRunLink again: %q, %v, %v", link, made, err)
	}
	_, _, err = s.SignIn(ctx, stale, "a")
	wantCode(t, err, partnership.EUnauthorized)
	_, sess, err := s.SignIn(ctx, link, "a")
	if err != nil || sess.Actor.Role != partnership.RoleAdmin {
		t.Fatalf("signing in with the link: %+v, %v", sess, err)
	}
	_, _, err = s.SignIn(ctx, link, "a")
	wantCode(t, err, partnership.EUnauthorized)

	if _, err := workflow.CreateToken(ctx, reg, admin, "someone", partnership.RoleOfficer); err != nil {
		t.Fatal(err)
	}
	if link, made, err := s.FirstRunLink(ctx); err != nil || made || link != "" {
		t.Errorf("FirstRunLink with a live token: %q, %v, %v; want nothing made", link, made, err)
	}
}

func TestFormToken(t *testing.T) {
	a, b := workflow.FormToken("session a"), workflow.FormToken("session b")
	if a == b || strings.Contains(a, "session") {
		t.Fatalf("form tokens %q and %q", a, b)
	}
	if !workflow.FormTokenMatches("session a", a) || workflow.FormTokenMatches("session a", b) ||
		workflow.FormTokenMatches("", workflow.FormToken("")) || workflow.FormTokenMatches("session a", "") {
		t.Error("FormTokenMatches")
	}
}

// wantCode fails the test unless err carries code.
func wantCode(t *testing.T, err error, code partnership.Code) {
	t.Helper()
	if got := partnership.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}
