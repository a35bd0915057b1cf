package workflow_test

import (
	"context"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

func TestRoleFromClaim(t *testing.T) {
	council := map[partnership.Role]string{
		partnership.RoleOfficer: "PD-Officers", partnership.RoleLegal: "PD-Legal",
	}
	cases := []struct {
		name   string
		value  any
		values map[partnership.Role]string
		want   partnership.Role
		says   string // in the refusal
	}{
		{name: "own name as text", value: "officer", want: partnership.RoleOfficer},
		{name: "own name in a list", value: []any{"staff", "legal"}, want: partnership.RoleLegal},
		{name: "list of strings", value: []string{"policy"}, want: partnership.RolePolicy},
		{name: "council's value", value: []any{"All-Staff", "PD-Officers"}, values: council, want: partnership.RoleOfficer},
		{name: "default for a role the council left out", value: "admin", values: council, want: partnership.RoleAdmin},
		{name: "own name no longer grants a mapped role", value: "officer", values: council, says: "no partnerdocs role"},
		{name: "absent", value: nil, says: "no partnerdocs role"},
		{name: "empty list", value: []any{}, says: "no partnerdocs role"},
		{name: "case matters", value: "Officer", says: "no partnerdocs role"},
		{name: "two roles", value: []any{"PD-Officers", "PD-Legal"}, values: council, says: "more than one partnerdocs role (officer, legal)"},
		{name: "a number", value: 3.0, says: "does not understand"},
		{name: "a list with a number", value: []any{"officer", 3.0}, says: "does not understand"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := workflow.RoleFromClaim(tc.value, tc.values)
			if tc.says == "" {
				if err != nil || got != tc.want {
					t.Fatalf("got %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			wantCode(t, err, partnership.EForbidden)
			if got != "" || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("got %q, %v; want a refusal saying %q", got, err, tc.says)
			}
		})
	}
}

func TestVouchedActor(t *testing.T) {
	cases := []struct {
		name   string
		claims map[string]any
		want   string // the actor's name; "" for a refusal
	}{
		{"email first", map[string]any{"sub": "1", "email": "jane@council.gov.uk", "preferred_username": "jane", "groups": "officer"}, "oidc:jane@council.gov.uk"},
		{"then the username", map[string]any{"sub": "1", "preferred_username": "jane", "groups": "officer"}, "oidc:jane"},
		{"then the subject", map[string]any{"sub": "1234", "email": "  ", "groups": "officer"}, "oidc:1234"},
		{"nobody", map[string]any{"groups": "officer"}, ""},
		{"a control character", map[string]any{"sub": "jane\x1b[2J", "groups": "officer"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := workflow.VouchedActor(tc.claims, "groups", nil)
			if tc.want == "" {
				wantCode(t, err, partnership.EUnauthorized)
				return
			}
			if err != nil || got != (partnership.Actor{Name: tc.want, Role: partnership.RoleOfficer}) {
				t.Errorf("got %+v, %v; want %s, officer", got, err, tc.want)
			}
		})
	}
	_, err := workflow.VouchedActor(map[string]any{"sub": "1", "roles": "officer"}, "groups", nil)
	wantCode(t, err, partnership.EForbidden) // the role is in another claim than the one configured
}

func TestCheckRoleClaimValues(t *testing.T) {
	if err := workflow.CheckRoleClaimValues(map[partnership.Role]string{partnership.RoleOfficer: "PD-Officers"}); err != nil {
		t.Errorf("a good mapping: %v", err)
	}
	for _, bad := range []map[partnership.Role]string{
		{partnership.RoleOfficer: "Staff", partnership.RoleLegal: "Staff"},
		{partnership.RoleOfficer: "legal"}, // legal's default
		{"mayor": "Mayors"},
	} {
		if err := workflow.CheckRoleClaimValues(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestSignInAsStartsASession(t *testing.T) {
	s, _, _ := newSessions(t)
	ctx := t.Context()
	jane := partnership.Actor{Name: "oidc:jane@council.gov.uk", Role: partnership.RoleLegal}
	vouch := func(context.Context) (partnership.Actor, error) { return jane, nil }
	id1, sess, err := s.SignInAs(ctx, "192.0.2.1", vouch)
	if err != nil || sess.Actor != jane {
		t.Fatalf("SignInAs: %+v, %v", sess, err)
	}
	id2, _, err := s.SignInAs(ctx, "192.0.2.1", vouch)
	if err != nil || id1 == id2 || len(id1) < 43 {
		t.Fatalf("session ids %q and %q (%v): want two different 256-bit ids", id1, id2, err)
	}
	if got, err := s.Resume(ctx, id1); err != nil || got.Actor != jane {
		t.Errorf("Resume: %+v, %v", got, err)
	}
	_, _, err = s.SignInAs(ctx, "192.0.2.1", func(context.Context) (partnership.Actor, error) {
		return partnership.Actor{Name: "Olu Officer", Role: partnership.RoleAdmin}, nil
	})
	if err == nil {
		t.Error("SignInAs took a name without the oidc: prefix")
	}
}

func TestSignInAsCountsRefusals(t *testing.T) {
	s, _, secret := newSessions(t)
	ctx := t.Context()
	asked := 0
	refuse := func(context.Context) (partnership.Actor, error) {
		asked++
		return partnership.Actor{}, partnership.NewError(partnership.EForbidden, "no role")
	}
	for range 10 {
		_, _, err := s.SignInAs(ctx, "192.0.2.1", refuse)
		wantCode(t, err, partnership.EForbidden)
	}
	_, _, err := s.SignInAs(ctx, "192.0.2.1", refuse)
	wantCode(t, err, partnership.ETooMany)
	if asked != 10 {
		t.Errorf("the identity provider was asked %d times, want 10: not after the limit", asked)
	}
	_, _, err = s.SignIn(ctx, "pd_wrong", "192.0.2.1") // the same limit as tokens
	wantCode(t, err, partnership.ETooMany)
	if _, _, err := s.SignIn(ctx, secret, "192.0.2.1"); err != nil {
		t.Errorf("a right token from the limited address: %v", err) // never refused for others' failures
	}
}

func TestTokenNamesCannotLookVouched(t *testing.T) {
	wantCode(t, workflow.CheckTokenName("oidc:jane@council.gov.uk"), partnership.EInvalid)
}
