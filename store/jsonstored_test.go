package store

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// decodeStored gives exactly what encoding/json gives for every sample
// and its assessment as the register writes them, including a partnership
// whose text holds every kind of character JSON escapes.
func TestDecodeStoredMatchesEncodingJSON(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range samples.Names() {
		b, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := partnership.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a := partnership.Assess(p, partnership.DefaultCouncil(), at)
		checkSameDecode(t, name, p)
		checkSameDecode(t, name+" assessment", &a)
		p.Name, p.Purpose = "\"quoted\" \\ back\tslash\n<tag> & \u2028 \U0001F600 é", ""
		checkSameDecode(t, name+" escaped", p)
	}
}

func checkSameDecode[T any](t *testing.T, name string, v *T) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var v1, v2 T
	if err := json.Unmarshal(data, &v1); err != nil {
		t.Fatalf("%s: encoding/json: %v", name, err)
	}
	if err := decodeStored(string(data), &v2); err != nil {
		t.Fatalf("%s: decodeStored: %v", name, err)
	}
	if !reflect.DeepEqual(v1, v2) {
		t.Errorf("%s: decodeStored gives\n%+v\nencoding/json gives\n%+v", name, v2, v1)
	}
}
