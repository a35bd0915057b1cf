package generator

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"

	"partnerdocs/partnership"
)

// sprigAllowed names the sprig functions templates may use. It is an
// allow-list, not a deny-list, so that a new sprig release cannot add a
// function that reads the environment, the network or the clock, generates
// keys or passwords, returns random values or loops without bound.
// Excluded on purpose, among others: env, expandenv, getHostByName, the
// gen*/derivePassword/encryptAES/decryptAES/bcrypt/htpasswd family, the
// rand*/uuidv4/shuffle family, now/date/dateInZone/ago/htmlDate/unixEpoch/
// duration (generation time is an input: .GeneratedAt), repeat, until,
// untilStep and seq.
var sprigAllowed = []string{
	// strings (none of them is meant for names: names print as entered)
	"trim", "trimAll", "trimPrefix", "trimSuffix", "trunc", "abbrev",
	"contains", "hasPrefix", "hasSuffix", "replace", "nospace",
	"upper", "lower", "cat", "quote", "squote", "indent", "nindent",
	"split", "splitList", "splitn", "join", "sortAlpha", "toString", "toStrings",
	// lists
	"list", "tuple", "first", "last", "rest", "initial", "append", "prepend",
	"concat", "reverse", "uniq", "compact", "without", "has", "slice",
	// dicts
	"dict", "get", "set", "unset", "hasKey", "keys", "values", "pick", "omit", "pluck", "dig",
	// defaults and logic
	"default", "empty", "coalesce", "ternary", "all", "any", "fail",
	// integer arithmetic and conversion
	"add", "add1", "sub", "mul", "div", "mod", "max", "min", "biggest",
	"int", "int64", "atoi", "float64",
	// types
	"kindIs", "typeIs", "deepEqual",
}

// funcMap returns the functions every template may call: the sprig
// allow-list above and our own formatting helpers, which win over any sprig
// function of the same name (sprig's plural takes its arguments in another
// order).
func funcMap() template.FuncMap {
	all := sprig.TxtFuncMap()
	fm := make(template.FuncMap, len(sprigAllowed)+16)
	for _, name := range sprigAllowed {
		if f, ok := all[name]; ok { // TestFuncMapAllowList fails if one goes missing
			fm[name] = f
		}
	}
	for name, f := range ownFuncs() {
		fm[name] = f
	}
	return fm
}

func ownFuncs() template.FuncMap {
	return template.FuncMap{
		"money":    money,
		"longdate": longdate,
		"joinand":  joinand,
		"joinor":   joinor,
		"plural":   plural,
		"enumtext": enumtext,
		"fy":       fy,
		"num":      num,
		"yesno":    yesno,
		"tbc":      tbc,
		"oneline":  oneline,
		"stop":     stop,
		"unstop":   unstop,
		"the":      the,
		"indent":   indent,
		"nindent":  nindent,
	}
}

// maxIndent bounds indent and nindent: sprig's build their padding
// first, so "indent 1500000000" asked for 1.5 GB before any limit on what
// a template writes could see it.
const maxIndent = 64

// indent is sprig's indent, bounded: every line of s after n spaces.
func indent(n int, s string) (string, error) {
	if n < 0 || n > maxIndent {
		return "", fmt.Errorf("indent: %d spaces; at most %d", n, maxIndent)
	}
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad), nil
}

// nindent is indent after a line break.
func nindent(n int, s string) (string, error) {
	out, err := indent(n, s)
	return "\n" + out, err
}

// money formats pence as pounds and pence, partnership.FormatMoney's one
// style: 1234500 -> "£12,345.00", -150 -> "-£1.50".
func money(pence any) (string, error) {
	p, err := toInt64(pence)
	if err != nil {
		return "", fmt.Errorf("money: %w", err)
	}
	return partnership.FormatMoney(p), nil
}

// longdate formats a partnership.Date, a time.Time or a *time.Time as a UK
// long date, "25 November 2026". A missing date prints a placeholder, so no
// sentence is left dangling; a malformed one is an error (validation should
// have caught it).
func longdate(v any) (string, error) {
	const missing = "[date to be confirmed]"
	var t time.Time
	switch d := v.(type) {
	case partnership.Date:
		if d.IsZero() {
			return missing, nil
		}
		var err error
		if t, err = d.Parse(); err != nil {
			return "", fmt.Errorf("longdate: %w", err)
		}
	case time.Time:
		t = d
	case *time.Time:
		if d == nil {
			return missing, nil
		}
		t = *d
	case nil:
		return missing, nil
	default:
		return "", fmt.Errorf("longdate: cannot format a %T as a date", v)
	}
	if t.IsZero() {
		return missing, nil
	}
	return partnership.FormatDate(t), nil
}

// joinand joins a list the way English does: "A", "A and B", "A, B and C".
// It takes a []string or any other slice (sprig's list makes []any).
func joinand(items any) (string, error) { return joinWith(items, "and") }

// joinor is joinand with "or".
func joinor(items any) (string, error) { return joinWith(items, "or") }

func joinWith(items any, word string) (string, error) {
	var ss []string
	switch v := items.(type) {
	case []string:
		ss = v
	case nil:
	default:
		rv := reflect.ValueOf(items)
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			return "", fmt.Errorf("join%s: %T is not a list", word, items)
		}
		ss = make([]string, rv.Len())
		for i := range ss {
			ss[i] = fmt.Sprint(rv.Index(i).Interface())
		}
	}
	switch len(ss) {
	case 0:
		return "", nil
	case 1:
		return ss[0], nil
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " " + word + " " + ss[len(ss)-1], nil
}

// plural picks the singular or the plural form for n: plural 1 "month"
// "months" is "month".
func plural(n any, singular, pluralForm string) (string, error) {
	i, err := toInt64(n)
	if err != nil {
		return "", fmt.Errorf("plural: %w", err)
	}
	if i == 1 || i == -1 {
		return singular, nil
	}
	return pluralForm, nil
}

// enumText is what every enumeration of package partnership has: its
// words.
type enumText interface{ Text() string }

// enumtext turns an enumeration value into its words, as package
// partnership writes them: "simple_majority" -> "simple majority",
// "nhs_body" -> "NHS body". A plain string (a council's own template may
// pass one) has its underscores turned into spaces.
func enumtext(v any) (string, error) {
	if e, ok := v.(enumText); ok {
		if w := e.Text(); w != "" {
			return w, nil
		}
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.String {
		return "", fmt.Errorf("enumtext: %T is not an enumeration value", v)
	}
	return strings.ReplaceAll(rv.String(), "_", " "), nil
}

// fy prints a financial year, "2026/27", refusing anything else.
func fy(v any) (string, error) {
	var y partnership.FinancialYear
	switch f := v.(type) {
	case partnership.FinancialYear:
		y = f
	case string:
		y = partnership.FinancialYear(f)
	default:
		return "", fmt.Errorf("fy: %T is not a financial year", v)
	}
	if _, err := y.StartYear(); err != nil {
		return "", fmt.Errorf("fy: %w", err)
	}
	return string(y), nil
}

// num prints a measured quantity without trailing zeros and with thousands
// separators: 1234.50 -> "1,234.5", 12 -> "12", -0.25 -> "-0.25".
func num(v any) (string, error) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case float32:
		f = float64(n)
	case *float64:
		if n == nil {
			return "[not reported]", nil
		}
		f = *n
	default:
		i, err := toInt64(v)
		if err != nil {
			return "", fmt.Errorf("num: %w", err)
		}
		f = float64(i)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", fmt.Errorf("num: %v is not a number", f)
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	out := partnership.GroupThousands(whole)
	if frac != "" {
		out += "." + frac
	}
	if f < 0 {
		out = "-" + out
	}
	return out, nil
}

// yesno prints a boolean as "yes" or "no".
func yesno(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// tbc returns v as text, or "[WHAT to be confirmed]" when v is empty or
// zero, so that a missing value never leaves a dangling sentence. It is
// written to sit at the end of a pipeline: {{.P.LegalPower | tbc "legal
// power"}}. An enumeration value prints as its words, never raw.
func tbc(what string, v any) string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.IsZero() {
		return "[" + what + " to be confirmed]"
	}
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	if e, ok := rv.Interface().(enumText); ok && e.Text() != "" {
		return e.Text()
	}
	return fmt.Sprint(rv.Interface())
}

// oneline joins the paragraphs of an escaped value with spaces, for places
// where a paragraph break would end the surrounding structure (a table cell,
// a list item or a sentence).
func oneline(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// stop ends a sentence that ends with an escaped value: it adds a full stop
// unless the value already ends with one (or with "?" or "!"), so
// "Acme Ltd." is not followed by a second stop.
func stop(s string) string {
	if strings.HasSuffix(s, `\.`) || strings.HasSuffix(s, `\?`) || strings.HasSuffix(s, `\!`) || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// unstop removes the full stop from the end of an escaped value, for a list
// item that is to end with a semicolon.
func unstop(s string) string {
	for strings.HasSuffix(s, `\.`) {
		s = strings.TrimSuffix(s, `\.`)
	}
	return s
}

// the puts "the" before a name that does not already start with it:
// "Waste Board" -> "the Waste Board", "The Waste Board" stays as it is.
func the(s string) string {
	if strings.HasPrefix(s, "The ") || strings.HasPrefix(s, "the ") {
		return s
	}
	return "the " + s
}

func toInt64(v any) (int64, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return 0, fmt.Errorf("%d is too large", u)
		}
		return int64(u), nil
	}
	return 0, fmt.Errorf("%T is not a whole number", v)
}
