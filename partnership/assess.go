package partnership

import "time"

// Assess applies the Partnership Protocol's rules to a partnership: the §3
// classification, §3(a) significance, the §5(b) approval route and the
// findings. It is a pure function: asOf is the date against which review
// dates are judged, and the council profile names the approvers.
func Assess(p *Partnership, c Council, asOf time.Time) Assessment {
	// Placeholder until the rules land: everything is undetermined.
	return Assessment{Classification: ClassUndetermined, ApprovalRoute: RouteNone}
}
