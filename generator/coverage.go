package generator

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"partnerdocs/partnership"
)

// coverage names every field holding characters the PDF cannot show, so
// nothing is lost silently: the caller passes the warnings on.
func (g *Generator) coverage(p *partnership.Partnership) []Warning {
	var out []Warning
	walkStrings(reflect.ValueOf(p).Elem(), make(jsonPath, 0, 8), func(path jsonPath, s string) {
		if bad := g.unprintable(s); bad != "" {
			out = append(out, Warning{Path: path.String(), Message: "The PDF cannot show " + bad +
				" (it prints ? for a character its fonts lack); the HTML and Word copies show them. Check the printed text of this field."})
		}
	})
	return out
}

func (g *Generator) unprintable(s string) string {
	var bad []string
	seen := map[rune]bool{}
	for _, r := range s {
		if r < 0x80 || unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] {
			continue
		}
		if !g.pdf.Printable(r) {
			seen[r] = true
			bad = append(bad, fmt.Sprintf("%q (U+%04X)", string(r), r))
		}
	}
	return strings.Join(bad, ", ")
}

// jsonPath is a path into the partnership, kept as steps and spelt out
// ("partners[2].name") only when a warning needs it.
type jsonPath []pathStep

type pathStep struct {
	name  string
	index int // for a slice element, when name is ""
}

func (p jsonPath) String() string {
	var b strings.Builder
	for _, s := range p {
		if s.name == "" {
			fmt.Fprintf(&b, "[%d]", s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

// walkStrings calls fn for every string in v with its JSON path.
func walkStrings(v reflect.Value, path jsonPath, fn func(path jsonPath, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), append(path, pathStep{index: i}), fn)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name != "" && name != "-" {
				walkStrings(v.Field(i), append(path, pathStep{name: name}), fn)
			}
		}
	}
}
