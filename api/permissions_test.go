package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"partnerdocs/api"
	"partnerdocs/partnership"
)

// TestEveryRouteEveryRole walks every route in routes.go as every role and
// with no token, and checks the answer against the permission table:
// 401 without a token (unless the route is public), 403 for a role the
// table leaves out, and anything but 401 or 403 for a role it lets in.
func TestEveryRouteEveryRole(t *testing.T) {
	ts := newTestServer(t, nil)
	ref, docID := seedPartnershipWithDocument(t, ts)
	callers := append([]partnership.Role{""}, partnership.RoleValues...) // "" is no token
	for _, route := range api.RoutesForTest() {
		public, _, listed := api.PermissionForTest(route.Name, "")
		if !listed {
			t.Errorf("route %s has no entry in the permission table", route.Name)
			continue
		}
		for _, role := range callers {
			name := fmt.Sprintf("%s/%s", route.Name, cmpOr(string(role), "no-token"))
			t.Run(name, func(t *testing.T) {
				req := routeRequest(t, route, ref, docID)
				req.as, req.anonymous = role, role == ""
				resp, body := ts.do(t, req)
				_, allowed, _ := api.PermissionForTest(route.Name, role)
				got := resp.StatusCode
				switch {
				case role == "" && !public:
					if got != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
						t.Errorf("%s %s without a token: %d (WWW-Authenticate %q), want 401 with Bearer: %s",
							req.method, req.path, got, resp.Header.Get("WWW-Authenticate"), body)
					}
				case role == "" || allowed:
					if got == http.StatusUnauthorized || got == http.StatusForbidden || got >= 500 {
						t.Errorf("%s %s as %q: %d, want it allowed: %s", req.method, req.path, role, got, body)
					}
				default:
					if got != http.StatusForbidden {
						t.Errorf("%s %s as %s: %d, want 403: %s", req.method, req.path, role, got, body)
					}
				}
			})
		}
	}
}

// routeRequest fills a route's parameters with things that exist and gives
// it a plausible body; whether the body is accepted does not matter here.
func routeRequest(t *testing.T, route api.RouteForTest, ref string, docID int64) request {
	path := strings.NewReplacer(":ref", ref, ":n", "1", ":id", fmt.Sprint(docID), ":kind", "agreement",
		":year/", "2026-27/", ":year", "2026-27.xlsx").Replace(route.Path)
	req := request{method: route.Method, path: path}
	if route.Method == http.MethodPost || route.Method == http.MethodPut {
		req.contentType = "application/json"
		req.body = sample(t, "waste-partnership.json")
	}
	return req
}

// TestAdminMayDoEverything: the table never leaves admin out.
func TestAdminMayDoEverything(t *testing.T) {
	for _, r := range api.RoutesForTest() {
		if _, allowed, _ := api.PermissionForTest(r.Name, partnership.RoleAdmin); !allowed {
			t.Errorf("admin may not use %s", r.Name)
		}
	}
}
