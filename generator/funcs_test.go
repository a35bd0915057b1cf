package generator

import (
	"math"
	"strings"
	"testing"
	"text/template"
	"time"

	"partnerdocs/partnership"
)

func TestFuncMapAllowList(t *testing.T) {
	fm := funcMap()
	forbidden := []string{
		"env", "expandenv", "getHostByName",
		"genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
		"genSignedCert", "genSignedCertWithKey", "buildCustomCert", "derivePassword",
		"encryptAES", "decryptAES", "bcrypt", "htpasswd",
		"randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "randInt", "uuidv4", "shuffle",
		"now", "date", "dateInZone", "date_in_zone", "dateModify", "date_modify", "mustDateModify",
		"ago", "htmlDate", "htmlDateInZone", "unixEpoch", "duration", "durationRound", "toDate", "mustToDate",
		"repeat", "until", "untilStep", "seq",
	}
	for _, name := range forbidden {
		if _, ok := fm[name]; ok {
			t.Errorf("funcMap offers forbidden function %q", name)
		}
	}
	for _, name := range sprigAllowed {
		if _, ok := fm[name]; !ok {
			t.Errorf("sprig no longer has allow-listed function %q", name)
		}
	}
	for name := range ownFuncs() {
		if _, ok := fm[name]; !ok {
			t.Errorf("funcMap lacks our function %q", name)
		}
	}
	// Ours wins over sprig's plural (count last) and the map is usable.
	var b strings.Builder
	tm := template.Must(template.New("t").Funcs(fm).Parse(`{{plural 2 "month" "months"}} {{default "x" ""}} {{joinand (list "A" "B")}}`))
	if err := tm.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "months x A and B"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMoney(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{int64(0), "£0.00"},
		{int64(5), "£0.05"},
		{int64(150), "£1.50"},
		{int64(-150), "-£1.50"},
		{int64(-5), "-£0.05"},
		{int64(1234500), "£12,345.00"},
		{int64(100000000), "£1,000,000.00"},
		{123456789, "£1,234,567.89"},
		{int64(math.MinInt64), "-£92,233,720,368,547,758.08"},
		{uint8(7), "£0.07"},
	}
	for _, c := range cases {
		got, err := money(c.in)
		if err != nil || got != c.want {
			t.Errorf("money(%v) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := money("12"); err == nil {
		t.Error(`money("12") succeeded`)
	}
}

func TestLongdate(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{partnership.Date("2026-11-25"), "25 November 2026"},
		{partnership.Date("2027-04-01"), "1 April 2027"},
		{partnership.Date(""), "[date to be confirmed]"},
		{time.Date(2026, 3, 9, 15, 4, 0, 0, time.UTC), "9 March 2026"},
		{time.Time{}, "[date to be confirmed]"},
		{nil, "[date to be confirmed]"},
	}
	for _, c := range cases {
		got, err := longdate(c.in)
		if err != nil || got != c.want {
			t.Errorf("longdate(%v) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []any{partnership.Date("2026-02-30"), partnership.Date("25/11/2026"), "2026-11-25"} {
		if got, err := longdate(bad); err == nil {
			t.Errorf("longdate(%#v) = %q, want an error", bad, got)
		}
	}
}

func TestJoinand(t *testing.T) {
	cases := []struct {
		in        []string
		and, oxor string
	}{
		{nil, "", ""},
		{[]string{"A"}, "A", "A"},
		{[]string{"A", "B"}, "A and B", "A or B"},
		{[]string{"A", "B", "C"}, "A, B and C", "A, B or C"},
		{[]string{"A", "B", "C", "D"}, "A, B, C and D", "A, B, C or D"},
	}
	for _, c := range cases {
		if got, err := joinand(c.in); err != nil || got != c.and {
			t.Errorf("joinand(%q) = %q, %v; want %q", c.in, got, err, c.and)
		}
		if got, err := joinor(c.in); err != nil || got != c.oxor {
			t.Errorf("joinor(%q) = %q, %v; want %q", c.in, got, err, c.oxor)
		}
	}
	if got, err := joinand([]any{"A", 2}); err != nil || got != "A and 2" {
		t.Errorf("joinand([]any) = %q, %v", got, err)
	}
	if _, err := joinand("A"); err == nil {
		t.Error(`joinand("A") succeeded`)
	}
}

func TestPlural(t *testing.T) {
	cases := []struct {
		n    any
		want string
	}{{0, "months"}, {1, "month"}, {2, "months"}, {int64(1), "month"}, {-1, "month"}}
	for _, c := range cases {
		if got, err := plural(c.n, "month", "months"); err != nil || got != c.want {
			t.Errorf("plural(%v) = %q, %v; want %q", c.n, got, err, c.want)
		}
	}
	if _, err := plural("1", "a", "b"); err == nil {
		t.Error(`plural("1") succeeded`)
	}
}

func TestEnumtext(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{partnership.VotingRuleSimpleMajority, "simple majority"},
		{partnership.PartnerTypeNhsBody, "NHS body"},
		{partnership.PartnerTypeVoluntarySector, "voluntary or community sector organisation"},
		{partnership.RiskCategoryHealthAndSafety, "health and safety"},
		{partnership.RiskCategoryInformationGovernance, "information governance"},
		{partnership.CouncilRoleFunderObserver, "funder and observer"},
		{partnership.LegalInstrumentS75Agreement, "section 75 agreement (National Health Service Act 2006)"},
		{partnership.ConsentChiefExecutive, "the Chief Executive"},
		{partnership.RAGNoData, "no data"},
		{"plain_string", "plain string"},
		{partnership.ContributionTypeCash, "cash"},
	}
	for _, c := range cases {
		if got, err := enumtext(c.in); err != nil || got != c.want {
			t.Errorf("enumtext(%v) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := enumtext(3); err == nil {
		t.Error("enumtext(3) succeeded")
	}
	// Every value of every enumeration the templates print has words.
	for _, v := range partnership.PartnerTypeValues {
		if got, _ := enumtext(v); got == "" || strings.Contains(got, "_") {
			t.Errorf("enumtext(%q) = %q", v, got)
		}
	}
}

func TestFy(t *testing.T) {
	if got, err := fy(partnership.FinancialYear("2026/27")); err != nil || got != "2026/27" {
		t.Errorf("fy(2026/27) = %q, %v", got, err)
	}
	if got, err := fy("1999/00"); err != nil || got != "1999/00" {
		t.Errorf("fy(1999/00) = %q, %v", got, err)
	}
	for _, bad := range []any{partnership.FinancialYear("2026/28"), "2026-27", 2026} {
		if got, err := fy(bad); err == nil {
			t.Errorf("fy(%#v) = %q, want an error", bad, got)
		}
	}
}

func TestNum(t *testing.T) {
	f := 12.5
	cases := []struct {
		in   any
		want string
	}{
		{0.0, "0"}, {12.0, "12"}, {1234.5, "1,234.5"}, {-0.25, "-0.25"}, {1e6, "1,000,000"},
		{42, "42"}, {&f, "12.5"}, {(*float64)(nil), "[not reported]"},
	}
	for _, c := range cases {
		if got, err := num(c.in); err != nil || got != c.want {
			t.Errorf("num(%v) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := num(math.NaN()); err == nil {
		t.Error("num(NaN) succeeded")
	}
}

func TestSmallHelpers(t *testing.T) {
	if yesno(true) != "yes" || yesno(false) != "no" {
		t.Error("yesno")
	}
	cases := []struct {
		v    any
		want string
	}{
		{"", "[legal power to be confirmed]"},
		{"s.1 Localism Act 2011", "s.1 Localism Act 2011"},
		{0, "[legal power to be confirmed]"},
		{3, "3"},
		{partnership.Date(""), "[legal power to be confirmed]"},
		{nil, "[legal power to be confirmed]"},
		{partnership.VotingRuleSimpleMajority, partnership.VotingRuleSimpleMajority.Text()},
		{partnership.LegalInstrument(""), "[legal power to be confirmed]"},
	}
	for _, c := range cases {
		if got := tbc("legal power", c.v); got != c.want {
			t.Errorf("tbc(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
	if the("Waste Board") != "the Waste Board" || the("The Waste Board") != "The Waste Board" {
		t.Error("the")
	}
	if stop("Acme Ltd") != "Acme Ltd." || stop(`Acme Ltd\.`) != `Acme Ltd\.` || stop(`Why\?`) != `Why\?` {
		t.Error("stop")
	}
	if unstop(`Run a trial\.`) != "Run a trial" || unstop("plain") != "plain" {
		t.Error("unstop")
	}
	if got := oneline("one\n\ntwo three"); got != "one two three" {
		t.Errorf("oneline = %q", got)
	}
}

// TestIndentIsBounded: indent and nindent refuse a count that would build
// a huge string before anything could stop it, and otherwise work as
// sprig's do.
func TestIndentIsBounded(t *testing.T) {
	if got, err := indent(2, "a\nb"); err != nil || got != "  a\n  b" {
		t.Errorf("indent 2: %q, %v", got, err)
	}
	if got, err := nindent(1, "a"); err != nil || got != "\n a" {
		t.Errorf("nindent 1: %q, %v", got, err)
	}
	for _, n := range []int{-1, 1_500_000_000} {
		if _, err := indent(n, "x"); err == nil {
			t.Errorf("indent %d was allowed", n)
		}
	}
}
