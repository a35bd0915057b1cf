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
// alliance, as a one-shot render and every POST do; a valid body just under
// the 1 MiB limit, 200 partners with long addresses; and the health
// alliance with an unknown field at its end, which Decode refuses.
func BenchmarkDecode(b *testing.B) {
	sample, err := samples.Read("health-alliance.json")
	if err != nil {
		b.Fatal(err)
	}
	unknownAtEnd := append(bytes.TrimRight(bytes.Clone(sample), " \n}"), `, "colour": "green"}`...)
	bodies := []struct {
		name string
		body []byte
		code partnership.Code // "" when Decode must succeed
	}{
		{"health-alliance", sample, ""},
		{"200 partners with long addresses", largestPartnersBody(b), ""},
		{"health-alliance with an unknown field at the end", unknownAtEnd, partnership.EMalformed},
	}
	for _, bb := range bodies {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.body)))
			b.ReportAllocs()
			for b.Loop() {
				_, err := partnership.Decode(bytes.NewReader(bb.body))
				if (err == nil) != (bb.code == "") || (err != nil && partnership.ErrorCode(err) != bb.code) {
					b.Fatalf("Decode: %v, want code %q", err, bb.code)
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
