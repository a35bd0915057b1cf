package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"partnerdocs/generator/workbook"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// The names of the partners in the browser test: Polish, Romanian and
// Welsh, typed into nothing (they come through the use cases) but shown on
// every page and printed in the PDF.
var partnerNames = []string{"Gmina Miejska Łódź – Wydział Środowiska", "Primăria Municipiului Cluj-Napoca (Direcția Mediu)", "Cyngor Sir Ynys Môn – Gwasanaethau Gwastraff"}

// wcag22aa are the axe-core rule tags of WCAG 2.2 level AA.
var wcag22aa = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// TestBrowserReviewRoundTrip drives the forms in a real browser (Debian's
// chromium, headless), once signing in with tokens and once through the
// council's identity provider (mockoidc, in process): an officer finds a
// partnership whose partners have Polish, Romanian and Welsh names,
// generates the agreement, downloads its PDF and submits it; legal returns
// it, first without a comment (the error summary), then with one; the
// officer reads the comment and submits it again with a note; legal reads
// the note and approves it. Every page visited is checked by axe-core
// against WCAG 2.2 AA (zero violations allowed) and photographed into
// $PARTNERDOCS_SCREENSHOTS (or a temporary folder, logged).
func TestBrowserReviewRoundTrip(t *testing.T) {
	eachSignIn(t, reviewRoundTrip)
}

// eachSignIn runs test twice: on a site where people sign in with access
// tokens, and on one where they sign in through the council's identity
// provider (mockoidc, in process), each role by its group.
func eachSignIn(t *testing.T, test func(t *testing.T, s *site, signIn signInAs)) {
	t.Run("token", func(t *testing.T) {
		s := newSite(t)
		test(t, s, func(v *visit, name string, role partnership.Role, until string) {
			v.signIn(name, s.tokens[role], until)
		})
	})
	t.Run("oidc", func(t *testing.T) {
		o := newOIDCSite(t)
		test(t, o.site, func(v *visit, name string, role partnership.Role, until string) {
			group, ok := councilRoles[role]
			if !ok {
				group = string(role)
			}
			o.person(strings.ToLower(strings.ReplaceAll(names[role], " ", "."))+"@shire.gov.uk", "All-Staff", group)
			v.open(name+"-start", "/sign-in", `//a[@id="oidc"]`)
			v.click(name, `//a[@id="oidc"]`, `//*[contains(., "`+until+`")]`)
		})
	})
}

// signInAs signs the visit in as someone with role, by token or through the
// identity provider, and waits for until on the page it leads to.
type signInAs func(v *visit, name string, role partnership.Role, until string)

func reviewRoundTrip(t *testing.T, s *site, signIn signInAs) {
	ctx := newBrowser(t)
	rev := s.addPartnership(t, "waste-partnership.json", "Partneriaeth Gwastraff Łódź–Cluj–Môn")
	renamePartners(t, s, rev)
	shots := screenshotFolder(t)
	v := &visit{t: t, ctx: ctx, site: s, shots: shots}

	signIn(v, "officer-sign-in", partnership.RoleOfficer, "Your partnerships")
	v.open("officer-register", "/partnerships", `//h1[text()="Partnerships"]`)
	v.wantText("Partneriaeth Gwastraff Łódź–Cluj–Môn")
	v.click("officer-partnership", `//a[text()="Partneriaeth Gwastraff Łódź–Cluj–Môn"]`, `//h2[text()="Partners"]`)
	for _, name := range partnerNames {
		v.wantText(name)
	}
	v.do(chromedp.Click(chromedp.CSS(`input[name="kind"][value="agreement"]`)))
	v.click("officer-generated", `//button[text()="Generate the draft"]`, `//p[contains(., "The draft has been generated.")]`)
	v.wantText("Download the PDF")
	for _, name := range partnerNames {
		v.wantFrameText(name)
	}
	pdf := v.download(`a[href$="/file"]`)
	pdftest.Require(t, "pdftotext")
	text := pdftest.Flat(pdftest.Text(t, pdf))
	for _, name := range partnerNames {
		if !strings.Contains(text, name) {
			t.Errorf("the PDF's text does not hold %q", name)
		}
	}
	v.click("officer-submitted", `//button[text()="Submit for legal review"]`, `//p[contains(., "sent for legal review")]`)
	v.signOut()

	signIn(v, "legal-home", partnership.RoleLegal, "You are signed in as")
	v.open("legal-queue", "/review", `//h1[text()="Legal review"]`)
	v.click("legal-draft", `//a[starts-with(., "Partnership agreement, version 1")]`, `//h2[text()="Return to the officer"]`)
	v.click("legal-return-without-comment", `//button[text()="Return the draft"]`, `//h2[text()="There is a problem"]`)
	v.type_(`#returned-comment`, "Clause 7: the Welsh signatory’s title is missing (Cyngor Sir Ynys Môn)")
	v.click("legal-returned", `//button[text()="Return the draft"]`, `//p[contains(., "returned to the officer")]`)
	v.signOut()

	signIn(v, "officer-home-returned", partnership.RoleOfficer, "Drafts returned to you")
	v.click("officer-returned-draft", `//a[starts-with(., "Partnership agreement, version 1")]`, `//h2[text()="Returned by legal review"]`)
	v.wantText("Clause 7: the Welsh signatory’s title is missing (Cyngor Sir Ynys Môn)")
	v.type_(`#submitted-comment`, "Title added for Cyngor Sir Ynys Môn in the register")
	v.click("officer-resubmitted", `//button[text()="Submit for legal review"]`, `//p[contains(., "sent for legal review")]`)
	v.signOut()

	signIn(v, "legal-home-again", partnership.RoleLegal, "You are signed in as")
	v.open("legal-queue-again", "/review", `//h1[text()="Legal review"]`)
	v.click("legal-draft-again", `//a[starts-with(., "Partnership agreement, version 1")]`, `//h2[text()="Approve"]`)
	v.wantText("Title added for Cyngor Sir Ynys Môn in the register")
	// Pressed from the keyboard, as a keyboard user would.
	v.do(chromedp.Focus(chromedp.CSS(`form[action$="/approve"] button`)), chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "The draft has been approved.")]`)))
	v.checked("legal-approved")
	v.wantText("Approved")
}

// TestBrowserOtherPages checks the pages the round trip does not visit,
// each with axe-core, including every form with its error summary showing.
func TestBrowserOtherPages(t *testing.T) {
	ctx := newBrowser(t)
	s := newSite(t)
	waste := s.addPartnership(t, "waste-partnership.json", "")
	s.addPartnership(t, "minimal-proposal.json", "")
	revised := waste.Partnership
	revised.Name, revised.Status = "Dyffryn Conwy waste partnership", partnership.StatusUnderReview
	revised.Risks[0].Mitigation = "Two depots, so that either can take the other's rounds.\nA spare vehicle on call."
	officer := partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer}
	if _, err := s.flow.UpdatePartnership(t.Context(), officer, waste.Ref, 1, &revised); err != nil {
		t.Fatal(err)
	}
	var drafts []*partnership.Document
	for _, ref := range []string{waste.Ref, waste.Ref} {
		d, err := s.flow.GenerateDocument(t.Context(), officer, ref, "mou", "html")
		if err != nil {
			t.Fatal(err)
		}
		drafts = append(drafts, d)
		revised.Name += " (revised)"
		if _, err := s.flow.UpdatePartnership(t.Context(), officer, waste.Ref, d.Revision, &revised); err != nil {
			t.Fatal(err)
		}
	}
	v := &visit{t: t, ctx: ctx, site: s, shots: screenshotFolder(t)}

	v.open("sign-in", "/sign-in", `//h1[text()="Sign in"]`)
	v.click("sign-in-error", `//button[text()="Sign in"]`, `//h2[text()="There is a problem"]`)
	v.signIn("policy-home", s.tokens[partnership.RolePolicy], "The register at a glance")
	v.open("policy-audit", "/audit", `//h1[text()="Audit trail"]`)
	v.open("partnership", "/partnerships/"+waste.Ref, `//button[text()="Compare"]`)
	v.click("compare-revisions", `//button[text()="Compare"]`, `//caption[contains(., " differ")]`)
	v.wantText("Dyffryn Conwy waste partnership")
	v.open("compare-revisions-error", "/partnerships/"+waste.Ref+"/compare?from=2&to=2", `//h2[text()="There is a problem"]`)
	v.open("document-changes", documentPath(drafts[1].ID), `//h2[text()="Changes since version 1"]`)
	v.open("register-filter-error", "/partnerships?review_due=soon", `//h2[text()="There is a problem"]`)
	v.open("not-found", "/no/such/page", `//h1[text()="Page not found"]`)
	v.open("forbidden", "/partnerships/new", `//h1[text()="You cannot use this page"]`)
	v.signOut()

	v.signIn("officer-home", s.tokens[partnership.RoleOfficer], "Add a partnership")
	v.open("new-partnership-tasks", "/partnerships/new", `//h1[text()="Partnership details"]`)
	v.click("new-partnership-about", `//button[text()="About the partnership"]`, `//h1[text()="About the partnership"]`)
	v.type_(`#name`, "Partneriaeth Gymunedol Dyffryn Conwy")
	v.type_(`#purpose`, "Rhannu gwaith y parc gwledig")
	v.type_(`#dates-start-day`, "31")
	v.type_(`#dates-start-month`, "2")
	v.type_(`#dates-start-year`, "2027")
	v.click("new-partnership-bad-date", `//button[text()="Save and continue"]`, `//h2[text()="There is a problem"]`)
	v.wantText("The start date must be a real date")
	v.type_(`#dates-start-day`, "28")
	v.click("new-partnership-partners", `//button[text()="Save and continue"]`, `//h1[text()="Partners"]`)
	for i, name := range partnerNames {
		v.click(fmt.Sprintf("new-partnership-partner-%d", i+1), `//button[starts-with(., "Add a")]`, fmt.Sprintf(`//*[@id="partners-%d-name"]`, i))
		v.type_(fmt.Sprintf(`#partners-%d-id`, i), fmt.Sprintf("partner-%d", i+1))
		v.type_(fmt.Sprintf(`#partners-%d-name`, i), name)
		v.type_(fmt.Sprintf(`#partners-%d-type`, i), "local_authority")
	}
	v.click("new-partnership-significance", `//button[text()="Save and continue"]`, `//h1[starts-with(., "Is it a partnership")]`)
	v.click("new-partnership-tasks-progress", `//button[text()="Back to the task list"]`, `//h1[text()="Partnership details"]`)
	v.click("new-partnership-check", `//button[text()="Check your answers"]`, `//h1[text()="Check your answers"]`)
	for _, name := range partnerNames {
		v.wantText(name)
	}
	v.click("new-partnership-saved", `//button[text()="Save the partnership"]`, `//p[contains(., "added to the register")]`)
	v.wantText("28 February 2027")
	for _, name := range partnerNames {
		v.wantText(name)
	}
}

// visit is one browser session through the forms.
type visit struct {
	t      *testing.T
	ctx    context.Context
	site   *site
	shots  string
	n      int
	frames []string // the text of each frame of the page, read by checked
}

// open goes to path and waits for until to show.
func (v *visit) open(name, path, until string) {
	v.t.Helper()
	v.do(chromedp.Navigate(v.site.URL+path), chromedp.WaitVisible(chromedp.Search(until)))
	v.checked(name)
}

// click clicks what and waits for until to show on the page it leads to.
func (v *visit) click(name, what, until string) {
	v.t.Helper()
	v.do(chromedp.Click(chromedp.Search(what)), chromedp.WaitVisible(chromedp.Search(until)))
	v.checked(name)
}

// type_ replaces a field's value. SetValue, not SendKeys: the names are
// not ASCII, and key events would go through a keyboard layout.
func (v *visit) type_(selector, value string) {
	v.t.Helper()
	v.do(chromedp.ScrollIntoView(chromedp.CSS(selector)))
	v.t.Helper()
	v.do(chromedp.SetValue(chromedp.CSS(selector), value))
}

func (v *visit) signIn(name, token, until string) {
	v.t.Helper()
	v.do(chromedp.Navigate(v.site.URL+"/sign-in"), chromedp.WaitVisible(chromedp.CSS(`#token`)))
	v.type_(`#token`, token)
	v.click(name, `//button[text()="Sign in"]`, `//*[contains(., "`+until+`")]`)
}

func (v *visit) signOut() {
	v.t.Helper()
	v.do(chromedp.Click(chromedp.Search(`//button[text()="Sign out"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "You have signed out.")]`)))
}

// wantText fails unless the page's text holds text.
func (v *visit) wantText(text string) {
	v.t.Helper()
	body := run(v, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(body, text) {
		v.t.Errorf("the page does not say %q:\n%s", text, body)
	}
}

// download fetches the file the link points at from the page, as the
// browser would, with its session.
func (v *visit) download(link string) []byte {
	v.t.Helper()
	href := run(v, chromedp.AttributeValue(chromedp.CSS(link), "href")).Value
	return v.fetch(`fetch(` + jsString(href) + `)`)
}

// fetch runs a fetch expression in the page (with its session) and
// returns the body of its answer.
func (v *visit) fetch(expr string) []byte {
	v.t.Helper()
	b64 := run(v, chromedp.Evaluate[string](expr+`.then(r => r.ok ? r.blob() : Promise.reject(r.status))
		.then(b => new Promise(done => { const f = new FileReader(); f.onload = () => done(f.result.split(",")[1]); f.readAsDataURL(b) }))`,
		chromedp.EvalAwaitPromise))
	body, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		v.t.Fatalf("downloading with %s: %v", expr, err)
	}
	return body
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// do runs steps in the browser, failing the test at the first error.
func (v *visit) do(steps ...chromedp.Action[chromedp.Void]) {
	v.t.Helper()
	run(v, chromedp.Steps(steps...))
}

// run runs one action in the browser, at most 30 seconds, and returns its
// value.
func run[T any](v *visit, a chromedp.Action[T]) T {
	v.t.Helper()
	ctx, cancel := context.WithTimeout(v.ctx, 30*time.Second)
	defer cancel()
	out, err := chromedp.Run(ctx, a)
	if err != nil {
		v.t.Fatalf("browser: %v", err)
	}
	return out
}

// checked photographs the page and runs axe-core on it.
func (v *visit) checked(name string) {
	v.t.Helper()
	v.n++
	run(v, chromedp.Poll[bool](framesLoaded))
	v.frames = v.frameTexts()
	v.framesPainted()
	shot := run(v, chromedp.FullScreenshot(100))
	file := filepath.Join(v.shots, fmt.Sprintf("%02d-%s.png", v.n, name))
	if err := os.WriteFile(file, shot, 0o644); err != nil {
		v.t.Fatal(err)
	}
	for _, violation := range v.axe() {
		v.t.Errorf("%s: axe-core: %s", name, violation)
	}
}

// framesLoaded is true once the page's frame (a document's preview) has
// loaded: the parent page's resource timing lists a frame's document when
// it has finished loading, sandboxed or not.
const framesLoaded = `document.querySelectorAll("iframe").length ===
	performance.getEntriesByType("resource").filter(e => e.initiatorType === "iframe").length`

// frameTexts waits until each frame of the page shows its document, and
// returns their texts. A sandboxed frame (the document preview) has an
// opaque origin, so chromium runs it in a process of its own, as a target
// of its own: the parent page's load events and resource timing say it has
// loaded before it has painted, and a screenshot taken then shows an empty
// box. Reading the frame's own document through its target waits for it,
// and proves the preview shows the document, not a sign-in page.
func (v *visit) frameTexts() []string {
	v.t.Helper()
	srcs := run(v, chromedp.Evaluate[[]string](`[...document.querySelectorAll("iframe")].map(f => f.src)`))
	texts := make([]string, len(srcs))
	for i, src := range srcs {
		texts[i] = v.frameText(src)
	}
	return texts
}

// frameText is the text of the frame showing src, once it has some.
func (v *visit) frameText(src string) string {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if text := v.frameTargetText(src); text != "" {
			return text
		}
		time.Sleep(50 * time.Millisecond)
	}
	v.t.Fatalf("the frame showing %s never showed any text", src)
	return ""
}

// frameTargetText is the text of the frame target showing src, "" while
// there is none or its document has not finished loading.
func (v *visit) frameTargetText(src string) string {
	infos, err := chromedp.Targets(v.ctx)
	if err != nil {
		v.t.Fatalf("browser: %v", err)
	}
	for _, info := range infos {
		if info.Type != "iframe" || info.URL != src {
			continue
		}
		ctx, cancel := chromedp.NewContext(v.ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? document.body.innerText : ""`))
		cancel()
		if err == nil {
			return text
		}
	}
	return ""
}

// framesPainted waits until each frame of the page has painted its
// document. Chromium does not paint a frame of another process while it
// is off screen (it throttles it), and a full-page screenshot does not
// wake it: a person scrolls to the preview and sees it, a screenshot of the
// whole page shows an empty box. So each frame is brought into view and
// photographed on its own until it shows ink; the page stays scrolled
// there, as scrolling back would throttle the frame again before the full
// screenshot (which photographs the whole page from its top whatever the
// scroll).
func (v *visit) framesPainted() {
	v.t.Helper()
	for i := range v.frames {
		sel := chromedp.CSS(fmt.Sprintf("iframe:nth-of-type(%d)", i+1))
		v.do(chromedp.ScrollIntoView(sel))
		deadline := time.Now().Add(10 * time.Second)
		for !hasInk(v.t, run(v, chromedp.Screenshot(sel))) {
			if time.Now().After(deadline) {
				v.t.Fatalf("frame %d of the page never painted its document", i+1)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// hasInk reports whether a PNG has a dark pixel: text, not an empty box
// (whose grey border is lighter than any text).
func hasInk(t *testing.T, b []byte) bool {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading a screenshot: %v", err)
	}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y < 64 {
				return true
			}
		}
	}
	return false
}

// wantFrameText fails unless the page's frame (its preview) shows text.
func (v *visit) wantFrameText(text string) {
	v.t.Helper()
	for _, f := range v.frames {
		if strings.Contains(f, text) {
			return
		}
	}
	v.t.Errorf("no frame of the page shows %q (%d frames)", text, len(v.frames))
}

// axeViolation is what the test reports of one axe-core violation.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (a axeViolation) String() string {
	return a.ID + " (" + a.Impact + "): " + a.Help + "\n    " + strings.Join(a.Nodes, "\n    ")
}

// axe runs axe-core's WCAG 2.2 AA rules on the page. The document preview's
// sandboxed frame is left out: it is the generator's own HTML, with its own
// tests, and a sandboxed frame cannot run axe.
func (v *visit) axe() []axeViolation {
	v.t.Helper()
	tags, _ := json.Marshal(wcag22aa)
	script := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, iframes: false})
		.then(r => r.violations.map(x => ({id: x.id, impact: x.impact || "", help: x.help,
			nodes: x.nodes.map(n => n.target.join(" ") + ": " + n.html)})))`
	run(v, chromedp.Evaluate[bool](axeSource(v.t)+";true"))
	return run(v, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
}

func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is vendored by scripts/vendor-govuk.sh: %v", err)
	}
	return string(src)
}

// newBrowser starts headless chromium for the test. Without chromium the
// test skips on a developer's machine and fails in CI (CI=true), where
// .ci/run installs it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is not installed (apt-get install chromium): %v", err)
		}
		t.Skipf("chromium is not installed (apt-get install chromium): %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 1000))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// screenshotFolder is $PARTNERDOCS_SCREENSHOTS/<test name>, or a temporary
// folder; either way it is logged.
func screenshotFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if root := os.Getenv("PARTNERDOCS_SCREENSHOTS"); root != "" {
		dir = filepath.Join(root, regexp.MustCompile(`[^A-Za-z0-9_-]+`).ReplaceAllString(t.Name(), "_"))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// renamePartners gives the partnership's first three partners the test's
// names, as a new revision through the use cases.
func renamePartners(t *testing.T, s *site, rev *partnership.Revision) {
	t.Helper()
	p := rev.Partnership
	if len(p.Partners) < len(partnerNames) {
		t.Fatalf("the sample has %d partners; the test names %d", len(p.Partners), len(partnerNames))
	}
	for i, name := range partnerNames {
		p.Partners[i].Name = name
	}
	officer := partnership.Actor{Name: names[partnership.RoleOfficer], Role: partnership.RoleOfficer}
	if _, err := s.flow.UpdatePartnership(t.Context(), officer, rev.Ref, rev.Number, &p); err != nil {
		t.Fatal(err)
	}
}

func documentPath(id int64) string { return "/documents/" + strconv.FormatInt(id, 10) }

// TestBrowserCMTReturn: policy downloads the year's workbook with the
// page's own form, sends it back with an actual that is not a number and
// sees that cell named in the error summary, then sends a good return,
// which is applied; once signed in with a token, once through the
// identity provider.
func TestBrowserCMTReturn(t *testing.T) {
	eachSignIn(t, cmtReturn)
}

func cmtReturn(t *testing.T, s *site, signIn signInAs) {
	ctx := newBrowser(t)
	rev := s.addPartnership(t, "waste-partnership.json", "")
	v := &visit{t: t, ctx: ctx, site: s, shots: screenshotFolder(t)}

	signIn(v, "policy-home", partnership.RolePolicy, "The register at a glance")
	v.click("cmt", `//a[text()="CMT workbook"]`, `//h1[text()="Annual CMT workbook"]`)
	download := `(f => fetch(f.action + "?" + new URLSearchParams(new FormData(f))))(document.querySelector('form[action="/reports/cmt/workbook"]'))`
	f, err := excelize.OpenReader(bytes.NewReader(v.fetch(download)))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer f.Close()
	actual, rag := targetCells(t, f, rev.Ref, rev.Partnership.Targets[0].ID)
	setCell(t, f, actual, "about half")
	v.upload(`#return-file`, workbookBytes(t, f))
	v.click("cmt-bad-cell", `//button[text()="Send the return"]`, `//h2[text()="There is a problem"]`)
	v.wantText(workbook.SheetTargets + "!" + actual + ": ")

	setCell(t, f, actual, 48.5)
	setCell(t, f, rag, "Amber")
	v.upload(`#return-file`, workbookBytes(t, f))
	v.click("cmt-applied", `//button[text()="Send the return"]`, `//h2[text()="Return applied"]`)
	v.wantText("1 partnership changed")
	v.click("cmt-changed-partnership", `//ul[@id="returned-partnerships"]//a`, `//h2[text()="Partners"]`)
}

// upload puts a file holding body into the file input at selector.
func (v *visit) upload(selector string, body []byte) {
	v.t.Helper()
	file := filepath.Join(v.t.TempDir(), "cmt-return.xlsx")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		v.t.Fatal(err)
	}
	v.do(chromedp.SetUploadFiles(chromedp.CSS(selector), []string{file}))
}
