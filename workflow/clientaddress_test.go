package workflow_test

import (
	"net/http"
	"testing"

	"partnerdocs/workflow"
)

// TestClientAddress: the peer is the client unless it is a trusted proxy;
// then X-Forwarded-For is read from the right, past the trusted proxies,
// and a client cannot name itself by sending the header.
func TestClientAddress(t *testing.T) {
	proxies, err := workflow.ParseTrustedProxies("10.0.0.0/8, 192.0.2.10")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		peer, xff string
		trusted   bool
		want      string
	}{
		{"203.0.113.5:4000", "198.51.100.1", true, "203.0.113.5"},         // not a proxy: its header is ignored
		{"10.1.2.3:4000", "198.51.100.1", true, "198.51.100.1"},           // the proxy's record
		{"10.1.2.3:4000", "6.6.6.6, 198.51.100.1", true, "198.51.100.1"},  // the client's own claim is to the left
		{"10.1.2.3:4000", "198.51.100.1, 10.9.9.9", true, "198.51.100.1"}, // two proxies
		{"192.0.2.10:80", "198.51.100.2", true, "198.51.100.2"},           // a single trusted host
		{"10.1.2.3:4000", "not-an-address", true, "10.1.2.3"},
		{"10.1.2.3:4000", "", true, "10.1.2.3"},
		{"10.1.2.3:4000", "198.51.100.1", false, "10.1.2.3"}, // no proxy trusted
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		trusted := proxies
		if !tc.trusted {
			trusted = nil
		}
		if got := workflow.ClientAddress(r, trusted); got != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %s, want %s", tc.peer, tc.xff, got, tc.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0"} {
		if _, err := workflow.ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q was accepted as a proxy", bad)
		}
	}
}
