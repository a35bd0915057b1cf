package store

import (
	"context"
	"database/sql"
	"strings"

	"partnerdocs/partnership"
)

// CreateToken stores a token's name, role and hash (never its secret). A
// name or hash already in use is EConflict.
func (db *DB) CreateToken(ctx context.Context, tok *partnership.Token, by partnership.Actor) (*partnership.Token, error) {
	if err := checkToken(tok); err != nil {
		return nil, err
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	object := "token:" + tok.Name
	stored := &partnership.Token{Name: tok.Name, Role: tok.Role, Hash: tok.Hash, CreatedAt: t.now}
	stored.ID, err = t.insertID(ctx, `INSERT INTO tokens (name, role, hash, created_at) VALUES (?, ?, ?, ?)`,
		tok.Name, string(tok.Role), tok.Hash, t.now)
	if err != nil {
		return nil, domainError(err, object)
	}
	e := entry(by, "token.create", object)
	e.Detail = "role " + string(tok.Role)
	if err := t.audit(ctx, e); err != nil {
		return nil, err
	}
	return stored, commit(t, object)
}

// RevokeToken revokes the token called name: ENotFound when there is none,
// EConflict when it is already revoked.
func (db *DB) RevokeToken(ctx context.Context, name string, by partnership.Actor) error {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.Rollback()
	object := "token:" + name
	var revoked sql.NullTime
	err = t.queryRow(ctx, `SELECT revoked_at FROM tokens WHERE name = ?`+t.dialect.forUpdate, name).Scan(&revoked)
	if err != nil {
		return domainError(err, object)
	}
	if revoked.Valid {
		return errorf(partnership.EConflict, "token %s was revoked at %s", name, revoked.Time.UTC().Format("2006-01-02 15:04:05Z"))
	}
	if _, err := t.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE name = ?`, t.now, name); err != nil {
		return domainError(err, object)
	}
	if err := t.audit(ctx, entry(by, "token.revoke", object)); err != nil {
		return err
	}
	return commit(t, object)
}

// TokenByHash returns the live token with that hash. A revoked token is
// ENotFound, like one that never existed, so a caller cannot let it in by
// forgetting to look at RevokedAt.
func (db *DB) TokenByHash(ctx context.Context, hash []byte) (*partnership.Token, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	var tok partnership.Token
	err = t.queryRow(ctx, `SELECT id, name, role, hash, created_at FROM tokens
		WHERE hash = ? AND revoked_at IS NULL`, hash).Scan(&tok.ID, &tok.Name, &tok.Role, &tok.Hash, &tok.CreatedAt)
	if err != nil {
		return nil, domainError(err, "token")
	}
	tok.CreatedAt = tok.CreatedAt.UTC()
	return &tok, nil
}

func checkToken(tok *partnership.Token) error {
	switch {
	case tok == nil:
		return errorf(partnership.EInvalid, "no token given")
	case strings.TrimSpace(tok.Name) == "" || strings.TrimSpace(tok.Name) != tok.Name || len(tok.Name) > 100:
		return errorf(partnership.EInvalid, "%q is not a usable token name", tok.Name)
	case !tok.Role.Valid():
		return errorf(partnership.EInvalid, "%q is not a role; use officer, legal, policy or admin", tok.Role)
	case len(tok.Hash) < 32:
		return errorf(partnership.EInvalid, "a token needs the SHA-256 of its secret")
	}
	return nil
}
