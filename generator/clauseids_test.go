package generator

import (
	"testing"

	"partnerdocs/samples"
)

// TestEveryHeadingHasAStableID: comparison (generator/compare) matches
// clauses across versions by the ids the templates give their headings, so
// every heading below the title, in every kind for every sample, has one,
// and no two in a document share it.
func TestEveryHeadingHasAStableID(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		for _, kind := range g.Kinds() {
			meta, _ := g.templates.Meta(kind)
			a := g.Assess(p, genTime)
			if eligible(kind, a) != nil {
				continue
			}
			o, err := g.outline(t.Context(), p, a, meta, genTime, true)
			if err != nil {
				t.Fatalf("%s %s: %v", name, kind, err)
			}
			seen := map[string]bool{}
			for _, b := range o.Blocks {
				if b.Level >= 2 && b.ID == "" {
					t.Errorf("%s %s: heading %q has no {#id}", name, kind, b.HeadingText())
				}
				if b.ID != "" && seen[b.ID] {
					t.Errorf("%s %s: two headings have the id %q", name, kind, b.ID)
				}
				seen[b.ID] = true
			}
		}
	}
}
