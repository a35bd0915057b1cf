package partnership_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// BenchmarkDecode decodes the longest sample, the 25-partner health
// alliance, as a one-shot render and every POST do, and a valid body just
// under the 1 MiB limit: 200 partners with long addresses.
func BenchmarkDecode(b *testing.B) {
	sample, err := samples.Read("health-alliance.json")
	if err != nil {
		b.Fatal(err)
	}
	bodies := []struct {
		name string
		body []byte
	}{
		{"health-alliance", sample},
		{"200 partners with long addresses", largestPartnersBody(b)},
	}
	for _, bb := range bodies {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := partnership.Decode(bytes.NewReader(bb.body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// largestPartnersBody is the health alliance grown to 200 partners whose
// addresses are as long as keeps the body under partnership.MaxBodyBytes.
func largestPartnersBody(b *testing.B) []byte {
	p := decodeSample(b, "health-alliance.json")
	base := p.Partners
	for i := len(base); i < 200; i++ {
		pt := base[i%len(base)]
		pt.ID, pt.Name, pt.IsLead = fmt.Sprintf("p%d", i), fmt.Sprintf("%s %d", pt.Name, i), false
		p.Partners = append(p.Partners, pt)
	}
	withAddress := func(n int) []byte {
		for i := range p.Partners {
			p.Partners[i].Address = strings.Repeat("Northampton road and ", n/21+1)[:n]
		}
		body, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		return body
	}
	short := withAddress(1)
	body := withAddress(1 + (partnership.MaxBodyBytes-len(short))/len(p.Partners))
	if len(body) > partnership.MaxBodyBytes || len(body) < partnership.MaxBodyBytes*9/10 {
		b.Fatalf("the body is %d bytes", len(body))
	}
	return body
}
