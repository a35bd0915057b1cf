package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// TestRegeneratedDocumentIsTheSameAndRevalidates: an agreement generated
// again from the same revision is byte-identical to the first (it is dated
// by its revision, not the clock), both versions give their bytes, and a
// client holding them gets 304 for either; once the partnership changes,
// the next draft has other bytes and the old ETag no longer matches it.
func TestRegeneratedDocumentIsTheSameAndRevalidates(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	first := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	again := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	if first.ID == again.ID || again.Version != first.Version+1 {
		t.Fatalf("two generations stored as %d v%d and %d v%d, want two versions", first.ID, first.Version, again.ID, again.Version)
	}
	if first.SHA256 != again.SHA256 || !first.DatedAt.Equal(again.DatedAt) {
		t.Fatalf("generated again from revision %d: SHA-256 %s dated %s, then %s dated %s; want the same bytes and date",
			rev.Number, first.SHA256, first.DatedAt, again.SHA256, again.DatedAt)
	}
	if !first.DatedAt.Equal(rev.CreatedAt.Truncate(time.Second)) {
		t.Errorf("draft dated %s, want its revision's time %s", first.DatedAt, rev.CreatedAt)
	}
	a, b := documentBytes(t, ts, first), documentBytes(t, ts, again)
	if !bytes.Equal(a, b) || len(a) < 1000 {
		t.Fatalf("the two versions read back as %d and %d bytes, not the same", len(a), len(b))
	}
	etag := `"` + first.SHA256 + `"`
	for _, id := range []int64{first.ID, again.ID} {
		resp, body := ts.do(t, request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/documents/%d", id),
			header: http.Header{"If-None-Match": {etag}}})
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 || resp.Header.Get("ETag") != etag {
			t.Errorf("document %d with If-None-Match its ETag: %d, %d bytes, ETag %q; want 304, none, %s",
				id, resp.StatusCode, len(body), resp.Header.Get("ETag"), etag)
		}
	}

	resp, data := ts.do(t, put(rev.Ref, `"1"`, edited(t, func(p map[string]any) { p["purpose"] = "A purpose changed after the first drafts." })))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: %d %s", resp.StatusCode, data)
	}
	changed := generateDocument(t, ts, rev.Ref, "agreement", "pdf")
	if changed.SHA256 == first.SHA256 {
		t.Fatal("a draft of the changed partnership has the old bytes")
	}
	resp, body := ts.do(t, request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/documents/%d", changed.ID),
		header: http.Header{"If-None-Match": {etag}}})
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Errorf("the changed draft with the old ETag: %d, %d bytes; want 200 with the document", resp.StatusCode, len(body))
	}
}
