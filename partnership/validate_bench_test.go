package partnership_test

import (
	"testing"

	"partnerdocs/partnership"
)

// BenchmarkValidate validates the longest sample, the 25-partner health
// alliance. A CMT return validates every revision it makes, 10,000 in the
// import's target of 5 s.
func BenchmarkValidate(b *testing.B) {
	p := decodeSample(b, "health-alliance.json")
	if problems := partnership.Validate(p); len(problems) > 0 {
		b.Fatalf("the sample has problems: %v", problems)
	}
	b.ReportAllocs()
	for b.Loop() {
		partnership.Validate(p)
	}
}
