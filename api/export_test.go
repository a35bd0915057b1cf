package api

import "partnerdocs/partnership"

// RouteForTest is one route of routes.go: what a test needs to call it.
type RouteForTest struct{ Method, Path, Name string }

// RoutesForTest lists every route in routes.go.
func RoutesForTest() []RouteForTest {
	var out []RouteForTest
	for _, r := range (&Server{}).routes() {
		out = append(out, RouteForTest{r.Method, r.Path, r.Name})
	}
	return out
}

// PermissionForTest reads the permission table: whether the route needs no
// token, whether role may use it, and whether the route is in the table.
func PermissionForTest(route string, role partnership.Role) (public, allowed, listed bool) {
	p, ok := permissions()[route]
	return p.public, p.allows(role), ok
}
