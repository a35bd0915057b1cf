package partnership

import (
	"cmp"
	"slices"
	"time"
)

// How the rules read the Partnership Protocol (July 2009)
//
// Assess answers "what does the protocol say about this proposal?" in four
// steps, each in its own file:
//
//  1. Classification, §3 (assess_classify.go). The legal instrument and the
//     arrangement facts decide, in this order, and the first that applies wins:
//     (a) an s75_agreement is a hybrid (a statutory and contractual arrangement
//     with partnership elements), whatever else is recorded, because it is the
//     protocol's own example of one and the NHS Act 2006 governs it; (b) a
//     contract_for_services instrument, or the council procuring the service,
//     is a contract for services even when the record also claims shared
//     outcomes and delivery (a contract "dressed as a partnership"); (c) a
//     forum instrument, or an arrangement that only discusses, is a forum;
//     (d) shared agreement of outcomes and shared delivery together make a
//     partnership; (e) anything else is undetermined and the reason says
//     which fact is missing. Exclusions come before the shared facts because
//     §3 defines what is NOT a partnership by the council's role (procurer,
//     discussant, party to a statutory agreement), which shared aims do not
//     change; among exclusions the most specific and most binding wins.
//     An excluded arrangement is still assessed and recorded, never dropped.
//
//  2. Significance, §3(a) (assess_significance.go). Criterion 1 needs policy
//     and resources AND an impact on statutory services or duties; criterion
//     2 needs strategic priorities; criterion 3 needs a service, directorate
//     or corporate outcome AND significant reputational risk. One half alone
//     is borderline. The criteria only suggest: an override with a
//     justification decides. Only a partnership can be significant, so that
//     "significant" always means "goes to the decision body".
//
//  3. Approval route, §5(b) and §4(c) (assess_route.go). A significant
//     partnership goes to the council's decision body (the CMT); any other
//     partnership is delegated to the Assistant Chief Executive or a
//     Director; anything that is not (or not yet) a partnership has no route
//     under the protocol. A report to full Council, budget approval and the
//     consents for representatives who also represent another organisation
//     are worked out from the data whatever the classification, because they
//     are the council's rules on its own authority, money and people.
//
//  4. Findings (assess_findings.go): each gap the protocol implies, with a
//     stable code, a fixed severity and section (FindingRules lists them), a
//     message in the council's own role titles and the JSON path at fault.
//     A blocker stops approval; a warning needs an answer before approval;
//     info is for the record. For an excluded arrangement only the council-
//     wide rules (consents, budgets, authority) are checked: the tools of §4
//     and §5(b) are for partnerships. Findings are sorted blockers first,
//     then warnings, then info, and otherwise keep the order the checks run
//     in, which follows the protocol's sections.
//
//  5. The Annex 2 checklist and the compliance flags (ChecklistOf in
//     assess_checklist.go, ComplianceOf in compliance.go): an answer to
//     every checklist item with the facts behind it, and the six flags of
//     the CMT workbook's Register. They are not fields of the Assessment,
//     which the register stores and the API returns in the contract's shape. They use
//     the same helpers as the findings (hasSponsoringOfficer,
//     hasExitStrategy, logoUnjustified, LegalInstrument.IsBinding …), so an
//     answer and a finding about the same fact never disagree; documents
//     and the workbook print them and decide nothing.
//
// Sections are cited where the protocol's text says the thing: the sponsoring
// officer is §4(c) (Roles and accountability), while representation of a
// significant partnership and substitutes are §4(a) (Legal status), where the
// protocol happens to put them.

// Assess applies the Partnership Protocol's rules to a partnership: the §3
// classification, §3(a) significance, the §5(b) approval route, the
// findings (ChecklistOf and ComplianceOf give the Annex 2 checklist's
// answers and the compliance flags). It is a pure function: asOf is the date against which review
// dates are judged, and the council profile names the approvers. It never
// panics, whatever p holds; a nil p is assessed as an empty record.
func Assess(p *Partnership, c Council, asOf time.Time) Assessment {
	return newAssessor(p, c, asOf).assess()
}

// ChecklistOf answers every item of the Annex 2 checklist, with the facts
// behind each answer, by the same rules and on the same terms as Assess
// (which it runs up to the approval route), so its answers agree with the
// Assessment of the same partnership, council and date. It is kept out of
// the Assessment because that is stored with every register revision and
// returned by the API as the contract describes it; the checklist is
// worked out afresh whenever it is printed.
func ChecklistOf(p *Partnership, c Council, asOf time.Time) Checklist {
	a := newAssessor(p, c, asOf)
	a.decide()
	return a.checklist()
}

func newAssessor(p *Partnership, c Council, asOf time.Time) *assessor {
	if p == nil {
		p = &Partnership{}
	}
	return &assessor{p: p, c: councilWithDefaults(c), today: dateOf(asOf)}
}

// assessor carries one assessment while the rules run.
type assessor struct {
	p        *Partnership
	c        Council
	today    time.Time // asOf's calendar date, midnight UTC, comparable with Date.Parse
	out      Assessment
	findings []Finding
	// borderlineFields holds the JSON path of the missing half of each
	// entry of out.Borderline (there are at most two).
	borderlineFields [2]string
}

func (a *assessor) assess() Assessment {
	a.out = Assessment{
		CriteriaMet:    []Criterion{},
		Borderline:     []Borderline{},
		ConsentsNeeded: []ConsentNeeded{},
	}
	a.findings = make([]Finding, 0, 8)
	a.decide()
	a.check()
	slices.SortStableFunc(a.findings, func(x, y Finding) int {
		return cmp.Compare(severityRank(x.Severity), severityRank(y.Severity))
	})
	a.out.Findings = a.findings
	c := ComplianceOf(a.p)
	a.out.Compliance = &c
	ck := a.checklist()
	a.out.Checklist = ck.Items()
	return a.out
}

// decide takes the protocol's decisions that the findings and the checklist
// both rest on: classification, significance and the approval route.
func (a *assessor) decide() {
	a.classify()
	a.significance()
	a.route()
}

// add records a finding under one of the rules of FindingRules.
func (a *assessor) add(r FindingRule, field, message string) {
	a.findings = append(a.findings, Finding{
		Code: r.Code, Severity: r.Severity, Section: r.Section, Message: message, Field: field,
	})
}

func (a *assessor) isPartnership() bool { return a.out.Classification == ClassPartnership }

// excluded reports whether §3 excludes the arrangement from the protocol.
func (a *assessor) excluded() bool { return a.out.Classification.Excluded() }

// severityRank orders severities most serious first; an unknown severity
// sorts last.
func severityRank(s Severity) int {
	switch s {
	case SeverityBlocker:
		return 0
	case SeverityWarning:
		return 1
	case SeverityInfo:
		return 2
	}
	return 3
}

// HighestSeverity returns the most serious severity among the findings, or
// "" when there are none.
func (as Assessment) HighestSeverity() Severity {
	var best Severity
	for _, f := range as.Findings {
		if best == "" || severityRank(f.Severity) < severityRank(best) {
			best = f.Severity
		}
	}
	return best
}

// dateOf returns t's calendar date (in t's own location) at midnight UTC, so
// that it compares with the dates of the record.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// councilWithDefaults fills any role title or body the profile leaves empty
// from the protocol's own council, so that no message reads "the  or a ".
func councilWithDefaults(c Council) Council {
	d := DefaultCouncil()
	fill := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	fill(&c.Name, d.Name)
	fill(&c.ChiefExecutive, d.ChiefExecutive)
	fill(&c.Leader, d.Leader)
	fill(&c.AssistantChiefExecutive, d.AssistantChiefExecutive)
	fill(&c.Director, d.Director)
	fill(&c.HeadOfPolicy, d.HeadOfPolicy)
	fill(&c.HeadOfService, d.HeadOfService)
	fill(&c.LegalServices, d.LegalServices)
	fill(&c.CommunicationsTeam, d.CommunicationsTeam)
	fill(&c.DecisionBody, d.DecisionBody)
	fill(&c.FullCouncil, d.FullCouncil)
	fill(&c.SharingFramework, d.SharingFramework)
	return c
}
