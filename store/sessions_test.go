package store_test

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"partnerdocs/partnership"
)

func TestSessions(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		hash := sha256.Sum256([]byte("session id"))
		s := &partnership.Session{Hash: hash[:], Actor: officer, CreatedAt: start, LastSeenAt: start}
		if err := r.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		wantCode(t, r.CreateSession(ctx, s), partnership.EConflict)
		got, err := r.Session(ctx, hash[:])
		if err != nil || got.Actor != officer || !got.CreatedAt.Equal(start) || !got.LastSeenAt.Equal(start) {
			t.Fatalf("Session: %+v, %v", got, err)
		}
		later := start.Add(10 * time.Minute)
		if err := r.TouchSession(ctx, hash[:], later); err != nil {
			t.Fatal(err)
		}
		if got, err := r.Session(ctx, hash[:]); err != nil || !got.LastSeenAt.Equal(later) || !got.CreatedAt.Equal(start) {
			t.Fatalf("after TouchSession: %+v, %v", got, err)
		}
		other := sha256.Sum256([]byte("other"))
		_, err = r.Session(ctx, other[:])
		wantCode(t, err, partnership.ENotFound)
		wantCode(t, r.TouchSession(ctx, other[:], later), partnership.ENotFound)
		if err := r.DeleteSession(ctx, hash[:]); err != nil {
			t.Fatal(err)
		}
		_, err = r.Session(ctx, hash[:])
		wantCode(t, err, partnership.ENotFound)
		wantCode(t, r.DeleteSession(ctx, hash[:]), partnership.ENotFound)
		wantAudit(t, r, "session.start", "session.end")
	})
}

func TestDeleteExpiredSessions(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		add := func(name string, created, seen time.Time) []byte {
			h := sha256.Sum256([]byte(name))
			if err := r.CreateSession(ctx, &partnership.Session{Hash: h[:], Actor: officer, CreatedAt: created, LastSeenAt: seen}); err != nil {
				t.Fatal(err)
			}
			return h[:]
		}
		idle := add("idle", start.Add(-2*time.Hour), start.Add(-31*time.Minute))
		old := add("old", start.Add(-13*time.Hour), start.Add(-time.Minute))
		fresh := add("fresh", start.Add(-11*time.Hour), start.Add(-29*time.Minute))
		n, err := r.DeleteExpiredSessions(ctx, start.Add(-30*time.Minute), start.Add(-12*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpiredSessions: %d, %v; want the idle and the old session", n, err)
		}
		for _, c := range []struct {
			hash []byte
			live bool
		}{{idle, false}, {old, false}, {fresh, true}} {
			_, err := r.Session(ctx, c.hash)
			if (err == nil) != c.live {
				t.Errorf("session %x: live %v, want %v (%v)", c.hash[:4], err == nil, c.live, err)
			}
		}
	})
}

func TestSignInLinks(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		if live, err := r.HasLiveTokens(ctx); err != nil || live {
			t.Fatalf("HasLiveTokens on an empty register: %v, %v", live, err)
		}
		first := sha256.Sum256([]byte("first link"))
		second := sha256.Sum256([]byte("second link"))
		boss := partnership.Actor{Name: "first-run administrator", Role: partnership.RoleAdmin}
		for _, h := range [][32]byte{first, second} {
			l := &partnership.SignInLink{Hash: h[:], Actor: boss, CreatedAt: start, ExpiresAt: start.Add(time.Hour)}
			if err := r.CreateSignInLink(ctx, l, admin); err != nil {
				t.Fatal(err)
			}
		}
		_, err := r.UseSignInLink(ctx, first[:], start)
		wantCode(t, err, partnership.ENotFound) // replaced by the second
		_, err = r.UseSignInLink(ctx, second[:], start.Add(time.Hour))
		wantCode(t, err, partnership.ENotFound) // expired
		l, err := r.UseSignInLink(ctx, second[:], start.Add(time.Minute))
		if err != nil || l.Actor != boss || !l.ExpiresAt.Equal(start.Add(time.Hour)) {
			t.Fatalf("UseSignInLink: %+v, %v", l, err)
		}
		_, err = r.UseSignInLink(ctx, second[:], start.Add(time.Minute))
		wantCode(t, err, partnership.ENotFound) // spent
		wantAudit(t, r, "signin_link.create", "signin_link.create", "signin_link.use")

		tok := sha256.Sum256([]byte("token"))
		if _, err := r.CreateToken(ctx, &partnership.Token{Name: "t", Role: partnership.RoleAdmin, Hash: tok[:]}, admin); err != nil {
			t.Fatal(err)
		}
		if live, err := r.HasLiveTokens(ctx); err != nil || !live {
			t.Fatalf("HasLiveTokens with a token: %v, %v", live, err)
		}
		if err := r.RevokeToken(ctx, "t", admin); err != nil {
			t.Fatal(err)
		}
		if live, err := r.HasLiveTokens(ctx); err != nil || live {
			t.Fatalf("HasLiveTokens with only a revoked token: %v, %v", live, err)
		}
	})
}

// wantAudit fails unless the audit trail's actions, oldest first, are want.
func wantAudit(t *testing.T, r register, want ...string) {
	t.Helper()
	entries, err := r.Audit(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(entries) - 1; i >= 0; i-- {
		got = append(got, entries[i].Action)
	}
	if len(got) < len(want) {
		t.Fatalf("audit trail %v, want it to start with %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("audit trail %v, want it to start with %v", got, want)
		}
	}
}
