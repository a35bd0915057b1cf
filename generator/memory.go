package generator

import "partnerdocs/partnership"

// What a render allocates grows with the text it is given: a 25-partner
// alliance (60 KB of JSON) allocates about 7 MiB for its agreement as a
// PDF, and the largest valid body (200 partners with long addresses, 800
// KB) about 60 MiB, the most of any kind and format
// (TestMemoryNeedBoundsEveryRender). A front end that renders several
// documents at once bounds them by this figure, not by their count.
const (
	renderBaseBytes    = 8 << 20
	renderBytesPerText = 80
)

// MemoryNeed is an upper bound on what rendering a document of p
// allocates, in any kind and format; a comparison needs the sum for its two
// versions.
func MemoryNeed(p *partnership.Partnership) int64 {
	return renderBaseBytes + renderBytesPerText*int64(partnership.TextBytes(p))
}
