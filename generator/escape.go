package generator

import (
	"reflect"
	"strings"

	"partnerdocs/partnership"
)

// escapeMarkdown makes a user's text safe to place in a Markdown template:
// it prints as written, whatever punctuation it holds. Every ASCII
// punctuation character is backslash-escaped (CommonMark allows escaping
// any of them, and an escaped character is always literal), so "*Acme |
// Ltd_" stays plain text even in a table cell, "&amp;" is not an entity,
// "1." at the start of a line is not a list and "<b>" is not HTML.
//
// Whitespace is made safe too: tabs become spaces, each paragraph is
// trimmed (so four leading spaces never start a code block), paragraphs are
// separated by a hard line break (two spaces and a newline: never a blank
// line, which would end the template's paragraph and make the rest of the
// value a numbered clause of its own, issue 12), and a single newline becomes a space
// (so a line of "===" or "---" can never turn the line above into a
// heading). A final backslash is written as the character reference
// "&#92;" (see the end of the function).
func escapeMarkdown(s string) string {
	if plain(s) {
		return s
	}
	if strings.ContainsRune(s, '\r') { // CommonMark ends a line at \r too
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	blank := false // a blank line was seen since the last text
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
		if line == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("  \n")
			} else {
				b.WriteByte(' ')
			}
		}
		blank = false
		for i := 0; i < len(line); i++ {
			if c := line[i]; isASCIIPunct(c) {
				b.WriteByte('\\')
			}
			b.WriteByte(line[i])
		}
	}
	out := b.String()
	if strings.HasSuffix(out, `\\`) {
		// goldmark takes "\\\" at the end of a line for an escaped
		// backslash, not a hard line break, so a value ending in a
		// backslash would swallow the template's line break after it. A
		// character reference prints the same and cannot combine.
		out = out[:len(out)-2] + "&#92;"
	}
	return out
}

// plain reports whether s needs no change at all: no ASCII punctuation, no
// line breaks or tabs, no surrounding space. Most names and titles are.
func plain(s string) bool {
	if strings.TrimSpace(s) != s {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || isASCIIPunct(c) {
			return false
		}
	}
	return true
}

// isASCIIPunct reports whether c is one of the characters CommonMark lets a
// backslash escape: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}

var stringType = reflect.TypeFor[string]()

// escapedCopy returns a deep copy of p in which every field of type string,
// and every element of a []string, is escaped for Markdown. Named string
// types (enumerations, Date, FinancialYear) are left as they are: they are
// closed sets or validated formats, and templates compare them. p is never
// modified.
func escapedCopy(p *partnership.Partnership) *partnership.Partnership {
	if p == nil {
		return nil
	}
	out := escapedValue(reflect.ValueOf(p)).Interface().(*partnership.Partnership)
	return out
}

// escapedCouncil is escapedCopy for the council profile.
func escapedCouncil(c partnership.Council) partnership.Council {
	return escapedValue(reflect.ValueOf(c)).Interface().(partnership.Council)
}

// escapedValue returns a copy of v that shares no memory with it, with every
// plain string escaped.
func escapedValue(v reflect.Value) reflect.Value {
	t := v.Type()
	switch v.Kind() {
	case reflect.String:
		if t == stringType {
			return reflect.ValueOf(escapeMarkdown(v.String()))
		}
		return v
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		n := reflect.New(t.Elem())
		n.Elem().Set(escapedValue(v.Elem()))
		return n
	case reflect.Struct:
		if !allFieldsExported(t) {
			return v // e.g. time.Time: copied by value, holds no user text
		}
		n := reflect.New(t).Elem()
		for i := range t.NumField() {
			n.Field(i).Set(escapedValue(v.Field(i)))
		}
		return n
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		n := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := range v.Len() {
			n.Index(i).Set(escapedValue(v.Index(i)))
		}
		return n
	case reflect.Array:
		n := reflect.New(t).Elem()
		for i := range v.Len() {
			n.Index(i).Set(escapedValue(v.Index(i)))
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		n := reflect.MakeMapWithSize(t, v.Len())
		for it := v.MapRange(); it.Next(); {
			n.SetMapIndex(it.Key(), escapedValue(it.Value()))
		}
		return n
	case reflect.Interface:
		if v.IsNil() {
			return reflect.Zero(t)
		}
		n := reflect.New(t).Elem()
		n.Set(escapedValue(v.Elem()))
		return n
	}
	return v // numbers and booleans are copied by value
}

func allFieldsExported(t reflect.Type) bool {
	for i := range t.NumField() {
		if !t.Field(i).IsExported() {
			return false
		}
	}
	return true
}

// escapedAssessment returns a copy of a with every string escaped: findings
// quote names as the user entered them.
func escapedAssessment(a partnership.Assessment) partnership.Assessment {
	return escapedValue(reflect.ValueOf(a)).Interface().(partnership.Assessment)
}
