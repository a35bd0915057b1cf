package partnerdocs_test

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "partnerdocs"

// allowedImports is DESIGN.md's picture of the packages: the packages of
// ours each one may import directly. Arrows only point down; anything not
// listed is refused, and a new package must be given a line here.
var allowedImports = map[string][]string{
	"cmd": {"api", "web", "workflow", "generator", "store", "templates", "partnership", "samples"},
	// The front ends use the use cases and the domain, nothing below them.
	"api": {"workflow", "partnership"},
	"web": {"workflow", "partnership"},
	// workflow: what users do, once for every front end.
	"workflow":  {"partnership", "generator", "generator/workbook"},
	"generator": {"partnership", "templates", "generator/outline", "generator/fonts", "generator/pdf", "generator/docx", "generator/html", "generator/compare"},
	// The renderers draw an outline and know nothing else of the pipeline;
	// pdf and docx measure text with the fonts. None imports another.
	"generator/outline": {},
	"generator/fonts":   {},
	"generator/pdf":     {"generator/outline", "generator/fonts"},
	"generator/docx":    {"generator/outline", "generator/fonts"},
	"generator/html":    {"generator/outline"},
	// generator/compare compares two outlines and writes the redline.
	"generator/compare": {"generator/outline"},
	// generator/workbook writes the CMT workbook and reads its return from
	// the partnerships alone: it knows nothing of the documents.
	"generator/workbook": {"partnership"},
	"store":              {"partnership"},
	"templates":          {"partnership"},
	"partnership":        {},
	"samples":            {"partnership"},
	// internal/ holds helpers for tests only (pdftest): they import nothing
	// of ours, and no package's non-test code may import them.
	"internal": {},
	// scripts/ holds tools the load scripts run (loadmix): they may read the
	// samples and nothing else of ours.
	"scripts": {"samples", "partnership"},
}

// databaseDrivers may be linked only into cmd and store: the API and the
// documents work against interfaces, never a driver.
var databaseDrivers = []string{
	"modernc.org/sqlite", "github.com/jackc/pgx", "github.com/lib/pq", "github.com/mattn/go-sqlite3",
}

// pkg is what `go list` says about one of our packages.
type pkg struct {
	path    string   // import path
	imports []string // direct, ours and others
	deps    []string // transitive
}

func TestImportDirection(t *testing.T) {
	for _, p := range listPackages(t) {
		layer := layerOf(p.path)
		if layer == "" {
			continue // the module root holds only this test
		}
		allowed, ok := allowedImports[layer]
		if !ok {
			t.Errorf("%s: no rule for package layer %q; add it to allowedImports as DESIGN.md says", p.path, layer)
			continue
		}
		for _, imp := range p.imports {
			if to := layerOf(imp); isOurs(imp) && to != layer && !slices.Contains(allowed, to) {
				t.Errorf("%s imports %s: %s may import only %v", p.path, imp, layer, allowed)
			}
		}
		checkDrivers(t, layer, p)
	}
}

// TestPartnershipIsTheFoundation: the domain package links nothing but the
// standard library and golang.org/x/text.
func TestPartnershipIsTheFoundation(t *testing.T) {
	out := goList(t, "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./partnership")
	for dep := range strings.FieldsSeq(out) {
		if dep != module+"/partnership" && !strings.HasPrefix(dep, "golang.org/x/text/") {
			t.Errorf("partnership depends on %s", dep)
		}
	}
}

func checkDrivers(t *testing.T, layer string, p pkg) {
	if layer == "cmd" || layer == "store" {
		return
	}
	for _, dep := range p.deps {
		for _, driver := range databaseDrivers {
			if strings.HasPrefix(dep, driver) {
				t.Errorf("%s links the database driver %s", p.path, dep)
			}
		}
	}
}

// subLayers are the layers that are not their first path element: each of
// generator's own packages has its rule.
var subLayers = []string{"generator/"}

// layerOf names the layer of one of our import paths: partnerdocs/cmd/partnerdocs
// is "cmd", partnerdocs/generator/pdf is "generator/pdf" (and
// partnerdocs/generator/pdf/x would be too), partnerdocs/generator is
// "generator", the root is "".
func layerOf(importPath string) string {
	rest, ok := strings.CutPrefix(importPath, module+"/")
	if !ok {
		return ""
	}
	for _, parent := range subLayers {
		if sub, ok := strings.CutPrefix(rest, parent); ok {
			name, _, _ := strings.Cut(sub, "/")
			return parent + name
		}
	}
	layer, _, _ := strings.Cut(rest, "/")
	return layer
}

func isOurs(importPath string) bool {
	return importPath == module || strings.HasPrefix(importPath, module+"/")
}

// listPackages asks the go command about every package of the module, tests
// aside (go list without -test leaves test-only imports out).
func listPackages(t *testing.T) []pkg {
	t.Helper()
	out := goList(t, "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}", "./...")
	var pkgs []pkg
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), "|", 3)
		if len(fields) != 3 {
			t.Fatalf("unexpected go list line %q", sc.Text())
		}
		pkgs = append(pkgs, pkg{path: fields[0], imports: strings.Fields(fields[1]), deps: strings.Fields(fields[2])})
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return pkgs
}

// goList runs the go command that is running this test. Without one the
// test cannot say anything: it skips on a developer's machine and fails in
// CI, where the tool must be there.
func goList(t *testing.T, args ...string) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the go command is not on PATH: %v", err)
		}
		t.Skipf("the go command is not on PATH: %v", err)
	}
	cmd := exec.Command(goCmd, append([]string{"list", "-e"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v\n%s", args, err, stderr.String())
	}
	return string(out)
}
