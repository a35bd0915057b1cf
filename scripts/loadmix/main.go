// Command loadmix drives a running `partnerdocs serve` with a mix of
// register requests from several connections for a bounded time, and
// prints, per operation, how many were sent, how many failed, the rate, and
// the median and 99th-percentile latency. hey sends one request shape only;
// the register needs reads, updates and document generation at once.
//
//	go run ./scripts/loadmix -url http://127.0.0.1:PORT -token SECRET [-c 8] [-d 60s] [-seed 20]
//
// The mix: list a page (40%), show one partnership (30%), update one with
// If-Match on the revision this client last saw (20%), generate a draft
// agreement (10%). An update that finds the partnership changed by another
// connection gets 412; that is the protocol working, counted as "stale" and
// not as an error. Anything else that is not 2xx, and any transport error,
// is an error, and the exit status is 1.
//
// It talks to 127.0.0.1 (or localhost, ::1) only, for at most 10 minutes.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// operation is one kind of request in the mix.
type operation struct {
	name   string
	weight int
}

var mix = []operation{{"list", 40}, {"show", 30}, {"update", 20}, {"generate", 10}}

func main() {
	var (
		target      = flag.String("url", "", "the server's base `URL`, on loopback (required); several instances of one register: their URLs separated by commas, connection i using the i-th modulo their number")
		token       = flag.String("token", "", "an officer (or admin) token's `secret` (required)")
		connections = flag.Int("c", 8, "concurrent connections, 1..256")
		duration    = flag.Duration("d", 60*time.Second, "how long to send requests, at most 10m")
		seed        = flag.Int("seed", 20, "partnerships to create before the mix starts, 1..1000")
	)
	flag.Parse()
	bases := strings.Split(*target, ",")
	for i, base := range bases {
		if err := check(base, *token, *connections, *duration, *seed); err != nil {
			fmt.Fprintln(os.Stderr, "loadmix:", err)
			os.Exit(2)
		}
		bases[i] = strings.TrimRight(base, "/")
	}
	c := newClient(bases, *token, *connections)
	ctx := context.Background()
	if err := c.seed(ctx, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "loadmix: seeding:", err)
		os.Exit(1)
	}
	fmt.Printf("seeded %d partnerships; %s at %d connections to %d instance(s)\n", *seed, *duration, *connections, len(bases))
	results := c.run(ctx, *connections, *duration)
	if report(os.Stdout, results, *duration) > 0 {
		os.Exit(1)
	}
}

func check(target, token string, connections int, duration time.Duration, seed int) error {
	u, err := url.Parse(target)
	switch {
	case target == "" || token == "":
		return errors.New("-url and -token are required")
	case err != nil || u.Scheme != "http" || u.Host == "":
		return fmt.Errorf("-url %q is not an http:// URL", target)
	case !isLoopback(u.Hostname()):
		return fmt.Errorf("-url %q is not on loopback (127.0.0.1, localhost, ::1)", target)
	case connections < 1 || connections > 256:
		return errors.New("-c must be 1..256")
	case duration <= 0 || duration > 10*time.Minute:
		return errors.New("-d must be more than 0 and at most 10m")
	case seed < 1 || seed > 1000:
		return errors.New("-seed must be 1..1000")
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// client sends the mix and keeps what it knows of the partnerships.
type client struct {
	bases []string // one per instance; connection i uses bases[i%len(bases)]
	token string
	http  *http.Client

	mu        sync.Mutex
	refs      []string
	revisions map[string]int            // the last revision seen of each ref
	bodies    map[string]map[string]any // each ref's partnership, without its ref
}

func newClient(bases []string, token string, connections int) *client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = connections
	return &client{bases: bases, token: token, http: &http.Client{Transport: transport, Timeout: 30 * time.Second},
		revisions: map[string]int{}, bodies: map[string]map[string]any{}}
}

// seed creates n partnerships from the samples, with refs the server
// assigns: the samples the protocol treats as partnerships, for which the
// mix's draft agreement is the right document.
func (c *client) seed(ctx context.Context, n int) error {
	names, err := partnershipSamples()
	if err != nil {
		return err
	}
	for i := range n {
		data, err := samples.Read(names[i%len(names)])
		if err != nil {
			return err
		}
		var p map[string]any
		if err := json.Unmarshal(data, &p); err != nil {
			return err
		}
		delete(p, "ref")
		body, _ := json.Marshal(p)
		status, data, _, err := c.send(ctx, i, http.MethodPost, "/api/v1/partnerships", "", body)
		if err != nil {
			return err
		}
		if status != http.StatusCreated {
			return fmt.Errorf("status %d: %.300s", status, data)
		}
		var rev struct {
			Ref    string `json:"ref"`
			Number int    `json:"revision"`
		}
		if err := json.Unmarshal(data, &rev); err != nil {
			return err
		}
		c.refs = append(c.refs, rev.Ref)
		c.revisions[rev.Ref], c.bodies[rev.Ref] = rev.Number, p
	}
	return nil
}

// outcome is what one request got.
type outcome struct {
	op      string
	latency time.Duration
	stale   bool  // an update refused with 412: expected under contention
	err     error // transport error or an unexpected status
}

// run sends the mix from connections goroutines until duration is up.
func (c *client) run(ctx context.Context, connections int, duration time.Duration) []outcome {
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		all []outcome
	)
	for w := range connections {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			var mine []outcome
			for n := 0; ctx.Err() == nil; n++ {
				o := c.one(ctx, rng, w, n)
				if ctx.Err() != nil && o.err != nil {
					break // cut off by the end of the run, not the server
				}
				mine = append(mine, o)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	return all
}

func (c *client) one(ctx context.Context, rng *rand.Rand, worker, n int) outcome {
	op := pick(rng)
	c.mu.Lock()
	ref := c.refs[rng.IntN(len(c.refs))]
	revision := c.revisions[ref]
	c.mu.Unlock()
	began := time.Now()
	var (
		status  int
		data    []byte
		etag    string
		err     error
		wantOK  = http.StatusOK
		refPath = "/api/v1/partnerships/" + url.PathEscape(ref)
	)
	switch op {
	case "list":
		status, data, _, err = c.send(ctx, worker, http.MethodGet, "/api/v1/partnerships?limit=20", "", nil)
	case "show":
		status, data, etag, err = c.send(ctx, worker, http.MethodGet, refPath, "", nil)
	case "update":
		status, data, etag, err = c.send(ctx, worker, http.MethodPut, refPath, strconv.Quote(strconv.Itoa(revision)),
			c.updated(ref, fmt.Sprintf("Load test: connection %d, request %d.", worker, n)))
	case "generate":
		wantOK = http.StatusCreated
		status, data, _, err = c.send(ctx, worker, http.MethodPost, refPath+"/documents", "", []byte(`{"kind": "agreement"}`))
	}
	o := outcome{op: op, latency: time.Since(began), err: err}
	if err != nil {
		return o
	}
	if seen, perr := strconv.Atoi(strings.Trim(etag, `"`)); perr == nil && (status == http.StatusOK || status == http.StatusPreconditionFailed) {
		c.mu.Lock()
		c.revisions[ref] = max(c.revisions[ref], seen)
		c.mu.Unlock()
	}
	switch {
	case status == wantOK:
	case op == "update" && status == http.StatusPreconditionFailed:
		o.stale = true
	default:
		o.err = fmt.Errorf("%s %s: status %d: %.200s", op, ref, status, data)
	}
	return o
}

// updated is ref's partnership with a new purpose, as a PUT body.
func (c *client) updated(ref, purpose string) []byte {
	c.mu.Lock()
	p := make(map[string]any, len(c.bodies[ref]))
	for k, v := range c.bodies[ref] {
		p[k] = v
	}
	c.mu.Unlock()
	p["purpose"] = purpose
	body, _ := json.Marshal(p)
	return body
}

func pick(rng *rand.Rand) string {
	total := 0
	for _, op := range mix {
		total += op.weight
	}
	n := rng.IntN(total)
	for _, op := range mix {
		if n < op.weight {
			return op.name
		}
		n -= op.weight
	}
	return mix[0].name
}

// send sends one request through connection's instance.
func (c *client) send(ctx context.Context, connection int, method, path, ifMatch string, body []byte) (int, []byte, string, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.bases[connection%len(c.bases)]+path, r)
	if err != nil {
		return 0, nil, "", err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, resp.Header.Get("ETag"), err
}

// report prints a line per operation and a total, the first few errors,
// and returns the number of errors.
func report(w io.Writer, results []outcome, duration time.Duration) int {
	byOp := map[string][]outcome{}
	for _, o := range results {
		byOp[o.op] = append(byOp[o.op], o)
	}
	fmt.Fprintf(w, "%-9s %8s %8s %7s %7s %9s %9s %9s\n", "operation", "requests", "ok", "stale", "errors", "per s", "p50 ms", "p99 ms")
	line := func(name string, group []outcome) (errs int) {
		var ok, stale int
		latencies := make([]time.Duration, 0, len(group))
		for _, o := range group {
			latencies = append(latencies, o.latency)
			switch {
			case o.err != nil:
				errs++
			case o.stale:
				stale++
			default:
				ok++
			}
		}
		slices.Sort(latencies)
		fmt.Fprintf(w, "%-9s %8d %8d %7d %7d %9.1f %9.1f %9.1f\n", name, len(group), ok, stale, errs,
			float64(len(group))/duration.Seconds(), ms(percentile(latencies, 0.50)), ms(percentile(latencies, 0.99)))
		return errs
	}
	for _, op := range mix {
		line(op.name, byOp[op.name])
	}
	errs := line("all", results)
	shown := 0
	for _, o := range results {
		if o.err != nil && shown < 5 {
			fmt.Fprintln(w, "error:", o.err)
			shown++
		}
	}
	return errs
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// partnershipSamples names the samples that §3 does not exclude (a
// contract for services or a section 75 arrangement gets no agreement).
func partnershipSamples() ([]string, error) {
	var names []string
	for _, name := range samples.Names() {
		data, err := samples.Read(name)
		if err != nil {
			return nil, err
		}
		p, err := partnership.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if !partnership.Assess(p, partnership.DefaultCouncil(), time.Now()).Classification.Excluded() {
			names = append(names, name)
		}
	}
	return names, nil
}
