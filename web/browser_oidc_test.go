package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOIDCSignIn is the browser test signing in with the council's
// identity provider (TestBrowserReviewRoundTrip signs in with tokens): the
// sign-in page with the provider's button, an officer who follows it (the
// in-process provider sends the browser straight back) to the register
// they asked for and then their home page, and someone with no role, who
// is refused on the sign-in page. Every page is checked by axe-core and
// photographed, as in the other browser tests.
func TestBrowserOIDCSignIn(t *testing.T) {
	ctx := newBrowser(t)
	s := newOIDCSite(t)
	rev := s.addPartnership(t, "waste-partnership.json", "Partneriaeth Gwastraff Môn")
	v := &visit{t: t, ctx: ctx, site: s.site, shots: screenshotFolder(t)}

	v.open("sign-in-with-provider", "/sign-in?next=%2Fpartnerships", `//a[@id="oidc"]`)
	v.wantText("Sign in with Shire Council account")
	v.wantText("Or sign in with an access token")

	s.person("olu.officer@shire.gov.uk", "All-Staff", "PD-Officers")
	v.click("officer-register", `//a[@id="oidc"]`, `//h1[text()="Partnerships"]`)
	v.wantText(rev.Partnership.Name)
	v.open("officer-home", "/", `//a[@href="/partnerships/new"]`)
	footer := run(v, chromedp.Text(chromedp.CSS("footer")))
	if want := "You are signed in as oidc:olu.officer@shire.gov.uk (Officer)"; !strings.Contains(footer, want) {
		t.Errorf("the footer does not say %q:\n%s", want, footer)
	}
	v.signOut()

	s.person("sam.jones@shire.gov.uk", "All-Staff")
	v.open("sign-in-again", "/sign-in", `//a[@id="oidc"]`)
	v.click("no-role-refused", `//a[@id="oidc"]`, `//h2[text()="There is a problem"]`)
	v.wantText("Your account has no partnerdocs role")
}
