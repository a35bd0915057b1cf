package generator

import (
	"context"
	"testing"
)

// The longest sample is the 25-partner health alliance.
const longestSample = "health-alliance.json"

// BenchmarkRenderAgreementPDF is the target: at most 25 ms and
// 16 MiB allocated per document on the longest sample.
func BenchmarkRenderAgreementPDF(b *testing.B) {
	benchmarkRender(b, "agreement", FormatPDF)
}

func BenchmarkRenderAgreementHTML(b *testing.B) {
	benchmarkRender(b, "agreement", FormatHTML)
}

// BenchmarkRender covers every kind the generator knows.
func BenchmarkRender(b *testing.B) {
	g := newTestGenerator(b)
	for _, kind := range g.Kinds() {
		b.Run(kind, func(b *testing.B) { benchmarkRenderWith(b, g, kind, FormatPDF) })
	}
}

func benchmarkRender(b *testing.B, kind string, f Format) {
	benchmarkRenderWith(b, newTestGenerator(b), kind, f)
}

func benchmarkRenderWith(b *testing.B, g *Generator, kind string, f Format) {
	p := loadSample(b, longestSample)
	req := Request{Kind: kind, Format: f, Partnership: p, At: genTime}
	// The first render of a kind also parses its templates (and the first
	// PDF the faces): once per process, not per document.
	if _, err := g.Render(context.Background(), req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Render(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderDocx is the Word copy of the longest agreement.
func BenchmarkRenderDocx(b *testing.B) {
	benchmarkRender(b, "agreement", FormatDOCX)
}

// BenchmarkNew is what every process that renders pays before its first
// document: loading the embedded templates and the fonts.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseAgreementTemplates is what the first agreement of a
// process pays to parse the agreement's templates (LoadLazy leaves them
// until then), with the same functions as every render.
func BenchmarkParseAgreementTemplates(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		set, err := loadTemplates(nil)
		if err != nil {
			b.Fatal(err)
		}
		set.Prepare("agreement")
	}
}
