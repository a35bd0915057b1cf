package web

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Money: the contract holds it in integer pence (amount_pence,
// liability_cap_pence); officers type and read it in pounds, as the
// documents print it. The conversion is done on the digits, never through
// a float, so £0.29 is 29 pence and not 28.

// isMoney reports whether the contract field named name holds pence.
func isMoney(name string) bool { return strings.HasSuffix(name, "_pence") }

// poundsPattern is an amount in pounds as typed once "£", commas and spaces
// are taken out: whole pounds, with pence after a point if any. Sixteen
// digits of pounds keep the pence inside an int64.
var poundsPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(-?)(\d{1,16})(?:\.(\d{1,2}))?$`) })

// parsePounds is a typed amount in pence; not ok when it is not an amount
// of pounds.
func parsePounds(typed string) (int64, bool) {
	s := strings.NewReplacer("£", "", ",", "", " ", "").Replace(strings.TrimSpace(typed))
	m := poundsPattern().FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	pounds, _ := strconv.ParseInt(m[2], 10, 64) // the pattern allows only digits, and few enough
	pence, _ := strconv.ParseInt((m[3] + "00")[:2], 10, 64)
	n := pounds*100 + pence
	if m[1] == "-" {
		n = -n
	}
	return n, true
}

// poundsInput is an amount in pence as a form's field shows it: "2500" or
// "2500.50", never rounded.
func poundsInput(pence int64) string {
	sign := ""
	if pence < 0 {
		sign, pence = "-", -pence
	}
	s := sign + strconv.FormatInt(pence/100, 10)
	if p := pence % 100; p != 0 {
		s += "." + pad2(strconv.FormatInt(p, 10))
	}
	return s
}

// poundsText is the money field v (pence, or a pointer to pence) as its
// input shows it: blank for none, and for 0 where 0 means none given.
func poundsText(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		return poundsInput(v.Elem().Int())
	}
	if v.Int() == 0 {
		return ""
	}
	return poundsInput(v.Int())
}

// poundsWords is an amount in pence as a page says it: "£250,000" or
// "£1,234.50".
func poundsWords(pence int64) string {
	s := poundsInput(pence)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if hasFrac {
		whole += "." + frac
	}
	return sign + "£" + whole
}
