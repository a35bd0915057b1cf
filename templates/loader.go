package templates

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
)

// MainFile is the name of each kind's main template, the one that starts
// with front matter and is executed to produce the document.
const MainFile = "document.md.tmpl"

// Meta is what a document's front matter says about it.
type Meta struct {
	ID      string // stable identifier recorded with every generated document
	Kind    string // the directory the templates live in, e.g. "agreement"
	Title   string // printed as the document title and in the PDF metadata
	Version string // recorded with every generated document
	// Hash is the hex SHA-256 of every file of the kind, by name, in name
	// order: a document records it, so that approving a draft can tell
	// whether the templates changed since, whatever their version says.
	Hash string
}

// Set is every kind's templates. It is read-only after Load or LoadLazy
// and safe for concurrent use.
type Set struct {
	kinds  map[string]*kindSet
	limits Limits // see SetLimits; zero: the defaults
}

// kindSet is one kind: its front matter and hash, read when the set is
// loaded, and its templates, parsed once, on the first call of root.
type kindSet struct {
	meta Meta
	// root is the main file with the partials associated with it, or the
	// first fault found in them, with its file and line.
	root func() (*template.Template, error)
}

// Load parses every kind in fsys: each top-level directory holding a
// document.md.tmpl is a kind, and every *.md.tmpl beside it is parsed into
// the same template set. Errors name the file and line in text/template's
// own form, "template: agreement/finance.md.tmpl:12: ...". It is for
// templates that must be refused at start-up if any kind is faulty: a
// council's own (--templates DIR).
func Load(fsys fs.FS, funcs template.FuncMap) (*Set, error) {
	return load(fsys, funcs, true)
}

// LoadLazy is Load that reads only each kind's front matter and hash now
// and parses a kind's templates when it is first executed: a run that
// renders one kind does not parse the other five. A fault in a kind's
// templates is returned, with its file and line, by every ExecuteContext of
// that kind. It is for the embedded templates, which the tests load with
// Load, so that a broken one fails them.
func LoadLazy(fsys fs.FS, funcs template.FuncMap) (*Set, error) {
	return load(fsys, funcs, false)
}

func load(fsys fs.FS, funcs template.FuncMap, eager bool) (*Set, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	s := &Set{kinds: make(map[string]*kindSet)}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		ks, err := loadKind(fsys, e.Name(), funcs)
		if err != nil {
			return nil, err
		}
		if eager {
			if _, err := ks.root(); err != nil {
				return nil, err
			}
		}
		s.kinds[e.Name()] = ks
	}
	if len(s.kinds) == 0 {
		return nil, fmt.Errorf("templates: no document kinds found (expected DIR/%s)", MainFile)
	}
	return s, nil
}

// loadKind reads a kind's front matter and hashes its files; parsing them is
// left to the kind's root.
func loadKind(fsys fs.FS, dir string, funcs template.FuncMap) (*kindSet, error) {
	mainPath := path.Join(dir, MainFile)
	src, err := fs.ReadFile(fsys, mainPath)
	if err != nil {
		return nil, fmt.Errorf("template: %s: %w", mainPath, err)
	}
	meta, body, err := splitFrontMatter(mainPath, string(src))
	if err != nil {
		return nil, err
	}
	if meta.Kind != dir {
		return nil, fmt.Errorf("template: %s:1: front matter says kind %q but the file is in directory %q", mainPath, meta.Kind, dir)
	}
	files, err := fs.Glob(fsys, path.Join(dir, "*.md.tmpl"))
	if err != nil {
		return nil, fmt.Errorf("template: %s: %w", dir, err)
	}
	if meta.Hash, err = hashFiles(fsys, files); err != nil {
		return nil, err
	}
	return &kindSet{meta: meta, root: sync.OnceValues(func() (*template.Template, error) {
		return parseKind(fsys, mainPath, body, files, funcs)
	})}, nil
}

// parseKind parses a kind's main file body (front matter already replaced)
// and every partial beside it into one set, and checks it.
func parseKind(fsys fs.FS, mainPath, body string, files []string, funcs template.FuncMap) (*template.Template, error) {
	root := template.New(mainPath).Option("missingkey=error").Funcs(funcs)
	if _, err := root.Parse(body); err != nil {
		return nil, err
	}
	definedIn := map[string]string{}
	for _, t := range root.Templates() {
		definedIn[t.Name()] = mainPath
	}
	for _, p := range files {
		if p == mainPath {
			continue
		}
		if err := addPartial(root, fsys, p, funcs, definedIn); err != nil {
			return nil, err
		}
	}
	if err := checkReferences(root); err != nil {
		return nil, err
	}
	if err := checkRangeCounts(root); err != nil {
		return nil, err
	}
	return root, nil
}

// hashFiles is the hex SHA-256 of the files (sorted by name), each as its
// name's length and name, then its content's length and content, so no
// two sets of files hash alike. The files are streamed into the hash, not
// read whole: every kind is hashed at load, used or not.
func hashFiles(fsys fs.FS, files []string) (string, error) {
	h := sha256.New()
	buf := make([]byte, 4<<10) // the files are a few KB each
	for _, f := range slices.Sorted(slices.Values(files)) {
		if err := hashFile(h, buf, fsys, f); err != nil {
			return "", fmt.Errorf("template: %s: %w", f, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes one file, with its name and size, to h.
func hashFile(h io.Writer, buf []byte, fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%d:%s%d:", len(name), name, info.Size())
	n, err := io.CopyBuffer(h, f, buf)
	if err == nil && n != info.Size() {
		err = fmt.Errorf("read %d bytes of %d", n, info.Size())
	}
	return err
}

// addPartial parses one partial on its own, so that a template defined in
// two files is reported instead of the later one silently winning, and then
// adds its trees to the kind's set.
func addPartial(root *template.Template, fsys fs.FS, file string, funcs template.FuncMap, definedIn map[string]string) error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("template: %s: %w", file, err)
	}
	// Parsed apart from root, so that a name defined twice is seen, but
	// with the parser alone: a template.New per file would copy every
	// function into it, which was most of the parsing.
	trees, err := parse.Parse(file, string(src), "", "", funcs, builtinNames)
	if err != nil {
		return err
	}
	for name, tree := range trees {
		if name == file && parse.IsEmptyTree(tree.Root) {
			continue // the file's own top level, holding only definitions
		}
		if other, ok := definedIn[name]; ok {
			loc, _ := tree.ErrorContext(tree.Root)
			return fmt.Errorf("template: %s: template %q is also defined in %s", loc, name, other)
		}
		definedIn[name] = file
		if _, err := root.AddParseTree(name, tree); err != nil {
			return fmt.Errorf("template: %s: %w", file, err)
		}
	}
	return nil
}

// builtinNames are text/template's own functions, for the parser to know
// them by name (it never calls them). A function added to text/template
// after these and used in a template is refused when the embedded
// templates are parsed (TestEmbeddedTemplatesParse).
var builtinNames = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true, "len": true,
	"not": true, "or": true, "print": true, "printf": true, "println": true, "urlquery": true,
	"eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// Kinds returns the document kinds, sorted.
func (s *Set) Kinds() []string {
	out := make([]string, 0, len(s.kinds))
	for k := range s.kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Meta returns the front matter of a kind.
func (s *Set) Meta(kind string) (Meta, bool) {
	ks, ok := s.kinds[kind]
	if !ok {
		return Meta{}, false
	}
	return ks.meta, true
}

// Execute writes the kind's document, executed over data, to w.
func (s *Set) Execute(w io.Writer, kind string, data any) error {
	return s.ExecuteContext(context.Background(), w, kind, data)
}

// ExecuteContext is Execute that stops, at the template's next write, once
// ctx is done, with ctx's cause as the error.
func (s *Set) ExecuteContext(ctx context.Context, w io.Writer, kind string, data any) error {
	ks, ok := s.kinds[kind]
	if !ok {
		return fmt.Errorf("templates: no document kind %q", kind)
	}
	root, err := ks.root()
	if err != nil {
		return err
	}
	return execute(ctx, root, w, data, s.Limits())
}

// Prepare parses kind's templates now, if LoadLazy left them for the
// first ExecuteContext: a one-shot render starts it beside reading its
// input. A fault is kept for ExecuteContext to return; an unknown kind is
// ignored.
func (s *Set) Prepare(kind string) {
	if ks, ok := s.kinds[kind]; ok {
		_, _ = ks.root()
	}
}

// splitFrontMatter reads the front matter of a main file and returns the
// body with the front matter replaced by a template comment spanning the
// same lines, so that line numbers in later errors still match the file.
func splitFrontMatter(file, src string) (Meta, string, error) {
	errAt := func(line int, format string, args ...any) error {
		return fmt.Errorf("template: %s:%d: front matter: %s", file, line, fmt.Sprintf(format, args...))
	}
	lines := strings.SplitAfter(src, "\n")
	if len(lines) == 0 || trimLine(lines[0]) != "---" {
		return Meta{}, "", errAt(1, `the file must start with a line "---"`)
	}
	var m Meta
	seen := map[string]bool{}
	end := -1
	for i := 1; i < len(lines); i++ {
		line := trimLine(lines[i])
		if line == "---" {
			end = i
			break
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return Meta{}, "", errAt(i+1, "%q is not of the form key: value", line)
		}
		key, value = strings.TrimSpace(key), unquote(strings.TrimSpace(value))
		if seen[key] {
			return Meta{}, "", errAt(i+1, "%s is given twice", key)
		}
		seen[key] = true
		switch key {
		case "id":
			m.ID = value
		case "kind":
			m.Kind = value
		case "title":
			m.Title = value
		case "version":
			m.Version = value
		default:
			return Meta{}, "", errAt(i+1, "unknown key %q (expected id, kind, title, version)", key)
		}
	}
	if end < 0 {
		return Meta{}, "", errAt(len(lines), `no closing "---" line`)
	}
	for _, f := range []struct{ key, value string }{{"id", m.ID}, {"kind", m.Kind}, {"title", m.Title}, {"version", m.Version}} {
		if f.value == "" {
			return Meta{}, "", errAt(end+1, "%s is missing", f.key)
		}
	}
	var b strings.Builder
	b.WriteString("{{- /*")
	b.WriteString(strings.Repeat("\n", end+1))
	b.WriteString("*/ -}}")
	for _, l := range lines[end+1:] {
		b.WriteString(l)
	}
	return m, b.String(), nil
}

func trimLine(s string) string { return strings.TrimRight(s, " \t\r\n") }

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// checkReferences refuses a set in which a {{template "name"}} action names
// a template that no file defines, so the mistake is found at start-up with
// its file and line rather than when a document is generated.
func checkReferences(root *template.Template) error {
	return firstError(root, func(t *template.Template, n parse.Node) error {
		tn, ok := n.(*parse.TemplateNode)
		if !ok || root.Lookup(tn.Name) != nil {
			return nil
		}
		loc, _ := t.ErrorContext(tn)
		return fmt.Errorf("template: %s: no template %q is defined", loc, tn.Name)
	})
}

// firstError is the first error check finds in any node of any template of
// root, or nil.
func firstError(root *template.Template, check func(t *template.Template, n parse.Node) error) error {
	for _, t := range root.Templates() {
		if t.Tree == nil {
			continue
		}
		var found error
		walkList(t.Root, func(n parse.Node) {
			if found == nil {
				found = check(t, n)
			}
		})
		if found != nil {
			return found
		}
	}
	return nil
}

func walk(n parse.Node, visit func(parse.Node)) {
	visit(n)
	switch n := n.(type) {
	case *parse.ListNode:
		walkList(n, visit)
	case *parse.IfNode:
		walkList(n.List, visit)
		walkList(n.ElseList, visit)
	case *parse.RangeNode:
		walkList(n.List, visit)
		walkList(n.ElseList, visit)
	case *parse.WithNode:
		walkList(n.List, visit)
		walkList(n.ElseList, visit)
	}
}

func walkList(l *parse.ListNode, visit func(parse.Node)) {
	if l == nil {
		return
	}
	for _, c := range l.Nodes {
		walk(c, visit)
	}
}
