package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// largestBodies are valid partnerships as large as a request may be (just
// under partnership.MaxBodyBytes of JSON), in three shapes: 200 partners
// with long addresses (the partners schedule), 500 risks with long
// descriptions (the widest table), and every free-text field at its
// longest.
func largestBodies(t *testing.T) map[string]*partnership.Partnership {
	t.Helper()
	word := func(n int) string { return strings.Repeat("Northampton road and ", n/21+1)[:n] }
	shapes := map[string]func(p *partnership.Partnership, n int){
		"200 partners with long addresses": func(p *partnership.Partnership, n int) {
			base := p.Partners
			for i := len(base); i < 200; i++ {
				pt := base[i%len(base)]
				pt.ID, pt.Name, pt.IsLead = fmt.Sprintf("p%d", i), fmt.Sprintf("%s %d", pt.Name, i), false
				p.Partners = append(p.Partners, pt)
			}
			for i := range p.Partners {
				p.Partners[i].Address = word(n)
			}
		},
		"500 risks with long descriptions": func(p *partnership.Partnership, n int) {
			r := p.Risks[0]
			p.Risks = p.Risks[:0]
			for i := range 500 {
				r.ID, r.Description, r.Mitigation = fmt.Sprintf("R%d", i+1), word(n), word(n/2)
				r.Likelihood, r.Impact = i%5+1, (i/5)%5+1
				p.Risks = append(p.Risks, r)
			}
		},
		"free text at its longest": func(p *partnership.Partnership, n int) {
			p.Purpose = word(min(n*40, 20_000))
			p.Objectives = nil
			for range 40 {
				p.Objectives = append(p.Objectives, word(min(n*20, 20_000)))
			}
		},
	}
	out := map[string]*partnership.Partnership{}
	for name, shape := range shapes {
		// The largest n whose body is still valid and under the limit.
		var best *partnership.Partnership
		for lo, hi := 1, 20_000; lo <= hi; {
			n := (lo + hi) / 2
			p := loadSample(t, longestSample)
			shape(p, n)
			b, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) < partnership.MaxBodyBytes && len(partnership.Validate(p)) == 0 {
				best, lo = p, n+1
			} else {
				hi = n - 1
			}
		}
		if best == nil {
			t.Fatalf("%s: no valid body", name)
		}
		if b, _ := json.Marshal(best); len(b) < partnership.MaxBodyBytes*8/10 {
			t.Fatalf("%s: the largest valid body is only %d bytes", name, len(b))
		}
		out[name] = best
	}
	return out
}

// allocated is how many bytes f allocates (runtime.MemStats.TotalAlloc,
// which bounds the heap's growth while f runs from above).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Issue 13: the largest valid body renders, in every kind and format, with
// at most 100 MiB allocated (so its peak heap is less), and MemoryNeed,
// which a front end uses to bound the renders it runs at once, is never
// less than what a render allocates, for the largest bodies and for every
// sample.
func TestMemoryNeedBoundsEveryRender(t *testing.T) {
	g := newTestGenerator(t)
	// The first PDF parses the faces, once for the process: not a cost of
	// any one render.
	if _, err := g.Render(context.Background(), Request{Kind: "policy-statement", Format: FormatPDF, Partnership: loadSample(t, longestSample), At: genTime}); err != nil {
		t.Fatal(err)
	}
	bodies := largestBodies(t)
	writeLargestBodies(t, bodies)
	for _, name := range samples.Names() {
		bodies[name] = loadSample(t, name)
	}
	var most uint64
	var mostAt string
	defer func() { t.Logf("the most allocated: %.1f MiB (%s)", float64(most)/(1<<20), mostAt) }()
	for name, p := range bodies {
		need := MemoryNeed(p)
		for _, kind := range g.Kinds() {
			for _, f := range []Format{FormatPDF, FormatHTML, FormatDOCX} {
				req := Request{Kind: kind, Format: f, Partnership: p, At: genTime}
				var err error
				got := allocated(func() { _, err = g.Render(context.Background(), req) })
				if err != nil {
					continue // a kind the arrangement is not eligible for
				}
				if got > most {
					most, mostAt = got, fmt.Sprintf("%s, %s %s", name, kind, f)
				}
				if got > 100<<20 {
					t.Errorf("%s, %s %s: allocated %.1f MiB, over 100 MiB", name, kind, f, float64(got)/(1<<20))
				}
				if int64(got) > need {
					t.Errorf("%s, %s %s: allocated %.1f MiB, more than MemoryNeed's %.1f MiB", name, kind, f, float64(got)/(1<<20), float64(need)/(1<<20))
				}
			}
		}
	}
}

// writeLargestBodies writes each of the largest bodies as JSON to the
// folder PARTNERDOCS_LARGEST_BODIES names, if it does, for the load script
// to post (README, "Benchmarks and load").
func writeLargestBodies(t *testing.T, bodies map[string]*partnership.Partnership) {
	dir := os.Getenv("PARTNERDOCS_LARGEST_BODIES")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, p := range bodies {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", file, len(b))
	}
}
