package api_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/xuri/excelize/v2"

	"partnerdocs/api"
	"partnerdocs/generator"
	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// The OpenAPI document (openapi.json) is checked here four ways: as a
// document (it parses, every $ref resolves, every path parameter is
// declared), against routes.go and the permission table, against the
// contract's Go types, and against what the real handlers answer.
// Schemas are validated with santhosh-tekuri/jsonschema (JSON Schema
// 2020-12, which OpenAPI 3.1's schemas are), with formats asserted.

const openAPIPath = "/api/v1/openapi.json"

// openAPISpec is the document, decoded, with a schema compiler that knows
// it as the resource "openapi.json".
type openAPISpec struct {
	raw      []byte
	doc      map[string]any
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema // by location
}

func loadOpenAPI(t *testing.T) *openAPISpec {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	resource, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("openapi.json", resource); err != nil {
		t.Fatal(err)
	}
	return &openAPISpec{raw: raw, doc: doc, compiler: c, compiled: map[string]*jsonschema.Schema{}}
}

// schemaAt compiles the schema at a JSON pointer of the document.
func (s *openAPISpec) schemaAt(t *testing.T, pointer string) *jsonschema.Schema {
	t.Helper()
	if sch, ok := s.compiled[pointer]; ok {
		return sch
	}
	sch, err := s.compiler.Compile("openapi.json#" + pointer)
	if err != nil {
		t.Fatalf("compiling the schema at %s: %v", pointer, err)
	}
	s.compiled[pointer] = sch
	return sch
}

func (s *openAPISpec) component(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	return s.schemaAt(t, "/components/schemas/"+name)
}

// lookup finds the value at a JSON pointer ("/a/b~1c").
func (s *openAPISpec) lookup(pointer string) (any, bool) {
	var v any = s.doc
	if pointer == "" {
		return v, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch node := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = node[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			v = node[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// node is a value of the document and where it is.
type node struct {
	ptr string
	val map[string]any
}

func (n node) child(key string) (node, bool) {
	v, ok := n.val[key].(map[string]any)
	return node{n.ptr + "/" + escapePointer(key), v}, ok
}

func escapePointer(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

// deref follows a Reference Object (a response, parameter, header or
// request body given as {"$ref": ...}) to what it names.
func (s *openAPISpec) deref(t *testing.T, n node) node {
	t.Helper()
	for range 10 {
		ref, ok := n.val["$ref"].(string)
		if !ok {
			return n
		}
		v, found := s.lookup(strings.TrimPrefix(ref, "#"))
		m, isObject := v.(map[string]any)
		if !found || !isObject || !strings.HasPrefix(ref, "#/") {
			t.Fatalf("%s: $ref %q does not resolve to an object", n.ptr, ref)
		}
		n = node{strings.TrimPrefix(ref, "#"), m}
	}
	t.Fatalf("%s: $ref chain too long", n.ptr)
	return n
}

// operation is one operation of the document.
type operation struct {
	method, path, id string
	node
}

func (s *openAPISpec) operations(t *testing.T) []operation {
	t.Helper()
	var ops []operation
	paths, _ := s.doc["paths"].(map[string]any)
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			m, ok := op.(map[string]any)
			if !ok {
				continue
			}
			id, _ := m["operationId"].(string)
			ptr := "/paths/" + escapePointer(path) + "/" + method
			ops = append(ops, operation{strings.ToUpper(method), path, id, node{ptr, m}})
		}
	}
	slices.SortFunc(ops, func(a, b operation) int { return strings.Compare(a.id, b.id) })
	return ops
}

func (s *openAPISpec) operation(t *testing.T, id string) operation {
	t.Helper()
	for _, op := range s.operations(t) {
		if op.id == id {
			return op
		}
	}
	t.Fatalf("the document has no operation %q", id)
	return operation{}
}

// response is the operation's documented response for a status, if any.
func (s *openAPISpec) response(t *testing.T, op operation, status int) (node, bool) {
	t.Helper()
	responses, _ := op.child("responses")
	r, ok := responses.child(strconv.Itoa(status))
	if !ok {
		return node{}, false
	}
	return s.deref(t, r), true
}

// echoPath writes an OpenAPI path template as routes.go does.
var templateParam = regexp.MustCompile(`\{([^}]+)\}`)

func echoPath(path string) string { return templateParam.ReplaceAllString(path, ":$1") }

func TestOpenAPIDocumentIsWellFormed(t *testing.T) {
	spec := loadOpenAPI(t)
	if v := spec.doc["openapi"]; v != "3.1.0" {
		t.Errorf("openapi is %v, want 3.1.0", v)
	}
	if err := duplicateKeys(spec.raw); err != nil {
		t.Error(err)
	}
	// Every $ref is local and resolves.
	var walk func(v any, at string)
	refs := 0
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				refs++
				if _, found := spec.lookup(strings.TrimPrefix(ref, "#")); !found || !strings.HasPrefix(ref, "#/") {
					t.Errorf("%s: $ref %q does not resolve", at, ref)
				}
			}
			for k, child := range v {
				walk(child, at+"/"+escapePointer(k))
			}
		case []any:
			for i, child := range v {
				walk(child, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(spec.doc, "")
	if refs < 100 {
		t.Errorf("only %d $refs found; the walk is broken", refs)
	}
	// Every schema compiles (patterns are valid, keywords well formed).
	schemas, _ := spec.doc["components"].(map[string]any)["schemas"].(map[string]any)
	for name := range schemas {
		spec.component(t, name)
	}
	ids := map[string]bool{}
	for _, op := range spec.operations(t) {
		if op.id == "" || ids[op.id] {
			t.Errorf("%s %s: operationId %q is missing or repeated", op.method, op.path, op.id)
		}
		ids[op.id] = true
		for _, key := range []string{"summary", "description"} {
			if s, _ := op.val[key].(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s: no %s", op.id, key)
			}
		}
		checkPathParameters(t, spec, op)
		responses, ok := op.child("responses")
		if !ok || len(responses.val) == 0 {
			t.Errorf("%s: no responses", op.id)
		}
		for status := range responses.val {
			r := spec.deref(t, node{responses.ptr + "/" + status, responses.val[status].(map[string]any)})
			if d, _ := r.val["description"].(string); d == "" {
				t.Errorf("%s %s: a response needs a description", op.id, status)
			}
		}
	}
}

// checkPathParameters: the template's parameters are exactly the ones
// declared "in: path", each required.
func checkPathParameters(t *testing.T, spec *openAPISpec, op operation) {
	t.Helper()
	var inTemplate, declared []string
	for _, m := range templateParam.FindAllStringSubmatch(op.path, -1) {
		inTemplate = append(inTemplate, m[1])
	}
	params, _ := op.val["parameters"].([]any)
	for i, p := range params {
		param := spec.deref(t, node{fmt.Sprintf("%s/parameters/%d", op.ptr, i), p.(map[string]any)})
		if param.val["in"] != "path" {
			continue
		}
		declared = append(declared, param.val["name"].(string))
		if param.val["required"] != true {
			t.Errorf("%s: path parameter %v is not required", op.id, param.val["name"])
		}
	}
	slices.Sort(inTemplate)
	slices.Sort(declared)
	if !slices.Equal(inTemplate, declared) {
		t.Errorf("%s: path %s has parameters %v, but %v are declared", op.id, op.path, inTemplate, declared)
	}
}

// duplicateKeys finds an object with a key twice, which encoding/json
// would silently resolve by keeping the last.
func duplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var value func(path string) error
	value = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				if seen[key] {
					return fmt.Errorf("openapi.json: %s has the key %q twice", path, key)
				}
				seen[key] = true
				if err := value(path + "/" + escapePointer(key)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := value(fmt.Sprintf("%s/%d", path, i)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	return value("")
}

// TestOpenAPIMatchesRoutes: the document's operations are exactly the
// routes of routes.go, by method, path and name, both ways; each says who
// may use it as the permission table does; and the answers every route
// can give because of where it sits (401, 403, 429, 413, 415, 500) are
// documented where, and only where, they can happen.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	spec := loadOpenAPI(t)
	type key struct{ method, path, name string }
	var inDoc, inRoutes []key
	for _, op := range spec.operations(t) {
		inDoc = append(inDoc, key{op.method, echoPath(op.path), op.id})
	}
	for _, r := range api.RoutesForTest() {
		inRoutes = append(inRoutes, key{r.Method, r.Path, r.Name})
	}
	for _, k := range inRoutes {
		if !slices.Contains(inDoc, k) {
			t.Errorf("routes.go has %s %s (%s); the document does not", k.method, k.path, k.name)
		}
	}
	for _, k := range inDoc {
		if !slices.Contains(inRoutes, k) {
			t.Errorf("the document has %s %s (%s); routes.go does not", k.method, k.path, k.name)
		}
	}

	for _, op := range spec.operations(t) {
		public, _, listed := api.PermissionForTest(op.id, "")
		if !listed {
			continue // reported above as a route that does not exist
		}
		var allowed, refused []string
		for _, role := range partnership.RoleValues {
			if _, ok, _ := api.PermissionForTest(op.id, role); ok && role != partnership.RoleAdmin {
				allowed = append(allowed, string(role))
			} else if !ok {
				refused = append(refused, string(role))
			}
		}
		if public {
			allowed = nil
		}
		roleList, ok := op.val["x-partnerdocs-roles"].([]any)
		if !ok {
			t.Errorf("%s: no x-partnerdocs-roles (the roles besides admin that may use it)", op.id)
		}
		var documented []string
		for _, r := range roleList {
			documented = append(documented, fmt.Sprint(r))
		}
		if !slices.Equal(documented, allowed) {
			t.Errorf("%s: x-partnerdocs-roles %v, but the permission table allows %v (and admin)", op.id, documented, allowed)
		}
		description, _ := op.val["description"].(string)
		_, roles, saysRoles := strings.Cut(description, "Roles:")
		if !public && !saysRoles {
			t.Errorf(`%s: the description does not say who may use it ("Roles: ...")`, op.id)
		}
		for _, role := range allowed {
			if !strings.Contains(roles, role) {
				t.Errorf("%s: the description does not say that %s may use it", op.id, role)
			}
		}
		security, _ := op.val["security"].([]any)
		switch {
		case public && (security == nil || len(security) != 0):
			t.Errorf("%s is public: its security must be []", op.id)
		case public && !strings.Contains(description, "no token"):
			t.Errorf("%s is public: its description must say no token is needed", op.id)
		case !public && (len(security) != 1 || security[0].(map[string]any)["bearer"] == nil):
			t.Errorf("%s needs a token: its security must be the bearer scheme", op.id)
		case !public && len(allowed) == 0 && !strings.Contains(roles, "admin only"):
			t.Errorf("%s is for admin only: its description must say so", op.id)
		}

		documents := func(status int) bool { _, ok := spec.response(t, op, status); return ok }
		expect := func(status int, want bool, why string) {
			if documents(status) != want {
				t.Errorf("%s: documents %d is %v, want %v (%s)", op.id, status, !want, want, why)
			}
		}
		expect(http.StatusUnauthorized, !public, "every route that needs a token")
		expect(http.StatusTooManyRequests, !public, "every route that needs a token")
		expect(http.StatusForbidden, !public && len(refused) > 0, "routes some role may not use")
		expect(http.StatusInternalServerError, true, "every route")
		_, hasBody := op.val["requestBody"]
		expect(http.StatusRequestEntityTooLarge, hasBody, "routes that read a body")
		expect(http.StatusUnsupportedMediaType, hasBody, "routes that read a body")
	}
}

// TestOpenAPISchemasMatchGoTypes walks the contract's Go types by
// reflection and the document's schemas beside them: the same properties
// both ways, the same JSON types, the enumerations equal to the Go value
// lists (in the contract's order), every object closed
// (additionalProperties false) and no omitempty field required.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	spec := loadOpenAPI(t)
	w := &typeWalker{spec: spec, t: t, done: map[reflect.Type]bool{}}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[partnership.Partnership](),
		reflect.TypeFor[partnership.Assessment](),
		reflect.TypeFor[partnership.Revision](),
		reflect.TypeFor[partnership.PartnershipSummary](),
		reflect.TypeFor[partnership.Document](),
		reflect.TypeFor[partnership.ReviewEvent](),
		reflect.TypeFor[partnership.AuditEntry](),
		reflect.TypeFor[partnership.Problem](),
	} {
		name := cmpOr(schemaNames[typ], typ.Name())
		w.compare(typ, w.schema("/components/schemas/"+name), name)
	}
	for typ := range goEnums {
		if !w.done[typ] {
			t.Errorf("enumeration %s was not reached by the walk; is the table stale?", typ)
		}
	}
}

// goEnums is every enumeration in the types above, with its values in the
// contract's order. A named string type the walk meets that is not here
// (or Date, FinancialYear) fails the test, so a new enumeration cannot be
// left out of the document.
var goEnums = map[reflect.Type][]string{
	reflect.TypeFor[partnership.Status]():                 enumTexts(partnership.StatusValues),
	reflect.TypeFor[partnership.Answer]():                 enumTexts(partnership.AnswerValues),
	reflect.TypeFor[partnership.LegalInstrument]():        enumTexts(partnership.LegalInstrumentValues),
	reflect.TypeFor[partnership.CouncilRole]():            enumTexts(partnership.CouncilRoleValues),
	reflect.TypeFor[partnership.Override]():               enumTexts(partnership.OverrideValues),
	reflect.TypeFor[partnership.PartnerType]():            enumTexts(partnership.PartnerTypeValues),
	reflect.TypeFor[partnership.RepresentativeKind]():     enumTexts(partnership.RepresentativeKindValues),
	reflect.TypeFor[partnership.RepresentativeRole]():     enumTexts(partnership.RepresentativeRoleValues),
	reflect.TypeFor[partnership.Consent]():                enumTexts(partnership.ConsentValues),
	reflect.TypeFor[partnership.VotingRule]():             enumTexts(partnership.VotingRuleValues),
	reflect.TypeFor[partnership.ContributionType]():       enumTexts(partnership.ContributionTypeValues),
	reflect.TypeFor[partnership.RiskCategory]():           enumTexts(partnership.RiskCategoryValues),
	reflect.TypeFor[partnership.RiskPhase]():              enumTexts(partnership.RiskPhaseValues),
	reflect.TypeFor[partnership.Polarity]():               enumTexts(partnership.PolarityValues),
	reflect.TypeFor[partnership.RAG]():                    enumTexts(partnership.RAGValues),
	reflect.TypeFor[partnership.ControllerRelationship](): enumTexts(partnership.ControllerRelationshipValues),
	reflect.TypeFor[partnership.DataCategory]():           enumTexts(partnership.DataCategoryValues),
	reflect.TypeFor[partnership.LawfulBasis]():            enumTexts(partnership.LawfulBasisValues),
	reflect.TypeFor[partnership.RecognisedInterest]():     enumTexts(partnership.RecognisedInterestValues),
	reflect.TypeFor[partnership.Branding]():               enumTexts(partnership.BrandingValues),
	reflect.TypeFor[partnership.BindingClause]():          enumTexts(partnership.BindingClauseValues),
	reflect.TypeFor[partnership.ReviewType]():             enumTexts(partnership.ReviewTypeValues),
	reflect.TypeFor[partnership.Overall]():                enumTexts(partnership.OverallValues),
	reflect.TypeFor[partnership.Recommendation]():         enumTexts(partnership.RecommendationValues),
	reflect.TypeFor[partnership.Role]():                   enumTexts(partnership.RoleValues),
	reflect.TypeFor[partnership.Classification](): enumTexts([]partnership.Classification{partnership.ClassPartnership,
		partnership.ClassExcludedContract, partnership.ClassExcludedForum, partnership.ClassExcludedHybrid, partnership.ClassUndetermined}),
	reflect.TypeFor[partnership.Criterion](): enumTexts([]partnership.Criterion{partnership.CriterionPolicyAndResources,
		partnership.CriterionStrategicPriorities, partnership.CriterionCorporateOutcome}),
	reflect.TypeFor[partnership.ApprovalRoute](): enumTexts([]partnership.ApprovalRoute{partnership.RouteCMT,
		partnership.RouteDelegated, partnership.RouteNone}),
	reflect.TypeFor[partnership.Severity](): enumTexts([]partnership.Severity{partnership.SeverityBlocker,
		partnership.SeverityWarning, partnership.SeverityInfo}),
	reflect.TypeFor[partnership.DocumentStatus](): enumTexts([]partnership.DocumentStatus{partnership.DocumentDraft,
		partnership.DocumentInReview, partnership.DocumentReturned, partnership.DocumentApproved, partnership.DocumentSuperseded}),
	reflect.TypeFor[partnership.ReviewAction](): enumTexts([]partnership.ReviewAction{partnership.ReviewSubmit,
		partnership.ReviewApprove, partnership.ReviewReturn}),
}

func enumTexts[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// stringEnums are plain Go strings that only ever hold a few values.
var stringEnums = map[string][]string{
	"Document.format": {string(generator.FormatPDF), string(generator.FormatHTML), string(generator.FormatDOCX)},
}

// schemaNames maps the Go types whose schema is named otherwise. A client
// generated with oapi-codegen's default settings names each enumeration
// value's constant after the value, so a schema named Consent would clash
// with LawfulBasis's value "consent".
var schemaNames = map[reflect.Type]string{
	reflect.TypeFor[partnership.Problem](): "FieldProblem",
	reflect.TypeFor[partnership.Consent](): "RepresentativeConsent",
}

// typeWalker compares Go types with schemas of the document.
type typeWalker struct {
	spec *openAPISpec
	t    *testing.T
	done map[reflect.Type]bool
}

// schemaView is a schema with its $ref chain followed: the keywords of the
// first schema in the chain that has each.
type schemaView struct {
	refs []string // every $ref followed, in order
	at   string
	keys map[string]any
}

func (w *typeWalker) schema(pointer string) schemaView {
	v, ok := w.spec.lookup(pointer)
	if !ok {
		w.t.Fatalf("no schema at %s", pointer)
	}
	return w.view(v.(map[string]any), pointer)
}

func (w *typeWalker) view(m map[string]any, at string) schemaView {
	sv := schemaView{at: at, keys: map[string]any{}}
	for range 10 {
		for k, v := range m {
			if _, ok := sv.keys[k]; !ok && k != "$ref" {
				sv.keys[k] = v
			}
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return sv
		}
		sv.refs = append(sv.refs, ref)
		v, found := w.spec.lookup(strings.TrimPrefix(ref, "#"))
		if !found {
			w.t.Fatalf("%s: $ref %s does not resolve", at, ref)
		}
		m = v.(map[string]any)
	}
	w.t.Fatalf("%s: $ref chain too long", at)
	return sv
}

func (sv schemaView) refersTo(name string) bool {
	return slices.Contains(sv.refs, "#/components/schemas/"+name)
}

func (w *typeWalker) compare(typ reflect.Type, sv schemaView, path string) {
	t := w.t
	t.Helper()
	if typ.Kind() == reflect.Pointer {
		if typ.Elem().Kind() == reflect.Float64 { // *float64: a number or null
			if !reflect.DeepEqual(sv.keys["type"], []any{"number", "null"}) {
				t.Errorf("%s: %s is a number or null; the schema's type is %v", path, typ, sv.keys["type"])
			}
			return
		}
		typ = typ.Elem()
	}
	if typ.PkgPath() != "" && typ.Name() != "" && typ.Kind() != reflect.Struct || typ == reflect.TypeFor[time.Time]() {
		w.named(typ, sv, path)
		return
	}
	switch typ.Kind() {
	case reflect.Struct:
		name := cmpOr(schemaNames[typ], typ.Name())
		if !sv.refersTo(name) && path != name {
			t.Errorf("%s: %s must be a $ref to #/components/schemas/%s", path, typ, name)
		}
		if w.done[typ] {
			return
		}
		w.done[typ] = true
		w.object(typ, sv, path)
	case reflect.Slice:
		w.want(sv, "array", path, typ)
		items, ok := sv.keys["items"].(map[string]any)
		if !ok {
			t.Errorf("%s: an array needs items", path)
			return
		}
		w.compare(typ.Elem(), w.view(items, sv.at+"/items"), path+"[]")
	case reflect.String:
		w.want(sv, "string", path, typ)
		var got []string
		for _, v := range asSlice(sv.keys["enum"]) {
			got = append(got, fmt.Sprint(v))
		}
		if want := stringEnums[path]; !slices.Equal(got, want) {
			t.Errorf("%s: a string with the values %q in the document, %q in Go", path, got, want)
		}
	case reflect.Bool:
		w.want(sv, "boolean", path, typ)
	case reflect.Int, reflect.Int64:
		w.want(sv, "integer", path, typ)
	case reflect.Float64:
		w.want(sv, "number", path, typ)
	default:
		t.Errorf("%s: the walk does not know %s", path, typ)
	}
}

// named compares a named non-struct type: an enumeration, a Date or a
// FinancialYear, or a time.
func (w *typeWalker) named(typ reflect.Type, sv schemaView, path string) {
	t := w.t
	switch typ {
	case reflect.TypeFor[time.Time]():
		if sv.keys["type"] != "string" || sv.keys["format"] != "date-time" {
			t.Errorf("%s: a time is a date-time string; the schema says %v %v", path, sv.keys["type"], sv.keys["format"])
		}
		return
	case reflect.TypeFor[partnership.Date](), reflect.TypeFor[partnership.FinancialYear]():
		if !sv.refersTo(typ.Name()) {
			t.Errorf("%s: a %s must be a $ref to #/components/schemas/%s", path, typ.Name(), typ.Name())
		}
		return
	}
	values, ok := goEnums[typ]
	if !ok {
		t.Errorf("%s: %s is not in goEnums; add it, and its schema", path, typ)
		return
	}
	w.done[typ] = true
	name := cmpOr(schemaNames[typ], typ.Name())
	if !sv.refersTo(name) {
		t.Errorf("%s: %s must be a $ref to #/components/schemas/%s", path, typ, name)
	}
	var got []string
	for _, v := range asSlice(sv.keys["enum"]) {
		got = append(got, fmt.Sprint(v))
	}
	if !slices.Equal(got, values) {
		t.Errorf("%s: %s is %q in the document, %q in Go", path, typ.Name(), got, values)
	}
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

func (w *typeWalker) want(sv schemaView, jsonType, path string, typ reflect.Type) {
	if sv.keys["type"] != jsonType {
		w.t.Errorf("%s: %s is a JSON %s; the schema's type is %v", path, typ, jsonType, sv.keys["type"])
	}
}

func (w *typeWalker) object(typ reflect.Type, sv schemaView, path string) {
	t := w.t
	w.want(sv, "object", path, typ)
	if sv.keys["additionalProperties"] != false {
		t.Errorf("%s: the schema of %s must have additionalProperties: false", path, typ)
	}
	props, _ := sv.keys["properties"].(map[string]any)
	required := asSlice(sv.keys["required"])
	fields := map[string]bool{}
	for f := range typ.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = true
		prop, ok := props[name].(map[string]any)
		if !ok {
			t.Errorf("%s: Go has %s (%s) and the schema does not", path, name, f.Name)
			continue
		}
		if strings.Contains(opts, "omitempty") && slices.Contains(required, any(name)) {
			t.Errorf("%s.%s is omitted when empty, so it cannot be required", path, name)
		}
		w.compare(f.Type, w.view(prop, sv.at+"/properties/"+escapePointer(name)), path+"."+name)
	}
	for name := range props {
		if !fields[name] {
			t.Errorf("%s: the schema has %s and Go does not", path, name)
		}
	}
	for _, name := range required {
		if !fields[name.(string)] {
			t.Errorf("%s: required %v is not a field", path, name)
		}
	}
}

// TestOpenAPIPartnershipSchemaAndSamples: every sample is valid by the
// Partnership schema, and bodies the decoder refuses are refused by the
// schema too.
func TestOpenAPIPartnershipSchemaAndSamples(t *testing.T) {
	spec := loadOpenAPI(t)
	schema := spec.component(t, "Partnership")
	for _, name := range samples.Names() {
		data, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(jsonValue(t, data)); err != nil {
			t.Errorf("%s does not validate: %v", name, err)
		}
	}
	for _, tc := range []struct {
		name string
		edit func(p map[string]any)
	}{
		{"unknown field", func(p map[string]any) { p["colour"] = "blue" }},
		{"unknown nested field", func(p map[string]any) { at(p, "partners", 0)["nickname"] = "Daventry" }},
		{"name is a number", func(p map[string]any) { p["name"] = 42 }},
		{"objectives is a string", func(p map[string]any) { p["objectives"] = "recycle more" }},
		{"likelihood is text", func(p map[string]any) { at(p, "risks", 0)["likelihood"] = "high" }},
		{"amount in pounds", func(p map[string]any) { at(p, "contributions", 0)["amount_pence"] = 12.5 }},
		{"status not in the enum", func(p map[string]any) { p["status"] = "paused" }},
		{"partner type not in the enum", func(p map[string]any) { at(p, "partners", 0)["type"] = "charity" }},
		{"binding clause not in the enum", func(p map[string]any) {
			p["mou"] = map[string]any{"binding_clauses": []any{"confidentiality", "secrecy"}}
		}},
		{"no purpose", func(p map[string]any) { delete(p, "purpose") }},
		{"partner without a type", func(p map[string]any) { delete(at(p, "partners", 0), "type") }},
		{"likelihood out of range", func(p map[string]any) { at(p, "risks", 0)["likelihood"] = 6 }},
		{"financial year written 2026-27", func(p map[string]any) { at(p, "contributions", 0)["financial_year"] = "2026-27" }},
		{"start date not a date", func(p map[string]any) { p["dates"].(map[string]any)["start"] = "1 April 2025" }},
		{"name over 200 characters", func(p map[string]any) { p["name"] = strings.Repeat("a", 201) }},
		{"name on two lines", func(p map[string]any) { p["name"] = "Northamptonshire\nWaste Partnership" }},
		{"control character in purpose", func(p map[string]any) { p["purpose"] = "Reduce\x07waste" }},
		{"ref with a space", func(p map[string]any) { p["ref"] = "PP 2026 001" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := edited(t, tc.edit)
			if _, err := partnership.Decode(bytes.NewReader(body)); err == nil {
				t.Fatalf("the decoder accepts it; the case is wrong")
			}
			if err := schema.Validate(jsonValue(t, body)); err == nil {
				t.Errorf("the decoder refuses it, the schema accepts it")
			}
		})
	}
}

func jsonValue(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%v: %.200s", err, data)
	}
	return v
}

// TestOpenAPIServed: the document is served without a token, as JSON,
// exactly as the file, with an ETag that If-None-Match revalidates.
func TestOpenAPIServed(t *testing.T) {
	spec := loadOpenAPI(t)
	ts := newTestServer(t, nil)
	sum := sha256.Sum256(spec.raw)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`

	resp, body := ts.do(t, request{method: http.MethodGet, path: openAPIPath, anonymous: true})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, Content-Type %q; want 200 application/json", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !bytes.Equal(body, spec.raw) {
		t.Error("the served document is not openapi.json")
	}
	if got := resp.Header.Get("ETag"); got != etag {
		t.Errorf("ETag %q, want %q", got, etag)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "public") {
		t.Errorf("Cache-Control %q: the document may be cached", cc)
	}
	// A token is not needed, and a bad one does not stop it either.
	resp, _ = ts.do(t, request{method: http.MethodGet, path: openAPIPath, anonymous: true,
		header: http.Header{"Authorization": {"Bearer pd_not-a-token"}}})
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with a bad token: status %d, want 200", resp.StatusCode)
	}
	for _, tc := range []struct {
		ifNoneMatch string
		status      int
	}{
		{etag, http.StatusNotModified},
		{"W/" + etag, http.StatusNotModified},
		{`"abc", ` + etag, http.StatusNotModified},
		{"*", http.StatusNotModified},
		{`"abc"`, http.StatusOK},
	} {
		resp, body := ts.do(t, request{method: http.MethodGet, path: openAPIPath, anonymous: true,
			header: http.Header{"If-None-Match": {tc.ifNoneMatch}}})
		if resp.StatusCode != tc.status || (tc.status == http.StatusNotModified && len(body) > 0) {
			t.Errorf("If-None-Match %s: status %d with %d bytes, want %d", tc.ifNoneMatch, resp.StatusCode, len(body), tc.status)
		}
		if resp.Header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: ETag %q, want %q", tc.ifNoneMatch, resp.Header.Get("ETag"), etag)
		}
	}
}

// knownDeviations are answers the document describes as they should be
// and the handlers do not give yet, by "operation status": why, and where
// in the body. A body that fails its schema only at such places is logged,
// not failed; anywhere else fails as usual. Each must still happen, so the
// entry goes when the handler is fixed.
var knownDeviations = map[string]knownDeviation{}

type knownDeviation struct {
	reason string
	at     *regexp.Regexp // every failing instance location matches
}

// onlyAt reports whether every leaf error of a validation failure is at a
// place the pattern matches.
func (d knownDeviation) onlyAt(err error) bool {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	var leaves func(e *jsonschema.ValidationError) bool
	leaves = func(e *jsonschema.ValidationError) bool {
		if len(e.Causes) == 0 {
			return d.at.MatchString("/" + strings.Join(e.InstanceLocation, "/"))
		}
		for _, c := range e.Causes {
			if !leaves(c) {
				return false
			}
		}
		return true
	}
	return leaves(ve)
}

// conformance drives the real server and checks every answer against the
// operation the request is for: the status is documented, the media type
// is one the status documents, required headers are there and valid, and
// a JSON body validates against the documented schema.
type conformance struct {
	spec      *openAPISpec
	exercised map[string][]int // operation id: statuses seen
	deviated  map[string]bool  // knownDeviations keys seen to deviate
}

func (cf *conformance) do(t *testing.T, ts *testServer, opID string, r request) (*http.Response, []byte) {
	t.Helper()
	op := cf.spec.operation(t, opID)
	r.method = cmpOr(r.method, http.MethodPost)
	if path, _, _ := strings.Cut(r.path, "?"); r.method != op.method || !matchPath(op.path, path) {
		t.Fatalf("%s %s is not operation %s (%s %s)", r.method, r.path, opID, op.method, op.path)
	}
	resp, body := ts.do(t, r)
	cf.exercised[opID] = append(cf.exercised[opID], resp.StatusCode)
	cf.check(t, op, r, resp, body)
	return resp, body
}

// matchPath matches a request path against an OpenAPI path template.
func matchPath(template, path string) bool {
	parts := templateParam.Split(template, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, "[^/]+") + "$").MatchString(path)
}

func (cf *conformance) check(t *testing.T, op operation, r request, resp *http.Response, body []byte) {
	t.Helper()
	what := fmt.Sprintf("%s %s (%s) answered %d", r.method, r.path, op.id, resp.StatusCode)
	res, ok := cf.spec.response(t, op, resp.StatusCode)
	if !ok {
		t.Errorf("%s, which the document does not list: %.300s", what, body)
		return
	}
	headers, _ := res.child("headers")
	for name, h := range headers.val {
		header := cf.spec.deref(t, node{headers.ptr + "/" + escapePointer(name), h.(map[string]any)})
		got := resp.Header.Get(name)
		if got == "" {
			if header.val["required"] == true {
				t.Errorf("%s without the %s header the document requires", what, name)
			}
			continue
		}
		var v any = got
		if schema, _ := header.child("schema"); schema.val["type"] == "integer" {
			n, err := strconv.Atoi(got)
			if err != nil {
				t.Errorf("%s with %s: %q, not a whole number", what, name, got)
				continue
			}
			v = json.Number(strconv.Itoa(n))
		}
		if err := cf.spec.schemaAt(t, header.ptr+"/schema").Validate(v); err != nil {
			t.Errorf("%s with %s: %q, which its schema refuses: %v", what, name, got, err)
		}
	}
	content, hasContent := res.child("content")
	if !hasContent {
		if len(body) > 0 {
			t.Errorf("%s with a body the document does not describe: %.200s", what, body)
		}
		return
	}
	mediaType, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil {
		t.Errorf("%s with Content-Type %q: %v", what, resp.Header.Get("Content-Type"), err)
		return
	}
	media, ok := content.child(mediaType)
	if !ok {
		t.Errorf("%s as %s, which the document does not list for %d", what, mediaType, resp.StatusCode)
		return
	}
	if _, hasSchema := media.val["schema"]; !hasSchema || !isJSON(mediaType) {
		return
	}
	err = cf.spec.schemaAt(t, media.ptr+"/schema").Validate(jsonValue(t, body))
	key := fmt.Sprintf("%s %d", op.id, resp.StatusCode)
	switch known, ok := knownDeviations[key]; {
	case err != nil && ok && known.onlyAt(err):
		cf.deviated[key] = true
		t.Logf("known deviation, %s: %s", key, known.reason)
	case err != nil:
		t.Errorf("%s with a body its schema refuses: %v\n%.1000s", what, err, body)
	}
	if resp.StatusCode < 300 {
		cf.checkRequestBody(t, op, r, what)
	}
}

// checkRequestBody: a body the handler accepted is one the document
// calls valid.
func (cf *conformance) checkRequestBody(t *testing.T, op operation, r request, what string) {
	t.Helper()
	if len(r.body) == 0 {
		return
	}
	rb, ok := op.child("requestBody")
	if !ok {
		t.Errorf("%s to a body the document does not describe", what)
		return
	}
	rb = cf.spec.deref(t, rb)
	content, _ := rb.child("content")
	mediaType, _, _ := mime.ParseMediaType(r.contentType)
	media, ok := content.child(mediaType)
	if !ok {
		t.Errorf("%s to a %s body, which the document does not list", what, mediaType)
		return
	}
	if _, hasSchema := media.val["schema"]; hasSchema && isJSON(mediaType) {
		if err := cf.spec.schemaAt(t, media.ptr+"/schema").Validate(jsonValue(t, r.body)); err != nil {
			t.Errorf("%s to a body its request schema refuses: %v", what, err)
		}
	}
}

func isJSON(mediaType string) bool {
	return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
}

// TestOpenAPIConformance drives the real server (real generator, SQLite
// register) through a day's work, as each role, with the mistakes clients
// make, and checks every answer against the document.
func TestOpenAPIConformance(t *testing.T) {
	cf := &conformance{spec: loadOpenAPI(t), exercised: map[string][]int{}, deviated: map[string]bool{}}
	ts := newTestServer(t, nil)
	jsonType := "application/json"
	as := func(role partnership.Role, r request) request { r.as = role; return r }
	status := func(resp *http.Response, body []byte, want int) {
		t.Helper()
		if resp.StatusCode != want {
			t.Fatalf("status %d, want %d: %.500s", resp.StatusCode, want, body)
		}
	}

	// The service itself.
	resp, body := cf.do(t, ts, "health", request{method: http.MethodGet, path: "/healthz", anonymous: true})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "readyz", request{method: http.MethodGet, path: "/readyz", anonymous: true})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "openapi", request{method: http.MethodGet, path: openAPIPath, anonymous: true})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "openapi", request{method: http.MethodGet, path: openAPIPath, anonymous: true,
		header: http.Header{"If-None-Match": {resp.Header.Get("ETag")}}})
	status(resp, body, http.StatusNotModified)
	resp, body = cf.do(t, ts, "metrics", as(partnership.RoleAdmin, request{method: http.MethodGet, path: "/metrics"}))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "metrics", as(partnership.RolePolicy, request{method: http.MethodGet, path: "/metrics"}))
	status(resp, body, http.StatusForbidden)

	// The stateless protocol endpoints, and the mistakes clients make.
	waste := sample(t, "waste-partnership.json")
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess?at=2026-11-25", contentType: jsonType, body: waste})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "assess", as(partnership.RoleLegal, request{path: "/api/v1/assess", contentType: jsonType,
		body: sample(t, "minimal-proposal.json")}))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess?at=tomorrow", contentType: jsonType, body: waste})
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess", contentType: jsonType, body: []byte(`{"name": "x",`)})
	status(resp, body, http.StatusBadRequest)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess", contentType: jsonType,
		body: edited(t, func(p map[string]any) { p["colour"] = "blue" })})
	status(resp, body, http.StatusBadRequest)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess", contentType: "text/plain", body: waste})
	status(resp, body, http.StatusUnsupportedMediaType)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess", contentType: jsonType, anonymous: true, body: waste})
	status(resp, body, http.StatusUnauthorized)
	resp, body = cf.do(t, ts, "assess", request{path: "/api/v1/assess", contentType: jsonType,
		body: append(bytes.Repeat([]byte(" "), partnership.MaxBodyBytes), waste...)})
	status(resp, body, http.StatusRequestEntityTooLarge)

	resp, body = cf.do(t, ts, "render", request{path: agreementPath + "?at=2026-11-25T09:30:00Z", contentType: jsonType, body: waste})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "render", as(partnership.RolePolicy, request{
		path: "/api/v1/render/information-sharing-protocol?format=html", contentType: jsonType, body: sample(t, "health-alliance.json")}))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "render", request{path: "/api/v1/render/lease", contentType: jsonType, body: waste})
	status(resp, body, http.StatusNotFound)
	resp, body = cf.do(t, ts, "render", as(partnership.RoleLegal, request{
		path: "/api/v1/render/mou?format=docx", contentType: jsonType, body: sample(t, "youth-employment-mou.json")}))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "render", request{path: agreementPath + "?format=odt", contentType: jsonType, body: waste})
	status(resp, body, http.StatusUnprocessableEntity)
	contract := edited(t, func(p map[string]any) { p["legal_instrument"] = "contract_for_services" })
	resp, body = cf.do(t, ts, "render", request{path: agreementPath, contentType: jsonType, body: contract})
	status(resp, body, http.StatusUnprocessableEntity)

	// The register: every sample goes in, as an officer.
	refs := map[string]string{}
	// Those with a ref first: one without is given the lowest free number,
	// which a later sample's own ref would then clash with.
	names := samples.Names()
	slices.SortStableFunc(names, func(a, b string) int { return boolOrder(a == "minimal-proposal.json", b == "minimal-proposal.json") })
	for _, name := range names {
		resp, body = cf.do(t, ts, "partnerships.create", request{path: partnershipsPath, contentType: jsonType, body: sample(t, name)})
		status(resp, body, http.StatusCreated)
		var rev partnership.Revision
		decodeJSON(t, body, &rev)
		refs[name] = rev.Ref
	}
	resp, body = cf.do(t, ts, "partnerships.create", request{path: partnershipsPath, contentType: jsonType,
		body: []byte(`{"name": "Wellingborough Allotments Forum", "purpose": "Allotment holders and the council talk twice a year."}`)})
	status(resp, body, http.StatusCreated)
	resp, body = cf.do(t, ts, "partnerships.create", request{path: partnershipsPath, contentType: jsonType, body: waste})
	status(resp, body, http.StatusConflict)
	resp, body = cf.do(t, ts, "partnerships.create", as(partnership.RoleLegal, request{path: partnershipsPath, contentType: jsonType, body: waste}))
	status(resp, body, http.StatusForbidden)
	resp, body = cf.do(t, ts, "partnerships.create", request{path: partnershipsPath, contentType: jsonType,
		body: edited(t, func(p map[string]any) { delete(p, "ref"); p["name"] = " "; at(p, "risks", 0)["likelihood"] = 9 })})
	status(resp, body, http.StatusUnprocessableEntity)

	wasteRef := refs["waste-partnership.json"]
	one := partnershipsPath + "/" + wasteRef
	resp, body = cf.do(t, ts, "partnerships.list", get(partnershipsPath))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.list", as(partnership.RolePolicy, get(partnershipsPath+"?limit=2&status=active,approved&significant=true")))
	status(resp, body, http.StatusOK)
	var page struct{ Next string }
	decodeJSON(t, body, &page)
	resp, body = cf.do(t, ts, "partnerships.list", get(partnershipsPath+"?limit=2&after="+page.Next+"&review_due_before=2030-01-01&classification=partnership"))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.list", get(partnershipsPath+"?colour=blue&limit=0"))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "partnerships.show", as(partnership.RoleLegal, get(one)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.show", get(partnershipsPath+"/PP-1999-999"))
	status(resp, body, http.StatusNotFound)

	// Updates: with If-Match, stale, without, and a different ref.
	changed := edited(t, func(p map[string]any) { p["status"] = "under_review" })
	resp, body = cf.do(t, ts, "partnerships.update", put(wasteRef, `"1"`, changed))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.update", put(wasteRef, `"1"`, changed))
	status(resp, body, http.StatusPreconditionFailed)
	resp, body = cf.do(t, ts, "partnerships.update", put(wasteRef, "", changed))
	status(resp, body, http.StatusPreconditionRequired)
	resp, body = cf.do(t, ts, "partnerships.update", put(wasteRef, `"2"`, edited(t, func(p map[string]any) { p["ref"] = "PP-2026-999" })))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "partnerships.update", put("PP-1999-999", `"1"`, edited(t, func(p map[string]any) { delete(p, "ref") })))
	status(resp, body, http.StatusNotFound)
	resp, body = cf.do(t, ts, "partnerships.update", as(partnership.RolePolicy, put(wasteRef, `"2"`, changed)))
	status(resp, body, http.StatusForbidden)
	resp, body = cf.do(t, ts, "partnerships.revisions", get(one+"/revisions"))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.revision", get(one+"/revisions/1"))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "partnerships.revision", get(one+"/revisions/7"))
	status(resp, body, http.StatusNotFound)

	// Documents and their review.
	generate := func(ref, kind, format string) request {
		return request{path: partnershipsPath + "/" + ref + "/documents", contentType: jsonType,
			body: []byte(fmt.Sprintf(`{"kind": %q, "format": %q}`, kind, format))}
	}
	resp, body = cf.do(t, ts, "partnerships.documents.create", generate(wasteRef, "agreement", "pdf"))
	status(resp, body, http.StatusCreated)
	var draft partnership.Document
	decodeJSON(t, body, &draft)
	resp, body = cf.do(t, ts, "partnerships.documents.create", generate(wasteRef, "communications-agreement", "html"))
	status(resp, body, http.StatusCreated)
	var htmlDraft partnership.Document
	decodeJSON(t, body, &htmlDraft)
	resp, body = cf.do(t, ts, "partnerships.documents.create", generate(wasteRef, "agreement", "docx"))
	status(resp, body, http.StatusCreated)
	var wordDraft partnership.Document
	decodeJSON(t, body, &wordDraft)
	resp, body = cf.do(t, ts, "partnerships.documents.create", generate(wasteRef, "lease", "pdf"))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "partnerships.documents.create", request{path: one + "/documents", contentType: jsonType, body: []byte(`{"kind": "agreement", "copies": 2}`)})
	status(resp, body, http.StatusBadRequest)
	resp, body = cf.do(t, ts, "partnerships.documents.create", generate("PP-1999-999", "agreement", "pdf"))
	status(resp, body, http.StatusNotFound)
	resp, body = cf.do(t, ts, "partnerships.documents.list", as(partnership.RoleLegal, get(one+"/documents")))
	status(resp, body, http.StatusOK)
	docPath := func(id int64) string { return "/api/v1/documents/" + strconv.FormatInt(id, 10) }
	resp, body = cf.do(t, ts, "documents.show", get(docPath(draft.ID)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.show", get(docPath(htmlDraft.ID)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.show", get(docPath(wordDraft.ID)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.show", get(docPath(9999)))
	status(resp, body, http.StatusNotFound)

	resp, body = cf.do(t, ts, "documents.approve", as(partnership.RoleLegal, request{path: docPath(draft.ID) + "/approve"}))
	status(resp, body, http.StatusConflict) // a draft is not in review yet
	resp, body = cf.do(t, ts, "documents.submit", request{path: docPath(draft.ID) + "/submit"})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.submit", request{path: docPath(draft.ID) + "/submit", contentType: jsonType, body: []byte(`{"comment": "again"}`)})
	status(resp, body, http.StatusConflict) // already in review
	resp, body = cf.do(t, ts, "documents.submit", request{path: docPath(htmlDraft.ID) + "/submit", contentType: jsonType,
		body: []byte(`{"comment": "Ready for Legal: clause 4 follows the county's template."}`)})
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "review.queue", as(partnership.RoleLegal, get("/api/v1/review-queue")))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "review.queue", get("/api/v1/review-queue"))
	status(resp, body, http.StatusForbidden)
	resp, body = cf.do(t, ts, "documents.approve", request{path: docPath(draft.ID) + "/approve"})
	status(resp, body, http.StatusForbidden)
	resp, body = cf.do(t, ts, "documents.approve", as(partnership.RoleLegal, request{path: docPath(draft.ID) + "/approve",
		contentType: jsonType, body: []byte(`{"comment": "Approved as drafted."}`)}))
	status(resp, body, http.StatusOK)
	var approved partnership.Document
	decodeJSON(t, body, &approved)
	resp, body = cf.do(t, ts, "documents.show", get(docPath(approved.ID)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.return", as(partnership.RoleLegal, request{path: docPath(htmlDraft.ID) + "/return",
		contentType: jsonType, body: []byte(`{"comment": "   "}`)}))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "documents.return", as(partnership.RoleLegal, request{path: docPath(htmlDraft.ID) + "/return", contentType: jsonType}))
	status(resp, body, http.StatusBadRequest)
	resp, body = cf.do(t, ts, "documents.return", as(partnership.RoleLegal, request{path: docPath(htmlDraft.ID) + "/return",
		contentType: "text/plain", body: []byte("Name the press officer.")}))
	status(resp, body, http.StatusUnsupportedMediaType)
	resp, body = cf.do(t, ts, "documents.return", as(partnership.RoleLegal, request{path: docPath(htmlDraft.ID) + "/return",
		contentType: jsonType, body: []byte(`{"comment": "Name the press officer for each partner."}`)}))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "documents.return", as(partnership.RoleLegal, request{path: docPath(9999) + "/return",
		contentType: jsonType, body: []byte(`{"comment": "No such draft."}`)}))
	status(resp, body, http.StatusNotFound)

	// The audit trail.
	resp, body = cf.do(t, ts, "audit", as(partnership.RolePolicy, get("/api/v1/audit")))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "audit", as(partnership.RolePolicy, get("/api/v1/audit?limit=3")))
	status(resp, body, http.StatusOK)
	var auditPage struct{ Next string }
	decodeJSON(t, body, &auditPage)
	resp, body = cf.do(t, ts, "audit", as(partnership.RolePolicy, get("/api/v1/audit?limit=3&before="+auditPage.Next)))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "audit", as(partnership.RolePolicy, get("/api/v1/audit?before=yesterday")))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "audit", get("/api/v1/audit"))
	status(resp, body, http.StatusForbidden)

	// The annual CMT wbBytes and its return.
	resp, body = cf.do(t, ts, "reports.cmt", as(partnership.RolePolicy, get(cmtPath)))
	status(resp, body, http.StatusOK)
	wbBytes := body
	resp, body = cf.do(t, ts, "reports.cmt", as(partnership.RolePolicy, get("/api/v1/reports/cmt/2026.xlsx")))
	status(resp, body, http.StatusNotFound)
	resp, body = cf.do(t, ts, "reports.cmt", get(cmtPath))
	status(resp, body, http.StatusForbidden)
	resp, body = cf.do(t, ts, "reports.cmt.return", postReturn(wbBytes, partnership.RolePolicy))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "reports.cmt.return", postReturn(filledReturn(t, wbBytes, wasteRef, 48.5), partnership.RolePolicy))
	status(resp, body, http.StatusOK)
	resp, body = cf.do(t, ts, "reports.cmt.return", postReturn(filledReturn(t, wbBytes, wasteRef, 49), partnership.RolePolicy))
	status(resp, body, http.StatusPreconditionFailed) // another change, made from a revision no longer current
	resp, body = cf.do(t, ts, "reports.cmt.return", postReturn([]byte("ref,actual\n"), partnership.RolePolicy))
	status(resp, body, http.StatusUnprocessableEntity)
	resp, body = cf.do(t, ts, "reports.cmt.return", request{path: cmtReturnPath, contentType: jsonType, body: []byte(`{}`), as: partnership.RolePolicy})
	status(resp, body, http.StatusUnsupportedMediaType)
	resp, body = cf.do(t, ts, "reports.cmt.return", request{path: "/api/v1/reports/cmt/2026/return", contentType: xlsxType,
		body: wbBytes, as: partnership.RolePolicy})
	status(resp, body, http.StatusNotFound)

	// Every operation: no token (401 unless public), and for those that
	// take a body, one over the limit (413) and one that is not JSON (415),
	// as admin, who may use every route.
	fill := strings.NewReplacer("{ref}", wasteRef, "{n}", "1", "{id}", strconv.FormatInt(draft.ID, 10), "{kind}", "agreement")
	for _, op := range cf.spec.operations(t) {
		path := fill.Replace(op.path)
		if op.id == "reports.cmt" {
			path = cmtPath
		}
		path = strings.Replace(path, "{year}", "2026-27", 1)
		if public, _, _ := api.PermissionForTest(op.id, ""); !public {
			resp, body = cf.do(t, ts, op.id, request{method: op.method, path: path, anonymous: true})
			status(resp, body, http.StatusUnauthorized)
		}
		if _, hasBody := op.val["requestBody"]; !hasBody {
			continue
		}
		limit := partnership.MaxBodyBytes
		if op.id == "reports.cmt.return" {
			limit = api.MaxReturnBytes
		}
		ifMatch := http.Header{"If-Match": {`"2"`}}
		resp, body = cf.do(t, ts, op.id, request{method: op.method, path: path, as: partnership.RoleAdmin, header: ifMatch,
			contentType: jsonType, body: make([]byte, limit+1)})
		status(resp, body, http.StatusRequestEntityTooLarge)
		resp, body = cf.do(t, ts, op.id, request{method: op.method, path: path, as: partnership.RoleAdmin, header: ifMatch,
			contentType: "text/plain", body: []byte("kind=agreement")})
		status(resp, body, http.StatusUnsupportedMediaType)
	}

	// Repeated bad tokens from one address: 401, then 429.
	limited := newTestServer(t, nil)
	bad := http.Header{"Authorization": {"Bearer pd_guess"}}
	for i := range 20 {
		resp, body = cf.do(t, limited, "partnerships.list", request{method: http.MethodGet, path: partnershipsPath, anonymous: true, header: bad})
		if resp.StatusCode == http.StatusTooManyRequests {
			break
		}
		if resp.StatusCode != http.StatusUnauthorized || i == 19 {
			t.Fatalf("bad token %d: status %d, want 401 and then 429", i, resp.StatusCode)
		}
	}
	// Its register gone: not ready.
	if err := limited.reg.Close(); err != nil {
		t.Fatal(err)
	}
	resp, body = cf.do(t, limited, "readyz", request{method: http.MethodGet, path: "/readyz", anonymous: true})
	status(resp, body, http.StatusServiceUnavailable)

	for _, op := range cf.spec.operations(t) {
		if len(cf.exercised[op.id]) == 0 {
			t.Errorf("operation %s was never called: add it to the sequence", op.id)
		}
		responses, _ := op.child("responses")
		var untried []string
		for code := range responses.val {
			if n, _ := strconv.Atoi(code); !slices.Contains(cf.exercised[op.id], n) {
				untried = append(untried, code)
			}
		}
		slices.Sort(untried)
		t.Logf("%s: documented but not seen here: %v", op.id, untried)
	}
	for key := range knownDeviations {
		if !cf.deviated[key] {
			t.Errorf("known deviation %q did not happen: remove it from knownDeviations", key)
		}
	}
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// filledReturn is the workbook with the waste partnership's first target's
// actual and RAG filled in.
func filledReturn(t *testing.T, wbBytes []byte, ref string, actual float64) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(wbBytes))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var p partnership.Partnership
	if err := json.Unmarshal(sample(t, "waste-partnership.json"), &p); err != nil {
		t.Fatal(err)
	}
	_, actualCell, rag := targetRow(t, f, ref, p.Targets[0].ID)
	if err := errors.Join(f.SetCellValue(workbook.SheetTargets, actualCell, actual),
		f.SetCellStr(workbook.SheetTargets, rag, "Amber")); err != nil {
		t.Fatal(err)
	}
	return workbookBytes(t, f)
}
