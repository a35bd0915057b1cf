package workflow

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// TokenPrefix starts every token's secret, so a leaked one is easy to
// recognise (and to search for in logs and repositories).
const TokenPrefix = "pd_"

// MaxTokenName bounds a token's name, which the audit trail records.
const MaxTokenName = 100

// NewToken returns a new token secret, 256 random bits written in base64url
// after TokenPrefix, and the hash that is all the register keeps of it.
func NewToken() (secret string, hash []byte) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	secret = TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:])
	return secret, TokenHash(secret)
}

// TokenHash is the SHA-256 of a token's secret: what the register stores and
// looks tokens up by. The secret has 256 random bits, so a fast hash is
// enough; there is nothing to gain by guessing at it offline.
func TokenHash(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// Authenticate finds who holds a token's secret. An unknown or revoked
// token is EUnauthorized; nothing about the secret is logged or echoed.
func (s *Service) Authenticate(ctx context.Context, secret string) (partnership.Actor, error) {
	reg, err := s.register()
	if err != nil {
		return partnership.Actor{}, err
	}
	tok, err := reg.TokenByHash(ctx, TokenHash(secret))
	switch {
	case err == nil && tok.RevokedAt == nil:
		return partnership.Actor{Name: tok.Name, Role: tok.Role}, nil
	case err != nil && partnership.ErrorCode(err) != partnership.ENotFound:
		return partnership.Actor{}, err
	}
	return partnership.Actor{}, partnership.NewError(partnership.EUnauthorized,
		"The token is not valid, or has been revoked.")
}

// TokenStore is where tokens are kept; the Register is one. Administering
// tokens needs no generator, so these use cases take the store alone.
type TokenStore interface {
	CreateToken(ctx context.Context, t *partnership.Token, by partnership.Actor) (*partnership.Token, error)
	RevokeToken(ctx context.Context, name string, by partnership.Actor) error
}

// CreateToken makes a token for name with role and returns its secret,
// which is shown once: only its hash is stored.
func CreateToken(ctx context.Context, reg TokenStore, actor partnership.Actor, name string, role partnership.Role) (string, error) {
	if err := Authorize(actor, ActionOperate); err != nil {
		return "", err
	}
	if err := CheckTokenName(name); err != nil {
		return "", err
	}
	if !role.Valid() {
		return "", &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(1),
			Problems: []partnership.Problem{{Path: "role", Message: "Must be one of: officer, legal, policy, admin"}}}
	}
	secret, hash := NewToken()
	if _, err := reg.CreateToken(ctx, &partnership.Token{Name: name, Role: role, Hash: hash}, actor); err != nil {
		return "", err
	}
	return secret, nil
}

// RevokeToken revokes the token called name; requests with it are then
// refused.
func RevokeToken(ctx context.Context, reg TokenStore, actor partnership.Actor, name string) error {
	if err := Authorize(actor, ActionOperate); err != nil {
		return err
	}
	if err := CheckTokenName(name); err != nil {
		return err
	}
	return reg.RevokeToken(ctx, name, actor)
}

// CheckTokenName is nil for a name a token may have: not blank, at most
// MaxTokenName characters, no control characters, not starting with
// VouchedNamePrefix.
func CheckTokenName(name string) error {
	var problem string
	switch {
	case strings.TrimSpace(name) == "":
		problem = "Give the token a name"
	case utf8.RuneCountInString(name) > MaxTokenName || strings.ContainsFunc(name, isControl):
		problem = "Must be 100 characters or fewer, with no control characters"
	case strings.HasPrefix(name, VouchedNamePrefix):
		problem = "Must not start with " + VouchedNamePrefix + " (kept for people the identity provider signs in)"
	}
	if problem == "" {
		return nil
	}
	return &partnership.Error{Code: partnership.EInvalid, Message: ProblemCount(1),
		Problems: []partnership.Problem{{Path: "name", Message: problem}}}
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }
