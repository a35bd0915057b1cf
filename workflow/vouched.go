package workflow

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// VouchedNamePrefix starts the name of everyone an identity provider
// signed in ("oidc:jane@council.gov.uk"), so that the audit trail never
// confuses them with a token's holder; no token may be named so.
const VouchedNamePrefix = "oidc:"

// Vouch asks an identity provider who is signing in: it checks the
// provider's answer and returns the person, or EUnauthorized when the
// answer does not hold, or EForbidden when the person has no role here.
type Vouch func(ctx context.Context) (partnership.Actor, error)

// SignInAs starts a session, as SignIn does, for the person vouch names,
// asked from the client address addr. vouch is only asked when the address
// has not failed too often lately (ETooMany otherwise), so a guesser cannot
// make the identity provider work for it; a refusal counts as a failed
// sign-in like a wrong token.
func (s *Sessions) SignInAs(ctx context.Context, addr string, vouch Vouch) (string, *partnership.Session, error) {
	return s.start(ctx, FailureKeys(addr, ""), false, func(ctx context.Context, _ time.Time) (partnership.Actor, error) {
		actor, err := vouch(ctx)
		if err == nil && (!actor.Role.Valid() || !strings.HasPrefix(actor.Name, VouchedNamePrefix)) {
			return partnership.Actor{}, fmt.Errorf("workflow: vouched for %q with role %q, not a person named by VouchedActor", actor.Name, actor.Role)
		}
		return actor, err
	})
}

// VouchedActor is the person an identity provider's claims describe. The
// name is the email claim, else preferred_username, else sub, after
// VouchedNamePrefix; the role is the roleClaim, matched by RoleFromClaim.
// Claims with no usable name are EUnauthorized.
func VouchedActor(claims map[string]any, roleClaim string, values map[partnership.Role]string) (partnership.Actor, error) {
	name := ""
	for _, claim := range []string{"email", "preferred_username", "sub"} {
		if v, ok := claims[claim].(string); ok && strings.TrimSpace(v) != "" {
			name = VouchedNamePrefix + strings.TrimSpace(v)
			break
		}
	}
	if name == "" || utf8.RuneCountInString(name) > MaxTokenName || strings.ContainsFunc(name, isControl) {
		return partnership.Actor{}, partnership.NewError(partnership.EUnauthorized,
			"The identity provider did not say who you are. Try again, or ask your administrator.")
	}
	role, err := RoleFromClaim(claims[roleClaim], values)
	if err != nil {
		return partnership.Actor{}, err
	}
	return partnership.Actor{Name: name, Role: role}, nil
}

// RoleFromClaim is the one role a claim's value grants: the value is a
// text or a list of texts (as JSON decodes them), and each role is granted
// by the text values gives it, or by its own name ("officer") when values
// has none for it. No role, more than one, or a value of another kind is
// EForbidden, saying which.
func RoleFromClaim(value any, values map[partnership.Role]string) (partnership.Role, error) {
	held, ok := claimTexts(value)
	if !ok {
		return "", partnership.NewError(partnership.EForbidden,
			"The identity provider sent your roles in a form partnerdocs does not understand. Ask your administrator to check its set-up.")
	}
	var roles []partnership.Role
	for _, role := range partnership.RoleValues {
		if _, ok := held[RoleClaimValue(values, role)]; ok {
			roles = append(roles, role)
		}
	}
	switch len(roles) {
	case 0:
		return "", partnership.NewError(partnership.EForbidden,
			"Your account has no partnerdocs role. Ask your administrator to give you one (officer, legal, policy or admin) at the identity provider.")
	case 1:
		return roles[0], nil
	}
	return "", partnership.NewError(partnership.EForbidden, fmt.Sprintf(
		"Your account has more than one partnerdocs role (%s), and partnerdocs needs exactly one. Ask your administrator to keep only one.", roleList(roles)))
}

// RoleClaimValue is the claim value that grants role: the one values
// gives it, or else the role's own name.
func RoleClaimValue(values map[partnership.Role]string, role partnership.Role) string {
	if v := values[role]; v != "" {
		return v
	}
	return string(role)
}

// CheckRoleClaimValues is nil when values names only roles and grants no
// two roles with the same value (which would refuse everyone holding it).
func CheckRoleClaimValues(values map[partnership.Role]string) error {
	seen := map[string]partnership.Role{}
	for _, role := range partnership.RoleValues {
		v := RoleClaimValue(values, role)
		if other, ok := seen[v]; ok {
			return fmt.Errorf("roles %s and %s are both granted by %q", other, role, v)
		}
		seen[v] = role
	}
	for role := range values {
		if !role.Valid() {
			return fmt.Errorf("%q is not a role (officer, legal, policy or admin)", role)
		}
	}
	return nil
}

// claimTexts is the set of texts a claim holds: none when it is absent.
func claimTexts(value any) (map[string]struct{}, bool) {
	set := map[string]struct{}{}
	switch v := value.(type) {
	case nil:
	case string:
		set[v] = struct{}{}
	case []string:
		for _, s := range v {
			set[s] = struct{}{}
		}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			set[s] = struct{}{}
		}
	default:
		return nil, false
	}
	return set, true
}

func roleList(roles []partnership.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}
