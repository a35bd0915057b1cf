package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"partnerdocs/internal/pdftest"
)

// fileSizeLimitKB is the file-size limit (RLIMIT_FSIZE, in KiB) the server
// runs under in TestStorageFull: room for SQLite's shared-memory index (32
// KiB) and a few pages of WAL, less than the register already holds, so a
// document does not fit and a checkpoint cannot write the file.
const fileSizeLimitKB = 64

// TestStorageFull runs the real binary as a child process under a file-size
// limit smaller than its SQLite register, so that writes fail as on a full
// disk (EFBIG; SQLite says SQLITE_IOERR_WRITE, and SQLITE_FULL for ENOSPC).
// A write is then answered 503 storage_full in the API's problem shape and
// leaves nothing behind, /readyz answers 503 storage_full, and what was
// stored before can still be read.
func TestStorageFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it")
	}
	bash := pdftest.Tool(t, "bash", "bash")
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	dbPath := filepath.Join(dir, "register.db")
	out, err := childCommand(bin, "token", "create", "--database", dbPath, "--name", "full-test", "--role", "officer").Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	api := &crashLoad{token: strings.TrimSpace(string(out)), client: &http.Client{Timeout: 30 * time.Second}}

	server := startChild(t, bin, dbPath)
	api.url = server.url
	ref, docPath := storeEarlierData(t, api)
	server.stop(t)
	if info, err := os.Stat(dbPath); err != nil || info.Size() <= 2*fileSizeLimitKB<<10 {
		t.Fatalf("the register holds %v bytes (%v): too little to be over the limit", info.Size(), err)
	}

	limited := childCommand(bash, "-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, fileSizeLimitKB),
		bin, "serve", "--database", dbPath, "--addr", "127.0.0.1:0")
	server = startServer(t, limited)
	api.url = server.url
	status, data, err := api.send(t.Context(), http.MethodPost, "/api/v1/partnerships/"+ref+"/documents", "", []byte(`{"kind": "agreement"}`))
	wantStorageFull(t, "a document generated on a full disk", status, data, err)
	status, data, err = api.send(t.Context(), http.MethodGet, "/readyz", "", nil)
	wantStorageFull(t, "/readyz on a full disk", status, data, err)

	for _, path := range []string{"/api/v1/partnerships/" + ref, docPath} {
		if status, data, err := api.send(t.Context(), http.MethodGet, path, "", nil); err != nil || status != http.StatusOK {
			t.Errorf("GET %s on a full disk: %d %v %.200s, want 200", path, status, err, data)
		}
	}
	status, data, err = api.send(t.Context(), http.MethodGet, "/api/v1/partnerships/"+ref+"/documents", "", nil)
	if err != nil || status != http.StatusOK || strings.Count(string(data), `"sha256"`) != 1 {
		t.Errorf("the partnership's documents after the failed write: %d %v %.300s, want the one stored before", status, err, data)
	}
	server.stop(t)
	if !strings.Contains(server.lastLines(), "no room to write") {
		t.Errorf("the log does not say why the write failed:\n%s", server.lastLines())
	}
}

// storeEarlierData creates a partnership, generates its agreement and
// revises it, returning its ref and the document's address. The next
// agreement is of the new revision, so its bytes are new: no earlier
// document's stored bytes can stand for them.
func storeEarlierData(t *testing.T, api *crashLoad) (ref, docPath string) {
	t.Helper()
	status, data, err := api.send(t.Context(), http.MethodPost, "/api/v1/partnerships", "", partnershipWithoutRef(t))
	if err != nil || status != http.StatusCreated {
		t.Fatalf("create: %d %v %.300s", status, err, data)
	}
	rev, err := acknowledgedRevision(data)
	if err != nil {
		t.Fatal(err)
	}
	status, data, err = api.send(t.Context(), http.MethodPost, "/api/v1/partnerships/"+rev.ref+"/documents", "", []byte(`{"kind": "agreement"}`))
	var doc struct {
		ID int64 `json:"id"`
	}
	if err != nil || status != http.StatusCreated || json.Unmarshal(data, &doc) != nil || doc.ID == 0 {
		t.Fatalf("generate: %d %v %.300s", status, err, data)
	}
	revised := bytes.Replace(partnershipWithoutRef(t), []byte(`"purpose": "`), []byte(`"purpose": "Revised. `), 1)
	status, data, err = api.send(t.Context(), http.MethodPut, "/api/v1/partnerships/"+rev.ref, `"1"`, revised)
	if err != nil || status != http.StatusOK {
		t.Fatalf("revise: %d %v %.300s", status, err, data)
	}
	return rev.ref, fmt.Sprintf("/api/v1/documents/%d", doc.ID)
}

// wantStorageFull checks an answer is 503 storage_full, a problem with a
// message.
func wantStorageFull(t *testing.T, what string, status int, data []byte, err error) {
	t.Helper()
	var problem struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
		Detail string `json:"detail"`
	}
	if err != nil || status != http.StatusServiceUnavailable || json.Unmarshal(data, &problem) != nil ||
		problem.Code != "storage_full" || problem.Status != status || problem.Detail == "" {
		t.Errorf("%s: %d %v %.300s, want 503 storage_full with a message", what, status, err, data)
	}
}

// buildBinary builds partnerdocs into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "partnerdocs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
