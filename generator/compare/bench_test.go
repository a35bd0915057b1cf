package compare_test

import (
	"context"
	"testing"

	"partnerdocs/generator"
	"partnerdocs/generator/compare"
	"partnerdocs/generator/docx"
	"partnerdocs/generator/fonts"
	"partnerdocs/generator/pdf"
)

// BenchmarkCompareHTML compares two versions of the longest sample's
// agreement (health-alliance, 25 partners, about 30 pages), the newer with a
// partner added and a contribution changed, and writes the redline: the
// issue's target is 10 ms. The outlines are built once, outside the loop,
// as the generator's own benchmarks time that.
func BenchmarkCompareHTML(b *testing.B) {
	old, new := benchPair(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compare.RenderHTML(compare.Compare(old, new)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareDOCX is BenchmarkCompareHTML's pair written as a Word
// document with tracked changes: the target is 20 ms.
func BenchmarkCompareDOCX(b *testing.B) {
	old, new := benchPair(b)
	r := docx.New(benchFaces(b))
	b.ReportAllocs()
	for b.Loop() {
		res := compare.Compare(old, new)
		if _, err := r.RenderRedline(compare.Redline(res), res.New.Meta); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComparePDF is the same pair written as a PDF redline: the
// issue's target is 40 ms.
func BenchmarkComparePDF(b *testing.B) {
	old, new := benchPair(b)
	r := pdf.New(benchFaces(b))
	b.ReportAllocs()
	for b.Loop() {
		res := compare.Compare(old, new)
		if _, err := r.Render(compare.RedlinePDF(res), res.New.Meta); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPair is the two versions of the health-alliance agreement, the
// newer with a partner added and a contribution changed.
func benchPair(b *testing.B) (old, new compare.Version) {
	g := newGenerator(b, nil)
	oldP, newP := loadSample(b, "health-alliance.json"), loadSample(b, "health-alliance.json")
	addPartner(newP)
	newP.Contributions[0].AmountPence += 100000
	ctx := context.Background()
	old, err := g.Version(ctx, "agreement", generator.VersionRequest{Partnership: oldP, At: oldTime, Label: "Version 1"})
	if err != nil {
		b.Fatal(err)
	}
	new, err = g.Version(ctx, "agreement", generator.VersionRequest{Partnership: newP, At: newTime, Label: "Version 2"})
	if err != nil {
		b.Fatal(err)
	}
	return old, new
}

func benchFaces(b *testing.B) *fonts.Faces {
	faces, err := fonts.Load()
	if err != nil {
		b.Fatal(err)
	}
	return faces
}
