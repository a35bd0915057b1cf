package web

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// TestDraftRoundTrip: a draft comes back as it went; one that is not a
// draft, or that unpacks past the contract's limit (a forged field of a
// few kilobytes that would inflate to megabytes), is refused.
func TestDraftRoundTrip(t *testing.T) {
	data, err := samples.Read("health-alliance.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	enc := encodeDraft(p)
	var back partnership.Partnership
	if err := decodeDraft(enc, &back); err != nil || !reflect.DeepEqual(&back, p) {
		t.Fatalf("round trip: %v", err)
	}
	if len(enc) > len(data)/2 {
		t.Errorf("the draft is %d bytes for %d of JSON: not compressed", len(enc), len(data))
	}

	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write([]byte(`{"name":"`))
	zw.Write([]byte(strings.Repeat("a", 8*partnership.MaxBodyBytes)))
	zw.Close()
	for name, s := range map[string]string{
		"not base64": "{not a draft}",
		"not gzip":   base64.RawURLEncoding.EncodeToString([]byte(`{"name":"x"}`)),
		"a bomb":     base64.RawURLEncoding.EncodeToString(bomb.Bytes()),
	} {
		if err := decodeDraft(s, &partnership.Partnership{}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
