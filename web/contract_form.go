package web

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"partnerdocs/partnership"
)

// The contract's form is built by walking the contract's own types with
// reflect, so a field added to the contract appears on its page with no
// template to change: each leaf becomes a GOV.UK input chosen by its Go
// type (an enumeration a select, a Date a date input, a bool yes/no radios,
// a list of strings a textarea of lines, a list of structs items with "add
// another" and "remove"). A field's name is its JSON path, as
// partnership.Validate reports problems, and its id the path with
// punctuation made hyphens, so a problem finds its field.

// formField is one input, or a group of them, on a form page.
type formField struct {
	ID, Name, Label, Hint, Error string
	Kind                         string // text, textarea, number, money, yesno, select, checkboxes, date, group, list
	Blank                        string // select: what choosing nothing means
	Value                        string
	Values                       []string // checkboxes: the ticked ones
	Date                         dateInput
	Choices                      []choice
	Fields                       []formField // group: its fields; list: its items, each a group
	Item                         string      // list: what one item is called
	Index                        int         // an item of a list: its number from 1
	Removable                    bool        // an item of a list: has a remove button
}

// choice is one option of a select or checkboxes.
type choice struct{ Value, Text string }

// contractForm builds and reads the contract's pages.
type contractForm struct {
	enums map[reflect.Type][]string // each enumeration's values, in contract order
	words map[string]string         // the words of each value written with an underscore
}

func newContractForm() *contractForm {
	f := &contractForm{enums: map[reflect.Type][]string{}, words: map[string]string{}}
	for _, values := range []any{
		partnership.StatusValues, partnership.LegalInstrumentValues, partnership.CouncilRoleValues, partnership.OverrideValues,
		partnership.PartnerTypeValues, partnership.RepresentativeKindValues, partnership.RepresentativeRoleValues,
		partnership.ConsentValues, partnership.VotingRuleValues, partnership.ContributionTypeValues, partnership.RiskCategoryValues,
		partnership.RiskPhaseValues, partnership.PolarityValues, partnership.RAGValues, partnership.ControllerRelationshipValues,
		partnership.DataCategoryValues, partnership.LawfulBasisValues, partnership.RecognisedInterestValues, partnership.BrandingValues, partnership.BindingClauseValues,
		partnership.ReviewTypeValues, partnership.OverallValues, partnership.RecommendationValues,
	} {
		v := reflect.ValueOf(values)
		for i := range v.Len() {
			value := v.Index(i)
			f.enums[v.Type().Elem()] = append(f.enums[v.Type().Elem()], value.String())
			if w, ok := value.Interface().(worded); ok && strings.Contains(value.String(), "_") && w.Text() != "" {
				f.words[value.String()] = w.Text()
			}
		}
	}
	return f
}

var (
	dateType = reflect.TypeFor[partnership.Date]()
	// listIndex finds a list's index in a path, for the hints' keys.
	listIndex = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\d+\]`) })
)

// fieldID is the id of the input at a contract path: partners[2].name is
// partners-2-name.
func fieldID(path string) string {
	r := strings.NewReplacer(".", "-", "[", "-", "]", "")
	return r.Replace(path)
}

// jsonName is a struct field's name in the contract, "" for none.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// pathLabel is the label of the field at path, named name.
func pathLabel(name, path string) string {
	if l, ok := pathLabels[listIndex().ReplaceAllString(path, "[]")]; ok {
		return l
	}
	return label(name)
}

// label is a field's label: its own, or its JSON name in words.
func label(name string) string {
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	words := strings.ReplaceAll(name, "_", " ")
	r := []rune(words)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// fields are the inputs for the named top-level fields of p, with raw (a
// form as sent, or nil) shown in place of p's values so that what was typed
// is kept, and each problem beside its field.
func (f *contractForm) fields(p *partnership.Partnership, names []string, raw url.Values, problems []fieldError) []formField {
	v := reflect.ValueOf(p).Elem()
	var out []formField
	for _, name := range names {
		sf, fv := fieldNamed(v, name)
		out = append(out, f.field(fv, sf.Type, name, name, raw))
	}
	placeErrors(out, problems)
	return out
}

// fieldNamed is the struct field with JSON name, and its value.
func fieldNamed(v reflect.Value, name string) (reflect.StructField, reflect.Value) {
	for i := range v.NumField() {
		if sf := v.Type().Field(i); jsonName(sf) == name {
			return sf, v.Field(i)
		}
	}
	panic("web: the contract has no field " + name) // sections name only real fields: TestSectionsCoverTheContract
}

// field is the input for value v of type t at path.
func (f *contractForm) field(v reflect.Value, t reflect.Type, name, path string, raw url.Values) formField {
	key := listIndex().ReplaceAllString(path, "[]")
	ff := formField{ID: fieldID(path), Name: path, Label: pathLabel(name, path), Hint: fieldHints[key]}
	text := func(formatted string) string {
		if raw != nil {
			return raw.Get(path)
		}
		return formatted
	}
	switch {
	case t == dateType:
		ff.Kind = "date"
		ff.Date = dateOf(partnership.Date(v.String()))
		if raw != nil {
			ff.Date = dateInput{Day: raw.Get(path + "-day"), Month: raw.Get(path + "-month"), Year: raw.Get(path + "-year")}
		}
	case f.enums[t] != nil:
		ff.Kind, ff.Value, ff.Choices, ff.Blank = "select", text(v.String()), f.choices(t), blankChoices[key]
	case isMoney(name):
		ff.Kind, ff.Value = "money", text(poundsText(v))
	case t.Kind() == reflect.String:
		ff.Kind, ff.Value = "text", text(v.String())
		if longTexts[name] {
			ff.Kind = "textarea"
		}
	case t.Kind() == reflect.Bool:
		ff.Kind, ff.Value = "yesno", text(yesNoValue(v.Bool()))
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		ff.Kind, ff.Value = "number", text(intText(v))
	case t.Kind() == reflect.Float64:
		ff.Kind, ff.Value = "number", text(strconv.FormatFloat(v.Float(), 'f', -1, 64))
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Float64:
		ff.Kind, ff.Value = "number", text(floatPointerText(v))
	case t.Kind() == reflect.Pointer:
		ff.Kind = "group"
		if v.IsNil() {
			v = reflect.New(t.Elem())
		}
		ff.Fields = f.structFields(v.Elem(), path, raw)
	case t.Kind() == reflect.Struct:
		ff.Kind, ff.Fields = "group", f.structFields(v, path, raw)
	case t.Kind() == reflect.Slice && f.enums[t.Elem()] != nil:
		ff.Kind, ff.Choices, ff.Values = "checkboxes", f.choices(t.Elem()), stringsOf(v)
		if raw != nil {
			ff.Values = raw[path]
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		ff.Kind, ff.Value = "textarea", text(strings.Join(stringsOf(v), "\n"))
	case t.Kind() == reflect.Slice:
		ff.Kind, ff.Item = "list", itemNames[name]
		for i := range v.Len() {
			item := f.field(v.Index(i), t.Elem(), name, path+"["+strconv.Itoa(i)+"]", raw)
			item.Label, item.Index, item.Removable = ff.Item+" "+strconv.Itoa(i+1), i+1, true
			ff.Fields = append(ff.Fields, item)
		}
	}
	return ff
}

func (f *contractForm) structFields(v reflect.Value, path string, raw url.Values) []formField {
	var out []formField
	for i := range v.NumField() {
		sf := v.Type().Field(i)
		if name := jsonName(sf); name != "" && sf.IsExported() {
			out = append(out, f.field(v.Field(i), sf.Type, name, path+"."+name, raw))
		}
	}
	return out
}

// choices are an enumeration's values with their words.
func (f *contractForm) choices(t reflect.Type) []choice {
	var out []choice
	for _, v := range f.enums[t] {
		out = append(out, choice{Value: v, Text: enumText(t, v)})
	}
	return out
}

// enumText is a value's words from its type's Text method, capitalised.
func enumText(t reflect.Type, value string) string {
	m := reflect.ValueOf(value).Convert(t).MethodByName("Text")
	if !m.IsValid() {
		return value
	}
	words := m.Call(nil)[0].String()
	if words == "" {
		return value
	}
	r := []rune(words)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// placeErrors puts each problem on the field whose id it names, or on the
// group or list holding it.
func placeErrors(fields []formField, problems []fieldError) {
	for _, p := range problems {
		placeError(fields, p)
	}
}

func placeError(fields []formField, p fieldError) bool {
	for i := range fields {
		ff := &fields[i]
		if ff.ID == p.Field || (ff.Kind == "date" && ff.ID+"-day" == p.Field) {
			if ff.Error == "" {
				ff.Error = p.Message
			}
			return true
		}
		if strings.HasPrefix(p.Field, ff.ID+"-") && placeError(ff.Fields, p) {
			return true
		}
	}
	return false
}

func yesNoValue(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func intText(v reflect.Value) string {
	if v.Int() == 0 {
		return ""
	}
	return strconv.FormatInt(v.Int(), 10)
}

func floatPointerText(v reflect.Value) string {
	if v.IsNil() {
		return ""
	}
	return strconv.FormatFloat(v.Elem().Float(), 'f', -1, 64)
}

func stringsOf(v reflect.Value) []string {
	out := make([]string, v.Len())
	for i := range out {
		out[i] = v.Index(i).String()
	}
	return out
}

// dateOf is a contract date in a date input's three fields.
func dateOf(d partnership.Date) dateInput {
	y, rest, _ := strings.Cut(string(d), "-")
	m, day, _ := strings.Cut(rest, "-")
	return dateInput{Day: strings.TrimLeft(day, "0"), Month: strings.TrimLeft(m, "0"), Year: y}
}

// dateInput is a GOV.UK date input's three fields, as typed.
type dateInput struct{ Day, Month, Year string }

// date is the input as YYYY-MM-DD: "" when nothing was typed, and not ok
// when only part of it was. Whether it is a real date is the contract's
// question.
func (d dateInput) date() (partnership.Date, bool) {
	switch {
	case d.Day == "" && d.Month == "" && d.Year == "":
		return "", true
	case d.Day == "" || d.Month == "" || d.Year == "":
		return "", false
	}
	return partnership.Date(fmt.Sprintf("%04s-%02s-%02s", d.Year, d.Month, d.Day)), true
}
