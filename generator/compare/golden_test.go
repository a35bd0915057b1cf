package compare_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"partnerdocs/generator"
	"partnerdocs/generator/compare"
	"partnerdocs/partnership"
	"partnerdocs/samples"
	"partnerdocs/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	oldTime = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	newTime = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
)

// pair is a golden pair: a sample, a change to it, and the generators each
// version is made with.
type pair struct {
	name   string
	sample string
	change func(p *partnership.Partnership)
	// swap makes the changed partnership the older version.
	swap bool
	// newTemplates, when set, makes the newer version with a changed copy
	// of the templates.
	newTemplates bool
	// check says what the summary must hold.
	check func(t *testing.T, s compare.Summary)
}

var pairs = []pair{
	{name: "same", sample: "waste-partnership.json", change: func(*partnership.Partnership) {},
		check: func(t *testing.T, s compare.Summary) {
			// Only the opening's generation date differs.
			wantClauses(t, "changed", s.Changed, "")
			wantClauses(t, "moved", s.Moved)
		}},
	{name: "clause-added", sample: "waste-partnership.json", change: cashOnly, swap: true,
		check: func(t *testing.T, s compare.Summary) {
			wantClauses(t, "added", s.Added, "aligned-resources")
			wantClauses(t, "removed", s.Removed)
			wantClauses(t, "renumbered", s.Renumbered, "audit", "underspends", "budgets", "subsidy-procurement", "vat")
			wantClauses(t, "moved", s.Moved)
		}},
	{name: "clause-removed", sample: "waste-partnership.json", change: cashOnly,
		check: func(t *testing.T, s compare.Summary) {
			wantClauses(t, "removed", s.Removed, "aligned-resources")
			wantClauses(t, "added", s.Added)
			wantTable(t, s, "schedule-contributions", 0, 5, 3)
		}},
	{name: "clause-changed", sample: "waste-partnership.json", change: func(p *partnership.Partnership) { p.Governance.Quorum = 4 },
		check: func(t *testing.T, s compare.Summary) {
			wantClauses(t, "changed", s.Changed, "", "board-meetings", "schedule-governance")
			wantClauses(t, "renumbered", s.Renumbered)
		}},
	{name: "partner-added", sample: "waste-partnership.json", change: addPartner,
		check: func(t *testing.T, s compare.Summary) {
			wantTable(t, s, "schedule-partners", 1, 0, 0)
		}},
	{name: "contribution-changed", sample: "waste-partnership.json", change: func(p *partnership.Partnership) {
		p.Contributions[5].AmountPence = 2950000
	}, check: func(t *testing.T, s compare.Summary) {
		wantTable(t, s, "schedule-contributions", 0, 0, 3) // the row, the year's total, the grand total
	}},
	{name: "template-changed", sample: "waste-partnership.json", change: func(*partnership.Partnership) {}, newTemplates: true,
		check: func(t *testing.T, s compare.Summary) {
			if !s.TemplateChanged {
				t.Error("the summary does not say the template changed")
			}
			wantClauses(t, "moved", s.Moved, "complaints")
			wantClauses(t, "renumbered", s.Renumbered, "disputes")
		}},
	{name: "mou-template-changed", sample: "youth-employment-mou.json", change: func(*partnership.Partnership) {}, newTemplates: true},
	{name: "awkward-names", sample: "awkward-names.json", change: func(p *partnership.Partnership) {
		p.Partners[1].Name = "Smith & Daughters <Trading> [UK] #1"
	}},
}

// wantClauses checks the ids of the clauses a summary lists under one head.
func wantClauses(t *testing.T, what string, got []compare.ClauseRef, ids ...string) {
	t.Helper()
	var gotIDs []string
	for _, c := range got {
		gotIDs = append(gotIDs, c.ID)
	}
	if !slices.Equal(gotIDs, ids) {
		t.Errorf("clauses %s: got %q, want %q", what, gotIDs, ids)
	}
}

// wantTable checks the row counts of the first changed table in a clause.
func wantTable(t *testing.T, s compare.Summary, id string, added, removed, changed int) {
	t.Helper()
	for _, tc := range s.Tables {
		if tc.Clause.ID == id {
			if tc.Added != added || tc.Removed != removed || tc.Changed != changed {
				t.Errorf("%s: rows added, removed, changed %d, %d, %d; want %d, %d, %d",
					id, tc.Added, tc.Removed, tc.Changed, added, removed, changed)
			}
			return
		}
	}
	t.Errorf("no table in %s changed", id)
}

// cashOnly drops every contribution but cash, so the clause on resources
// kept by each partner goes.
func cashOnly(p *partnership.Partnership) {
	p.Contributions = slices.DeleteFunc(p.Contributions, func(c partnership.Contribution) bool {
		return c.Type != partnership.ContributionTypeCash
	})
}

func addPartner(p *partnership.Partnership) {
	np := p.Partners[1]
	np.ID, np.Name, np.IsLead = "rushden", "Rushden Town Council", false
	np.RegistrationNumber = ""
	p.Partners = append(p.Partners, np)
}

func TestGoldenPairs(t *testing.T) {
	current := newGenerator(t, nil)
	changed := newGenerator(t, changedTemplates(t))
	for _, pc := range pairs {
		t.Run(pc.name, func(t *testing.T) {
			oldP, newP := loadSample(t, pc.sample), loadSample(t, pc.sample)
			pc.change(newP)
			if pc.swap {
				oldP, newP = newP, oldP
			}
			newGen := current
			if pc.newTemplates {
				newGen = changed
			}
			r := compareVersions(t, current, newGen, kindOf(pc.sample), oldP, newP)
			if pc.check != nil {
				pc.check(t, r.Summary)
			}
			got, err := compare.RenderHTML(r)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", pc.name+".html"), got)
		})
	}
}

func kindOf(sample string) string {
	if strings.Contains(sample, "mou") {
		return "mou"
	}
	return "agreement"
}

func compareVersions(t testing.TB, oldGen, newGen *generator.Generator, kind string, oldP, newP *partnership.Partnership) *compare.Result {
	t.Helper()
	ctx := context.Background()
	old, err := oldGen.Version(ctx, kind, generator.VersionRequest{Partnership: oldP, At: oldTime, Label: "Version 1 (revision 1)"})
	if err != nil {
		t.Fatal(err)
	}
	new, err := newGen.Version(ctx, kind, generator.VersionRequest{Partnership: newP, At: newTime, Label: "Version 2 (revision 2)"})
	if err != nil {
		t.Fatal(err)
	}
	return compare.Compare(old, new)
}

func newGenerator(t testing.TB, fsys fs.FS) *generator.Generator {
	t.Helper()
	g, err := generator.New(generator.Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func loadSample(t testing.TB, name string) *partnership.Partnership {
	t.Helper()
	b, err := samples.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// changedTemplates is a copy of the templates as a later version might be:
// the agreement and MoU at their next minor version, disputes before complaints (two
// clauses moved), and the variation clause reworded.
func changedTemplates(t testing.TB) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(templates.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.Embedded(), path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"agreement", "mou"} {
		doc := out[kind+"/document.md.tmpl"]
		s := nextMinorVersion(string(doc.Data))
		complaints, disputes := `{{template "`+kind+`/complaints" .}}`, `{{template "`+kind+`/disputes" .}}`
		s = strings.Replace(s, complaints, "\x00", 1)
		s = strings.Replace(s, disputes, complaints, 1)
		s = strings.Replace(s, "\x00", disputes, 1)
		doc.Data = []byte(s)
	}
	reword(t, out, "agreement/information.md.tmpl", "signed on behalf of every Partner.",
		"signed on behalf of every Partner and recorded in the minutes of the Board.")
	reword(t, out, "mou/information.md.tmpl", "only in writing agreed by every Partner",
		"only in writing signed on behalf of every Partner")
	return out
}

// nextMinorVersion raises the minor version in a template's front matter,
// whatever it is now ("1.1.0" becomes "1.2.0").
func nextMinorVersion(doc string) string {
	re := regexp.MustCompile(`(?m)^version: (\d+)\.(\d+)\.\d+$`)
	return re.ReplaceAllStringFunc(doc, func(line string) string {
		m := re.FindStringSubmatch(line)
		minor, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("version: %s.%d.0", m[1], minor+1)
	})
}

// reword replaces from with to in one template.
func reword(t testing.TB, fsys fstest.MapFS, path, from, to string) {
	t.Helper()
	f := fsys[path]
	if f == nil || !bytes.Contains(f.Data, []byte(from)) {
		t.Fatalf("%s does not say %q", path, from)
	}
	f.Data = bytes.Replace(f.Data, []byte(from), []byte(to), 1)
}

// checkGolden compares got with the golden file, or rewrites it under
// -update; a failure shows the first line that differs.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s: line %d differs:\n got: %s\nwant: %s\n(go test -update rewrites it)", path, i+1, gl, wl)
		}
	}
}
