package partnership

import (
	"reflect"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Normalize puts every piece of text in p, at any depth, into Unicode
// Normalization Form C, so that a Romanian "ș" typed as "s" plus a combining
// comma and one typed as a single character compare, sort, search and print
// the same. It also trims the spaces around one-line values (names, ids,
// email addresses, codes, enumerations, dates); longer text keeps its layout
// exactly as written.
//
// Decode calls it; any other way in (a form, an import) must call it too,
// before Validate. It works by reflection so that a field added to the
// contract is normalised without anyone remembering to.
func Normalize(p *Partnership) {
	if p == nil {
		return
	}
	normalizeValue(reflect.ValueOf(p).Elem(), false)
}

func normalizeValue(v reflect.Value, oneLine bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalizeValue(v.Elem(), oneLine)
		}
	case reflect.Struct:
		for _, f := range contractFields[v.Type()] {
			normalizeValue(v.Field(f.index), isOneLineField(f.name))
		}
	case reflect.Slice:
		for i := range v.Len() {
			normalizeValue(v.Index(i), oneLine)
		}
	case reflect.String:
		normalizeString(v, oneLine || v.Type() != reflect.TypeFor[string]())
	}
}

func normalizeString(v reflect.Value, trim bool) {
	s := norm.NFC.String(v.String())
	if trim {
		s = strings.TrimSpace(s)
	}
	if s != v.String() && v.CanSet() {
		v.SetString(s)
	}
}

// isOneLineField reports whether the field with this JSON name holds a
// single line of text: a name, an id, a contact detail or a short label.
// Such text is trimmed, and Validate refuses line breaks in it because it is
// printed in table cells and headings.
func isOneLineField(name string) bool {
	switch name {
	case "ref", "name", "id", "service_area", "registration_number", "title", "role",
		"email", "phone", "post", "body", "chair", "meeting_frequency", "partner",
		"source_partner", "lead_partner", "owner", "unit", "item", "assessor", "spokespeople":
		return true
	}
	return false
}
