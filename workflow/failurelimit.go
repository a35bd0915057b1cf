package workflow

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Failed authentication (a bearer token on the API, a sign-in on the forms)
// is limited per client address and per token prefix so that nobody can
// guess tokens at speed: each address, and each prefix, may fail
// authFailureBurst times in a row, then once more per authFailureEvery. A
// token has 256 random bits, so this is not what keeps tokens secret; it
// keeps a guesser from costing us a database lookup per attempt and makes
// the attempts visible (429s on the API). Counting by prefix too stops the
// guesser who spreads attempts over many addresses (or one behind a proxy
// nobody named trusted) at one token: a revoked token retried from
// everywhere, or the rest of a token whose beginning was seen in a
// screenshot or a log. Only failures are ever counted or refused: a valid
// credential is let in whatever others have failed with the same address
// or prefix.
const (
	authFailureBurst   = 10
	authFailureEvery   = 6 * time.Second
	authFailureClients = 10_000 // addresses and prefixes remembered at most
	// tokenPrefixChars is how much of a presented secret, after its kind's
	// prefix ("pd_"), names it for the limit: 8 base64url characters (48
	// bits), so different tokens almost never share a count, while a
	// guesser at one token's tail always does.
	tokenPrefixChars = 8
)

// FailureLimiter is a token bucket per key (a client address or a token
// prefix; see FailureKeys), in a bounded map. A full bucket is the same as
// no entry, so entries that have refilled are dropped whenever room is
// needed. It is safe for concurrent use; each front end keeps its own.
//
// Several instances of the server share one register behind a load
// balancer, and a guesser who alternates between them would get a burst
// from each. So each failure is also counted in the register
// (FailureCounter), which answers how much of the key's allowance is left
// across every instance, and the local bucket is brought down to that:
// the next attempt on any instance is refused once the allowance is used,
// without a database lookup. Only failures reach the register; a valid
// credential costs nothing more.
type FailureLimiter struct {
	mu      sync.Mutex
	buckets map[string]bucket
	shared  FailureCounter // nil: this instance's own count only
}

// FailureCounter counts failed authentication for every instance that
// shares the register: CountAuthFailure takes one failure from each key's
// bucket (burst failures, then one more per every) and returns the fewest
// any key has left.
type FailureCounter interface {
	CountAuthFailure(ctx context.Context, keys []string, now time.Time, burst float64, every time.Duration) (float64, error)
}

// bucket is how many failures a key may still have, as of when.
type bucket struct {
	left float64
	at   time.Time
}

// NewFailureLimiter returns a limiter that remembers no failures yet and
// counts each failure in shared too (nil: only here). A register that can
// count failures (store.DB can) is shared when register is one.
func NewFailureLimiter(register any) *FailureLimiter {
	shared, _ := register.(FailureCounter)
	return &FailureLimiter{buckets: map[string]bucket{}, shared: shared}
}

// FailureKeys are what one attempt to authenticate is counted under: the
// client address, and, when a secret was presented, its prefix (the kind's
// own, such as "pd_", and the next tokenPrefixChars bytes). The keys live
// only in the limiter's memory; they are never logged.
func FailureKeys(addr, secret string) []string {
	keys := []string{"address " + addr}
	if secret == "" {
		return keys
	}
	n := tokenPrefixChars
	for _, kind := range []string{TokenPrefix, SignInLinkPrefix} {
		if strings.HasPrefix(secret, kind) {
			n += len(kind)
			break
		}
	}
	return append(keys, "token "+secret[:min(n, len(secret))])
}

// Wait returns how long an attempt counted under keys must wait before it
// may try again (the longest of their waits); zero when it may try now.
func (l *FailureLimiter) Wait(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, key := range keys {
		b, ok := l.buckets[key]
		if !ok {
			continue
		}
		if b = b.refilled(now); b.left < 1 {
			wait = max(wait, time.Duration((1-b.left)*float64(authFailureEvery)))
		}
	}
	return wait
}

// Fail records one failed authentication under each of keys, here and in
// the shared count. Should the shared count fail, this instance's own
// still holds, and the error is returned for the log.
func (l *FailureLimiter) Fail(ctx context.Context, now time.Time, keys ...string) error {
	l.failHere(now, keys)
	if l.shared == nil {
		return nil
	}
	left, err := l.shared.CountAuthFailure(ctx, keys, now, authFailureBurst, authFailureEvery)
	if err != nil {
		return fmt.Errorf("counting a failed authentication for every instance: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, key := range keys {
		if b := l.buckets[key].refilled(now); left < b.left {
			l.buckets[key] = bucket{left: left, at: now}
		}
	}
	return nil
}

func (l *FailureLimiter) failHere(now time.Time, keys []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, key := range keys {
		b, ok := l.buckets[key]
		if !ok {
			l.makeRoom(now)
			b = bucket{left: authFailureBurst, at: now}
		}
		b = b.refilled(now)
		b.left = max(b.left-1, 0)
		l.buckets[key] = b
	}
}

// makeRoom drops refilled buckets when the map is full, and if that is not
// enough, an arbitrary one: forgetting a key only gives it a fresh
// burst, while an unbounded map would let many keys exhaust memory.
func (l *FailureLimiter) makeRoom(now time.Time) {
	if len(l.buckets) < authFailureClients {
		return
	}
	for key, b := range l.buckets {
		if b.refilled(now).left >= authFailureBurst {
			delete(l.buckets, key)
		}
	}
	for key := range l.buckets {
		if len(l.buckets) < authFailureClients {
			break
		}
		delete(l.buckets, key)
	}
}

func (b bucket) refilled(now time.Time) bucket {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.left = min(b.left+float64(elapsed)/float64(authFailureEvery), authFailureBurst)
		b.at = now
	}
	return b
}

// ClientAddress is a request's client address for the failure limits:
// the connection's peer, or, when the peer is one of the trusted proxies,
// the address the proxies recorded in X-Forwarded-For (the first from the
// right that is not itself a trusted proxy). A client can never choose its
// own address: X-Forwarded-For from anyone but a trusted proxy is ignored,
// and so is a value that is not an address.
func ClientAddress(r *http.Request, trusted []*net.IPNet) string {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(peer); err == nil {
		peer = host
	}
	if !inAny(net.ParseIP(peer), trusted) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		switch {
		case ip == nil:
			return peer
		case !inAny(ip, trusted):
			return ip.String()
		}
	}
	return peer
}

func inAny(ip net.IP, nets []*net.IPNet) bool {
	for _, n := range nets {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads "CIDR,CIDR,…" (a bare address is one host).
func ParseTrustedProxies(list string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			if ip := net.ParseIP(item); ip != nil && ip.To4() != nil {
				item += "/32"
			} else {
				item += "/128"
			}
		}
		_, n, err := net.ParseCIDR(item)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or a CIDR range such as 10.0.0.0/8", item)
		}
		out = append(out, n)
	}
	return out, nil
}
