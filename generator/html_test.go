package generator

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

var tagPattern = regexp.MustCompile(`(?s)<style.*?</style>|<[^>]+>`)

// htmlText is the text a reader of the page sees.
func htmlText(page string) string {
	return html.UnescapeString(tagPattern.ReplaceAllString(page, " "))
}

func TestAgreementHTMLIsAccessible(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	doc := render(t, g, "agreement", p, FormatHTML)
	page := string(doc.Bytes)
	for _, want := range []string{`<html lang="en-GB">`, "<h1", "<h2", `<th scope="col"`, "<title>Partnership Agreement", "DRAFT"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	text := htmlText(page)
	for _, partner := range p.Partners {
		if !strings.Contains(text, partner.Name) {
			t.Errorf("page lacks partner %q", partner.Name)
		}
	}
	if strings.Count(page, "<h1") != 1 {
		t.Error("a page needs exactly one h1")
	}
}
