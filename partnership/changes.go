package partnership

import (
	"reflect"
	"strconv"
	"strings"
)

// Change is one field that differs between two versions of a partnership:
// its JSON path, and its value in each, in words (empty when the field is
// not recorded in that version).
type Change struct {
	Path   string `json:"path"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Changes lists the fields that differ between before and after, in the
// contract's order, each with its value in words as a page shows it: an
// enumeration in its words, money in pounds, a date in full, yes or no.
// List items are compared by position; an item one version lacks has every
// field of the other's listed against nothing. It works by reflection, so a
// field added to the contract is compared too.
func Changes(before, after *Partnership) []Change {
	var d differ
	d.walk(reflect.ValueOf(before), reflect.ValueOf(after), "", "")
	return d.changes
}

type differ struct {
	changes []Change
}

// walk compares a and b, values of one type (either may be an invalid
// Value: not there in that version), at path.
func (d *differ) walk(a, b reflect.Value, path, name string) {
	var t reflect.Type
	switch {
	case a.IsValid():
		t = a.Type()
	case b.IsValid():
		t = b.Type()
	default:
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		d.walk(deref1(a), deref1(b), path, name)
	case reflect.Struct:
		for _, f := range contractFields[t] {
			d.walk(field(a, f.index), field(b, f.index), joinPath(path, f), f.name)
		}
	case reflect.Slice:
		for i := range max(length(a), length(b)) {
			d.walk(index(a, i), index(b, i), indexPath(path, i), name)
		}
	default:
		if before, after := words(a, name), words(b, name); before != after {
			d.changes = append(d.changes, Change{Path: path, Before: before, After: after})
		}
	}
}

func joinPath(path string, f contractField) string {
	return string(f.appendPath([]byte(path)))
}

// deref1 is what the pointer v points to, or an invalid Value for nil.
func deref1(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func field(v reflect.Value, i int) reflect.Value {
	if !v.IsValid() {
		return reflect.Value{}
	}
	return v.Field(i)
}

func length(v reflect.Value) int {
	if !v.IsValid() {
		return 0
	}
	return v.Len()
}

func index(v reflect.Value, i int) reflect.Value {
	if !v.IsValid() || i >= v.Len() {
		return reflect.Value{}
	}
	return v.Index(i)
}

// words is a value as a page shows it; "" when it is not there.
func words(v reflect.Value, name string) string {
	if !v.IsValid() {
		return ""
	}
	switch x := v.Interface().(type) {
	case interface{ Text() string }:
		return x.Text()
	case Date:
		if t, err := x.Parse(); err == nil {
			return FormatDate(t)
		}
		return string(x)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		if strings.HasSuffix(name, "_pence") {
			return FormatMoney(v.Int())
		}
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return v.String()
}
