package generator

import (
	"bytes"
	"context"
	"math/rand/v2"
	"reflect"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/samples"
)

// TestStreamParsesAsParse: for every kind of every sample, the outline of
// the Markdown parsed a section at a time while it is written, in pieces
// of any size, is the outline of the whole parsed at once; and the long
// documents are parsed in several sections, so the test tests something.
func TestStreamParsesAsParse(t *testing.T) {
	g := newTestGenerator(t)
	rng := rand.New(rand.NewPCG(1, 2))
	most := 0
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		a := g.Assess(p, genTime)
		for _, kind := range g.Kinds() {
			meta, _ := g.templates.Meta(kind)
			var md bytes.Buffer
			v := newView(p, g.council, meta, genTime, true)
			v.A = escapedAssessment(a)
			if err := g.templates.ExecuteContext(context.Background(), &md, kind, v); err != nil {
				t.Fatalf("%s %s: %v", name, kind, err)
			}
			whole, err := outline.Parse(md.Bytes())
			if err != nil {
				t.Fatalf("%s %s: %v", name, kind, err)
			}
			var buf bytes.Buffer
			st := outline.NewStream(&buf)
			for rest := md.Bytes(); len(rest) > 0; {
				n := min(len(rest), 1+rng.IntN(300))
				st.Write(rest[:n])
				rest = rest[n:]
			}
			streamed, err := st.Finish()
			if err != nil {
				t.Fatalf("%s %s streamed: %v", name, kind, err)
			}
			if !reflect.DeepEqual(streamed, whole) {
				t.Errorf("%s %s: parsed in %d sections, the outline is not the whole's", name, kind, st.Sections())
			}
			most = max(most, st.Sections())
		}
	}
	if most < 5 {
		t.Errorf("no document was parsed in more than %d sections", most)
	}
}
