package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"partnerdocs/partnership"
)

// TestBrowserKeyboardOnly: an officer who uses no mouse signs in and
// reaches the main actions with key presses alone (Tab, Shift+Tab, Enter,
// Space, and typing): the skip link, the header's navigation, the
// register's search, a partnership, and the form that generates a
// document. Each step is checked by the element that has the focus
// (document.activeElement) and by the page reached, and every element the
// focus lands on must show GOV.UK's focus style (the focus yellow as its
// background, outline or shadow, or on its label for a radio, whose input
// is drawn by its label). Only the first address is typed into the
// browser, as a person would.
func TestBrowserKeyboardOnly(t *testing.T) {
	ctx := newBrowser(t)
	s := newSite(t)
	s.addPartnership(t, "minimal-proposal.json", "")
	rev := s.addPartnership(t, "waste-partnership.json", "Keyboard Trial Waste Partnership")
	k := &keyboard{visit: &visit{t: t, ctx: ctx, site: s, shots: screenshotFolder(t)}}

	k.open("/sign-in", `//h1[text()="Sign in"]`)
	k.tabTo("the skip link", `a.govuk-skip-link[href="#main-content"]`)
	k.press(kb.Enter)
	k.wantFocus("the main content, after the skip link", `main#main-content`)
	k.tabTo("the token field", `input#token`)
	k.type_(s.tokens[partnership.RoleOfficer])
	k.pressFor("signed-in-home", kb.Enter, `//h1[text()="Home"]`)
	k.wantText("Add a partnership") // the officer's home

	k.tabTo("the header's link to the register", `nav a.govuk-service-navigation__link[href="/partnerships"]`)
	k.press(kb.Tab)
	k.wantFocus("the sign-out button", `nav button.pd-link-button`)
	k.shiftTab()
	k.wantFocus("the header's link to the register again", `nav a.govuk-service-navigation__link[href="/partnerships"]`)
	k.pressFor("register", kb.Enter, `//h1[text()="Partnerships"]`)

	k.tabTo("the register's search", `input#q`)
	k.type_("keyboard trial")
	// Wait for the search's own page (its field's value as the server sent
	// it), not the partnership's link, which the register listed before.
	k.pressFor("register-searched", kb.Enter, `//input[@id="q" and @value="keyboard trial"]`)
	k.wantText("Keyboard Trial Waste Partnership")
	k.wantLocation("/partnerships?q=keyboard+trial")
	k.tabTo("the partnership found", `main a[href="/partnerships/`+rev.Ref+`"]`)
	k.pressFor("partnership", kb.Enter, `//h2[text()="Partners"]`)

	k.tabTo("the first kind of document", `input[name="kind"]`)
	k.press(" ")
	k.wantChecked(`input[name="kind"]`)
	k.tabTo("the generate button", `button.govuk-button`)
	k.wantFocusText("Generate the draft")
	k.pressFor("generated", kb.Enter, `//p[contains(., "The draft has been generated.")]`)
	k.wantLocation("/documents/")
}

// keyboard drives a visit with key presses only.
type keyboard struct {
	*visit
}

// maxTabs is how many presses of Tab may pass before the focus reaches
// what a step is after; more is a page a keyboard user cannot get round.
const maxTabs = 40

func (k *keyboard) open(path, until string) {
	k.t.Helper()
	k.visit.open(strings.Trim(strings.ReplaceAll(path, "/", "-"), "-"), path, until)
}

func (k *keyboard) press(keys string) {
	k.t.Helper()
	k.do(chromedp.KeyEvent(keys))
}

func (k *keyboard) shiftTab() {
	k.t.Helper()
	k.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	k.wantFocusStyle()
}

// type_ types text into the focused field, key by key (text is ASCII).
func (k *keyboard) type_(text string) {
	k.t.Helper()
	k.do(chromedp.KeyEvent(text))
}

// pressFor presses keys, waits for until on the page it leads to, and
// photographs and checks that page.
func (k *keyboard) pressFor(name, keys, until string) {
	k.t.Helper()
	k.do(chromedp.KeyEvent(keys), chromedp.WaitVisible(chromedp.Search(until)))
	k.checked(name)
}

// tabTo presses Tab until the focus is on selector, checking the focus
// style at every stop; it fails after maxTabs presses.
func (k *keyboard) tabTo(what, selector string) {
	k.t.Helper()
	var stops []string
	for range maxTabs {
		k.press(kb.Tab)
		k.wantFocusStyle()
		if k.focusMatches(selector) {
			return
		}
		stops = append(stops, k.focused())
	}
	k.t.Fatalf("%d presses of Tab never reached %s (%s); the focus went to:\n  %s",
		maxTabs, what, selector, strings.Join(stops, "\n  "))
}

func (k *keyboard) focusMatches(selector string) bool {
	k.t.Helper()
	return run(k.visit, chromedp.Evaluate[bool](`document.activeElement.matches(`+jsString(selector)+`)`))
}

// focused names the focused element, for a failure's message.
func (k *keyboard) focused() string {
	k.t.Helper()
	return run(k.visit, chromedp.Evaluate[string](`(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "") +
		" " + JSON.stringify((e.innerText || e.value || "").trim().slice(0, 40)))(document.activeElement)`))
}

func (k *keyboard) wantFocus(what, selector string) {
	k.t.Helper()
	if !k.focusMatches(selector) {
		k.t.Fatalf("the focus is on %s, not %s (%s)", k.focused(), what, selector)
	}
}

func (k *keyboard) wantFocusText(text string) {
	k.t.Helper()
	if got := run(k.visit, chromedp.Evaluate[string](`document.activeElement.innerText.trim()`)); got != text {
		k.t.Fatalf("the focused element says %q, want %q", got, text)
	}
}

func (k *keyboard) wantChecked(selector string) {
	k.t.Helper()
	if !run(k.visit, chromedp.Evaluate[bool](`document.activeElement.matches(`+jsString(selector+":checked")+`)`)) {
		k.t.Fatalf("Space did not check %s; the focus is on %s", selector, k.focused())
	}
}

// wantLocation fails unless the page's address (path and query) starts
// with prefix.
func (k *keyboard) wantLocation(prefix string) {
	k.t.Helper()
	if got := run(k.visit, chromedp.Evaluate[string](`location.pathname + location.search`)); !strings.HasPrefix(got, prefix) {
		k.t.Fatalf("the page is %s, want %s...", got, prefix)
	}
}

// focusStyle is true when the focused element shows GOV.UK's focus yellow
// (#ffdd00) as its background, its outline or its shadow; a radio or
// checkbox input is hidden under its label, which draws the focus ring.
const focusStyle = `(() => {
	const yellow = "rgb(255, 221, 0)";
	const shows = s => s.backgroundColor === yellow || s.boxShadow.includes(yellow) ||
		(s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && s.outlineColor === yellow);
	const e = document.activeElement;
	if (shows(getComputedStyle(e))) return true;
	return [...(e.labels || [])].some(l => shows(getComputedStyle(l, "::before")) || shows(getComputedStyle(l, "::after")));
})()`

func (k *keyboard) wantFocusStyle() {
	k.t.Helper()
	if !run(k.visit, chromedp.Evaluate[bool](focusStyle)) {
		k.t.Errorf("%s has the focus but shows no focus style", k.focused())
	}
}

// checked photographs the page under the step's name and runs axe-core.
func (k *keyboard) checked(name string) {
	k.t.Helper()
	k.visit.checked(fmt.Sprintf("keyboard-%s", name))
}
