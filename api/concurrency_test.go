package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"partnerdocs/internal/pgtest"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"partnerdocs/api"
	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/store"
)

// TestConcurrentPUT: in each round 20 clients read one partnership's ETag
// and all PUT with it at once. Exactly one gets 200; the others get 412
// naming the winner's revision. Afterwards there are 1 + (successes)
// revisions, and every winner's change is in exactly one of them.
func TestConcurrentPUT(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		testConcurrentPUT(t, serverOn(t, filepath.Join(t.TempDir(), "register.db")))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		testConcurrentPUT(t, serverOn(t, pgtest.Schema(t)))
	})
}

func testConcurrentPUT(t *testing.T, ts *testServer) {
	const clients, rounds = 20, 4
	ref := createPartnership(t, ts, sample(t, "waste-partnership.json")).Ref
	var won []string
	for round := range rounds {
		resp, data := ts.do(t, get(partnershipsPath+"/"+ref))
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != http.StatusOK || etag != strconv.Quote(strconv.Itoa(1+round)) {
			t.Fatalf("round %d: GET %d, ETag %s: %s", round, resp.StatusCode, etag, data)
		}
		results := make([]putResult, clients)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for c := range clients {
			purpose := fmt.Sprintf("Round %d, client %d", round, c)
			body := edited(t, func(p map[string]any) { delete(p, "ref"); p["purpose"] = purpose })
			wg.Go(func() {
				<-start
				results[c] = ts.putConcurrently(ref, etag, body)
				results[c].purpose = purpose
			})
		}
		close(start)
		wg.Wait()
		var winners, stale int
		for c, r := range results {
			switch {
			case r.err != nil:
				t.Errorf("round %d, client %d: %v", round, c, r.err)
			case r.status == http.StatusOK:
				winners++
				won = append(won, r.purpose)
			case r.status == http.StatusPreconditionFailed && r.current == 2+round:
				stale++
			default:
				t.Errorf("round %d, client %d: status %d, current_revision %d: %s", round, c, r.status, r.current, r.body)
			}
		}
		if winners != 1 || stale != clients-1 {
			t.Fatalf("round %d: %d got 200 and %d got 412; want 1 and %d", round, winners, stale, clients-1)
		}
	}

	var revs struct{ Items []partnership.Revision }
	resp, data := ts.do(t, get(partnershipsPath+"/"+ref+"/revisions"))
	decodeJSON(t, data, &revs)
	if resp.StatusCode != http.StatusOK || len(revs.Items) != 1+len(won) {
		t.Fatalf("revisions: status %d, %d of them after %d successful updates", resp.StatusCode, len(revs.Items), len(won))
	}
	found := map[string]int{}
	for n := 1; n <= len(revs.Items); n++ {
		var rev partnership.Revision
		resp, data := ts.do(t, get(fmt.Sprintf("%s/%s/revisions/%d", partnershipsPath, ref, n)))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("revision %d: %d %s", n, resp.StatusCode, data)
		}
		decodeJSON(t, data, &rev)
		found[rev.Partnership.Purpose]++
	}
	for _, purpose := range won {
		if found[purpose] != 1 {
			t.Errorf("the winning change %q is in %d revisions, want 1", purpose, found[purpose])
		}
	}
}

// putResult is what one concurrent PUT got.
type putResult struct {
	purpose string
	status  int
	current int // current_revision in a 412
	body    []byte
	err     error
}

// putConcurrently sends one PUT as an officer. Unlike do, it may run on any
// goroutine: it reports errors rather than failing the test.
func (ts *testServer) putConcurrently(ref, ifMatch string, body []byte) putResult {
	req, err := http.NewRequest(http.MethodPut, ts.URL+partnershipsPath+"/"+ref, bytes.NewReader(body))
	if err != nil {
		return putResult{err: err}
	}
	req.Header.Set("Authorization", "Bearer "+ts.tokens[partnership.RoleOfficer])
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", ifMatch)
	resp, err := ts.Client().Do(req)
	if err != nil {
		return putResult{err: err}
	}
	defer resp.Body.Close()
	r := putResult{status: resp.StatusCode}
	if r.body, r.err = io.ReadAll(resp.Body); r.err != nil {
		return r
	}
	if r.status == http.StatusPreconditionFailed {
		var p struct {
			Current int `json:"current_revision"`
		}
		r.err = json.Unmarshal(r.body, &p)
		r.current = p.Current
	}
	return r
}

// serverOn is the real API on 127.0.0.1 over the register dsn names (a
// SQLite file or a postgres:// URL), with a token for every role.
func serverOn(t *testing.T, dsn string) *testServer {
	t.Helper()
	reg, err := store.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.NewJSONHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, log: log, reg: reg, tokens: createTokens(t, reg)}
}
