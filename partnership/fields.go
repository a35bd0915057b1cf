package partnership

import (
	"reflect"
	"strings"
)

// contractField is one field of a struct type of the contract: its index
// in the struct, its JSON name, and the step it adds to a JSON path.
type contractField struct {
	index int
	name  string
	step  string // ".name", or `["odd key"]` for a name that is not an identifier
}

// appendPath appends the field's step to the JSON path p.
func (f contractField) appendPath(p []byte) []byte {
	if len(p) == 0 && f.step[0] == '.' {
		return append(p, f.step[1:]...)
	}
	return append(p, f.step...)
}

// contractFields lists the fields of every struct type reachable from
// Partnership, in declaration order, so that Validate and the problems'
// document order read the types' JSON names once, not on every call. It
// is made when the package is initialised and never changed.
var contractFields = fieldsOf(reflect.TypeFor[Partnership](), map[reflect.Type][]contractField{})

func fieldsOf(t reflect.Type, into map[reflect.Type][]contractField) map[reflect.Type][]contractField {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		return fieldsOf(t.Elem(), into)
	case reflect.Struct:
		if _, done := into[t]; done {
			return into
		}
		fields := make([]contractField, t.NumField())
		into[t] = fields
		for i := range t.NumField() {
			sf := t.Field(i)
			name := jsonName(sf)
			fields[i] = contractField{index: i, name: name, step: strings.TrimPrefix(fieldPath("x", name), "x")}
			fieldsOf(sf.Type, into)
		}
	}
	return into
}

// fieldIndex is the index of the field of struct type t with JSON name
// name, and whether there is one.
func fieldIndex(t reflect.Type, name string) (int, bool) {
	for _, f := range contractFields[t] {
		if f.name == name {
			return f.index, true
		}
	}
	return 0, false
}
