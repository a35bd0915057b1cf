package pdftest

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// Elem is an element of a tagged PDF's structure tree as pdfinfo
// -struct-text reads it: its type (P, H2, TH ...), its attributes as
// printed ("/Scope /Column") and its kids in the tree's order. A kid with
// no Type is a stretch of the element's own marked content: its Text.
type Elem struct {
	Type  string
	Attrs []string
	Text  string
	Kids  []*Elem
}

// Struct returns the root elements of the structure tree that pdfinfo
// -struct-text reads.
func Struct(t testing.TB, pdf []byte) []*Elem {
	t.Helper()
	out := string(run(t, "pdfinfo", "-enc", "UTF-8", "-struct-text", write(t, pdf)))
	var roots []*Elem
	var stack []*Elem // stack[i] is the open element at depth i
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" {
			continue
		}
		depth := (len(line) - len(trimmed)) / 2
		var parent *Elem
		if depth > 0 && depth-1 < len(stack) {
			parent = stack[depth-1]
		}
		switch {
		case strings.HasPrefix(trimmed, `"`):
			if parent != nil {
				text := strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`)
				parent.Kids = append(parent.Kids, &Elem{Text: text})
			}
		case strings.HasPrefix(trimmed, "/"):
			if parent != nil {
				parent.Attrs = append(parent.Attrs, trimmed)
			}
		case strings.HasPrefix(trimmed, "Object "):
			// an annotation the element owns, such as a link's
		default:
			e := &Elem{Type: strings.TrimSuffix(strings.Fields(trimmed)[0], ":")}
			stack = stack[:min(depth, len(stack))]
			if depth == 0 {
				roots = append(roots, e)
			} else if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, e)
			}
			stack = append(stack, e)
		}
	}
	return roots
}

// AllText is the text of e and its descendants in the tree's order, a
// space between the text of one element and the next (a list item's label
// and body, a heading's number and words are kept apart as a reader
// would), none between the stretches of one element.
func (e *Elem) AllText() string {
	var b strings.Builder
	var last *Elem
	var walk func(e *Elem)
	walk = func(e *Elem) {
		for _, k := range e.Kids {
			if k.Type != "" {
				walk(k)
				continue
			}
			if last != nil && last != e && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(k.Text)
			last = e
		}
	}
	walk(e)
	return b.String()
}

// Walk calls f for e and then each of its descendant elements, depth
// first, in the tree's order.
func (e *Elem) Walk(f func(*Elem)) {
	if e.Type == "" {
		return
	}
	f(e)
	for _, k := range e.Kids {
		k.Walk(f)
	}
}

// Objects is every object of a PDF as qpdf --json reads it, with streams
// decoded, for tests that follow the object graph (the structure tree, its
// parent tree, the pages' marked content).
type Objects struct {
	objs    map[string]json.RawMessage
	Trailer map[string]any
}

// ReadObjects reads pdf's objects with qpdf.
func ReadObjects(t testing.TB, pdf []byte) *Objects {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", write(t, pdf))
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	o := &Objects{}
	if err := json.Unmarshal(doc.QPDF[1], &o.objs); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	var tr struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(o.objs["trailer"], &tr); err != nil {
		t.Fatalf("qpdf --json trailer: %v", err)
	}
	o.Trailer = tr.Value
	return o
}

// Get is the value of the object ref ("12 0 R"): a dictionary is a
// map[string]any keyed by names ("/Type"), an array []any, a reference a
// string "n 0 R", a name "/Name", a text string "u:text", a number
// float64. A stream gives its dictionary. v is returned as it is when it
// is not a reference, so Get can be applied to any value.
func (o *Objects) Get(t testing.TB, v any) any {
	t.Helper()
	ref, ok := v.(string)
	if !ok || !strings.HasSuffix(ref, " R") {
		return v
	}
	var obj struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
		} `json:"stream"`
	}
	raw, ok := o.objs["obj:"+ref]
	if !ok {
		t.Fatalf("no object %s", ref)
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatalf("object %s: %v", ref, err)
	}
	if obj.Stream != nil {
		return obj.Stream.Dict
	}
	return obj.Value
}

// Dict is Get for a value that must be a dictionary.
func (o *Objects) Dict(t testing.TB, v any) map[string]any {
	t.Helper()
	d, ok := o.Get(t, v).(map[string]any)
	if !ok {
		t.Fatalf("%v is not a dictionary", v)
	}
	return d
}

// Array is Get for a value that must be an array.
func (o *Objects) Array(t testing.TB, v any) []any {
	t.Helper()
	a, ok := o.Get(t, v).([]any)
	if !ok {
		t.Fatalf("%v is not an array", v)
	}
	return a
}

// StreamData is the decoded data of the stream ref.
func (o *Objects) StreamData(t testing.TB, ref string) []byte {
	t.Helper()
	var obj struct {
		Stream struct {
			Data string `json:"data"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(o.objs["obj:"+ref], &obj); err != nil {
		t.Fatalf("stream %s: %v", ref, err)
	}
	b, err := base64.StdEncoding.DecodeString(obj.Stream.Data)
	if err != nil {
		t.Fatalf("stream %s: %v", ref, err)
	}
	return b
}

// Pages are the page objects' references, in order.
func (o *Objects) Pages(t testing.TB) []string {
	t.Helper()
	root := o.Dict(t, o.Trailer["/Root"])
	var pages []string
	var walk func(v any)
	walk = func(v any) {
		d := o.Dict(t, v)
		if d["/Type"] == "/Page" {
			pages = append(pages, v.(string))
			return
		}
		for _, k := range o.Array(t, d["/Kids"]) {
			walk(k)
		}
	}
	walk(root["/Pages"])
	return pages
}
