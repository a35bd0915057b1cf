package store

import (
	"context"
	"database/sql"
	"time"

	"partnerdocs/partnership"
)

// The forms' sessions and the first run's one-time sign-in links. Only
// hashes are stored; times are Unix microseconds. A session starting and
// ending, and a link being made and spent, are audited; a session being
// used is not (that would be a write per page).

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *partnership.Session) error {
	if len(s.Hash) < 32 || !s.Actor.Role.Valid() {
		return errorf(partnership.EInvalid, "a session needs the SHA-256 of its id and a role")
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	_, err = t.exec(ctx, `INSERT INTO sessions (hash, actor, role, created_us, last_seen_us) VALUES (?, ?, ?, ?, ?)`,
		s.Hash, s.Actor.Name, string(s.Actor.Role), s.CreatedAt.UnixMicro(), s.LastSeenAt.UnixMicro())
	if err != nil {
		return domainError(err, "session")
	}
	if err := t.audit(ctx, entry(s.Actor, "session.start", "session")); err != nil {
		return err
	}
	return commit(t, "session")
}

// Session returns the session with that hash, or ENotFound.
func (db *DB) Session(ctx context.Context, hash []byte) (*partnership.Session, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	s := partnership.Session{Hash: hash}
	var created, seen int64
	err = t.queryRow(ctx, `SELECT actor, role, created_us, last_seen_us FROM sessions WHERE hash = ?`, hash).
		Scan(&s.Actor.Name, &s.Actor.Role, &created, &seen)
	if err != nil {
		return nil, domainError(err, "session")
	}
	s.CreatedAt, s.LastSeenAt = time.UnixMicro(created).UTC(), time.UnixMicro(seen).UTC()
	return &s, nil
}

// TouchSession records that the session was used at at.
func (db *DB) TouchSession(ctx context.Context, hash []byte, at time.Time) error {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	res, err := t.exec(ctx, `UPDATE sessions SET last_seen_us = ? WHERE hash = ?`, at.UnixMicro(), hash)
	if err != nil {
		return domainError(err, "session")
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return domainError(err, "session")
	}
	return commit(t, "session")
}

// DeleteSession ends a session (signing out); ENotFound when there is none.
func (db *DB) DeleteSession(ctx context.Context, hash []byte) error {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	var by partnership.Actor
	err = t.queryRow(ctx, `DELETE FROM sessions WHERE hash = ? RETURNING actor, role`, hash).Scan(&by.Name, &by.Role)
	if err != nil {
		return domainError(err, "session")
	}
	if err := t.audit(ctx, entry(by, "session.end", "session")); err != nil {
		return err
	}
	return commit(t, "session")
}

// DeleteExpiredSessions deletes the sessions last used before idleBefore or
// started before startedBefore, and says how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context, idleBefore, startedBefore time.Time) (int64, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer t.Rollback()
	res, err := t.exec(ctx, `DELETE FROM sessions WHERE last_seen_us < ? OR created_us < ?`,
		idleBefore.UnixMicro(), startedBefore.UnixMicro())
	if err != nil {
		return 0, domainError(err, "sessions")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, domainError(err, "sessions")
	}
	return n, commit(t, "sessions")
}

// HasLiveTokens reports whether any token is not revoked.
func (db *DB) HasLiveTokens(ctx context.Context) (bool, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return false, err
	}
	defer t.Rollback()
	var n int
	err = t.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM tokens WHERE revoked_at IS NULL LIMIT 1) AS live`).Scan(&n)
	return n > 0, domainError(err, "tokens")
}

// CreateSignInLink stores a one-time sign-in link. It replaces every link
// not yet spent, so only the one printed last works.
func (db *DB) CreateSignInLink(ctx context.Context, l *partnership.SignInLink, by partnership.Actor) error {
	if len(l.Hash) < 32 || !l.Actor.Role.Valid() {
		return errorf(partnership.EInvalid, "a sign-in link needs the SHA-256 of its secret and a role")
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	if _, err := t.exec(ctx, `DELETE FROM sign_in_links`); err != nil {
		return domainError(err, "sign-in links")
	}
	_, err = t.exec(ctx, `INSERT INTO sign_in_links (hash, actor, role, created_us, expires_us) VALUES (?, ?, ?, ?, ?)`,
		l.Hash, l.Actor.Name, string(l.Actor.Role), l.CreatedAt.UnixMicro(), l.ExpiresAt.UnixMicro())
	if err != nil {
		return domainError(err, "sign-in link")
	}
	e := entry(by, "signin_link.create", "sign-in link")
	e.Detail = "role " + string(l.Actor.Role)
	if err := t.audit(ctx, e); err != nil {
		return err
	}
	return commit(t, "sign-in link")
}

// UseSignInLink spends the link with that hash if it has not expired at
// at, and returns it; ENotFound when there is no such link or it has
// expired. A link is spent whatever happens next, so it signs in once.
func (db *DB) UseSignInLink(ctx context.Context, hash []byte, at time.Time) (*partnership.SignInLink, error) {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	l := partnership.SignInLink{Hash: hash}
	var created, expires int64
	err = t.queryRow(ctx, `DELETE FROM sign_in_links WHERE hash = ? AND expires_us > ?
		RETURNING actor, role, created_us, expires_us`, hash, at.UnixMicro()).
		Scan(&l.Actor.Name, &l.Actor.Role, &created, &expires)
	if err != nil {
		return nil, domainError(err, "sign-in link")
	}
	l.CreatedAt, l.ExpiresAt = time.UnixMicro(created).UTC(), time.UnixMicro(expires).UTC()
	if err := t.audit(ctx, entry(l.Actor, "signin_link.use", "sign-in link")); err != nil {
		return nil, err
	}
	return &l, commit(t, "sign-in link")
}
