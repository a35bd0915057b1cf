package pdftest

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
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

var (
	mcidOp  = regexp.MustCompile(`/(\w+) <</MCID (\d+)>> BDC`)
	paintOp = regexp.MustCompile(`^(Tj|TJ|'|"|S|s|f|F|f\*|B|B\*|b|b\*|sh|Do)$`)
)

// CheckMarkedContent fails the test unless pdf is tagged all through: the
// catalogue has /MarkInfo <</Marked true>>, /Lang (en-GB),
// /ViewerPreferences <</DisplayDocTitle true>> and a structure tree; every
// page has /StructParents and /Tabs /S; the parent tree maps each of a
// page's marked-content ids, numbered from 0 in the order drawn, to an
// element of the same type that holds that id on that page, and each link
// annotation (an object of its own) to a Link that owns it, the annotation
// saying in words where it leads (/Contents, as PDF/UA asks); and every page
// draws nothing (text, paths, images) outside marked content, nor nests it.
// It returns the number of pages checked.
func CheckMarkedContent(t testing.TB, pdf []byte) int {
	t.Helper()
	o := ReadObjects(t, pdf)
	cat := o.Dict(t, o.Trailer["/Root"])
	if mi := o.Dict(t, cat["/MarkInfo"]); mi["/Marked"] != true {
		t.Errorf("MarkInfo %v", mi)
	}
	if vp := o.Dict(t, cat["/ViewerPreferences"]); vp["/DisplayDocTitle"] != true {
		t.Errorf("ViewerPreferences %v", vp)
	}
	if cat["/Lang"] != "u:en-GB" {
		t.Errorf("Lang %v", cat["/Lang"])
	}
	root := o.Dict(t, cat["/StructTreeRoot"])
	nums := o.Array(t, o.Dict(t, root["/ParentTree"])["/Nums"])
	parents := map[float64]any{}
	for i := 0; i+1 < len(nums); i += 2 {
		parents[nums[i].(float64)] = nums[i+1]
	}
	pages := o.Pages(t)
	for i, page := range pages {
		pd := o.Dict(t, page)
		key, ok := pd["/StructParents"].(float64)
		if !ok {
			t.Fatalf("page %d has no /StructParents", i+1)
		}
		if pd["/Tabs"] != "/S" {
			t.Errorf("page %d: /Tabs %v, want /S", i+1, pd["/Tabs"])
		}
		content := string(o.StreamData(t, pd["/Contents"].(string)))
		ids := mcidOp.FindAllStringSubmatch(content, -1)
		if len(ids) == 0 {
			t.Errorf("page %d has no marked content", i+1)
		}
		elems := o.Array(t, parents[key])
		if len(elems) != len(ids) {
			t.Fatalf("page %d: %d marked-content ids, %d in the parent tree", i+1, len(ids), len(elems))
		}
		for k, id := range ids {
			if id[2] != strconv.Itoa(k) {
				t.Fatalf("page %d: MCID %s where %d was due", i+1, id[2], k)
			}
			e := o.Dict(t, elems[k])
			if e["/S"] != "/"+id[1] || !holds(t, o, e, page, k) {
				t.Errorf("page %d, MCID %d (%s): the parent tree names a %v that does not hold it", i+1, k, id[1], e["/S"])
			}
		}
		checkAllMarked(t, i+1, content)
		for _, a := range pageAnnots(t, o, pd) {
			ad := o.Dict(t, a)
			link := o.Dict(t, parents[ad["/StructParent"].(float64)])
			if link["/S"] != "/Link" || !ownsAnnot(t, o, link, a) {
				t.Errorf("page %d: annotation %s has no Link element that owns it", i+1, a)
			}
			if c, _ := ad["/Contents"].(string); len(strings.TrimSpace(strings.TrimPrefix(c, "u:"))) == 0 {
				t.Errorf("page %d: annotation %s does not say where it leads (/Contents)", i+1, a)
			}
		}
	}
	return len(pages)
}

func pageAnnots(t testing.TB, o *Objects, page map[string]any) []string {
	var out []string
	if page["/Annots"] == nil {
		return nil
	}
	for _, a := range o.Array(t, page["/Annots"]) {
		ref, ok := a.(string)
		if !ok {
			t.Fatalf("an annotation is not an object of its own: %v", a)
		}
		out = append(out, ref)
	}
	return out
}

// holds reports whether element e's kids include marked-content id mcid
// on page.
func holds(t testing.TB, o *Objects, e map[string]any, page string, mcid int) bool {
	kids, ok := o.Get(t, e["/K"]).([]any)
	if !ok {
		kids = []any{e["/K"]}
	}
	for _, k := range kids {
		switch k := o.Get(t, k).(type) {
		case float64:
			if int(k) == mcid && e["/Pg"] == page {
				return true
			}
		case map[string]any:
			if k["/Type"] == "/MCR" && k["/Pg"] == page && k["/MCID"] == float64(mcid) {
				return true
			}
		}
	}
	return false
}

func ownsAnnot(t testing.TB, o *Objects, e map[string]any, annot string) bool {
	for _, k := range o.Array(t, e["/K"]) {
		if d, ok := k.(map[string]any); ok && d["/Type"] == "/OBJR" && d["/Obj"] == annot {
			return true
		}
	}
	return false
}

// checkAllMarked fails when a page's content stream shows text or paints a
// path outside a marked-content sequence, or nests or leaves one open.
func checkAllMarked(t testing.TB, page int, content string) {
	t.Helper()
	depth := 0
	for _, tok := range strings.FieldsFunc(content, unicode.IsSpace) {
		switch {
		case tok == "BDC" || tok == "BMC":
			if depth++; depth > 1 {
				t.Fatalf("page %d: marked content nested", page)
			}
		case tok == "EMC":
			if depth--; depth < 0 {
				t.Fatalf("page %d: EMC without BDC", page)
			}
		case paintOp.MatchString(tok) && depth == 0:
			t.Fatalf("page %d: %q drawn outside marked content", page, tok)
		}
	}
	if depth != 0 {
		t.Fatalf("page %d: marked content left open", page)
	}
}
