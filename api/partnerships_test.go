package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

const partnershipsPath = "/api/v1/partnerships"

// createPartnership posts body as an officer and returns the stored revision.
func createPartnership(t *testing.T, ts *testServer, body []byte) partnership.Revision {
	t.Helper()
	resp, data := ts.do(t, request{path: partnershipsPath, contentType: "application/json", body: body})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: status %d: %s", resp.StatusCode, data)
	}
	var rev partnership.Revision
	decodeJSON(t, data, &rev)
	if want := partnershipsPath + "/" + url.PathEscape(rev.Ref); resp.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", resp.Header.Get("Location"), want)
	}
	if resp.Header.Get("ETag") != `"1"` || rev.Number != 1 {
		t.Errorf(`ETag %q, revision %d; want "1" and 1`, resp.Header.Get("ETag"), rev.Number)
	}
	return rev
}

// seedPartnershipWithDocument stores the waste partnership and one draft
// agreement for it.
func seedPartnershipWithDocument(t *testing.T, ts *testServer) (string, int64) {
	t.Helper()
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	return rev.Ref, generateDocument(t, ts, rev.Ref, "agreement", "pdf").ID
}

func decodeJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
}

func put(ref, ifMatch string, body []byte) request {
	r := request{method: http.MethodPut, path: partnershipsPath + "/" + ref, contentType: "application/json", body: body}
	if ifMatch != "" {
		r.header = http.Header{"If-Match": {ifMatch}}
	}
	return r
}

func get(path string) request { return request{method: http.MethodGet, path: path} }

func TestPartnershipRevisions(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, sample(t, "waste-partnership.json"))
	path := partnershipsPath + "/" + rev.Ref

	resp, data := ts.do(t, get(path))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != `"1"` {
		t.Fatalf("GET: %d ETag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
	renamed := edited(t, func(p map[string]any) { delete(p, "ref"); p["name"] = "Renamed Waste Partnership" })
	resp, data = ts.do(t, put(rev.Ref, `"1"`, renamed))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("PUT: %d ETag %q: %s", resp.StatusCode, resp.Header.Get("ETag"), data)
	}

	// Someone else's edit of revision 1 is refused, not lost over ours.
	resp, data = ts.do(t, put(rev.Ref, `"1"`, sample(t, "waste-partnership.json")))
	p := checkProblem(t, resp, data, http.StatusPreconditionFailed, "precondition_failed")
	var extra struct {
		Current int `json:"current_revision"`
	}
	decodeJSON(t, data, &extra)
	if extra.Current != 2 || resp.Header.Get("ETag") != `"2"` {
		t.Errorf("412 names revision %d (ETag %q), want 2: %+v", extra.Current, resp.Header.Get("ETag"), p)
	}
	for _, ifMatch := range []string{"", "*", "1", `"abc"`, `"0"`, `W/"1"`} {
		resp, data = ts.do(t, put(rev.Ref, ifMatch, renamed))
		checkProblem(t, resp, data, http.StatusPreconditionRequired, "precondition_required")
	}

	// Closing is an update like any other; nothing is deleted.
	closed := edited(t, func(p map[string]any) { p["status"] = "closed" })
	if resp, data = ts.do(t, put(rev.Ref, `"2"`, closed)); resp.StatusCode != http.StatusOK {
		t.Fatalf("close: %d %s", resp.StatusCode, data)
	}
	resp, data = ts.do(t, request{method: http.MethodDelete, path: path})
	checkProblem(t, resp, data, http.StatusMethodNotAllowed, "method_not_allowed")

	var revs struct{ Items []partnership.Revision }
	resp, data = ts.do(t, get(path+"/revisions"))
	decodeJSON(t, data, &revs)
	if len(revs.Items) != 3 {
		t.Fatalf("revisions: %d %s", resp.StatusCode, data)
	}
	var first partnership.Revision
	resp, data = ts.do(t, get(path+"/revisions/1"))
	decodeJSON(t, data, &first)
	if first.Partnership.Name != "Northamptonshire Waste Partnership" || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("revision 1 is %q (ETag %q)", first.Partnership.Name, resp.Header.Get("ETag"))
	}
	for _, n := range []string{"0", "-1", "abc", "1.5", "99999999999999999999"} {
		resp, data = ts.do(t, get(path+"/revisions/"+n))
		if p := checkProblem(t, resp, data, http.StatusNotFound, "not_found"); !slices.Contains(p.paths(), "n") {
			t.Errorf("revisions/%s: errors %q, want n", n, p.paths())
		}
	}
	resp, data = ts.do(t, get(path+"/revisions/9"))
	checkProblem(t, resp, data, http.StatusNotFound, "not_found")
}

func TestListPartnerships(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, name := range []string{"waste-partnership.json", "health-alliance.json", "community-partnership.json"} {
		createPartnership(t, ts, sample(t, name))
	}
	var page struct {
		Items []partnership.PartnershipSummary
		Next  *string
	}
	var refs []string
	after := ""
	for range 4 {
		resp, data := ts.do(t, get(partnershipsPath+"?limit=2&after="+url.QueryEscape(after)))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", resp.StatusCode, data)
		}
		page.Items, page.Next = nil, nil
		decodeJSON(t, data, &page)
		for _, it := range page.Items {
			refs = append(refs, it.Ref)
		}
		if page.Next == nil || *page.Next == "" {
			break
		}
		after = *page.Next
	}
	if len(refs) != 3 || !slices.IsSorted(refs) {
		t.Errorf("paged refs %q, want all three in order", refs)
	}
	resp, data := ts.do(t, get(partnershipsPath+"?q=waste&status=proposed,active,evaluating,approved"))
	page.Items = nil
	decodeJSON(t, data, &page)
	if resp.StatusCode != http.StatusOK || len(page.Items) != 1 || !strings.Contains(page.Items[0].Name, "Waste") {
		t.Errorf("q=waste: %d %s", resp.StatusCode, data)
	}
}

// badRegisterInput is one request that must be refused without changing
// anything.
type badRegisterInput struct {
	name   string
	req    request
	status int
	code   string
	paths  []string
}

func badRegisterInputs(t *testing.T, ref string, docID int64) []badRegisterInput {
	path := partnershipsPath + "/" + ref
	waste := sample(t, "waste-partnership.json")
	post := func(body []byte) request {
		return request{path: partnershipsPath, contentType: "application/json", body: body}
	}
	doc := fmt.Sprintf("/api/v1/documents/%d", docID)
	cases := []badRegisterInput{
		{name: "duplicate ref", req: post(waste), status: 409, code: "conflict"},
		{name: "wrong role creates", req: request{path: partnershipsPath, contentType: "application/json", body: waste, as: partnership.RoleLegal}, status: 403, code: "forbidden"},
		{name: "wrong role approves", req: request{path: doc + "/approve", as: partnership.RoleOfficer}, status: 403, code: "forbidden"},
		{name: "wrong role reads audit", req: request{method: http.MethodGet, path: "/api/v1/audit", as: partnership.RoleLegal}, status: 403, code: "forbidden"},
		{name: "stale ETag", req: put(ref, `"7"`, waste), status: 412, code: "precondition_failed"},
		{name: "missing If-Match", req: put(ref, "", waste), status: 428, code: "precondition_required"},
		{name: "body ref differs", req: put(ref, `"1"`, edited(t, func(p map[string]any) { p["ref"] = "PP-2026-999" })), status: 422, code: "validation_failed", paths: []string{"ref"}},
		{name: "unknown ref GET", req: get(partnershipsPath + "/PP-1999-001"), status: 404, code: "not_found"},
		{name: "unknown ref PUT", req: put("PP-1999-001", `"1"`, edited(t, func(p map[string]any) { delete(p, "ref") })), status: 404, code: "not_found"},
		{name: "unknown ref revisions", req: get(partnershipsPath + "/PP-1999-001/revisions"), status: 404, code: "not_found"},
		{name: "unknown ref documents", req: get(partnershipsPath + "/PP-1999-001/documents"), status: 404, code: "not_found"},
		{name: "unknown ref generate", req: request{path: partnershipsPath + "/PP-1999-001/documents", contentType: "application/json", body: []byte(`{"kind":"agreement"}`)}, status: 404, code: "not_found"},
		{name: "unknown kind", req: request{path: path + "/documents", contentType: "application/json", body: []byte(`{"kind":"lease"}`)}, status: 422, code: "validation_failed", paths: []string{"kind"}},
		{name: "bad format", req: request{path: path + "/documents", contentType: "application/json", body: []byte(`{"kind":"agreement","format":"odt"}`)}, status: 422, code: "validation_failed", paths: []string{"format"}},
		{name: "unknown field in generate", req: request{path: path + "/documents", contentType: "application/json", body: []byte(`{"kind":"agreement","colour":"red"}`)}, status: 400, code: "malformed_json"},
		{name: "generate not JSON", req: request{path: path + "/documents", contentType: "text/plain", body: []byte(`{"kind":"agreement"}`)}, status: 415, code: "unsupported_media_type"},
		{name: "generate trailing data", req: request{path: path + "/documents", contentType: "application/json", body: []byte(`{"kind":"agreement"} {}`)}, status: 400, code: "malformed_json"},
		{name: "return without comment", req: request{path: doc + "/return", contentType: "application/json", body: []byte(`{"comment":"  "}`), as: partnership.RoleLegal}, status: 422, code: "validation_failed", paths: []string{"comment"}},
		{name: "return with no body", req: request{path: doc + "/return", as: partnership.RoleLegal}, status: 415, code: "unsupported_media_type"},
		{name: "approve a draft", req: request{path: doc + "/approve", as: partnership.RoleLegal}, status: 409, code: "conflict"},
		{name: "bad filters", req: get(partnershipsPath + "?status=pending&significant=yes&review_due_before=2026-02-30&classification=x&limit=0&after=%27%3B&colour=red"), status: 422, code: "validation_failed",
			paths: []string{"status", "significant", "review_due_before", "classification", "limit", "after", "colour"}},
		{name: "limit too big", req: get(partnershipsPath + "?limit=501"), status: 422, code: "validation_failed", paths: []string{"limit"}},
		{name: "repeated limit", req: get(partnershipsPath + "?limit=1&limit=2"), status: 422, code: "validation_failed", paths: []string{"limit"}},
		{name: "long filter", req: get(partnershipsPath + "?q=" + strings.Repeat("a", 201)), status: 422, code: "validation_failed", paths: []string{"q"}},
		{name: "bad audit cursor", req: request{method: http.MethodGet, path: "/api/v1/audit?before=x&limit=-1", as: partnership.RolePolicy}, status: 422, code: "validation_failed", paths: []string{"before", "limit"}},
	}
	for _, id := range []string{"abc", "0", "-1", "1e3", "99999999999999999999", "1%27%20OR%20%271%27%3D%271"} {
		cases = append(cases,
			badRegisterInput{name: "malformed id " + id, req: get("/api/v1/documents/" + id), status: 404, code: "not_found", paths: []string{"id"}},
			badRegisterInput{name: "malformed id submit " + id, req: request{path: "/api/v1/documents/" + id + "/submit"}, status: 404, code: "not_found", paths: []string{"id"}})
	}
	cases = append(cases, badRegisterInput{name: "unknown id", req: get("/api/v1/documents/999999"), status: 404, code: "not_found"})
	for _, ref := range []string{"PP%27%3B%20DROP%20TABLE%20partnerships%3B--", "%25", "PP-2026-001%20OR%201%3D1"} {
		cases = append(cases, badRegisterInput{name: "SQL in ref " + ref, req: get(partnershipsPath + "/" + ref), status: 404, code: "not_found"})
	}
	for _, bc := range badInputs(t) {
		if bc.req.path != agreementPath || bc.req.method != "" || slices.Contains(bc.paths, "format") || slices.Contains(bc.paths, "at") {
			continue
		}
		bc.req.path = partnershipsPath
		cases = append(cases, badRegisterInput{name: "create: " + bc.name, req: bc.req, status: bc.status, code: bc.code, paths: bc.paths})
		upd := bc.req
		upd.method, upd.path, upd.header = http.MethodPut, path, http.Header{"If-Match": {`"1"`}}
		cases = append(cases, badRegisterInput{name: "update: " + bc.name, req: upd, status: bc.status, code: bc.code, paths: bc.paths})
	}
	return cases
}

// TestRegisterBadInput: every bad request gets the right status and
// problem, stores nothing, and leaves the audit trail as it was.
func TestRegisterBadInput(t *testing.T) {
	ts := newTestServer(t, nil)
	ref, docID := seedPartnershipWithDocument(t, ts)
	before := registerState(t, ts)
	for _, tc := range badRegisterInputs(t, ref, docID) {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.do(t, tc.req)
			p := checkProblem(t, resp, body, tc.status, tc.code)
			for _, path := range tc.paths {
				if !slices.Contains(p.paths(), path) {
					t.Errorf("errors do not name %q; got %q", path, p.paths())
				}
			}
		})
	}
	if after := registerState(t, ts); after != before {
		t.Errorf("the register changed:\nbefore %s\n after %s", before, after)
	}
}

// SQL metacharacters in text are text: stored and returned exactly, and in
// filters they find nothing and change nothing.
func TestSQLMetacharacters(t *testing.T) {
	ts := newTestServer(t, nil)
	const evil = `O'Brien "Ltd"; DROP TABLE partnerships; -- % _ \ /*`
	body := edited(t, func(p map[string]any) {
		delete(p, "ref")
		p["name"], p["purpose"], p["service_area"] = "Waste "+evil, evil, evil
		at(p, "partners", 0)["name"] = evil
	})
	rev := createPartnership(t, ts, body)
	resp, data := ts.do(t, get(partnershipsPath+"/"+rev.Ref))
	var got partnership.Revision
	decodeJSON(t, data, &got)
	if resp.StatusCode != http.StatusOK || got.Partnership.Name != "Waste "+evil || got.Partnership.Purpose != evil ||
		got.Partnership.ServiceArea != evil || got.Partnership.Partners[0].Name != evil {
		t.Errorf("stored text differs: %s", data)
	}
	before := registerState(t, ts)
	for _, param := range []string{"q", "service_area", "lead_partner"} {
		for _, v := range []string{evil, "%", "_", `' OR '1'='1`} {
			resp, data := ts.do(t, get(partnershipsPath+"?"+param+"="+url.QueryEscape(v)))
			var page struct {
				Items []partnership.PartnershipSummary
			}
			decodeJSON(t, data, &page)
			if resp.StatusCode != http.StatusOK || len(page.Items) > 1 {
				t.Errorf("%s=%q: %d, %d items", param, v, resp.StatusCode, len(page.Items))
			}
		}
	}
	resp, data = ts.do(t, get(partnershipsPath+"?q="+url.QueryEscape(evil)))
	if !strings.Contains(string(data), rev.Ref) {
		t.Errorf("q with the exact text does not find it: %d %s", resp.StatusCode, data)
	}
	if after := registerState(t, ts); after != before {
		t.Errorf("filters changed the register:\nbefore %s\n after %s", before, after)
	}
}

// registerState summarises the register: the audit trail and the listing.
func registerState(t *testing.T, ts *testServer) string {
	t.Helper()
	entries, err := ts.reg.Audit(t.Context(), 0, partnership.MaxPageSize)
	if err != nil {
		t.Fatal(err)
	}
	page, _, err := ts.reg.ListPartnerships(t.Context(), partnership.PartnershipFilter{Limit: partnership.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(struct {
		Audit        []partnership.AuditEntry
		Partnerships []partnership.PartnershipSummary
	}{entries, page})
	return string(data)
}

// TestRefWithSlash: a ref may contain "/" (the contract allows it), which
// the address carries as %2F.
func TestRefWithSlash(t *testing.T) {
	ts := newTestServer(t, nil)
	rev := createPartnership(t, ts, edited(t, func(p map[string]any) { p["ref"] = "PP/2026/7" }))
	for _, path := range []string{"", "/revisions/1", "/documents"} {
		resp, data := ts.do(t, get(partnershipsPath+"/PP%2F2026%2F7"+path))
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), rev.Ref) && path != "/documents" {
			t.Errorf("GET %s: %d %s", path, resp.StatusCode, data)
		}
	}
}
