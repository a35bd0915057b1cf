package workflow

import (
	"context"
	"runtime"

	"golang.org/x/sync/semaphore"

	"partnerdocs/generator"
)

// DefaultRenderMemory is how much memory the renders in flight may need
// together unless told otherwise: room for about thirty ordinary documents
// (generator.MemoryNeed: 8–13 MiB each) or three of the largest bodies (up
// to 84 MiB each), so that eight clients posting the largest body hold the
// server well under 512 MiB.
const DefaultRenderMemory = 256 << 20

// RenderLimiter bounds the renders in flight by their number (rendering is
// all CPU, so more at once than CPUs only makes each slower) and by the
// memory they will need together (generator.MemoryNeed). One limiter is
// shared by every front end of a process. It is safe for concurrent use.
type RenderLimiter struct {
	slots  chan struct{}
	memory *semaphore.Weighted
	budget int64
}

// NewRenderLimiter allows n renders at once, or GOMAXPROCS + 1 when n is
// not positive, needing at most memory bytes together, or
// DefaultRenderMemory when memory is not positive. On 2 CPUs at 8
// connections an unbounded server answered ~92/s with p99 ~245 ms, a bound
// of 2 ~84/s with p99 ~115 ms, and of 3 ~90/s with p99 ~135 ms (the extra
// slot keeps a CPU busy while another request decodes or writes).
func NewRenderLimiter(n int, memory int64) *RenderLimiter {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0) + 1
	}
	if memory <= 0 {
		memory = DefaultRenderMemory
	}
	return &RenderLimiter{slots: make(chan struct{}, n), memory: semaphore.NewWeighted(memory), budget: memory}
}

// acquire waits, as long as ctx lasts, for a slot and for need bytes of the
// budget (all of it, for a render that needs more than the whole budget: it
// runs alone). It returns what release must be given.
func (l *RenderLimiter) acquire(ctx context.Context, need int64) (int64, error) {
	need = min(need, l.budget)
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	if err := l.memory.Acquire(ctx, need); err != nil {
		<-l.slots
		return 0, err
	}
	return need, nil
}

func (l *RenderLimiter) release(held int64) {
	l.memory.Release(held)
	<-l.slots
}

// InProgress is how many documents are being rendered now.
func (l *RenderLimiter) InProgress() int { return len(l.slots) }

// Limit is how many documents may be rendered at once.
func (l *RenderLimiter) Limit() int { return cap(l.slots) }

// renderNeed is what rendering req needs.
func renderNeed(req generator.Request) int64 { return generator.MemoryNeed(req.Partnership) }

// compareNeed is what rebuilding both versions of req needs.
func compareNeed(req generator.CompareRequest) int64 {
	return generator.MemoryNeed(req.Old.Partnership) + generator.MemoryNeed(req.New.Partnership)
}
