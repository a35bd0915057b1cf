package generator

import (
	"reflect"

	"partnerdocs/partnership"
)

// What a render allocates grows with the text it is given: a 25-partner
// alliance (60 KB of JSON) allocates about 7 MiB for its agreement as a
// PDF, and the largest valid body (200 partners with long addresses, 800
// KB) about 60 MiB, the most of any kind and format
// (TestMemoryNeedBoundsEveryRender). A front end that renders several
// documents at once bounds them by this figure, not by their count.
const (
	renderBaseBytes    = 8 << 20
	renderBytesPerText = 80
)

// MemoryNeed is an upper bound on what rendering a document of p
// allocates, in any kind and format; a comparison needs the sum for its two
// versions.
func MemoryNeed(p *partnership.Partnership) int64 {
	if p == nil {
		return renderBaseBytes
	}
	return renderBaseBytes + renderBytesPerText*int64(textBytes(reflect.ValueOf(p)))
}

// textBytes is the length of every string v holds.
func textBytes(v reflect.Value) int {
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 0
		}
		return textBytes(v.Elem())
	case reflect.Struct:
		n := 0
		for i := range v.NumField() {
			n += textBytes(v.Field(i))
		}
		return n
	case reflect.Slice, reflect.Array:
		n := 0
		for i := range v.Len() {
			n += textBytes(v.Index(i))
		}
		return n
	case reflect.Map:
		n := 0
		for it := v.MapRange(); it.Next(); {
			n += textBytes(it.Key()) + textBytes(it.Value())
		}
		return n
	}
	return 0
}
