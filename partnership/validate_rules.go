package partnership

import (
	"fmt"
	"strconv"
	"strings"
)

// The rules for particular fields: what is required, ranges, and how the
// parts of the record refer to each other. Each names the field it checks
// relative to the list item being checked (v.at, set by item; empty for the
// record's own fields), and the path is made only for a problem.

func (v *validator) partnership(p *Partnership) {
	v.at = v.at[:0]
	v.ref(p.Ref)
	v.required("name", p.Name, "Enter the partnership's name")
	v.required("purpose", p.Purpose, "Enter the partnership's purpose")
	v.significance(p.Significance)
	ids := v.partners(p.Partners)
	v.sponsoringOfficer(p.SponsoringOfficer)
	v.representatives(p.Representatives)
	v.governance(p.Governance)
	v.dates(p.Dates)
	v.contributions(p.Contributions, ids)
	v.risks(p.Risks)
	v.targets(p.Targets)
	v.informationSharing(p.InformationSharing, ids)
	v.communications(p.Communications, ids)
	v.mou(p.MoU)
	v.exit(p.Exit)
	v.reviews(p.Reviews)
	v.at = v.at[:0]
	v.recognisedInterests(p)
	if p.LiabilityCapPence != nil && *p.LiabilityCapPence <= 0 {
		v.add("liability_cap_pence", "Enter the cap in pence, more than 0, or leave the field out when no cap is agreed")
	}
}

// recognisedInterests checks that a recognised interest is given only
// where the basis that applies is recognised legitimate interests; one
// missing where it is needed is a finding (Assess), not a refusal, so a
// proposal can be saved while the condition is settled.
func (v *validator) recognisedInterests(p *Partnership) {
	const msg = "Give a recognised interest only with the lawful basis recognised_legitimate_interests"
	if is := p.InformationSharing; is != nil && is.RecognisedInterest != "" && is.LawfulBasis != LawfulBasisRecognisedLegitimateInterests {
		v.add("information_sharing.recognised_interest", msg)
	}
	for i, pt := range upTo(p.Partners, "partners") {
		if basis, _ := p.PartnerBasis(pt); pt.RecognisedInterest != "" && basis != LawfulBasisRecognisedLegitimateInterests {
			v.add(indexPath("partners", i)+".recognised_interest", msg+" (this partner's own or, without one, information_sharing.lawful_basis)")
		}
	}
}

// item makes the i-th item of list the one the rules name fields under,
// from the record (item) or from the item being checked (subitem).
func (v *validator) item(list string, i int) { v.at = appendItem(v.at[:0], list, i) }

func (v *validator) subitem(list string, i int) []byte {
	outer := len(v.at)
	v.at = appendItem(append(v.at, '.'), list, i)
	return v.at[:outer]
}

func appendItem(p []byte, list string, i int) []byte {
	return append(strconv.AppendInt(append(append(p, list...), '['), int64(i), 10), ']')
}

// field is the path of field under the item being checked.
func (v *validator) field(field string) string {
	switch {
	case field == "":
		return string(v.at)
	case len(v.at) == 0:
		return field
	}
	return string(v.at) + "." + field
}

func (v *validator) addAt(field, message string) { v.add(v.field(field), message) }

func (v *validator) addfAt(field, format string, args ...any) {
	v.add(v.field(field), fmt.Sprintf(format, args...))
}

func (v *validator) required(field, s, message string) {
	if strings.TrimSpace(s) == "" {
		v.addAt(field, message)
	}
}

// requiredChoice reports a required enumeration that was not given; a value
// that is not in the enumeration is reported by choice.
func requiredChoice[T ~string](v *validator, field string, value T, values []T, what string) {
	if value == "" {
		v.addfAt(field, "Choose %s: one of %s", what, strings.Join(texts(values), ", "))
	}
}

func (v *validator) inRange(field string, n, least, most int) {
	if n < least || n > most {
		v.addfAt(field, "Must be from %s to %s (it is %d)", thousands(least), thousands(most), n)
	}
}

func (v *validator) atLeastZero(field string, n int64) {
	if n < 0 {
		v.addfAt(field, "Must be 0 or more (it is %d)", n)
	}
}

func (v *validator) ref(ref string) {
	if ref != "" && !isRef(ref) {
		v.addfAt("ref", "Must be %d characters or fewer, using only letters, digits, hyphens (-) and slashes (/)", maxRefChars)
	}
}

func isRef(s string) bool {
	if len(s) > maxRefChars {
		return false
	}
	for _, r := range s {
		if r != '-' && r != '/' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// jsonPath joins the parts of a JSON path: jsonPath("partners[2]",
// "comms_contact", "email") is "partners[2].comms_contact.email".
func jsonPath(parts ...string) string {
	return strings.Join(parts, ".")
}

func (v *validator) significance(s *Significance) {
	if s != nil && s.Override != "" && strings.TrimSpace(s.Justification) == "" {
		v.addAt("significance.justification", "Give the reason for overriding the significance criteria")
	}
}

func (v *validator) partners(partners []Partner) map[string]int {
	ids := make(map[string]int, len(partners))
	lead := -1
	for i, pt := range upTo(partners, "partners") {
		v.item("partners", i)
		v.partnerID(pt.ID, i, ids)
		v.required("name", pt.Name, "Enter the partner's name")
		requiredChoice(v, "type", pt.Type, PartnerTypeValues, "the partner's type")
		lead = v.lead(i, pt.IsLead, lead)
		v.partnerContacts(pt)
	}
	v.at = v.at[:0]
	return ids
}

func (v *validator) partnerID(id string, i int, ids map[string]int) {
	if strings.EqualFold(id, CouncilID) {
		v.addfAt("id", "%q cannot be a partner's id: it means the council itself", id)
		return
	}
	v.uniqueID("partners", i, id, ids, "partner")
}

// uniqueID checks that the id of item i of a list is given and not already
// used by an earlier item, and records it in seen.
func (v *validator) uniqueID(list string, i int, id string, seen map[string]int, noun string) {
	first, used := seen[id]
	switch {
	case id == "":
		v.addfAt("id", "Enter an id for this %s", noun)
	case used:
		v.addfAt("id", "%.40q is already the id of %s; give each %s its own id", id, indexPath(list, first), noun)
	default:
		seen[id] = i
	}
}

func (v *validator) lead(i int, isLead bool, lead int) int {
	switch {
	case !isLead:
		return lead
	case lead >= 0:
		v.addfAt("is_lead", "Only one partner can be the lead, and %s already is", indexPath("partners", lead))
		return lead
	}
	return i
}

func (v *validator) partnerContacts(pt Partner) {
	if pt.Signatory != nil {
		v.required("signatory.name", pt.Signatory.Name, "Enter the name of the person who signs for this partner")
	}
	if pt.CommsContact != nil {
		v.required("comms_contact.name", pt.CommsContact.Name, "Enter the communications contact's name")
	}
	if pt.DataProtectionContact != nil {
		v.required("data_protection_contact.name", pt.DataProtectionContact.Name, "Enter the data protection contact's name")
	}
}

// partnerRef checks a reference to a partner: a partner's id or CouncilID.
func (v *validator) partnerRef(field, id string, ids map[string]int, required bool) {
	_, known := ids[id]
	switch {
	case id == "" && required:
		v.addfAt(field, "Enter a partner's id, or %q for the council", CouncilID)
	case id == "" || id == CouncilID || known:
	default:
		v.addfAt(field, "%.40q is not the id of any partner; use a partner's id, or %q for the council", id, CouncilID)
	}
}

func (v *validator) sponsoringOfficer(o *SponsoringOfficer) {
	if o != nil {
		v.required("sponsoring_officer.name", o.Name, "Enter the sponsoring officer's name")
	}
}

func (v *validator) representatives(reps []Representative) {
	for i, r := range upTo(reps, "representatives") {
		v.item("representatives", i)
		v.required("name", r.Name, "Enter the representative's name")
		requiredChoice(v, "kind", r.Kind, RepresentativeKindValues, "whether the representative is a councillor or an officer")
		requiredChoice(v, "role", r.Role, RepresentativeRoleValues, "whether the representative is a member or a substitute")
		v.consent(r)
	}
	v.at = v.at[:0]
}

// consent checks that the consent recorded is the one the protocol (§5(b))
// requires of this kind of representative.
func (v *validator) consent(r Representative) {
	switch {
	case r.Kind == RepresentativeKindOfficer && r.Consent == ConsentLeaderWithChiefExecutive:
		v.addfAt("consent", "An officer's consent comes from the Chief Executive: use %s", ConsentChiefExecutive)
	case r.Kind == RepresentativeKindCouncillor && r.Consent == ConsentChiefExecutive:
		v.addfAt("consent", "A councillor's consent comes from the Leader with the Chief Executive: use %s", ConsentLeaderWithChiefExecutive)
	}
}

func (v *validator) governance(g *Governance) {
	if g != nil {
		v.atLeastZero("governance.quorum", int64(g.Quorum))
	}
}

func (v *validator) dates(d *Dates) {
	if d == nil || d.Start == "" || d.End == "" {
		return
	}
	start, err1 := d.Start.Parse()
	end, err2 := d.End.Parse()
	if err1 == nil && err2 == nil && end.Before(start) {
		v.addfAt("dates.end", "Must not be before the start date (%s)", d.Start)
	}
}

func (v *validator) contributions(contributions []Contribution, ids map[string]int) {
	for i, c := range upTo(contributions, "contributions") {
		v.item("contributions", i)
		v.partnerRef("partner", c.Partner, ids, true)
		v.requiredYear("financial_year", c.FinancialYear)
		requiredChoice(v, "type", c.Type, ContributionTypeValues, "the type of contribution")
		v.atLeastZero("amount_pence", c.AmountPence)
	}
	v.at = v.at[:0]
}

func (v *validator) requiredYear(field string, fy FinancialYear) {
	if fy == "" {
		v.addAt(field, "Enter the financial year, like 2026/27")
	}
}

func (v *validator) risks(risks []Risk) {
	ids := make(map[string]int, len(risks))
	for i, r := range upTo(risks, "risks") {
		v.item("risks", i)
		v.uniqueID("risks", i, r.ID, ids, "risk")
		v.required("description", r.Description, "Describe the risk")
		requiredChoice(v, "category", r.Category, RiskCategoryValues, "the risk's category")
		requiredChoice(v, "phase", r.Phase, RiskPhaseValues, "when the risk arises")
		v.inRange("likelihood", r.Likelihood, 1, 5)
		v.inRange("impact", r.Impact, 1, 5)
	}
	v.at = v.at[:0]
}

func (v *validator) targets(targets []Target) {
	ids := make(map[string]int, len(targets))
	for i, t := range upTo(targets, "targets") {
		v.item("targets", i)
		v.uniqueID("targets", i, t.ID, ids, "target")
		v.required("outcome", t.Outcome, "Enter the outcome this target measures")
		v.results(t.Results)
	}
	v.at = v.at[:0]
}

// results checks the results of the target being checked: one per
// financial year.
func (v *validator) results(results []TargetResult) {
	years := make(map[FinancialYear]int, len(results))
	for i, r := range upTo(results, "results") {
		target := v.subitem("results", i)
		v.resultYear(target, i, r.FinancialYear, years)
		requiredChoice(v, "rag", r.RAG, RAGValues, "a RAG rating")
		v.at = target
	}
}

// resultYear checks result i's year; target is the path of its target.
func (v *validator) resultYear(target []byte, i int, fy FinancialYear, years map[FinancialYear]int) {
	first, used := years[fy]
	switch {
	case fy == "":
		v.requiredYear("financial_year", fy)
	case used:
		v.addfAt("financial_year", "%.40s already has a result in %s; give one result per financial year", fy, indexPath(string(target)+".results", first))
	default:
		years[fy] = i
	}
}

func (v *validator) informationSharing(is *InformationSharing, ids map[string]int) {
	if is == nil {
		return
	}
	for i, d := range upTo(is.DataItems, "data_items") {
		v.item("information_sharing.data_items", i)
		v.required("item", d.Item, "Say what information is shared")
		requiredChoice(v, "category", d.Category, DataCategoryValues, "the data protection category")
		v.partnerRef("source_partner", d.SourcePartner, ids, false)
	}
	v.at = v.at[:0]
	v.inRange("information_sharing.breach_notification_hours", is.BreachNotificationHours, 0, 8760)
}

func (v *validator) communications(c *Communications, ids map[string]int) {
	if c == nil {
		return
	}
	v.partnerRef("communications.lead_partner", c.LeadPartner, ids, false)
	v.inRange("communications.approval_turnaround_hours", c.ApprovalTurnaroundHours, 0, 720)
}

func (v *validator) mou(m *MoU) {
	if m == nil {
		return
	}
	seen := make(map[BindingClause]bool, len(m.BindingClauses))
	for i, c := range upTo(m.BindingClauses, "binding_clauses") {
		if seen[c] && c != "" {
			v.add(indexPath("mou.binding_clauses", i), "Is listed more than once")
		}
		seen[c] = true
	}
}

func (v *validator) exit(e *Exit) {
	if e != nil {
		v.inRange("exit.withdrawal_notice_months", e.WithdrawalNoticeMonths, 0, 120)
	}
}

func (v *validator) reviews(reviews []Review) {
	for i, r := range upTo(reviews, "reviews") {
		v.item("reviews", i)
		v.requiredYear("financial_year", r.FinancialYear)
		requiredChoice(v, "type", r.Type, ReviewTypeValues, "the type of review")
		requiredChoice(v, "overall", r.Overall, OverallValues, "the overall rating")
	}
	v.at = v.at[:0]
}
