package web

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"partnerdocs/partnership"
)

// read sets the named top-level fields of p from a page's form, and
// returns what could not be read (a number that is not one, a date given in
// part). Whether what was read keeps the contract is partnership.Validate's
// question. A list has as many items as the page showed (its count field).
func (f *contractForm) read(p *partnership.Partnership, names []string, form url.Values) []fieldError {
	v := reflect.ValueOf(p).Elem()
	var problems []fieldError
	for _, name := range names {
		_, fv := fieldNamed(v, name)
		f.readValue(fv, name, name, form, &problems)
	}
	return problems
}

func (f *contractForm) readValue(v reflect.Value, name, path string, form url.Values, problems *[]fieldError) {
	t := v.Type()
	bad := func(msg string) { *problems = append(*problems, fieldError{Field: fieldID(path), Message: msg}) }
	text := strings.TrimSpace(form.Get(path))
	switch {
	case t == dateType:
		d, ok := dateInput{Day: strings.TrimSpace(form.Get(path + "-day")), Month: strings.TrimSpace(form.Get(path + "-month")),
			Year: strings.TrimSpace(form.Get(path + "-year"))}.date()
		if !ok {
			*problems = append(*problems, fieldError{Field: fieldID(path) + "-day", Message: label(name) + " must include a day, month and year"})
		}
		v.SetString(string(d))
	case isMoney(name):
		readMoney(v, pathLabel(name, path), text, bad)
	case t.Kind() == reflect.String:
		v.SetString(form.Get(path))
	case t.Kind() == reflect.Bool:
		v.SetBool(text == "yes")
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		n, err := strconv.ParseInt(text, 10, 64)
		if text != "" && err != nil {
			bad(label(name) + " must be a whole number, like 12")
		}
		v.SetInt(n)
	case t.Kind() == reflect.Float64:
		n, err := strconv.ParseFloat(text, 64)
		if text != "" && err != nil {
			bad(label(name) + " must be a number, like 12.5")
		}
		v.SetFloat(n)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Float64:
		v.SetZero()
		if n, err := strconv.ParseFloat(text, 64); err == nil {
			v.Set(reflect.ValueOf(&n))
		} else if text != "" {
			bad(label(name) + " must be a number, like 12.5, or left blank")
		}
	case t.Kind() == reflect.Pointer:
		elem := reflect.New(t.Elem())
		f.readStruct(elem.Elem(), path, form, problems)
		v.SetZero()
		if !elem.Elem().IsZero() {
			v.Set(elem)
		}
	case t.Kind() == reflect.Struct:
		f.readStruct(v, path, form, problems)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		v.Set(reflect.MakeSlice(t, 0, 0))
		values := form[path]
		if f.enums[t.Elem()] == nil {
			values = lines(form.Get(path))
		}
		for _, s := range values {
			v.Set(reflect.Append(v, reflect.ValueOf(s).Convert(t.Elem())))
		}
		if v.Len() == 0 {
			v.SetZero()
		}
	case t.Kind() == reflect.Slice:
		n, _ := strconv.Atoi(form.Get(path + "#count"))
		n = min(max(n, 0), maxListItems)
		v.Set(reflect.MakeSlice(t, n, n))
		for i := range n {
			f.readValue(v.Index(i), name, fmt.Sprintf("%s[%d]", path, i), form, problems)
		}
		if n == 0 {
			v.SetZero()
		}
	}
}

// readMoney sets the pence field v (a pointer when the amount is optional)
// from text typed in pounds; blank is none.
func readMoney(v reflect.Value, label, text string, bad func(string)) {
	v.SetZero()
	if text == "" {
		return
	}
	n, ok := parsePounds(text)
	optional := v.Kind() == reflect.Pointer
	switch {
	case !ok:
		bad(label + " must be an amount in pounds, like 2500 or 2500.50")
	case optional && n <= 0:
		bad(label + " must be more than £0, or left blank")
	case n < 0:
		bad(label + " must be £0 or more")
	case optional:
		v.Set(reflect.ValueOf(&n))
	default:
		v.SetInt(n)
	}
}

// maxListItems bounds a list read from a form (the body's limit bounds it
// too), so a forged count cannot make a huge slice.
const maxListItems = 500

func (f *contractForm) readStruct(v reflect.Value, path string, form url.Values, problems *[]fieldError) {
	for i := range v.NumField() {
		sf := v.Type().Field(i)
		if name := jsonName(sf); name != "" && sf.IsExported() {
			f.readValue(v.Field(i), name, path+"."+name, form, problems)
		}
	}
}

// lines are a textarea's non-blank lines, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// changeList adds an item to the list at path ("add") or removes the item
// at path ("remove"), in p. A path that names no list changes nothing.
func changeList(p *partnership.Partnership, op, path string) {
	v, ok := valueAt(reflect.ValueOf(p).Elem(), path, op == "add")
	if !ok {
		return
	}
	switch {
	case op == "add" && v.Kind() == reflect.Slice && v.Len() < maxListItems:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case op == "remove":
		list, i, ok := listAndIndex(reflect.ValueOf(p).Elem(), path)
		if ok {
			rest := reflect.AppendSlice(list.Slice(0, i), list.Slice(i+1, list.Len()))
			list.Set(rest)
		}
	}
}

// valueAt is the value at a contract path (name.name[3].name), making
// pointers on the way when create is set.
func valueAt(v reflect.Value, path string, create bool) (reflect.Value, bool) {
	for _, step := range strings.Split(path, ".") {
		name, index, hasIndex := strings.Cut(strings.TrimSuffix(step, "]"), "[")
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !create {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return v, false
		}
		found := false
		for i := range v.NumField() {
			if jsonName(v.Type().Field(i)) == name {
				v, found = v.Field(i), true
				break
			}
		}
		if !found {
			return v, false
		}
		if hasIndex {
			i, err := strconv.Atoi(index)
			if err != nil || v.Kind() != reflect.Slice || i < 0 || i >= v.Len() {
				return v, false
			}
			v = v.Index(i)
		}
	}
	return v, true
}

// listAndIndex splits a path to an item, partners[2], into its list and
// index.
func listAndIndex(root reflect.Value, path string) (reflect.Value, int, bool) {
	open := strings.LastIndex(path, "[")
	if open < 0 || !strings.HasSuffix(path, "]") {
		return root, 0, false
	}
	i, err := strconv.Atoi(path[open+1 : len(path)-1])
	list, ok := valueAt(root, path[:open], false)
	if err != nil || !ok || list.Kind() != reflect.Slice || i < 0 || i >= list.Len() {
		return root, 0, false
	}
	return list, i, true
}
