package html

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
)

// The matrix is an SVG image named by its title and described in words;
// a ref is text wherever it is printed, escaped by html/template, and a
// crowded cell prints as many refs as fit and how many more.
func TestRenderMatrix(t *testing.T) {
	src := "```risk-matrix\nband 15 High\nband 6 Medium\nband 1 Low\nrisk 5 5 </svg><script>x</script>\n"
	for range 40 {
		src += "risk 1 1 R1\n"
	}
	o, err := outline.Parse([]byte(src + "```\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(o, meta)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if strings.Contains(page, "<script>") {
		t.Fatal("a ref is written as markup")
	}
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="risk-matrix-title risk-matrix-desc"`,
		`<title id="risk-matrix-title">Risk matrix</title>`,
		`<desc id="risk-matrix-desc">Risk matrix of 41 risks by likelihood (1 Rare to 5 Almost certain) and impact (1 Negligible to 5 Severe). High (score 15 to 25): 1 risk, &lt;/svg&gt;&lt;script&gt;x&lt;/script&gt; (likelihood 5, impact 5).`,
		`>&lt;/svg&gt;&lt;script&gt;x&lt;/script&gt;</text>`,
		`font-size="12">High</text>`, `font-size="12">Low</text>`,
		`>Likelihood</text>`, `>Impact</text>`, `>5 Severe</text>`, `>Almost certain</text>`,
		`>Medium: score 6 to 14</text>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	svg := page[strings.Index(page, "<svg"):strings.Index(page, "</svg>")]
	svg = svg[strings.Index(svg, "</desc>"):]
	more := regexp.MustCompile(`>and (\d+) more</text>`).FindStringSubmatch(svg)
	if more == nil {
		t.Fatal("the crowded cell does not say how many more risks it holds")
	}
	if n, _ := strconv.Atoi(more[1]); n+strings.Count(svg, "R1") != 40 || n == 40 {
		t.Errorf("the crowded cell prints %d refs and %s more; it holds 40", strings.Count(svg, "R1"), more[1])
	}
}
