package docx

import (
	"strings"
	"testing"
)

// A ref is text, however it is spelt: it is escaped in the cells and in
// the table's description, and the document stays well-formed XML.
func TestMatrixEscapesRefs(t *testing.T) {
	src := "```risk-matrix\nband 15 High\nband 6 Medium\nband 1 Low\nrisk 5 5 <w:p/> & \"R1\"\nrisk 1 1 R2\n```\n"
	body := string(renderSource(t, newRenderer(t), src, meta)["word/document.xml"])
	if strings.Contains(body, `<w:p/> &`) {
		t.Fatal("a ref is written as markup")
	}
	for _, want := range []string{
		`<w:tblCaption w:val="Risk matrix"/><w:tblDescription w:val="Risk matrix of 2 risks`,
		`High (score 15 to 25): 1 risk, &lt;w:p/&gt; &amp; &#34;R1&#34; (likelihood 5, impact 5).`,
		`<w:shd w:val="clear" w:color="auto" w:fill="F4C7C3"/>`,
		`>&lt;w:p/&gt; &amp; &#34;R1&#34;</w:t>`,
		`>Bands: High: score 15 to 25; Medium: score 6 to 14; Low: score 1 to 5.</w:t>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
}
