// This file is not part of upstream excelize; see PATCHES.md.

package excelize

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles expr on its first call and
// returns that same expression on every call, so that a program which
// links the package but never uses the expression does not compile it at
// start-up.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
