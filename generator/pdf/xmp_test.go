package pdf

import (
	"encoding/xml"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
)

// TestXMPMetadataMatchesInfo: the document carries an XMP metadata stream
// that is well-formed XML, however the partnership's name is spelt, and
// says what the Info dictionary says: the title, the author, the subject,
// and the language.
func TestXMPMetadataMatchesInfo(t *testing.T) {
	pdftest.Require(t, "pdfinfo")
	m := meta
	m.Subject = `<The> "Partners" & Co ]]> {{.Name}} 𝐁old 😀`
	b, err := newRenderer(t).Render(clauses(t, 3), m)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		Title       string `xml:"RDF>Description>title>Alt>li"`
		Creator     string `xml:"RDF>Description>creator>Seq>li"`
		Description string `xml:"RDF>Description>description>Alt>li"`
		Language    string `xml:"RDF>Description>language>Bag>li"`
		Producer    string `xml:"RDF>Description>Producer"`
	}
	raw := pdftest.Metadata(t, b)
	if err := xml.Unmarshal([]byte(raw), &x); err != nil {
		t.Fatalf("the XMP metadata is not well-formed XML: %v\n%s", err, raw)
	}
	info := pdftest.Info(t, b)
	// Both hold the name as drawn: a character the fonts lack is replaced
	// in each alike.
	if x.Title != info["Title"] || !strings.HasPrefix(x.Title, m.Title+" — <The> \"Partners\" & Co ]]>") {
		t.Errorf("XMP title %q, Info title %q", x.Title, info["Title"])
	}
	if x.Description != info["Subject"] || x.Creator != info["Author"] || x.Language != "en-GB" {
		t.Errorf("XMP description %q, creator %q, language %q; Info subject %q, author %q",
			x.Description, x.Creator, x.Language, info["Subject"], info["Author"])
	}
	if x.Producer != info["Producer"] || !strings.HasPrefix(x.Producer, "partnerdocs") {
		t.Errorf("XMP producer %q, Info producer %q", x.Producer, info["Producer"])
	}
	if !strings.Contains(info["Metadata Stream"], "yes") {
		t.Errorf("pdfinfo sees no metadata stream: %q", info["Metadata Stream"])
	}
}
