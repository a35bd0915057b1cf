package templates

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template"
)

const frontMatter = "---\nid: agreement\nkind: agreement\ntitle: Partnership Agreement\nversion: 1.2.0\n---\n"

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func goodFS() fstest.MapFS {
	return fstest.MapFS{
		"agreement/document.md.tmpl": file(frontMatter + "# {{.Title}}\n\n{{template \"agreement/term\" .}}\n"),
		"agreement/term.md.tmpl":     file("{{define \"agreement/term\"}}Starts {{shout .Start}}.{{end}}\n"),
		"mou/document.md.tmpl":       file("---\nid: mou\nkind: mou\ntitle: \"Memorandum of Understanding\"\nversion: 0.1.0\n---\n# MoU\n"),
		"README.md":                  file("not a kind"),
	}
}

var testFuncs = template.FuncMap{"shout": strings.ToUpper}

// TestTemplateHash: a kind's hash changes when any of its files does, even
// with its version unchanged, and not when another kind's does.
func TestTemplateHash(t *testing.T) {
	hashes := func(fsys fstest.MapFS) (agreement, mou string) {
		s, err := Load(fsys, testFuncs)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := s.Meta("agreement")
		m, _ := s.Meta("mou")
		return a.Hash, m.Hash
	}
	a0, m0 := hashes(goodFS())
	if a1, m1 := hashes(goodFS()); a1 != a0 || m1 != m0 {
		t.Fatal("the same files hash differently")
	}
	changed := goodFS()
	changed["agreement/term.md.tmpl"] = file("{{define \"agreement/term\"}}Starts {{shout .Start}}, or later.{{end}}\n")
	if a1, m1 := hashes(changed); a1 == a0 || m1 != m0 {
		t.Errorf("a partial changed: agreement %v (want changed), mou %v (want same)", a1 != a0, m1 != m0)
	}
}

func TestLoadGoodSet(t *testing.T) {
	s, err := Load(goodFS(), testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Kinds(), []string{"agreement", "mou"}; !slices.Equal(got, want) {
		t.Errorf("Kinds() = %v, want %v", got, want)
	}
	m, ok := s.Meta("mou")
	hash := m.Hash
	m.Hash = ""
	if !ok || m != (Meta{ID: "mou", Kind: "mou", Title: "Memorandum of Understanding", Version: "0.1.0"}) || len(hash) != 64 {
		t.Errorf("Meta(mou) = %+v (hash %q), %v", m, hash, ok)
	}
	if _, ok := s.Meta("isp"); ok {
		t.Error("Meta(isp) reported a kind that does not exist")
	}

	data := map[string]string{"Title": "Waste", "Start": "april"}
	var wg sync.WaitGroup
	for range 8 { // the set is shared by every request
		wg.Go(func() {
			var b strings.Builder
			if err := s.Execute(&b, "agreement", data); err != nil {
				t.Error(err)
				return
			}
			if got, want := b.String(), "# Waste\n\nStarts APRIL.\n"; got != want {
				t.Errorf("Execute = %q, want %q", got, want)
			}
		})
	}
	wg.Wait()

	var b strings.Builder
	err = s.Execute(&b, "agreement", map[string]string{"Title": "x"})
	if err == nil || !strings.Contains(err.Error(), "agreement/term.md.tmpl:1") {
		t.Errorf("missing key: got %v, want an error naming agreement/term.md.tmpl:1", err)
	}
	if err := s.Execute(&b, "isp", nil); err == nil {
		t.Error("Execute of an unknown kind succeeded")
	}
}

func TestLoadReportsFileAndLine(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		text  string
		where string // must appear in the error
	}{
		{"partial syntax", "agreement/term.md.tmpl", "{{define \"agreement/term\"}}\nline two\n{{end}}\n{{end}}\n", "template: agreement/term.md.tmpl:4:"},
		{"partial bad action", "agreement/term.md.tmpl", "{{define \"agreement/term\"}}\n\n{{range}}{{end}}{{end}}", "template: agreement/term.md.tmpl:3:"},
		{"partial unknown function", "agreement/term.md.tmpl", "{{define \"agreement/term\"}}\n{{whisper .X}}{{end}}", "template: agreement/term.md.tmpl:2:"},
		{"main file after front matter", "agreement/document.md.tmpl", frontMatter + "# x\n\n{{.Title\n", "started at agreement/document.md.tmpl:9"},
		{"undefined template", "agreement/document.md.tmpl", frontMatter + "\n{{template \"agreement/nope\" .}}\n", "template: agreement/document.md.tmpl:8:"},
		{"defined twice", "agreement/zz.md.tmpl", "\n{{define \"agreement/term\"}}again{{end}}", "template: agreement/zz.md.tmpl:2:27: template \"agreement/term\" is also defined in agreement/term.md.tmpl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := goodFS()
			fsys[c.file] = file(c.text)
			_, err := Load(fsys, testFuncs)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if !strings.Contains(err.Error(), c.where) {
				t.Errorf("error %q does not contain %q", err, c.where)
			}
		})
	}
}

func TestLoadRefusesBadFrontMatter(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		where string
	}{
		{"no front matter", "# Agreement\n", "agreement/document.md.tmpl:1: front matter"},
		{"missing id", "---\nkind: agreement\ntitle: T\nversion: 1\n---\n", "agreement/document.md.tmpl:5: front matter: id is missing"},
		{"missing kind", "---\nid: a\ntitle: T\nversion: 1\n---\n", "kind is missing"},
		{"missing title", "---\nid: a\nkind: agreement\nversion: 1\n---\n", "title is missing"},
		{"missing version", "---\nid: a\nkind: agreement\ntitle: T\n---\n", "version is missing"},
		{"empty version", "---\nid: a\nkind: agreement\ntitle: T\nversion:\n---\n", "version is missing"},
		{"unclosed", "---\nid: a\nkind: agreement\n", "no closing"},
		{"not key value", "---\nid a\n---\n", "agreement/document.md.tmpl:2: front matter"},
		{"unknown key", "---\nid: a\nkind: agreement\ntitle: T\nversion: 1\nauthor: me\n---\n", "agreement/document.md.tmpl:6: front matter: unknown key"},
		{"twice", "---\nid: a\nid: b\n---\n", "agreement/document.md.tmpl:3: front matter: id is given twice"},
		{"kind differs from directory", "---\nid: a\nkind: mou\ntitle: T\nversion: 1\n---\n", "kind \"mou\""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := goodFS()
			fsys["agreement/document.md.tmpl"] = file(c.text)
			_, err := Load(fsys, testFuncs)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			if !strings.Contains(err.Error(), c.where) || !strings.HasPrefix(err.Error(), "template: agreement/document.md.tmpl:") {
				t.Errorf("error %q does not name the file and contain %q", err, c.where)
			}
		})
	}
}

func TestLoadNeedsAMainFile(t *testing.T) {
	fsys := goodFS()
	delete(fsys, "mou/document.md.tmpl")
	fsys["mou/status.md.tmpl"] = file(`{{define "mou/status"}}x{{end}}`)
	if _, err := Load(fsys, testFuncs); err == nil || !strings.Contains(err.Error(), "mou/document.md.tmpl") {
		t.Errorf("got %v, want an error naming mou/document.md.tmpl", err)
	}
	if _, err := Load(fstest.MapFS{}, nil); err == nil {
		t.Error("an empty directory loaded")
	}
}

func TestEmbeddedHoldsTheAgreement(t *testing.T) {
	matches, err := fs.Glob(Embedded(), "agreement/*.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(matches, "agreement/"+MainFile) || len(matches) < 2 {
		t.Errorf("embedded agreement files = %v", matches)
	}
	// Executing the embedded set needs the generator's functions; the
	// generator's tests load and execute it (generator/template_test.go).
}

// LoadLazy reads every kind's front matter and hash at once, as Load does,
// but leaves a fault in a kind's templates to that kind's executions: the
// other kinds still execute, and Load refuses the same files.
func TestLoadLazyParsesAKindOnFirstUse(t *testing.T) {
	fsys := goodFS()
	fsys["mou/extra.md.tmpl"] = file("{{define \"mou/extra\"}}\n{{whisper .X}}{{end}}")
	if _, err := Load(fsys, testFuncs); err == nil || !strings.Contains(err.Error(), "mou/extra.md.tmpl:2:") {
		t.Fatalf("Load: got %v, want an error naming mou/extra.md.tmpl:2", err)
	}
	s, err := LoadLazy(fsys, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	eager, err := Load(goodFS(), testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	lazyMeta, _ := s.Meta("agreement")
	eagerMeta, _ := eager.Meta("agreement")
	if lazyMeta != eagerMeta || lazyMeta.Hash == "" {
		t.Errorf("Meta(agreement): lazy %+v, eager %+v", lazyMeta, eagerMeta)
	}
	var b strings.Builder
	if err := s.Execute(&b, "agreement", map[string]string{"Title": "Waste", "Start": "april"}); err != nil {
		t.Errorf("agreement: %v", err)
	}
	for range 2 { // the fault is reported each time, not only the first
		if err := s.Execute(&b, "mou", nil); err == nil || !strings.Contains(err.Error(), "mou/extra.md.tmpl:2:") {
			t.Errorf("mou: got %v, want an error naming mou/extra.md.tmpl:2", err)
		}
	}
}

// LoadLazy's front matter is checked when it loads, as Load's is.
func TestLoadLazyRefusesBadFrontMatter(t *testing.T) {
	fsys := goodFS()
	fsys["mou/document.md.tmpl"] = file("---\nid: mou\n---\n")
	if _, err := LoadLazy(fsys, testFuncs); err == nil || !strings.Contains(err.Error(), "mou/document.md.tmpl:3: front matter") {
		t.Errorf("got %v, want an error naming mou/document.md.tmpl:3", err)
	}
}

// Many requests may be the first of a kind at once: each kind is parsed
// once and every execution sees it whole (run with -race).
func TestLoadLazyConcurrentFirstUse(t *testing.T) {
	s, err := LoadLazy(goodFS(), testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"agreement": "# Waste\n\nStarts APRIL.\n", "mou": "# MoU\n"}
	data := map[string]string{"Title": "Waste", "Start": "april"}
	var wg sync.WaitGroup
	for i := range 16 {
		kind := s.Kinds()[i%2]
		wg.Go(func() {
			var b strings.Builder
			if err := s.Execute(&b, kind, data); err != nil {
				t.Error(err)
				return
			}
			if b.String() != want[kind] {
				t.Errorf("%s: %q, want %q", kind, b.String(), want[kind])
			}
		})
	}
	wg.Wait()
}

// The hash is recorded with every document and compared when a draft is
// approved, so its form must not change: each file, in name order, as its
// name's length and name, then its content's length and content.
func TestTemplateHashForm(t *testing.T) {
	fsys := goodFS()
	h := sha256.New()
	for _, name := range []string{"agreement/document.md.tmpl", "agreement/term.md.tmpl"} {
		data := fsys[name].Data
		fmt.Fprintf(h, "%d:%s%d:%s", len(name), name, len(data), data)
	}
	s, err := Load(fsys, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Meta("agreement"); m.Hash != hex.EncodeToString(h.Sum(nil)) {
		t.Errorf("hash %s, want %x", m.Hash, h.Sum(nil))
	}
}
