package samples

import (
	"fmt"

	"partnerdocs/partnership"
)

// Shape10k is base (the waste partnership sample) as partnership i of the
// 10,000-partnership register the CMT and page benchmarks and
// scripts/cmt-10k.sh measure: ref PP-%05d, 5 targets, 8 risks and 3
// representatives, no target result for any year. One definition, so the
// benchmarks and the script measure the same register.
func Shape10k(base *partnership.Partnership, i int) *partnership.Partnership {
	p := *base
	p.Ref, p.Name = fmt.Sprintf("PP-%05d", i), fmt.Sprintf("%s %d", base.Name, i)
	p.Targets = nil
	for j := range 5 {
		t := base.Targets[j%len(base.Targets)]
		t.ID, t.Results = fmt.Sprintf("T%d", j+1), nil
		p.Targets = append(p.Targets, t)
	}
	p.Risks = nil
	for j := range 8 {
		k := base.Risks[j%len(base.Risks)]
		k.ID = fmt.Sprintf("R%d", j+1)
		p.Risks = append(p.Risks, k)
	}
	p.Representatives = append([]partnership.Representative(nil), base.Representatives[:3]...)
	return &p
}
