package compare_test

import (
	"context"
	"testing"

	"partnerdocs/generator"
	"partnerdocs/generator/compare"
)

// BenchmarkCompareHTML compares two versions of the longest sample's
// agreement (health-alliance, 25 partners, about 30 pages), the newer with a
// partner added and a contribution changed, and writes the redline: the
// issue's target is 10 ms. The outlines are built once, outside the loop,
// as the generator's own benchmarks time that.
func BenchmarkCompareHTML(b *testing.B) {
	g := newGenerator(b, nil)
	oldP, newP := loadSample(b, "health-alliance.json"), loadSample(b, "health-alliance.json")
	addPartner(newP)
	newP.Contributions[0].AmountPence += 100000
	ctx := context.Background()
	old, err := g.Version(ctx, "agreement", generator.VersionRequest{Partnership: oldP, At: oldTime, Label: "Version 1"})
	if err != nil {
		b.Fatal(err)
	}
	new, err := g.Version(ctx, "agreement", generator.VersionRequest{Partnership: newP, At: newTime, Label: "Version 2"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compare.RenderHTML(compare.Compare(old, new)); err != nil {
			b.Fatal(err)
		}
	}
}
