package partnership

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CouncilID is the id by which a contribution, a data item or the
// communications lead refers to the council itself. No partner may use it.
const CouncilID = "council"

// The contract's limits.
const (
	maxNameChars     = 200
	maxTextChars     = 20_000
	maxRefChars      = 40
	maxPartners      = 200
	maxRisks         = 500
	maxTargets       = 500
	maxContributions = 2_000 // a partner and the council, by type, over several years
	maxResults       = 50    // one a financial year
	maxReviews       = 100   // one or two a financial year
	maxListItems     = 500
)

// Validate checks p against the contract and returns every problem found, in
// the order the fields appear in the document, each with its JSON path and a
// message a council officer can act on. It returns nil when p is valid.
//
// Validate checks the record's shape and internal consistency (required
// fields, limits, enumerations, dates, references between parts). Whether
// the partnership satisfies the Partnership Protocol is a separate question,
// answered by the protocol's findings. Call Normalize first.
func Validate(p *Partnership) []Problem {
	if p == nil {
		return []Problem{{Path: "", Message: "No partnership was given"}}
	}
	v := &validator{}
	v.walk(reflect.ValueOf(p).Elem(), "", "")
	v.partnership(p)
	return inDocumentOrder(v.problems)
}

// ValidationError returns nil when there are no problems, and otherwise an
// *Error with code EInvalid that lists them.
func ValidationError(problems []Problem) error {
	if len(problems) == 0 {
		return nil
	}
	return listed(EInvalid, "The partnership has %s", problems, len(problems))
}

type validator struct {
	problems []Problem
}

func (v *validator) add(path, message string) {
	v.problems = append(v.problems, Problem{Path: path, Message: message})
}

func (v *validator) addf(path, format string, args ...any) {
	v.add(path, fmt.Sprintf(format, args...))
}

// The rules that apply to every field of a kind, found by reflection so that
// a field added to the contract is checked too: text, enumerations, dates,
// financial years and list lengths.

func (v *validator) walk(val reflect.Value, path, name string) {
	switch val.Kind() {
	case reflect.Pointer:
		if !val.IsNil() {
			v.walk(val.Elem(), path, name)
		}
	case reflect.Struct:
		for i := range val.NumField() {
			field := jsonName(val.Type().Field(i))
			v.walk(val.Field(i), fieldPath(path, field), field)
		}
	case reflect.Slice:
		v.list(val, path, name)
	case reflect.String:
		v.value(val, path, name)
	}
}

// list checks a list's length and its items. Only the items within the
// list's limit are checked, so that a list far too long cannot make an
// answer far too long.
func (v *validator) list(val reflect.Value, path, name string) {
	most, noun := listLimit(name)
	if val.Len() > most {
		v.addf(path, "Must have %s or fewer (it has %s); only the first %s are checked",
			countOf(most, noun), thousands(val.Len()), thousands(most))
	}
	for i := range min(val.Len(), most) {
		item := val.Index(i)
		if item.Kind() == reflect.String && strings.TrimSpace(item.String()) == "" {
			v.add(indexPath(path, i), "Is empty; enter a value or remove it from the list")
			continue
		}
		v.walk(item, indexPath(path, i), name)
	}
}

func listLimit(name string) (int, string) {
	switch name {
	case "partners":
		return maxPartners, "partner"
	case "risks":
		return maxRisks, "risk"
	case "targets":
		return maxTargets, "target"
	case "contributions":
		return maxContributions, "contribution"
	case "results":
		return maxResults, "result"
	case "reviews":
		return maxReviews, "review"
	}
	return maxListItems, "item"
}

// upTo returns the items of the named list that are checked: see list.
func upTo[T any](items []T, name string) []T {
	if most, _ := listLimit(name); len(items) > most {
		return items[:most]
	}
	return items
}

func (v *validator) value(val reflect.Value, path, name string) {
	switch s := val.Interface().(type) {
	case string:
		v.text(path, name, s)
	case Date:
		v.date(path, s)
	case FinancialYear:
		v.financialYear(path, s)
	default:
		v.choice(path, name, val.String(), enumValues(s))
	}
}

func (v *validator) text(path, name, s string) {
	if !utf8.ValidString(s) {
		v.add(path, "Contains bytes that are not UTF-8 text")
		return
	}
	if n, most := utf8.RuneCountInString(s), textLimit(path); n > most {
		v.addf(path, "Must be %s characters or fewer (it is %s)", thousands(most), thousands(n))
	}
	if at, r := firstControl(s); at > 0 {
		v.addf(path, "Contains a control character (U+%04X) at character %d; remove it", r, at)
	}
	if at, r := firstNoncharacter(s); at > 0 {
		v.addf(path, "Contains the noncharacter U+%04X at character %d, which is not text and cannot be kept in a Word or Excel file; remove it", r, at)
	}
	if isOneLineField(name) && strings.ContainsAny(s, "\r\n") {
		v.add(path, "Must be on one line")
	}
	if name == "email" && s != "" && !looksLikeEmail(s) {
		v.add(path, "Enter an email address in the correct format, like name@example.gov.uk")
	}
}

func textLimit(path string) int {
	if path == "name" {
		return maxNameChars
	}
	return maxTextChars
}

// firstControl returns the position (counting characters from 1) and value
// of the first control character in s other than tab, line feed and
// carriage return, or 0 when there is none. Such characters are invisible,
// break the generated documents and are never meant.
func firstControl(s string) (int, rune) {
	at := 0
	for _, r := range s {
		at++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) {
			return at, r
		}
	}
	return 0, 0
}

// firstNoncharacter returns the position (counting characters from 1) and
// value of the first U+FFFE or U+FFFF in s, or 0 when there is none. The
// contract refuses these two noncharacters (DOMAIN.md, "The public data
// contract") because XML 1.0, and so Word and Excel files, cannot hold them:
// a value holding one would not survive the round trip through the CMT
// workbook. The other noncharacters (U+FDD0 to U+FDEF, U+1FFFE and so on)
// are legal XML characters and the contract does not name them, so they pass.
func firstNoncharacter(s string) (int, rune) {
	if !strings.Contains(s, "\uFFFE") && !strings.Contains(s, "\uFFFF") {
		return 0, 0
	}
	at := 0
	for _, r := range s {
		at++
		if r == 0xFFFE || r == 0xFFFF {
			return at, r
		}
	}
	return 0, 0
}

func looksLikeEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && len(s) <= 254 && isDomain(domain) &&
		!strings.ContainsAny(s, " \t\r\n<>()[],;:\"\\")
}

func isDomain(s string) bool {
	return strings.Contains(s, ".") && !strings.Contains(s, "@") && !strings.Contains(s, "..") &&
		!strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".")
}

func (v *validator) date(path string, d Date) {
	if _, err := d.Parse(); d != "" && err != nil {
		v.addf(path, "%.40q is not a real date; use YYYY-MM-DD", string(d))
	}
}

func (v *validator) financialYear(path string, fy FinancialYear) {
	if _, err := fy.StartYear(); fy != "" && err != nil {
		v.addf(path, "%.40q is not a financial year; use the form 2026/27", string(fy))
	}
}

// choice checks a value of an enumeration; "" means not given and is left
// to the rules for required fields. A named string type that is not an
// enumeration is checked as text.
func (v *validator) choice(path, name, s string, values []string) {
	switch {
	case values == nil:
		v.text(path, name, s)
	case s != "" && !slices.Contains(values, s):
		v.add(path, "Must be one of: "+strings.Join(values, ", "))
	}
}

// enumValues returns the values of the enumeration that v belongs to, or nil
// when v's type is not one of the contract's enumerations.
func enumValues(v any) []string {
	switch v.(type) {
	case Status:
		return texts(StatusValues)
	case LegalInstrument:
		return texts(LegalInstrumentValues)
	case CouncilRole:
		return texts(CouncilRoleValues)
	case Override:
		return texts(OverrideValues)
	case PartnerType:
		return texts(PartnerTypeValues)
	case RepresentativeKind:
		return texts(RepresentativeKindValues)
	case RepresentativeRole:
		return texts(RepresentativeRoleValues)
	case Consent:
		return texts(ConsentValues)
	case VotingRule:
		return texts(VotingRuleValues)
	case ContributionType:
		return texts(ContributionTypeValues)
	case RiskCategory:
		return texts(RiskCategoryValues)
	case RiskPhase:
		return texts(RiskPhaseValues)
	case Polarity:
		return texts(PolarityValues)
	case RAG:
		return texts(RAGValues)
	case ControllerRelationship:
		return texts(ControllerRelationshipValues)
	case DataCategory:
		return texts(DataCategoryValues)
	case LawfulBasis:
		return texts(LawfulBasisValues)
	case Branding:
		return texts(BrandingValues)
	case BindingClause:
		return texts(BindingClauseValues)
	case ReviewType:
		return texts(ReviewTypeValues)
	case Overall:
		return texts(OverallValues)
	case Recommendation:
		return texts(RecommendationValues)
	}
	return nil
}

func texts[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// The rules for particular fields: what is required, ranges, and how the
// parts of the record refer to each other.

func (v *validator) partnership(p *Partnership) {
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
}

func (v *validator) required(path, s, message string) {
	if strings.TrimSpace(s) == "" {
		v.add(path, message)
	}
}

// requiredChoice reports a required enumeration that was not given; a value
// that is not in the enumeration is reported by choice.
func requiredChoice[T ~string](v *validator, path string, value T, values []T, what string) {
	if value == "" {
		v.addf(path, "Choose %s: one of %s", what, strings.Join(texts(values), ", "))
	}
}

func (v *validator) inRange(path string, n, least, most int) {
	if n < least || n > most {
		v.addf(path, "Must be from %s to %s (it is %d)", thousands(least), thousands(most), n)
	}
}

func (v *validator) atLeastZero(at string, n int64) {
	if n < 0 {
		v.addf(at, "Must be 0 or more (it is %d)", n)
	}
}

func (v *validator) ref(ref string) {
	if ref != "" && !isRef(ref) {
		v.addf("ref", "Must be %d characters or fewer, using only letters, digits, hyphens (-) and slashes (/)", maxRefChars)
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
		v.add("significance.justification", "Give the reason for overriding the significance criteria")
	}
}

// partners checks the partners and returns where each id is first used, for
// the rules on references to partners.
func (v *validator) partners(partners []Partner) map[string]int {
	ids := make(map[string]int, len(partners))
	lead := -1
	for i, pt := range upTo(partners, "partners") {
		at := indexPath("partners", i)
		v.partnerID(jsonPath(at, "id"), pt.ID, i, ids)
		v.required(jsonPath(at, "name"), pt.Name, "Enter the partner's name")
		requiredChoice(v, jsonPath(at, "type"), pt.Type, PartnerTypeValues, "the partner's type")
		lead = v.lead(at, i, pt.IsLead, lead)
		v.partnerContacts(at, pt)
	}
	return ids
}

func (v *validator) partnerID(at, id string, i int, ids map[string]int) {
	if strings.EqualFold(id, CouncilID) {
		v.addf(at, "%q cannot be a partner's id: it means the council itself", id)
		return
	}
	v.uniqueID(at, "partners", i, id, ids, "partner")
}

// uniqueID checks that the id of item i of a list is given and not already
// used by an earlier item, and records it in seen.
func (v *validator) uniqueID(at, list string, i int, id string, seen map[string]int, noun string) {
	first, used := seen[id]
	switch {
	case id == "":
		v.addf(at, "Enter an id for this %s", noun)
	case used:
		v.addf(at, "%.40q is already the id of %s; give each %s its own id", id, indexPath(list, first), noun)
	default:
		seen[id] = i
	}
}

func (v *validator) lead(at string, i int, isLead bool, lead int) int {
	switch {
	case !isLead:
		return lead
	case lead >= 0:
		v.addf(jsonPath(at, "is_lead"), "Only one partner can be the lead, and %s already is", indexPath("partners", lead))
		return lead
	}
	return i
}

func (v *validator) partnerContacts(at string, pt Partner) {
	if pt.Signatory != nil {
		v.required(jsonPath(at, "signatory", "name"), pt.Signatory.Name, "Enter the name of the person who signs for this partner")
	}
	if pt.CommsContact != nil {
		v.required(jsonPath(at, "comms_contact", "name"), pt.CommsContact.Name, "Enter the communications contact's name")
	}
	if pt.DataProtectionContact != nil {
		v.required(jsonPath(at, "data_protection_contact", "name"), pt.DataProtectionContact.Name, "Enter the data protection contact's name")
	}
}

// partnerRef checks a reference to a partner: a partner's id or CouncilID.
func (v *validator) partnerRef(at, id string, ids map[string]int, required bool) {
	_, known := ids[id]
	switch {
	case id == "" && required:
		v.addf(at, "Enter a partner's id, or %q for the council", CouncilID)
	case id == "" || id == CouncilID || known:
	default:
		v.addf(at, "%.40q is not the id of any partner; use a partner's id, or %q for the council", id, CouncilID)
	}
}

func (v *validator) sponsoringOfficer(o *SponsoringOfficer) {
	if o != nil {
		v.required("sponsoring_officer.name", o.Name, "Enter the sponsoring officer's name")
	}
}

func (v *validator) representatives(reps []Representative) {
	for i, r := range upTo(reps, "representatives") {
		at := indexPath("representatives", i)
		v.required(jsonPath(at, "name"), r.Name, "Enter the representative's name")
		requiredChoice(v, jsonPath(at, "kind"), r.Kind, RepresentativeKindValues, "whether the representative is a councillor or an officer")
		requiredChoice(v, jsonPath(at, "role"), r.Role, RepresentativeRoleValues, "whether the representative is a member or a substitute")
		v.consent(jsonPath(at, "consent"), r)
	}
}

// consent checks that the consent recorded is the one the protocol (§5(b))
// requires of this kind of representative.
func (v *validator) consent(at string, r Representative) {
	switch {
	case r.Kind == RepresentativeKindOfficer && r.Consent == ConsentLeaderWithChiefExecutive:
		v.addf(at, "An officer's consent comes from the Chief Executive: use %s", ConsentChiefExecutive)
	case r.Kind == RepresentativeKindCouncillor && r.Consent == ConsentChiefExecutive:
		v.addf(at, "A councillor's consent comes from the Leader with the Chief Executive: use %s", ConsentLeaderWithChiefExecutive)
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
		v.addf("dates.end", "Must not be before the start date (%s)", d.Start)
	}
}

func (v *validator) contributions(contributions []Contribution, ids map[string]int) {
	for i, c := range upTo(contributions, "contributions") {
		at := indexPath("contributions", i)
		v.partnerRef(jsonPath(at, "partner"), c.Partner, ids, true)
		v.requiredYear(jsonPath(at, "financial_year"), c.FinancialYear)
		requiredChoice(v, jsonPath(at, "type"), c.Type, ContributionTypeValues, "the type of contribution")
		v.atLeastZero(jsonPath(at, "amount_pence"), c.AmountPence)
	}
}

func (v *validator) requiredYear(at string, fy FinancialYear) {
	if fy == "" {
		v.add(at, "Enter the financial year, like 2026/27")
	}
}

func (v *validator) risks(risks []Risk) {
	ids := make(map[string]int, len(risks))
	for i, r := range upTo(risks, "risks") {
		at := indexPath("risks", i)
		v.uniqueID(jsonPath(at, "id"), "risks", i, r.ID, ids, "risk")
		v.required(jsonPath(at, "description"), r.Description, "Describe the risk")
		requiredChoice(v, jsonPath(at, "category"), r.Category, RiskCategoryValues, "the risk's category")
		requiredChoice(v, jsonPath(at, "phase"), r.Phase, RiskPhaseValues, "when the risk arises")
		v.inRange(jsonPath(at, "likelihood"), r.Likelihood, 1, 5)
		v.inRange(jsonPath(at, "impact"), r.Impact, 1, 5)
	}
}

func (v *validator) targets(targets []Target) {
	ids := make(map[string]int, len(targets))
	for i, t := range upTo(targets, "targets") {
		at := indexPath("targets", i)
		v.uniqueID(jsonPath(at, "id"), "targets", i, t.ID, ids, "target")
		v.required(jsonPath(at, "outcome"), t.Outcome, "Enter the outcome this target measures")
		v.results(jsonPath(at, "results"), t.Results)
	}
}

// results checks a target's results: one per financial year.
func (v *validator) results(list string, results []TargetResult) {
	years := make(map[FinancialYear]int, len(results))
	for i, r := range upTo(results, "results") {
		at := indexPath(list, i)
		v.resultYear(jsonPath(at, "financial_year"), list, i, r.FinancialYear, years)
		requiredChoice(v, jsonPath(at, "rag"), r.RAG, RAGValues, "a RAG rating")
	}
}

func (v *validator) resultYear(at, list string, i int, fy FinancialYear, years map[FinancialYear]int) {
	first, used := years[fy]
	switch {
	case fy == "":
		v.requiredYear(at, fy)
	case used:
		v.addf(at, "%.40s already has a result in %s; give one result per financial year", fy, indexPath(list, first))
	default:
		years[fy] = i
	}
}

func (v *validator) informationSharing(is *InformationSharing, ids map[string]int) {
	if is == nil {
		return
	}
	for i, d := range upTo(is.DataItems, "data_items") {
		at := indexPath("information_sharing.data_items", i)
		v.required(jsonPath(at, "item"), d.Item, "Say what information is shared")
		requiredChoice(v, jsonPath(at, "category"), d.Category, DataCategoryValues, "the data protection category")
		v.partnerRef(jsonPath(at, "source_partner"), d.SourcePartner, ids, false)
	}
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
		at := indexPath("reviews", i)
		v.requiredYear(jsonPath(at, "financial_year"), r.FinancialYear)
		requiredChoice(v, jsonPath(at, "type"), r.Type, ReviewTypeValues, "the type of review")
		requiredChoice(v, jsonPath(at, "overall"), r.Overall, OverallValues, "the overall rating")
	}
}

// inDocumentOrder sorts problems by where their paths are in the document:
// fields in the contract's order, list items by index, and a list's own
// problems before its items'. Problems at the same path keep their order.
func inDocumentOrder(problems []Problem) []Problem {
	type placed struct {
		at      []int
		problem Problem
	}
	order := fieldOrder{}
	all := make([]placed, len(problems))
	for i, p := range problems {
		all[i] = placed{order.position(p.Path), p}
	}
	slices.SortStableFunc(all, func(a, b placed) int { return slices.Compare(a.at, b.at) })
	for i := range all {
		problems[i] = all[i].problem
	}
	return problems
}

// fieldOrder remembers the index of each field of each struct type, by JSON
// name, while one list of problems is sorted.
type fieldOrder map[reflect.Type]map[string]int

// position turns a JSON path into the field and item indexes that lead to
// it: "partners[3].name" is [index of partners, 3, index of name].
func (o fieldOrder) position(p string) []int {
	var at []int
	t := reflect.TypeFor[Partnership]()
	for p != "" && t != nil {
		var n int
		if p[0] == '[' {
			n, t, p = indexStep(t, p)
		} else {
			n, t, p = o.fieldStep(t, p)
		}
		at = append(at, n)
		p = strings.TrimPrefix(p, ".")
	}
	return at
}

func indexStep(t reflect.Type, p string) (int, reflect.Type, string) {
	end := strings.IndexByte(p, ']')
	if t = deref(t); end < 0 || t.Kind() != reflect.Slice {
		return math.MaxInt, nil, ""
	}
	n, err := strconv.Atoi(p[1:end])
	if err != nil {
		return math.MaxInt, nil, ""
	}
	return n, t.Elem(), p[end+1:]
}

func (o fieldOrder) fieldStep(t reflect.Type, p string) (int, reflect.Type, string) {
	end := strings.IndexAny(p, ".[")
	if end < 0 {
		end = len(p)
	}
	if t = deref(t); t.Kind() != reflect.Struct {
		return math.MaxInt, nil, ""
	}
	fields, ok := o[t]
	if !ok {
		fields = make(map[string]int, t.NumField())
		for i := range t.NumField() {
			fields[jsonName(t.Field(i))] = i
		}
		o[t] = fields
	}
	i, ok := fields[p[:end]]
	if !ok {
		return math.MaxInt, nil, ""
	}
	return i, t.Field(i).Type, p[end:]
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// thousands writes n with commas between groups of three digits: 20,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
