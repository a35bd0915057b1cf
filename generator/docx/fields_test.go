package docx

import (
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// numberedDocument has clauses, a sub-clause with paragraphs under it, an
// unnumbered heading, a schedule, cross-references to each and a
// placeholder.
const numberedDocument = `# Test Agreement

Made between the parties below.

## Parties {.unnumbered}

The parties.

## Definitions {#definitions}

Words have the meanings in [](#money); notice is under [](#exit).

## Exit {#exit}

### In writing {#writing}

Notice is given in writing, as [](#definitions) says, within [notice period to be confirmed].

## Money {#money .schedule}

Amounts [to be completed] and [not a placeholder].
`

func renderNumbered(t *testing.T, draft bool) map[string][]byte {
	t.Helper()
	m := meta
	m.Draft = draft
	return renderSource(t, newRenderer(t), numberedDocument, m)
}

// wordParagraph is a paragraph of document.xml, as far as these tests look.
type wordParagraph struct {
	PStyle struct {
		Val string `xml:"val,attr"`
	} `xml:"pPr>pStyle"`
	NumID *struct {
		Val string `xml:"val,attr"`
	} `xml:"pPr>numPr>numId"`
	Level *struct {
		Val string `xml:"val,attr"`
	} `xml:"pPr>numPr>ilvl"`
	Text      []string `xml:"r>t"`
	Bookmarks []struct {
		Name string `xml:"name,attr"`
	} `xml:"bookmarkStart"`
}

func paragraphs(t *testing.T, doc []byte) []wordParagraph {
	t.Helper()
	var d struct {
		Paras []wordParagraph `xml:"body>p"`
	}
	if err := xml.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	return d.Paras
}

// The numbering part is in the package and bound to the heading styles
// both ways: Heading1 and Heading2 name list 1 at levels 0 and 1, and those
// levels name the styles back, in the outline's format.
func TestNumberingBoundToHeadingStyles(t *testing.T) {
	parts := renderNumbered(t, true)
	num := string(parts["word/numbering.xml"])
	for _, want := range []string{
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:suff w:val="tab"/><w:lvlText w:val="%1"/>`,
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:isLgl/><w:suff w:val="tab"/><w:lvlText w:val="%1.%2"/>`,
		`<w:lvlText w:val="%1.%2.%3"/>`,
	} {
		if !strings.Contains(num, want) {
			t.Errorf("numbering.xml lacks %s", want)
		}
	}
	styles := string(parts["word/styles.xml"])
	for style, level := range map[string]string{"Heading1": "0", "Heading2": "1"} {
		re := regexp.MustCompile(`w:styleId="` + style + `">.*?<w:numPr><w:ilvl w:val="` + level + `"/><w:numId w:val="1"/></w:numPr>.*?</w:style>`)
		if !re.MatchString(styles) {
			t.Errorf("style %s is not bound to list 1 level %s", style, level)
		}
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), `PartName="/word/numbering.xml"`) ||
		!strings.Contains(string(parts["word/_rels/document.xml.rels"]), `Target="numbering.xml"`) {
		t.Error("numbering.xml has no content type or no relationship")
	}
}

// Headings carry no typed number: a numbered one takes it from its style,
// an unnumbered one switches the style's numbering off, and numbered
// paragraphs are in the list at their depth.
func TestHeadingsHaveNoTypedNumbers(t *testing.T) {
	type row struct{ style, numID, level, text string }
	var got []row
	for _, p := range paragraphs(t, renderNumbered(t, true)["word/document.xml"]) {
		if strings.HasPrefix(p.PStyle.Val, "TOC") || len(p.Text) == 0 {
			continue
		}
		r := row{style: p.PStyle.Val, text: p.Text[0]}
		if p.NumID != nil {
			r.numID = p.NumID.Val
		}
		if p.Level != nil {
			r.level = p.Level.Val
		}
		got = append(got, r)
	}
	want := []row{
		{"DraftNotice", "", "", draftMark + ". This document is a draft until it is approved and signed."},
		{"Title", "", "", "Test Agreement"},
		{"", "", "", "Made between the parties below."},
		{"Heading1", "0", "0", "Parties"},
		{"", "", "", "The parties."},
		{"Heading1", "", "", "Definitions"},
		{"HangingClause1", "1", "1", "Words have the meanings in "},
		{"Heading1", "", "", "Exit"},
		{"Heading2", "", "", "In writing"},
		{"HangingClause2", "1", "2", "Notice is given in writing, as "},
		{"Heading1", "0", "0", "Schedule 1: "},
		{"", "", "", "Amounts "},
	}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
}

var (
	refField  = regexp.MustCompile(`<w:instrText xml:space="preserve"> REF (\S+) \\r \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>([^<]*)</w:t>`)
	bookmarks = regexp.MustCompile(`<w:bookmarkStart w:id="\d+" w:name="([^"]+)"/>`)
)

// Every REF field points at a bookmark that is there, on the clause whose
// number is its result; references to a schedule stay links.
func TestReferencesAreFieldsToBookmarks(t *testing.T) {
	doc := string(renderNumbered(t, true)["word/document.xml"])
	marks := map[string]int{}
	for _, m := range bookmarks.FindAllStringSubmatch(doc, -1) {
		marks[m[1]]++
	}
	got := map[string]string{}
	for _, m := range refField.FindAllStringSubmatch(doc, -1) {
		if marks[m[1]] != 1 {
			t.Errorf("REF %s: %d bookmarks of that name", m[1], marks[m[1]])
		}
		got[m[1]] = m[2]
	}
	if want := map[string]string{"pd_exit": "2", "pd_definitions": "1"}; len(got) != 2 || got["pd_exit"] != "2" || got["pd_definitions"] != "1" {
		t.Errorf("REF fields %v, want %v", got, want)
	}
	if !strings.Contains(doc, `<w:t xml:space="preserve">; notice is under </w:t></w:r><w:r><w:t xml:space="preserve">clause </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>`) {
		t.Error("a reference's words do not come before its field")
	}
	if !strings.Contains(doc, `<w:hyperlink w:anchor="pd_money" w:history="1"><w:r><w:t>Schedule 1</w:t></w:r></w:hyperlink>`) {
		t.Error("the reference to the schedule is not a link")
	}
	for name, n := range marks {
		if n != 1 || len(name) > 40 || !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(name) {
			t.Errorf("bookmark %q (%d of them) is not a valid, unique Word bookmark", name, n)
		}
	}
	settings := string(renderNumbered(t, false)["word/settings.xml"])
	if !strings.Contains(settings, `<w:updateFields w:val="true"/>`) {
		t.Error("settings do not ask Word to update the fields on opening")
	}
}

// The contents field comes after the title block and its result lists the
// headings, each a link to a bookmark that is there.
func TestContentsField(t *testing.T) {
	doc := string(renderNumbered(t, true)["word/document.xml"])
	field := strings.Index(doc, `<w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText>`)
	if field < 0 || field < strings.Index(doc, "Made between") || field > strings.Index(doc, ">Parties<") {
		t.Fatalf("no contents field after the title block and before the first heading")
	}
	var entries []string
	for _, p := range paragraphs(t, []byte(doc)) {
		if strings.HasPrefix(p.PStyle.Val, "TOC") && p.PStyle.Val != "TOCHeading" {
			entries = append(entries, p.PStyle.Val)
		}
	}
	links := regexp.MustCompile(`<w:pStyle w:val="(TOC\d)"/>.*?<w:hyperlink w:anchor="([^"]+)"`).FindAllStringSubmatch(doc, -1)
	if len(entries) != 5 || len(links) != 5 {
		t.Fatalf("contents entries %q, links %d; want Parties, Definitions, Exit, In writing, Schedule 1", entries, len(links))
	}
	marks := map[string]bool{}
	for _, m := range bookmarks.FindAllStringSubmatch(doc, -1) {
		marks[m[1]] = true
	}
	for _, l := range links {
		if !marks[l[2]] {
			t.Errorf("contents entry links to %s, which no heading carries", l[2])
		}
	}
	text := partText(doc)
	for _, want := range []string{"Contents\nParties\n1\tDefinitions\n2\tExit\n2.1\tIn writing\nSchedule 1: Money\n\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("contents read %q, want %q", text, want)
		}
	}
}

// Placeholders are highlighted, and nothing else is.
func TestPlaceholdersHighlighted(t *testing.T) {
	doc := string(renderNumbered(t, true)["word/document.xml"])
	hl := regexp.MustCompile(`<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t(?: xml:space="preserve")?>([^<]*)</w:t></w:r>`)
	var got []string
	for _, m := range hl.FindAllStringSubmatch(doc, -1) {
		got = append(got, m[1])
	}
	if want := []string{"[notice period to be confirmed]", "[to be completed]"}; !slices.Equal(got, want) {
		t.Errorf("highlighted %q, want %q", got, want)
	}
	if strings.Count(doc, "w:highlight") != 2 {
		t.Errorf("%d highlights, want 2", strings.Count(doc, "w:highlight"))
	}
}

func TestPlaceholder(t *testing.T) {
	for in, want := range map[string]string{
		"within [notice period to be confirmed].": "[notice period to be confirmed]",
		"[a] and [b to be prepared]":              "[b to be prepared]",
		"[[x to be confirmed]":                    "[x to be confirmed]",
		"[not one] to be confirmed":               "",
		"[to be confirmed":                        "",
	} {
		start, end := placeholder(in)
		got := ""
		if start >= 0 {
			got = in[start:end]
		}
		if got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// The draft's header holds the DRAFT mark and Track Changes is on; the
// approved copy's header does not say DRAFT.
func TestDraftHeaderAndTrackChanges(t *testing.T) {
	draft, approved := renderNumbered(t, true), renderNumbered(t, false)
	if !strings.Contains(partText(string(draft["word/header1.xml"])), draftMark) {
		t.Error("the draft's header lacks the DRAFT mark")
	}
	if strings.Contains(string(approved["word/header1.xml"]), "DRAFT") {
		t.Error("the approved copy's header says DRAFT")
	}
	if !strings.Contains(string(draft["word/document.xml"]), `<w:headerReference w:type="default" r:id="rId3"/>`) {
		t.Error("the section does not use the header")
	}
	if !strings.Contains(string(draft["word/settings.xml"]), `<w:trackRevisions/>`) {
		t.Error("Track Changes is off in the draft")
	}
}

// partText is a part's text as it reads: runs' text and fields' results,
// tabs as \t, a paragraph a line.
func partText(xmlText string) string {
	xmlText = instrText.ReplaceAllString(xmlText, "")
	r := strings.NewReplacer(`<w:tab/>`, "\t", `</w:p>`, "\n")
	return markup.ReplaceAllString(r.Replace(xmlText), "")
}

var (
	instrText = regexp.MustCompile(`<w:instrText[^>]*>[^<]*</w:instrText>`)
	markup    = regexp.MustCompile(`<[^>]+>`)
)
