package workflow

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"partnerdocs/partnership"
)

// SessionStore is where the forms' sessions and the first run's one-time
// sign-in links are kept, in the register so that every instance sharing
// it shares them; *store.DB is one. Only hashes are stored.
type SessionStore interface {
	CreateSession(ctx context.Context, s *partnership.Session) error
	// Session is the session with that hash, or ENotFound.
	Session(ctx context.Context, hash []byte) (*partnership.Session, error)
	TouchSession(ctx context.Context, hash []byte, at time.Time) error
	DeleteSession(ctx context.Context, hash []byte) error
	DeleteExpiredSessions(ctx context.Context, idleBefore, startedBefore time.Time) (int64, error)

	// HasLiveTokens reports whether any token is not revoked.
	HasLiveTokens(ctx context.Context) (bool, error)
	// CreateSignInLink stores a link, replacing every link not yet spent.
	CreateSignInLink(ctx context.Context, l *partnership.SignInLink, by partnership.Actor) error
	// UseSignInLink spends the unexpired link with that hash (ENotFound
	// when there is none).
	UseSignInLink(ctx context.Context, hash []byte, at time.Time) (*partnership.SignInLink, error)
}

// Session timeouts, unless SessionOptions says otherwise: a session ends
// after half an hour unused, and after twelve hours whatever happens (a
// working day, so nobody is signed out mid-afternoon).
const (
	DefaultIdleTimeout     = 30 * time.Minute
	DefaultAbsoluteTimeout = 12 * time.Hour
	// SignInLinkLifetime is how long the first run's link works.
	SignInLinkLifetime = 24 * time.Hour
	// SignInLinkPrefix starts a one-time sign-in link's secret, as
	// TokenPrefix starts a token's.
	SignInLinkPrefix = "pdonce_"
	// touchEvery is how stale a session's last use may be before it is
	// written again: a write per page would make SQLite's one writer the
	// bottleneck, and a minute is nothing against a 30-minute timeout.
	touchEvery = time.Minute
)

// firstRunActor is who the first run's sign-in link signs in as.
var firstRunActor = partnership.Actor{Name: "first-run administrator", Role: partnership.RoleAdmin}

// SessionOptions tunes Sessions; zero values take the defaults.
type SessionOptions struct {
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	// Now is the clock; tests move it. Nil means time.Now.
	Now func() time.Time
}

// Sessions signs people in to the forms and keeps their sessions: a
// session id is 256 random bits, given to the browser once at sign-in (a
// new one every time, so an id planted before sign-in is worthless) and
// stored only as its SHA-256. Failed sign-ins are limited per address like
// the API's failed authentication.
type Sessions struct {
	store    SessionStore
	flow     *Service
	failures *FailureLimiter
	idle     time.Duration
	absolute time.Duration
	now      func() time.Time
}

// NewSessions returns the sessions kept in store, signing in with the
// tokens flow authenticates.
func NewSessions(store SessionStore, flow *Service, opts SessionOptions) (*Sessions, error) {
	if store == nil || flow == nil {
		return nil, errors.New("workflow: sessions need a store and the use cases")
	}
	s := &Sessions{store: store, flow: flow, failures: NewFailureLimiter(store),
		idle: opts.IdleTimeout, absolute: opts.AbsoluteTimeout, now: opts.Now}
	if s.idle <= 0 {
		s.idle = DefaultIdleTimeout
	}
	if s.absolute <= 0 {
		s.absolute = DefaultAbsoluteTimeout
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// IdleTimeout is how long a session may go unused.
func (s *Sessions) IdleTimeout() time.Duration { return s.idle }

// SignIn starts a session for whoever holds secret (a token, or the first
// run's one-time link), asked from the client address addr, and returns the
// new session's id, which only the browser keeps. A wrong secret is
// EUnauthorized, or ETooMany from an address, or with a token prefix, that
// has failed too often lately (FailureKeys); a right one is never refused,
// whoever else has failed from the same address (behind a proxy everyone
// may share one) or with the same prefix. Looking a secret up is local and
// cheap. Nothing about the secret is logged.
func (s *Sessions) SignIn(ctx context.Context, secret, addr string) (string, *partnership.Session, error) {
	secret = strings.TrimSpace(secret)
	return s.start(ctx, FailureKeys(addr, secret), true, func(ctx context.Context, now time.Time) (partnership.Actor, error) {
		return s.holder(ctx, secret, now)
	})
}

// start is every way of signing in: it asks who is signing in, counts a
// refusal (EUnauthorized or EForbidden) under keys (FailureKeys), and
// otherwise starts a new session for them. An attempt whose keys have
// failed too often lately is refused (ETooMany): before who is asked, or,
// when askFirst, only if who refuses too.
func (s *Sessions) start(ctx context.Context, keys []string, askFirst bool,
	who func(context.Context, time.Time) (partnership.Actor, error)) (string, *partnership.Session, error) {
	now := s.now()
	if err := s.tooMany(keys, now); err != nil && !askFirst {
		return "", nil, err
	}
	actor, err := who(ctx, now)
	if code := partnership.ErrorCode(err); code == partnership.EUnauthorized || code == partnership.EForbidden {
		if limited := s.tooMany(keys, now); limited != nil {
			return "", nil, limited
		}
		// A failure of the shared count leaves this instance's own, which
		// still limits; the refusal the person sees is the same.
		_ = s.failures.Fail(ctx, now, keys...)
	}
	if err != nil {
		return "", nil, err
	}
	if _, err := s.store.DeleteExpiredSessions(ctx, now.Add(-s.idle), now.Add(-s.absolute)); err != nil {
		return "", nil, err
	}
	id, hash := newSessionID()
	sess := &partnership.Session{Hash: hash, Actor: actor, CreatedAt: now, LastSeenAt: now}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	return id, sess, nil
}

// tooMany is ETooMany when keys have failed too often lately, else nil.
func (s *Sessions) tooMany(keys []string, now time.Time) error {
	wait := s.failures.Wait(now, keys...)
	if wait <= 0 {
		return nil
	}
	return partnership.NewError(partnership.ETooMany, "There have been too many failed sign-ins from your address or with this token. Try again in "+
		strconv.Itoa(int(math.Ceil(wait.Seconds())))+" seconds.")
}

// holder is who holds secret: a token's holder, or the first run's
// administrator for an unspent link (which it spends).
func (s *Sessions) holder(ctx context.Context, secret string, now time.Time) (partnership.Actor, error) {
	if !strings.HasPrefix(secret, SignInLinkPrefix) {
		return s.flow.Authenticate(ctx, secret)
	}
	link, err := s.store.UseSignInLink(ctx, TokenHash(secret), now)
	switch {
	case err == nil:
		return link.Actor, nil
	case partnership.ErrorCode(err) == partnership.ENotFound:
		return partnership.Actor{}, partnership.NewError(partnership.EUnauthorized,
			"The sign-in link has been used already, or has expired.")
	}
	return partnership.Actor{}, err
}

// Resume is the live session with id. An unknown, idle or expired one is
// EUnauthorized (and an expired one is deleted).
func (s *Sessions) Resume(ctx context.Context, id string) (*partnership.Session, error) {
	if id == "" {
		return nil, errSignedOut
	}
	hash := TokenHash(id)
	sess, err := s.store.Session(ctx, hash)
	switch {
	case partnership.ErrorCode(err) == partnership.ENotFound:
		return nil, errSignedOut
	case err != nil:
		return nil, err
	}
	now := s.now()
	if now.Sub(sess.LastSeenAt) >= s.idle || now.Sub(sess.CreatedAt) >= s.absolute {
		if err := s.store.DeleteSession(ctx, hash); err != nil && partnership.ErrorCode(err) != partnership.ENotFound {
			return nil, err
		}
		return nil, errSignedOut
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return nil, err
		}
		sess.LastSeenAt = now
	}
	return sess, nil
}

var errSignedOut = partnership.NewError(partnership.EUnauthorized, "You are not signed in, or your session has ended.")

// SignOut ends the session with id on the server; ending one that has
// already ended is not an error.
func (s *Sessions) SignOut(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	err := s.store.DeleteSession(ctx, TokenHash(id))
	if partnership.ErrorCode(err) == partnership.ENotFound {
		return nil
	}
	return err
}

// FormToken is the token every form of the session carries, so that a
// form posted from elsewhere, which cannot read the session's cookie, is
// refused. It is derived from the session id, so nothing more is stored,
// and it reveals nothing of the id.
func FormToken(sessionID string) string {
	sum := sha256.Sum256([]byte("partnerdocs form token\x00" + sessionID))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// FormTokenMatches reports, in constant time, whether token is the form
// token of sessionID.
func FormTokenMatches(sessionID, token string) bool {
	return sessionID != "" && subtle.ConstantTimeCompare([]byte(FormToken(sessionID)), []byte(token)) == 1
}

// FirstRunLink is the first run's way in: when no token is live, it makes
// a one-time sign-in secret for an administrator, valid for
// SignInLinkLifetime, and returns it (made true); it replaces any such
// secret made before, so only the one shown last works. With a live token
// it makes nothing. Only the secret's hash is stored; it signs in once.
func (s *Sessions) FirstRunLink(ctx context.Context) (secret string, made bool, err error) {
	live, err := s.store.HasLiveTokens(ctx)
	if err != nil || live {
		return "", false, err
	}
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	secret = SignInLinkPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now()
	link := &partnership.SignInLink{Hash: TokenHash(secret), Actor: firstRunActor, CreatedAt: now, ExpiresAt: now.Add(SignInLinkLifetime)}
	if err := s.store.CreateSignInLink(ctx, link, partnership.Actor{Name: "serve", Role: partnership.RoleAdmin}); err != nil {
		return "", false, err
	}
	return secret, true, nil
}

// newSessionID returns a new session id, 256 random bits in base64url, and
// its hash.
func newSessionID() (id string, hash []byte) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	id = base64.RawURLEncoding.EncodeToString(b[:])
	return id, TokenHash(id)
}
