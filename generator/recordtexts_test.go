package generator

import (
	"reflect"
	"sort"
	"strings"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// The defined-terms tests of every kind (agreement_law_test.go,
// mou_law_test.go, definedterms_test.go) take the officer's and the
// profile's own words out of a document before looking for capitalised
// terms: names print as entered, however they are capitalised.

// recordTexts are every string of the record and of the council profile,
// flattened as a document prints them, each with and without a final
// stop, longest first (so a name is taken out before a word inside it).
func recordTexts(p *partnership.Partnership, c partnership.Council) []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if s := pdftest.Flat(v.String()); len(s) > 1 {
				out = append(out, s)
				if t := strings.TrimSuffix(s, "."); t != s {
					out = append(out, t)
				}
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(p))
	walk(reflect.ValueOf(c))
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// singularTerm undoes the plural of a defined term: "Partners" is defined
// as "Partner", "Constituent Authorities" as "Constituent Authority".
// "Articles" stays: "Articles 13 and 14" cites the UK GDPR.
func singularTerm(term string) string {
	switch {
	case strings.HasSuffix(term, "ies"):
		return strings.TrimSuffix(term, "ies") + "y"
	case strings.HasSuffix(term, "s") && !strings.HasSuffix(term, "Articles"):
		return strings.TrimSuffix(term, "s")
	}
	return term
}

// removeWords takes s out of text where it stands as whole words, so that
// a short value ("red") does not cut a word ("Shared") in two.
func removeWords(text, s string) string {
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return text
		}
		j += i
		end := j + len(s)
		if (j == 0 || !wordByte(text[j-1])) && (end == len(text) || !wordByte(text[end])) {
			text = text[:j] + " " + text[end:]
		}
		i = j + 1
	}
}

func wordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
