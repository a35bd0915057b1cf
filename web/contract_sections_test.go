package web

import (
	"reflect"
	"testing"

	"partnerdocs/partnership"
)

// TestSectionsCoverTheContract: every field of the contract but ref (the
// register assigns it) is on exactly one page of the form.
func TestSectionsCoverTheContract(t *testing.T) {
	on := map[string]string{}
	for _, s := range contractSections() {
		for _, f := range s.Fields {
			if other, ok := on[f]; ok {
				t.Errorf("%s is on both %s and %s", f, other, s.ID)
			}
			on[f] = s.ID
		}
	}
	pt := reflect.TypeFor[partnership.Partnership]()
	for i := range pt.NumField() {
		name := jsonName(pt.Field(i))
		if _, ok := on[name]; !ok && name != "ref" {
			t.Errorf("the contract's %s is on no page of the form", name)
		}
		delete(on, name)
	}
	for f := range on {
		t.Errorf("a page names %s, which the contract does not have", f)
	}
}
