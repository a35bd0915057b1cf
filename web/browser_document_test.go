package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"partnerdocs/generator"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// TestBrowserDocumentHTML: the generator's own HTML copy of an agreement,
// which the site's preview shows in a sandboxed frame that axe-core cannot
// enter, passes axe-core's WCAG 2.2 AA rules when opened on its own: its
// headings, tables and the risk matrix's SVG image with its name and
// description in words.
func TestBrowserDocumentHTML(t *testing.T) {
	ctx := newBrowser(t)
	gen, err := generator.New(generator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := samples.Read("health-alliance.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := partnership.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := gen.Render(t.Context(), generator.Request{Kind: "agreement", Format: generator.FormatHTML, Partnership: p,
		At: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(doc.Bytes)
	}))
	t.Cleanup(srv.Close)
	v := &visit{t: t, ctx: ctx, shots: screenshotFolder(t)}
	v.do(chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS(`svg[role="img"]`)))
	v.checked("agreement-html")
}
