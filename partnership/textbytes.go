package partnership

import "reflect"

// TextBytes is the length in bytes of all the text p holds, at any depth:
// what the documents made from it grow with (generator.MemoryNeed). Like
// Normalize, it walks the contract's fields by reflection, so a field
// added to the contract counts without anyone remembering to.
func TextBytes(p *Partnership) int {
	if p == nil {
		return 0
	}
	return textBytes(reflect.ValueOf(p).Elem())
}

func textBytes(v reflect.Value) int {
	n := 0
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			n = textBytes(v.Elem())
		}
	case reflect.Struct:
		for _, f := range contractFields[v.Type()] {
			n += textBytes(v.Field(f.index))
		}
	case reflect.Slice:
		for i := range v.Len() {
			n += textBytes(v.Index(i))
		}
	case reflect.String:
		n = v.Len()
	}
	return n
}
