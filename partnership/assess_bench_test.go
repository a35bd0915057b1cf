package partnership_test

import (
	"testing"

	"partnerdocs/partnership"
)

// BenchmarkAssess assesses the longest sample, the 25-partner health
// alliance. The target is 50 µs an assessment.
func BenchmarkAssess(b *testing.B) {
	p := decodeSample(b, "health-alliance.json")
	c := partnership.DefaultCouncil()
	b.ReportAllocs()
	for b.Loop() {
		partnership.Assess(p, c, assessDate)
	}
}
