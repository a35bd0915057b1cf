package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"partnerdocs/partnership"
)

func TestTokens(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		hash := sha256.Sum256([]byte("secret"))
		tok, err := r.CreateToken(ctx, &partnership.Token{Name: "legal-team", Role: partnership.RoleLegal, Hash: hash[:]}, admin)
		if err != nil || tok.ID == 0 || !tok.CreatedAt.Equal(start) {
			t.Fatalf("CreateToken: %+v, %v", tok, err)
		}
		got, err := r.TokenByHash(ctx, hash[:])
		if err != nil || got.Name != "legal-team" || got.Role != partnership.RoleLegal || !bytes.Equal(got.Hash, hash[:]) {
			t.Fatalf("TokenByHash: %+v, %v", got, err)
		}
		other := sha256.Sum256([]byte("other"))
		_, err = r.TokenByHash(ctx, other[:])
		wantCode(t, err, partnership.ENotFound)
		_, err = r.CreateToken(ctx, &partnership.Token{Name: "copy", Role: partnership.RoleLegal, Hash: hash[:]}, admin)
		wantCode(t, err, partnership.EConflict)
		_, err = r.CreateToken(ctx, &partnership.Token{Name: "x", Role: "root", Hash: other[:]}, admin)
		wantCode(t, err, partnership.EInvalid)
		_, err = r.CreateToken(ctx, &partnership.Token{Name: "'; DROP TABLE tokens; --", Role: partnership.RoleOfficer, Hash: other[:]}, admin)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.RevokeToken(ctx, "legal-team", admin); err != nil {
			t.Fatal(err)
		}
		_, err = r.TokenByHash(ctx, hash[:])
		wantCode(t, err, partnership.ENotFound)
		wantCode(t, r.RevokeToken(ctx, "nobody", admin), partnership.ENotFound)
		if got, err := r.TokenByHash(ctx, other[:]); err != nil || got.Name != "'; DROP TABLE tokens; --" {
			t.Errorf("hostile name: %+v, %v", got, err)
		}
	})
}
