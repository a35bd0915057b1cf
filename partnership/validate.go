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
	v := &validator{at: make([]byte, 0, 64)}
	v.walk(reflect.ValueOf(p).Elem(), "")
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
	at       []byte // the JSON path of the value walk is at, made a string only for a problem
}

func (v *validator) add(path, message string) {
	v.problems = append(v.problems, Problem{Path: path, Message: message})
}

func (v *validator) addf(path, format string, args ...any) {
	v.add(path, fmt.Sprintf(format, args...))
}

// here is the JSON path walk is at.
func (v *validator) here() string { return string(v.at) }

// The rules that apply to every field of a kind, found by reflection so that
// a field added to the contract is checked too: text, enumerations, dates,
// financial years and list lengths.

func (v *validator) walk(val reflect.Value, name string) {
	switch val.Kind() {
	case reflect.Pointer:
		if !val.IsNil() {
			v.walk(val.Elem(), name)
		}
	case reflect.Struct:
		n := len(v.at)
		for _, f := range contractFields[val.Type()] {
			v.at = f.appendPath(v.at[:n])
			v.walk(val.Field(f.index), f.name)
		}
		v.at = v.at[:n]
	case reflect.Slice:
		v.list(val, name)
	case reflect.String:
		v.value(val, name)
	}
}

// list checks a list's length and its items. Only the items within the
// list's limit are checked, so that a list far too long cannot make an
// answer far too long.
func (v *validator) list(val reflect.Value, name string) {
	most, noun := listLimit(name)
	if val.Len() > most {
		v.addf(v.here(), "Must have %s or fewer (it has %s); only the first %s are checked",
			countOf(most, noun), thousands(val.Len()), thousands(most))
	}
	n := len(v.at)
	for i := range min(val.Len(), most) {
		v.at = append(strconv.AppendInt(append(v.at[:n], '['), int64(i), 10), ']')
		item := val.Index(i)
		if item.Kind() == reflect.String && strings.TrimSpace(item.String()) == "" {
			v.add(v.here(), "Is empty; enter a value or remove it from the list")
			continue
		}
		v.walk(item, name)
	}
	v.at = v.at[:n]
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

func (v *validator) value(val reflect.Value, name string) {
	s := val.String()
	switch t := val.Type(); t {
	case reflect.TypeFor[string]():
		v.text(name, s)
	case reflect.TypeFor[Date]():
		v.date(Date(s))
	case reflect.TypeFor[FinancialYear]():
		v.financialYear(FinancialYear(s))
	default:
		v.choice(name, s, t)
	}
}

func (v *validator) text(name, s string) {
	scan := scanText(s)
	if scan.invalid {
		v.add(v.here(), "Contains bytes that are not UTF-8 text")
		return
	}
	if most := v.textLimit(); scan.chars > most {
		v.addf(v.here(), "Must be %s characters or fewer (it is %s)", thousands(most), thousands(scan.chars))
	}
	if scan.controlAt > 0 {
		v.addf(v.here(), "Contains a control character (U+%04X) at character %d; remove it", scan.control, scan.controlAt)
	}
	if scan.noncharAt > 0 {
		v.addf(v.here(), "Contains the noncharacter U+%04X at character %d, which is not text and cannot be kept in a Word or Excel file; remove it", scan.nonchar, scan.noncharAt)
	}
	if isOneLineField(name) && strings.ContainsAny(s, "\r\n") {
		v.add(v.here(), "Must be on one line")
	}
	if name == "email" && s != "" && !looksLikeEmail(s) {
		v.add(v.here(), "Enter an email address in the correct format, like name@example.gov.uk")
	}
}

// textScan is what one pass over a text finds: whether it is UTF-8, its
// length in characters, and the first control character and noncharacter
// the contract refuses, each with its position counting from 1 (0: none).
type textScan struct {
	invalid              bool
	chars                int
	controlAt, noncharAt int
	control, nonchar     rune
}

func scanText(s string) textScan {
	var t textScan
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		t.chars++
		switch {
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			if t.controlAt == 0 && isControl(r) {
				t.controlAt, t.control = t.chars, r
			}
		case r < utf8.RuneSelf:
		case r == utf8.RuneError && size == 1:
			t.invalid = true
		case t.noncharAt == 0 && isNoncharacter(r):
			t.noncharAt, t.nonchar = t.chars, r
		}
	}
	return t
}

func (v *validator) textLimit() int {
	if string(v.at) == "name" {
		return maxNameChars
	}
	return maxTextChars
}

// isControl reports whether r is a control character other than tab, line
// feed and carriage return. Such characters are invisible, break the
// generated documents and are never meant.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}

// isNoncharacter reports whether r is U+FFFE or U+FFFF. The contract refuses
// these two noncharacters (DOMAIN.md, "The public data contract") because
// XML 1.0, and so Word and Excel files, cannot hold them: a value holding one
// would not survive the round trip through the CMT workbook. The other
// noncharacters (U+FDD0 to U+FDEF, U+1FFFE and so on) are legal XML
// characters and the contract does not name them, so they pass.
func isNoncharacter(r rune) bool { return r == 0xFFFE || r == 0xFFFF }

func looksLikeEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && len(s) <= 254 && isDomain(domain) &&
		!strings.ContainsAny(s, " \t\r\n<>()[],;:\"\\")
}

func isDomain(s string) bool {
	return strings.Contains(s, ".") && !strings.Contains(s, "@") && !strings.Contains(s, "..") &&
		!strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".")
}

func (v *validator) date(d Date) {
	if _, err := d.Parse(); d != "" && err != nil {
		v.addf(v.here(), "%.40q is not a real date; use YYYY-MM-DD", string(d))
	}
}

func (v *validator) financialYear(fy FinancialYear) {
	if _, err := fy.StartYear(); fy != "" && err != nil {
		v.addf(v.here(), "%.40q is not a financial year; use the form 2026/27", string(fy))
	}
}

// choice checks a value of an enumeration, of type t; "" means not given
// and is left to the rules for required fields. A named string type that is
// not an enumeration is checked as text.
func (v *validator) choice(name, s string, t reflect.Type) {
	values, ok := enumerations[t]
	switch {
	case !ok:
		v.text(name, s)
	case s != "" && !slices.Contains(values, s):
		v.add(v.here(), "Must be one of: "+strings.Join(values, ", "))
	}
}

// enumerations are the values of each of the contract's enumerations, by
// type.
var enumerations = map[reflect.Type][]string{
	reflect.TypeFor[Status]():                 texts(StatusValues),
	reflect.TypeFor[LegalInstrument]():        texts(LegalInstrumentValues),
	reflect.TypeFor[CouncilRole]():            texts(CouncilRoleValues),
	reflect.TypeFor[Override]():               texts(OverrideValues),
	reflect.TypeFor[PartnerType]():            texts(PartnerTypeValues),
	reflect.TypeFor[RepresentativeKind]():     texts(RepresentativeKindValues),
	reflect.TypeFor[RepresentativeRole]():     texts(RepresentativeRoleValues),
	reflect.TypeFor[Consent]():                texts(ConsentValues),
	reflect.TypeFor[VotingRule]():             texts(VotingRuleValues),
	reflect.TypeFor[ContributionType]():       texts(ContributionTypeValues),
	reflect.TypeFor[RiskCategory]():           texts(RiskCategoryValues),
	reflect.TypeFor[RiskPhase]():              texts(RiskPhaseValues),
	reflect.TypeFor[Polarity]():               texts(PolarityValues),
	reflect.TypeFor[RAG]():                    texts(RAGValues),
	reflect.TypeFor[ControllerRelationship](): texts(ControllerRelationshipValues),
	reflect.TypeFor[DataCategory]():           texts(DataCategoryValues),
	reflect.TypeFor[LawfulBasis]():            texts(LawfulBasisValues),
	reflect.TypeFor[RecognisedInterest]():     texts(RecognisedInterestValues),
	reflect.TypeFor[Branding]():               texts(BrandingValues),
	reflect.TypeFor[BindingClause]():          texts(BindingClauseValues),
	reflect.TypeFor[ReviewType]():             texts(ReviewTypeValues),
	reflect.TypeFor[Overall]():                texts(OverallValues),
	reflect.TypeFor[Recommendation]():         texts(RecommendationValues),
}

func texts[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// inDocumentOrder sorts problems by where their paths are in the document:
// fields in the contract's order, list items by index, and a list's own
// problems before its items'. Problems at the same path keep their order.
func inDocumentOrder(problems []Problem) []Problem {
	type placed struct {
		at      []int
		problem Problem
	}
	all := make([]placed, len(problems))
	for i, p := range problems {
		all[i] = placed{position(p.Path), p}
	}
	slices.SortStableFunc(all, func(a, b placed) int { return slices.Compare(a.at, b.at) })
	for i := range all {
		problems[i] = all[i].problem
	}
	return problems
}

// position turns a JSON path into the field and item indexes that lead to
// it: "partners[3].name" is [index of partners, 3, index of name].
func position(p string) []int {
	var at []int
	t := reflect.TypeFor[Partnership]()
	for p != "" && t != nil {
		var n int
		if p[0] == '[' {
			n, t, p = indexStep(t, p)
		} else {
			n, t, p = fieldStep(t, p)
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

func fieldStep(t reflect.Type, p string) (int, reflect.Type, string) {
	end := strings.IndexAny(p, ".[")
	if end < 0 {
		end = len(p)
	}
	if t = deref(t); t.Kind() != reflect.Struct {
		return math.MaxInt, nil, ""
	}
	i, ok := fieldIndex(t, p[:end])
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
