// Command cmt10k is what scripts/cmt-10k.sh needs to measure issue 5's
// target for the annual CMT workbook: a register of 10,000 partnerships
// (each with 5 targets, 8 risks and 3 representatives), its workbook in at
// most 2 s and 150 MiB, and the return of it imported in at most 5 s.
//
//	cmt10k seed -url http://127.0.0.1:PORT -token SECRET [-n 10000] [-c 8]
//	cmt10k fill -in WORKBOOK -out RETURN
//	cmt10k time -- PROGRAM ARGS...
//
// seed creates n partnerships through a running `partnerdocs serve`, shaped
// as cmd/partnerdocs's BenchmarkImportReturn10k shapes them (refs PP-00000,
// PP-00001, ..., no result for 2026/27 yet); it talks to 127.0.0.1 (or
// localhost, ::1) only. fill writes every Targets row's Actual, RAG and
// Commentary, as an officer would, and prints how many rows it filled. time
// runs a program and then prints, on standard error, one line such as
// `wall=1.23s maxrss=87.9MiB exit=0`, so the script needs no GNU time; it
// exits with the program's status.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// sheetTargets is the workbook's sheet of targets (generator.SheetTargets;
// scripts may not import the generator).
const sheetTargets = "Targets"

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "seed":
		err = seedCommand(os.Args[2:])
	case "fill":
		err = fillCommand(os.Args[2:])
	case "time":
		os.Exit(timeCommand(os.Args[2:]))
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cmt10k:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: cmt10k seed -url URL -token SECRET [-n 10000] [-c 8]")
	fmt.Fprintln(os.Stderr, "       cmt10k fill -in WORKBOOK -out RETURN")
	fmt.Fprintln(os.Stderr, "       cmt10k time -- PROGRAM ARGS...")
	os.Exit(2)
}

// usageError is a mistake on the command line: exit status 2.
func usageError(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "cmt10k: "+format+"\n", args...)
	os.Exit(2)
}

func seedCommand(args []string) error {
	fs := flag.NewFlagSet("cmt10k seed", flag.ExitOnError)
	target := fs.String("url", "", "the server's base `URL`, on loopback (required)")
	token := fs.String("token", "", "an officer token's `secret` (required)")
	n := fs.Int("n", 10_000, "partnerships to create, 1..100000")
	connections := fs.Int("c", 8, "concurrent connections, 1..64")
	fs.Parse(args)
	u, err := url.Parse(*target)
	switch {
	case *target == "" || *token == "":
		usageError("seed: -url and -token are required")
	case err != nil || u.Scheme != "http" || u.Host == "":
		usageError("seed: -url %q is not an http:// URL", *target)
	case !isLoopback(u.Hostname()):
		usageError("seed: -url %q is not on loopback (127.0.0.1, localhost, ::1)", *target)
	case *n < 1 || *n > 100_000:
		usageError("seed: -n must be 1..100000")
	case *connections < 1 || *connections > 64:
		usageError("seed: -c must be 1..64")
	}
	base, err := samplePartnership()
	if err != nil {
		return err
	}
	began := time.Now()
	s := newSeeder(strings.TrimRight(*target, "/"), *token, *connections)
	if err := s.seed(context.Background(), base, *n, *connections); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	took := time.Since(began)
	fmt.Printf("seeded %d partnerships in %.1fs (%.0f/s at %d connections)\n",
		*n, took.Seconds(), float64(*n)/took.Seconds(), *connections)
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func samplePartnership() (*partnership.Partnership, error) {
	data, err := samples.Read("waste-partnership.json")
	if err != nil {
		return nil, err
	}
	base, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("samples/waste-partnership.json: %w", err)
	}
	if len(base.Targets) == 0 || len(base.Risks) == 0 || len(base.Representatives) < 3 {
		return nil, errors.New("samples/waste-partnership.json needs targets, risks and 3 representatives")
	}
	return base, nil
}

// seeder creates partnerships through the API.
type seeder struct {
	base, token string
	http        *http.Client
}

func newSeeder(base, token string, connections int) *seeder {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = connections
	return &seeder{base: base, token: token, http: &http.Client{Transport: transport, Timeout: 30 * time.Second}}
}

// seed posts partnerships 0..n-1 from connections goroutines and stops at
// the first failure.
func (s *seeder) seed(ctx context.Context, base *partnership.Partnership, n, connections int) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range connections {
		wg.Go(func() {
			for i := range next {
				if err := s.create(ctx, samples.Shape10k(base, i)); err != nil {
					cancel(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// create posts one partnership and checks the answer is 201 with its ref.
func (s *seeder) create(ctx context.Context, p *partnership.Partnership) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/api/v1/partnerships", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Ref, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: reading the answer: %w", p.Ref, err)
	}
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("%s: POST /api/v1/partnerships answered %d, want 201: %.500s", p.Ref, resp.StatusCode, data)
	}
	var rev struct {
		Ref    string `json:"ref"`
		Number int    `json:"revision"`
	}
	if err := json.Unmarshal(data, &rev); err != nil {
		return fmt.Errorf("%s: the answer is not a revision: %w", p.Ref, err)
	}
	if rev.Ref != p.Ref || rev.Number != 1 {
		return fmt.Errorf("%s: stored as %s revision %d, want revision 1 of the same ref", p.Ref, rev.Ref, rev.Number)
	}
	return nil
}

func fillCommand(args []string) error {
	fs := flag.NewFlagSet("cmt10k fill", flag.ExitOnError)
	in := fs.String("in", "", "the CMT `workbook` written by partnerdocs workbook (required)")
	out := fs.String("out", "", "the `return` to write (required)")
	fs.Parse(args)
	if *in == "" || *out == "" {
		usageError("fill: -in and -out are required")
	}
	filled, err := fillTargets(*in, *out)
	if err != nil {
		return fmt.Errorf("fill: %w", err)
	}
	fmt.Println(filled)
	return nil
}

// fillTargets writes an actual, a RAG and a commentary on every row of the
// Targets sheet below its header, as fillAllTargets does in
// cmd/partnerdocs's benchmark, and returns how many rows it filled.
func fillTargets(from, to string) (int, error) {
	f, err := excelize.OpenFile(from)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rows, err := f.GetRows(sheetTargets)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, fmt.Errorf("%s: the %s sheet is empty", from, sheetTargets)
	}
	cols := map[string]int{}
	for j, v := range rows[0] {
		cols[v] = j
	}
	for _, name := range []string{"Actual", "RAG", "Commentary"} {
		if _, ok := cols[name]; !ok {
			return 0, fmt.Errorf("%s: the %s sheet has no %q column in its first row", from, sheetTargets, name)
		}
	}
	rags := []string{"Green", "Amber", "Red"}
	filled := 0
	for i := 1; i < len(rows); i++ {
		row := i + 1
		entries := []struct {
			col   string
			value any
		}{
			{"Actual", float64(40+i%20) + 0.5},
			{"RAG", rags[i%len(rags)]},
			{"Commentary", fmt.Sprintf("Commentary on row %d: progress in the year, as reported by the lead officer.", row)},
		}
		for _, e := range entries {
			cell, err := excelize.CoordinatesToCellName(cols[e.col]+1, row)
			if err != nil {
				return 0, err
			}
			if err := f.SetCellValue(sheetTargets, cell, e.value); err != nil {
				return 0, err
			}
		}
		filled++
	}
	if err := f.SaveAs(to); err != nil {
		return 0, err
	}
	return filled, nil
}

// timeCommand runs args[0] with the rest of args, its standard streams
// passed through, and reports its wall time and peak resident memory.
func timeCommand(args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		usageError("time: name a program: cmt10k time -- PROGRAM ARGS...")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	began := time.Now()
	err := cmd.Run()
	wall := time.Since(began)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintln(os.Stderr, "cmt10k: time:", err) // it never started
		return 127
	}
	state := cmd.ProcessState
	status := state.ExitCode()
	if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		status = 128 + int(ws.Signal())
	}
	maxrss := "?"
	if ru, ok := state.SysUsage().(*syscall.Rusage); ok {
		maxrss = fmt.Sprintf("%.1fMiB", float64(ru.Maxrss)/1024) // KiB on Linux
	}
	fmt.Fprintf(os.Stderr, "wall=%.2fs maxrss=%s exit=%d\n", wall.Seconds(), maxrss, status)
	return status
}
