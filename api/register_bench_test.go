package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"partnerdocs/api"
	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/store"
	"partnerdocs/workflow"
)

// BenchmarkCreateGenerateStore is one officer's whole first step, over real
// HTTP on 127.0.0.1 against a SQLite register: create a partnership, then
// generate its draft agreement (PDF), which the register stores. The issue's
// target is 25 ms per iteration.
func BenchmarkCreateGenerateStore(b *testing.B) {
	reg, err := store.Open(b.Context(), filepath.Join(b.TempDir(), "register.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer reg.Close()
	gen, err := generator.New(generator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s, err := api.New(api.Config{Generator: gen, Register: reg, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	secret, hash := workflow.NewToken()
	admin := partnership.Actor{Name: "bench", Role: partnership.RoleAdmin}
	if _, err := reg.CreateToken(b.Context(), &partnership.Token{Name: "bench", Role: partnership.RoleOfficer, Hash: hash}, admin); err != nil {
		b.Fatal(err)
	}
	body, err := samples.Read("waste-partnership.json")
	if err != nil {
		b.Fatal(err)
	}
	body = bytes.Replace(body, []byte(`"ref": "PP-2026-001",`), nil, 1) // the register assigns refs
	post := func(path string, body []byte) (int, string) {
		req, err := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client().Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, resp.Header.Get("Location")
	}
	for b.Loop() {
		status, location := post("/api/v1/partnerships", body)
		if status != http.StatusCreated {
			b.Fatalf("create: status %d", status)
		}
		if status, _ := post(location+"/documents", []byte(`{"kind": "agreement"}`)); status != http.StatusCreated {
			b.Fatalf("generate: status %d", status)
		}
	}
}
