package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// TestPreviewIsSandboxedAndShowsTheDocument: the preview answers the
// signed-in session with the document itself (not the sign-in page), under
// a policy that runs nothing, fetches nothing, and may be framed only by
// this service; the page frames it sandboxed, without scripts or its own
// origin. The browser test reads the text inside the frame.
func TestPreviewIsSandboxedAndShowsTheDocument(t *testing.T) {
	s := newSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	officer := s.signedIn(t, partnership.RoleOfficer)
	page := "/partnerships/" + rev.Ref
	r := officer.postForm(page, page+"/documents", url.Values{"kind": {"agreement"}, "format": {"pdf"}})
	doc := strings.TrimSuffix(r.header.Get("Location"), "?done=generated")

	frame := regexp.MustCompile(`<iframe [^>]*>`).FindString(officer.get(doc).body)
	if !strings.Contains(frame, ` sandbox>`) || strings.Contains(frame, "allow-") || !strings.Contains(frame, `src="`+doc+`/preview"`) {
		t.Errorf("the preview's frame is %s; want it sandboxed with nothing allowed", frame)
	}
	preview := officer.get(doc + "/preview")
	wantPage(t, preview, http.StatusOK, rev.Partnership.Name, "Partnership Agreement")
	csp := preview.header.Get("Content-Security-Policy")
	for _, want := range []string{"sandbox;", "default-src 'none'", "style-src 'unsafe-inline'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("preview CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "script-src") || strings.Contains(csp, "allow-") {
		t.Errorf("preview CSP %q lets something run", csp)
	}
	if xfo := preview.header.Get("X-Frame-Options"); xfo != "SAMEORIGIN" {
		t.Errorf("X-Frame-Options %q, want SAMEORIGIN", xfo)
	}
	if anon := s.browser(t).get(doc + "/preview"); strings.Contains(anon.body, rev.Partnership.Name) {
		t.Error("the preview is shown to nobody signed in")
	}
}
