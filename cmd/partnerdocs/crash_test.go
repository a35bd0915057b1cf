package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the test reads the register's file itself

	"partnerdocs/samples"
)

// TestCrashKeepsAcknowledgedWrites runs the real binary as a child process
// on a SQLite register, writes to it from four clients, kills it with
// SIGKILL while they are writing, starts it again on the same file and
// checks that nothing it acknowledged was lost and nothing is half-written:
// every acknowledged revision and document is there with the same bytes,
// the file passes PRAGMA integrity_check, every partnership's current
// revision is its count of revisions, every document has its bytes, and the
// audit trail has an entry for every acknowledged write.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it under load")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "partnerdocs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "register.db")
	out, err := childCommand(bin, "token", "create", "--database", dbPath, "--name", "crash-test", "--role", "officer").Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	token := strings.TrimSpace(string(out))

	server := startChild(t, bin, dbPath)
	load := &crashLoad{url: server.url, token: token, client: &http.Client{Timeout: 30 * time.Second},
		killAt: 40, enough: make(chan struct{})}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() { load.write(ctx, t, w, 200) })
	}
	select {
	case <-load.enough:
	case <-ctx.Done():
		t.Fatalf("only %d writes acknowledged before the deadline", load.acked())
	}
	load.markKilled() // from here on, a failed request is the crash
	server.kill(t)
	wg.Wait()
	if t.Failed() {
		return
	}
	t.Logf("killed after %d acknowledged writes (%d revisions, %d documents)", load.acked(), len(load.revisions), len(load.documents))

	server = startChild(t, bin, dbPath)
	load.url = server.url
	load.checkOverHTTP(t)
	server.stop(t)
	checkRegisterFile(t, dbPath, load)
}

// ackRevision is a revision the server acknowledged, and the SHA-256 of its
// partnership as JSON with sorted keys.
type ackRevision struct {
	ref    string
	number int
	sum    string
}

// ackDocument is a document the server acknowledged.
type ackDocument struct {
	id       int64
	ref      string
	revision int // the partnership revision it was generated from
	sha256   string
}

// crashLoad is the writers' shared state: what was acknowledged.
type crashLoad struct {
	url, token string
	client     *http.Client
	killAt     int           // close enough after this many acknowledged writes
	enough     chan struct{} // closed once killAt writes are acknowledged

	mu        sync.Mutex
	killed    bool
	revisions []ackRevision
	documents []ackDocument
}

func (l *crashLoad) acked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.revisions) + len(l.documents)
}

func (l *crashLoad) markKilled() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.killed = true
}

func (l *crashLoad) record(rev *ackRevision, doc *ackDocument) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if rev != nil {
		l.revisions = append(l.revisions, *rev)
	}
	if doc != nil {
		l.documents = append(l.documents, *doc)
	}
	if len(l.revisions)+len(l.documents) == l.killAt {
		close(l.enough)
	}
}

// write is one client: it creates a partnership, updates it twice with
// If-Match and generates an agreement from it, over and over, at most ops
// requests. Once the server is gone it stops; a failure before that fails
// the test.
func (l *crashLoad) write(ctx context.Context, t *testing.T, worker, ops int) {
	body := partnershipWithoutRef(t)
	var ref string
	current := 0
	for i := range ops {
		var (
			status int
			data   []byte
			err    error
		)
		switch {
		case i%4 == 0:
			status, data, err = l.send(ctx, http.MethodPost, "/api/v1/partnerships", "", body)
		case i%4 == 2:
			status, data, err = l.send(ctx, http.MethodPost, "/api/v1/partnerships/"+ref+"/documents", "",
				[]byte(`{"kind": "agreement"}`))
		default:
			changed := bytes.Replace(body, []byte(`"purpose": "`), fmt.Appendf(nil, `"purpose": "Writer %d, step %d. `, worker, i), 1)
			status, data, err = l.send(ctx, http.MethodPut, "/api/v1/partnerships/"+ref, fmt.Sprintf(`"%d"`, current), changed)
		}
		l.mu.Lock()
		killed := l.killed
		l.mu.Unlock()
		if err != nil || status >= 500 && killed {
			if !killed && ctx.Err() == nil {
				t.Errorf("writer %d: %v", worker, err)
			}
			return
		}
		if status != http.StatusOK && status != http.StatusCreated {
			t.Errorf("writer %d, step %d: status %d: %s", worker, i, status, data)
			return
		}
		if i%4 == 2 {
			var d struct {
				ID       int64  `json:"id"`
				Ref      string `json:"ref"`
				Revision int    `json:"revision"`
				SHA256   string `json:"sha256"`
			}
			if err := json.Unmarshal(data, &d); err != nil || d.ID == 0 || d.SHA256 == "" {
				t.Errorf("writer %d: document %s: %v", worker, data, err)
				return
			}
			l.record(nil, &ackDocument{id: d.ID, ref: d.Ref, revision: d.Revision, sha256: d.SHA256})
			continue
		}
		rev, err := acknowledgedRevision(data)
		if err != nil {
			t.Errorf("writer %d: %v", worker, err)
			return
		}
		ref, current = rev.ref, rev.number
		l.record(rev, nil)
	}
}

func (l *crashLoad) send(ctx context.Context, method, path, ifMatch string, body []byte) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, l.url+path, r)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+l.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	resp, err := l.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// checkOverHTTP reads every acknowledged revision and document back from
// the restarted server.
func (l *crashLoad) checkOverHTTP(t *testing.T) {
	t.Helper()
	ctx := t.Context()
	for _, want := range l.revisions {
		status, data, err := l.send(ctx, http.MethodGet, fmt.Sprintf("/api/v1/partnerships/%s/revisions/%d", want.ref, want.number), "", nil)
		if err != nil || status != http.StatusOK {
			t.Errorf("acknowledged revision %s/%d: status %d, %v: %s", want.ref, want.number, status, err, data)
			continue
		}
		got, err := acknowledgedRevision(data)
		if err != nil || *got != want {
			t.Errorf("revision %s/%d after the crash: %+v, %v; want %+v", want.ref, want.number, got, err, want)
		}
	}
	for _, want := range l.documents {
		status, data, err := l.send(ctx, http.MethodGet, fmt.Sprintf("/api/v1/documents/%d", want.id), "", nil)
		if err != nil || status != http.StatusOK {
			t.Errorf("acknowledged document %d: status %d, %v", want.id, status, err)
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want.sha256 {
			t.Errorf("document %d: the bytes' SHA-256 is %x, acknowledged %s", want.id, sum, want.sha256)
		}
	}
}

// checkRegisterFile opens the register's file after the server has stopped
// and checks it whole, and the audit trail for every acknowledged write.
func checkRegisterFile(t *testing.T, dbPath string, l *crashLoad) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("PRAGMA integrity_check: %q, %v", integrity, err)
	}
	var fkProblems int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&fkProblems); err != nil || fkProblems != 0 {
		t.Errorf("foreign key check: %d problems, %v", fkProblems, err)
	}
	wantNone := map[string]string{
		"partnerships whose current revision is not their count of revisions": `SELECT COUNT(*) FROM partnerships p
			WHERE p.revision <> (SELECT COUNT(*) FROM revisions r WHERE r.ref = p.ref)
			   OR p.revision <> (SELECT MAX(number) FROM revisions r WHERE r.ref = p.ref)`,
		"revisions without a partnership": `SELECT COUNT(*) FROM revisions r
			WHERE NOT EXISTS (SELECT 1 FROM partnerships p WHERE p.ref = r.ref)`,
		"documents without bytes": `SELECT COUNT(*) FROM documents d WHERE NOT EXISTS
			(SELECT 1 FROM document_contents c WHERE c.sha256 = d.sha256 AND (length(c.bytes) > 0 OR length(c.chunks) > 0))`,
	}
	for what, query := range wantNone {
		var n int
		if err := db.QueryRow(query).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d, %v", what, n, err)
		}
	}
	// Every document's content is there (above), and its bytes hash to the
	// SHA-256 it is kept under (read over HTTP); here, each chunk a content
	// lists is kept and hashes to its own SHA-256.
	checkChunks(t, db)
	audited := func(action, object string, toRevision int) bool {
		var n int
		err := db.QueryRow(`SELECT COUNT(*) FROM audit WHERE action = ? AND object = ? AND to_revision = ?`,
			action, object, toRevision).Scan(&n)
		return err == nil && n == 1
	}
	for _, rev := range l.revisions {
		action := "partnership.update"
		if rev.number == 1 {
			action = "partnership.create"
		}
		if !audited(action, "partnership:"+rev.ref, rev.number) {
			t.Errorf("no single %s audit entry for %s revision %d", action, rev.ref, rev.number)
		}
	}
	for _, doc := range l.documents {
		if !audited("document.generate", fmt.Sprintf("document:%d", doc.id), doc.revision) {
			t.Errorf("no single document.generate audit entry for document %d", doc.id)
		}
	}
}

// checkChunks checks that every chunk of the register hashes to the
// SHA-256 it is kept under and every chunk a content lists is kept.
func checkChunks(t *testing.T, db *sql.DB) {
	t.Helper()
	kept := map[string]bool{}
	rows, err := db.Query(`SELECT sha256, bytes FROM content_chunks`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum, body []byte
		if err := rows.Scan(&sum, &body); err != nil {
			t.Fatal(err)
		}
		if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
			t.Errorf("chunk %x: its bytes hash to %x", sum, got)
		}
		kept[string(sum)] = true
	}
	lists, err := db.Query(`SELECT sha256, chunks FROM document_contents WHERE chunks IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer lists.Close()
	for lists.Next() {
		var content string
		var list []byte
		if err := lists.Scan(&content, &list); err != nil {
			t.Fatal(err)
		}
		for sum := range slices.Chunk(list, sha256.Size) {
			if !kept[string(sum)] {
				t.Errorf("content %s: its chunk %x is missing", content, sum)
			}
		}
	}
	if err := errors.Join(rows.Err(), lists.Err()); err != nil {
		t.Fatal(err)
	}
}

// acknowledgedRevision reads a revision from the server's answer.
func acknowledgedRevision(data []byte) (*ackRevision, error) {
	var rev struct {
		Ref         string         `json:"ref"`
		Number      int            `json:"revision"`
		Partnership map[string]any `json:"partnership"`
	}
	if err := json.Unmarshal(data, &rev); err != nil || rev.Ref == "" || rev.Number == 0 {
		return nil, fmt.Errorf("not a revision (%v): %.300s", err, data)
	}
	canonical, err := json.Marshal(rev.Partnership) // keys sorted
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(canonical)
	return &ackRevision{ref: rev.Ref, number: rev.Number, sum: hex.EncodeToString(sum[:])}, nil
}

func partnershipWithoutRef(t *testing.T) []byte {
	data, err := samples.Read("waste-partnership.json")
	if err != nil {
		t.Error(err)
		return nil
	}
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		t.Error(err)
		return nil
	}
	delete(p, "ref")
	out, _ := json.MarshalIndent(p, "", " ")
	return out
}

// child is "partnerdocs serve" running as a child process.
type child struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{} // closed when the process has exited
	mu   sync.Mutex
	log  []string // the last lines it wrote to stderr
}

// childCommand runs the binary with none of the PARTNERDOCS_ variables of
// the test's own environment.
func childCommand(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, envPrefix) {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	return cmd
}

// startChild starts the server on a free loopback port and waits, at most
// 30 s, for its "listening" log line, which names the port.
func startChild(t *testing.T, bin, dbPath string) *child {
	t.Helper()
	return startServer(t, childCommand(bin, "serve", "--database", dbPath, "--addr", "127.0.0.1:0"))
}

// startServer starts cmd, which runs "partnerdocs serve" on 127.0.0.1:0,
// and waits as startChild does.
func startServer(t *testing.T, cmd *exec.Cmd) *child {
	t.Helper()
	c := &child{cmd: cmd, done: make(chan struct{})}
	stderr, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.cmd.Process.Kill()
		<-c.done
	})
	listening := make(chan string, 1)
	go func() {
		defer close(c.done)
		scanner := bufio.NewScanner(stderr)
		for scanner.Scan() {
			line := scanner.Text()
			c.mu.Lock()
			c.log = append(c.log[max(0, len(c.log)-20):], line)
			c.mu.Unlock()
			var entry struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "listening" {
				listening <- entry.Addr
			}
		}
		io.Copy(io.Discard, stderr)
		c.cmd.Wait()
	}()
	select {
	case addr := <-listening:
		if !strings.HasPrefix(addr, "127.0.0.1:") {
			t.Fatalf("listening on %q, not loopback", addr)
		}
		c.url = "http://" + addr
	case <-c.done:
		t.Fatalf("the server exited before listening:\n%s", c.lastLines())
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not log \"listening\" within 30 s:\n%s", c.lastLines())
	}
	return c
}

func (c *child) lastLines() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.log, "\n")
}

// kill sends SIGKILL and waits for the process to be gone.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-c.done
}

// stop asks the server to shut down (SIGTERM) and waits at most 30 s.
func (c *child) stop(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not stop within 30 s:\n%s", c.lastLines())
	}
}
