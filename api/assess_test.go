package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

const assessPath = "/api/v1/assess"

func TestAssessAnswersWithTheRules(t *testing.T) {
	ts := newTestServer(t, nil)
	resp, body := ts.do(t, request{path: assessPath + "?at=2026-11-25", contentType: "application/json",
		body: sample(t, "waste-partnership.json")})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, content type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var got partnership.Assessment
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	g, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(strings.NewReader(string(sample(t, "waste-partnership.json"))))
	if err != nil {
		t.Fatal(err)
	}
	want := g.Assess(p, mustDate(t, "2026-11-25"))
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(got)
	if string(wantJSON) != string(gotJSON) {
		t.Errorf("API assessment differs from the rules':\n got %s\nwant %s", gotJSON, wantJSON)
	}
}

// Every bad input that the agreement endpoint refuses, /assess and every
// other document kind refuse the same way.
func TestBadInputEveryEndpoint(t *testing.T) {
	ts := newTestServer(t, nil)
	g, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{assessPath}
	for _, kind := range g.Kinds() {
		paths = append(paths, "/api/v1/render/"+kind)
	}
	for _, path := range paths {
		for _, tc := range badInputs(t) {
			if tc.req.path != agreementPath || tc.req.method != "" {
				continue // cases about the route itself
			}
			if path == assessPath && slices.Contains(tc.paths, "format") {
				continue // /assess has no format
			}
			tc.req.path = path
			t.Run(path+"/"+tc.name, func(t *testing.T) {
				resp, body := ts.do(t, tc.req)
				problem := checkProblem(t, resp, body, tc.status, tc.code)
				for _, p := range tc.paths {
					if p != "at" && !slices.Contains(problem.paths(), p) {
						t.Errorf("errors do not name %q; got %q", p, problem.paths())
					}
				}
			})
		}
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// An agreement or MoU for an arrangement the protocol excludes is refused
// with 422 not_eligible and the reason; the checklist records the "no".
func TestExcludedArrangementGetsNoAgreement(t *testing.T) {
	ts := newTestServer(t, nil)
	body := edited(t, func(p map[string]any) {
		p["arrangement"] = map[string]any{"council_procures_service": true, "shared_agreement_of_outcomes": false,
			"shared_delivery": false, "discussion_only": false}
	})
	for _, kind := range []string{"agreement", "mou"} {
		resp, data := ts.do(t, request{path: "/api/v1/render/" + kind, contentType: "application/json", body: body})
		problem := checkProblem(t, resp, data, http.StatusUnprocessableEntity, "not_eligible")
		if !strings.Contains(problem.Detail, "contract") {
			t.Errorf("%s: the detail does not give the reason: %q", kind, problem.Detail)
		}
	}
	resp, data := ts.do(t, request{path: "/api/v1/render/checklist", contentType: "application/json", body: body})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(data), "%PDF-") {
		t.Errorf("checklist: status %d", resp.StatusCode)
	}
}
