package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"partnerdocs/api/client"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// An integrator's Go client, generated from the OpenAPI document by
// oapi-codegen with its default settings (package api/client), compiles
// and round-trips every sample through the register: the client's types
// hold every field of each sample, the server stores what the client sent
// and gives it back, lists it, and assesses it as the protocol does.
func TestGeneratedClientRoundTripsEverySample(t *testing.T) {
	ts := newTestServer(t, nil)
	officer := func(ctx context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+ts.tokens[partnership.RoleOfficer])
		return nil
	}
	c, err := client.NewClientWithResponses(ts.URL, client.WithRequestEditorFn(officer))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var refs []string
	for _, name := range samplesWithRefsFirst(t) {
		raw, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		var p client.Partnership
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatalf("%s: the client's Partnership type cannot hold the sample: %v", name, err)
		}
		sameJSON(t, name+" through the client's type", raw, p)
		created, err := c.PartnershipsCreateWithResponse(ctx, p)
		if err != nil || created.JSON201 == nil {
			t.Fatalf("%s: create: %v, status %d: %s", name, err, created.StatusCode(), created.Body)
		}
		ref := created.JSON201.Ref
		refs = append(refs, ref)
		shown, err := c.PartnershipsShowWithResponse(ctx, ref)
		if err != nil || shown.JSON200 == nil {
			t.Fatalf("%s: show %s: %v, status %d", name, ref, err, shown.StatusCode())
		}
		stored := shown.JSON200.Partnership
		stored.Ref = p.Ref // assigned by the register when the sample has none
		sameJSON(t, name+" stored and read back", raw, stored)
		checkAssessedAsTheProtocol(t, c, name, p, raw)
	}
	listed, err := c.PartnershipsListWithResponse(ctx, &client.PartnershipsListParams{})
	if err != nil || listed.JSON200 == nil {
		t.Fatalf("list: %v", err)
	}
	var got []string
	for _, item := range listed.JSON200.Items {
		got = append(got, item.Ref)
	}
	slices.Sort(got)
	slices.Sort(refs)
	if !slices.Equal(got, refs) {
		t.Errorf("listed %v, want the samples' refs %v", got, refs)
	}
}

func checkAssessedAsTheProtocol(t *testing.T, c *client.ClientWithResponses, name string, p client.Partnership, raw []byte) {
	t.Helper()
	at := "2026-10-01"
	assessed, err := c.AssessWithResponse(t.Context(), &client.AssessParams{At: &at}, p)
	if err != nil || assessed.JSON200 == nil {
		t.Fatalf("%s: assess: %v, status %d", name, err, assessed.StatusCode())
	}
	want, err := partnership.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	a := partnership.Assess(want, partnership.DefaultCouncil(), time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC))
	if string(assessed.JSON200.Classification) != string(a.Classification) || len(assessed.JSON200.Findings) != len(a.Findings) {
		t.Errorf("%s: the client read classification %s with %d findings, the protocol says %s with %d",
			name, assessed.JSON200.Classification, len(assessed.JSON200.Findings), a.Classification, len(a.Findings))
	}
}

// samplesWithRefsFirst lists the samples that carry their own ref before
// those the register numbers, so a number it assigns cannot be one a later
// sample brings.
func samplesWithRefsFirst(t *testing.T) []string {
	names := samples.Names()
	hasRef := func(name string) bool {
		raw, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		var r struct{ Ref string }
		return json.Unmarshal(raw, &r) == nil && r.Ref != ""
	}
	slices.SortStableFunc(names, func(a, b string) int {
		switch ra, rb := hasRef(a), hasRef(b); {
		case ra && !rb:
			return -1
		case rb && !ra:
			return 1
		}
		return 0
	})
	return names
}

// sameJSON reports whether v marshals to the same JSON value as want, a
// member whose value is null being the same as one left out (a result's
// "actual": null, which the contract allows either way).
func sameJSON(t *testing.T, what string, want []byte, v any) {
	t.Helper()
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(want, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withoutNulls(a), withoutNulls(b)) {
		t.Errorf("%s: the JSON differs\nwant %s\n got %s", what, want, got)
	}
}

func withoutNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
			} else {
				v[k] = withoutNulls(e)
			}
		}
	case []any:
		for i, e := range v {
			v[i] = withoutNulls(e)
		}
	}
	return v
}
