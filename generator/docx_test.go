package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"partnerdocs/generator/docx"
	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// wordprocessingML is the namespace of Word's document, header and footer
// elements.
const wordprocessingML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// draftMark is what the running header of every page of a draft says, in
// the Word copy as in the PDF.
const draftMark = "DRAFT, not approved"

// docxPartNames are the parts every Word copy holds.
var docxPartNames = []string{
	"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
	"word/_rels/document.xml.rels", "word/document.xml", "word/footer1.xml", "word/header1.xml",
	"word/numbering.xml", "word/settings.xml", "word/styles.xml",
}

// readDOCX opens a Word copy as Word would: it must be a zip whose parts are
// all well-formed XML, each with a content type, and whose relationships
// all point at parts that are there. It returns the parts by name.
func readDOCX(t testing.TB, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := parts[f.Name]; dup {
			t.Errorf("%s is in the zip twice", f.Name)
		}
		parts[f.Name] = data
		if err := wellFormed(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range parts {
			if !yield(n) {
				return
			}
		}
	})
	if !slices.Equal(names, docxPartNames) {
		t.Errorf("parts %q, want %q", names, docxPartNames)
	}
	checkContentTypes(t, parts)
	for name := range parts {
		if strings.HasSuffix(name, ".rels") {
			checkRelationships(t, parts, name)
		}
	}
	return parts
}

func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func checkContentTypes(t testing.TB, parts map[string][]byte) {
	t.Helper()
	var types struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		}
		Override []struct {
			PartName string `xml:"PartName,attr"`
		}
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatalf("[Content_Types].xml: %v", err)
	}
	typed := map[string]bool{}
	for _, d := range types.Default {
		typed["."+d.Extension] = true
	}
	for _, o := range types.Override {
		typed[o.PartName] = true
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the package", o.PartName)
		}
	}
	for name := range parts {
		if name != "[Content_Types].xml" && !typed["/"+name] && !typed[path.Ext(name)] {
			t.Errorf("%s has no content type", name)
		}
	}
}

func checkRelationships(t testing.TB, parts map[string][]byte, rels string) {
	t.Helper()
	var r struct {
		Relationship []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		}
	}
	if err := xml.Unmarshal(parts[rels], &r); err != nil {
		t.Fatalf("%s: %v", rels, err)
	}
	// word/_rels/document.xml.rels speaks for word/document.xml.
	base := path.Dir(path.Dir(rels))
	ids := map[string]bool{}
	for _, rel := range r.Relationship {
		if ids[rel.ID] {
			t.Errorf("%s: relationship id %s twice", rels, rel.ID)
		}
		ids[rel.ID] = true
		if _, ok := parts[path.Join(base, rel.Target)]; !ok {
			t.Errorf("%s: %s points at %s, which is not in the package", rels, rel.ID, rel.Target)
		}
	}
}

// partText is the text of a WordprocessingML part as encoding/xml reads
// it: each paragraph a line, tabs and breaks as \t and \n.
func partText(t testing.TB, data []byte) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(data))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "t", "instrText":
				inText = true
			case "tab":
				if tok.Name.Space == wordprocessingML && len(tok.Attr) == 0 {
					b.WriteByte('\t')
				}
			case "br":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t", "instrText":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
}

// convertDOCX converts Word copies with LibreOffice headless, all in one
// run, to the filter given ("txt:Text" or "pdf"), and returns what it wrote
// for each, by the name it was given.
func convertDOCX(t testing.TB, docs map[string][]byte, filter, ext string) map[string][]byte {
	t.Helper()
	soffice := pdftest.Tool(t, "soffice", "libreoffice-writer-nogui")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--convert-to", filter, "--outdir", filepath.Join(dir, "out")}
	for name, b := range docs {
		in := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(in, b, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	out, err := exec.Command(soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	got := map[string][]byte{}
	var missing []string
	for name := range docs {
		b, err := os.ReadFile(filepath.Join(dir, "out", name+"."+ext))
		if err != nil {
			missing = append(missing, name)
			continue
		}
		got[name] = b
	}
	// Without its Writer component LibreOffice loads no Word document at
	// all; one that loads the others but not this one was given a broken
	// file, which fails here as in CI.
	if len(got) == 0 && os.Getenv("CI") != "true" && bytes.Contains(out, []byte("source file could not be loaded")) {
		t.Skipf("LibreOffice cannot open Word documents here (apt-get install libreoffice-writer-nogui):\n%s", out)
	}
	if len(missing) > 0 {
		t.Fatalf("LibreOffice did not convert %v:\n%s", missing, out)
	}
	return got
}

// docxTexts converts Word copies to plain text with LibreOffice: one line
// per paragraph (and per table cell), tabs kept, a list number followed by
// a space (LibreOffice's text export writes the number's tab so), and the
// contents left out (see withoutContents). LibreOffice's text export
// writes each field's stored result; only laying out pages (docxPDFTexts)
// works REF fields out again.
func docxTexts(t testing.TB, docs map[string][]byte) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for name, b := range convertDOCX(t, docs, "txt:Text", "txt") {
		s := strings.TrimPrefix(string(b), "\ufeff")
		texts[name] = withoutContents(t, strings.ReplaceAll(s, "\r\n", "\n"))
	}
	return texts
}

// withoutContents cuts the contents out of a Word copy's text: from the
// "Contents" line to the empty paragraph that ends the TOC field, so that
// the headings it lists are not counted twice.
func withoutContents(t testing.TB, text string) string {
	t.Helper()
	start := strings.Index(text, "\nContents\n")
	if start < 0 {
		t.Errorf("no contents in the Word copy's text")
		return text
	}
	end := strings.Index(text[start+1:], "\n\n")
	if end < 0 {
		t.Errorf("the contents do not end")
		return text
	}
	return text[:start+1] + text[start+1+end+2:]
}

var (
	docxNumberLine = regexp.MustCompile(`(?m)^(\d+(?:\.\d+)*) `)
	htmlNumber     = regexp.MustCompile(`<span class="num">(\d+(?:\.\d+)*)</span>`)
)

// docxClauseNumbers are the list numbers that start lines of LibreOffice's
// text of a Word copy, in order, up to the schedules, whose tables hold
// numbers of other kinds (as pdfClauseNumbers reads the PDF).
func docxClauseNumbers(text string) []string {
	if i := strings.Index(text, "\nSchedule 1: "); i >= 0 {
		text = text[:i]
	}
	return submatches(docxNumberLine, text)
}

func submatches(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// headingLine is a heading as LibreOffice's text of the Word copy shows it.
func headingLine(b *outline.Block) string {
	switch {
	case b.Schedule:
		return b.Number + ": " + b.HeadingText()
	case b.Number != "":
		return b.Number + " " + b.HeadingText()
	}
	return b.HeadingText()
}

func outlineNumbers(o *outline.Outline) []string {
	var out []string
	for _, b := range o.Blocks {
		if b.Number != "" && !b.Schedule {
			out = append(out, b.Number)
		}
	}
	return out
}

// docxCase is one document of the every-kind, every-sample test.
type docxCase struct {
	kind, sample string
	approved     bool
	p            *partnership.Partnership
	o            *outline.Outline
	html         string
}

func (c docxCase) name() string {
	state := "draft"
	if c.approved {
		state = "approved"
	}
	return c.kind + "-" + strings.TrimSuffix(c.sample, ".json") + "-" + state
}

// TestDOCXEveryKindAndSample renders every kind from every sample, as a
// draft and as the approved copy, checks each package as Word would open
// it, then reads all of them back through LibreOffice: every heading is
// there with its number, every partner's name as entered, the clause
// numbers are the HTML copy's, and only the drafts say DRAFT.
func TestDOCXEveryKindAndSample(t *testing.T) {
	g := newTestGenerator(t)
	var cases []docxCase
	docs := map[string][]byte{}
	for _, kind := range g.Kinds() {
		meta, _ := g.templates.Meta(kind)
		for _, name := range samples.Names() {
			for _, approved := range []bool{false, true} {
				c := docxCase{kind: kind, sample: name, approved: approved, p: loadSample(t, name)}
				req := Request{Kind: kind, Format: FormatDOCX, Partnership: c.p, At: genTime, Approved: approved}
				doc, err := g.Render(context.Background(), req)
				if partnership.ErrorCode(err) == partnership.EUnprocessable {
					req.Format = FormatPDF
					if _, err := g.Render(context.Background(), req); partnership.ErrorCode(err) != partnership.EUnprocessable {
						t.Errorf("%s: the Word copy is refused as not eligible and the PDF is not (%v)", c.name(), err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", c.name(), err)
				}
				if doc.ContentType != docx.ContentType {
					t.Errorf("%s: content type %q", c.name(), doc.ContentType)
				}
				parts := readDOCX(t, doc.Bytes)
				checkDOCXParts(t, c.name(), parts, meta.ID, meta.Version, meta.Title, c.p, g.council.Name, !approved)
				a := g.Assess(c.p, genTime)
				if c.o, err = g.outline(t.Context(), c.p, a, meta, genTime, !approved); err != nil {
					t.Fatal(err)
				}
				req.Format = FormatHTML
				c.html = string(renderRequest(t, g, req).Bytes)
				docs[c.name()] = doc.Bytes
				cases = append(cases, c)
			}
		}
	}
	if len(cases) == 0 {
		t.Fatal("no document rendered")
	}
	texts := docxTexts(t, docs)
	for _, c := range cases {
		t.Run(c.name(), func(t *testing.T) {
			text := texts[c.name()]
			lines := strings.Split(text, "\n")
			if c.approved {
				if strings.Contains(text, "DRAFT") {
					t.Error("the approved copy says DRAFT")
				}
			} else if !strings.Contains(text, draftMark) {
				t.Errorf("the draft does not say %q", draftMark)
			}
			headings := 0
			for _, b := range c.o.Blocks {
				if b.Kind == outline.Heading || b.Kind == outline.Title {
					headings++
					if !slices.Contains(lines, headingLine(b)) {
						t.Errorf("no heading line %q", headingLine(b))
					}
				}
			}
			if headings < 3 {
				t.Errorf("only %d headings: not a realistic document", headings)
			}
			page := htmlText(c.html)
			for _, partner := range c.p.Partners {
				names := []string{partner.Name}
				if partner.Signatory != nil {
					names = append(names, partner.Signatory.Name)
				}
				for _, name := range names {
					if strings.Contains(page, name) && !strings.Contains(text, name) {
						t.Errorf("the HTML copy shows %q and the Word copy does not", name)
					}
				}
				if c.kind == "agreement" && !strings.Contains(text, partner.Name) {
					t.Errorf("the agreement does not name partner %q", partner.Name)
				}
			}
			if want := submatches(htmlNumber, c.html); !slices.Equal(want, outlineNumbers(c.o)) {
				t.Errorf("clause numbers differ:\n html: %v\n outline: %v", want, outlineNumbers(c.o))
			}
			checkNumberedLines(t, lines, c.o)
		})
	}
}

// checkNumberedLines: every numbered clause, sub-clause and paragraph of
// the outline starts a line of LibreOffice's text, in order, with the
// number Word's list numbering gives it and a space (how LibreOffice writes
// a list number's tab) before its text. (Matching the lines with numbers
// alone would also match table cells such as telephone numbers.)
func checkNumberedLines(t *testing.T, lines []string, o *outline.Outline) {
	t.Helper()
	next := 0
	for _, b := range o.Blocks {
		if b.Number == "" || b.Schedule {
			continue
		}
		text := outline.Text(b.Spans)
		if b.Kind == outline.Heading {
			text = b.HeadingText()
		}
		want := b.Number + " " + firstLine(text)
		for next < len(lines) && !strings.HasPrefix(lines[next], want) {
			next++
		}
		if next == len(lines) {
			t.Errorf("no line %q in order", want)
			return
		}
	}
}

// firstLine is text up to its first line break or tab, at most 40 bytes.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\n\t"); i >= 0 {
		s = s[:i]
	}
	for len(s) > 40 {
		s = s[:40]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return s
}

// renderRequest renders any request, failing the test on an error.
func renderRequest(t testing.TB, g *Generator, req Request) *Document {
	t.Helper()
	doc, err := g.Render(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkDOCXParts checks what Word shows outside the body: the running
// header (with the DRAFT mark only on a draft), the footer, the document
// properties, A4 pages, the language and Track Changes.
func checkDOCXParts(t *testing.T, name string, parts map[string][]byte, id, version, title string, p *partnership.Partnership, council string, draft bool) {
	t.Helper()
	header := partText(t, parts["word/header1.xml"])
	wantHeader := council + "\t" + title
	if draft {
		wantHeader += " — " + draftMark
	}
	if header != wantHeader+"\n" {
		t.Errorf("%s: header %q, want %q", name, header, wantHeader)
	}
	footer := partText(t, parts["word/footer1.xml"])
	wantFooter := fmt.Sprintf("Template %s v%s\tPage  PAGE 1 of  NUMPAGES 1", id, version)
	if p.Ref != "" {
		wantFooter += "\t" + p.Ref
	}
	if footer != wantFooter+"\n" {
		t.Errorf("%s: footer %q, want %q", name, footer, wantFooter)
	}
	var core struct {
		Title    string `xml:"title"`
		Subject  string `xml:"subject"`
		Creator  string `xml:"creator"`
		Language string `xml:"language"`
		Created  string `xml:"created"`
		Modified string `xml:"modified"`
		Status   string `xml:"contentStatus"`
	}
	if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
		t.Fatal(err)
	}
	when := genTime.Format(time.RFC3339)
	status := "Approved"
	if draft {
		status = "Draft, not approved"
	}
	if core.Title != title+" — "+p.Name || core.Subject != p.Name || core.Creator != council || core.Language != "en-GB" ||
		core.Created != when || core.Modified != when || core.Status != status {
		t.Errorf("%s: core properties %+v", name, core)
	}
	body := string(parts["word/document.xml"])
	for _, want := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:headerReference w:type="default"`, `<w:footerReference w:type="default"`} {
		if !strings.Contains(body, want) {
			t.Errorf("%s: document.xml lacks %s", name, want)
		}
	}
	if !bytes.Contains(parts["word/styles.xml"], []byte(`<w:lang w:val="en-GB"`)) {
		t.Errorf("%s: the styles do not make the language en-GB", name)
	}
	if !bytes.Contains(parts["word/settings.xml"], []byte(`<w:trackRevisions/>`)) {
		t.Errorf("%s: Track Changes is not on", name)
	}
}

// TestDOCXTablesRepeatTheirHeaderRow: every table of the agreement is a
// Word table whose first row is marked to repeat on each page, with as
// many cells in every row as the header has.
func TestDOCXTablesRepeatTheirHeaderRow(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, longestSample)
	parts := readDOCX(t, render(t, g, "agreement", p, FormatDOCX).Bytes)
	var doc struct {
		Body struct {
			Tables []struct {
				Style struct {
					Val string `xml:"val,attr"`
				} `xml:"tblPr>tblStyle"`
				Rows []struct {
					Header *struct{} `xml:"trPr>tblHeader"`
					Cells  []struct {
						Text []string `xml:"p>r>t"`
					} `xml:"tc"`
				} `xml:"tr"`
			} `xml:"tbl"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal(parts["word/document.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	grids := 0
	for i, tbl := range doc.Body.Tables {
		if tbl.Style.Val != "PartnerdocsTable" {
			continue // a signature box
		}
		grids++
		if len(tbl.Rows) < 2 || tbl.Rows[0].Header == nil {
			t.Errorf("table %d: %d rows, header row marked: %v", i, len(tbl.Rows), len(tbl.Rows) > 0 && tbl.Rows[0].Header != nil)
			continue
		}
		for j, r := range tbl.Rows {
			if len(r.Cells) != len(tbl.Rows[0].Cells) {
				t.Errorf("table %d row %d: %d cells, the header has %d", i, j, len(r.Cells), len(tbl.Rows[0].Cells))
			}
			if j > 0 && r.Header != nil {
				t.Errorf("table %d row %d is marked as a header row", i, j)
			}
		}
	}
	if grids < 5 {
		t.Errorf("%d tables; the agreement's five schedules have more", grids)
	}
}

// TestDOCXNumberingMatchesPDF: the clause numbers LibreOffice reads from
// the Word copy are those the PDF prints, in the same order, for the
// agreement and the MoU, and for the numbering test template whose
// conditional clause must leave no gap.
func TestDOCXNumberingMatchesPDF(t *testing.T) {
	g := newTestGenerator(t)
	fsys := fstest.MapFS{"numbering/document.md.tmpl": {Data: []byte(numberingTemplate)}}
	numbering, err := New(Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	with := loadSample(t, "waste-partnership.json")
	without := *with
	without.Exit = nil
	type doc struct {
		g    *Generator
		kind string
		p    *partnership.Partnership
	}
	cases := map[string]doc{
		"agreement-waste":      {g, "agreement", with},
		"agreement-community":  {g, "agreement", loadSample(t, "community-partnership.json")},
		"mou-youth-employment": {g, "mou", loadSample(t, "youth-employment-mou.json")},
		"numbering-with":       {numbering, "numbering", with},
		"numbering-without":    {numbering, "numbering", &without},
	}
	docs := map[string][]byte{}
	pdfNumbers := map[string][]string{}
	for name, c := range cases {
		docs[name] = render(t, c.g, c.kind, c.p, FormatDOCX).Bytes
		pdfNumbers[name] = pdfClauseNumbers(pdfLayoutText(t, render(t, c.g, c.kind, c.p, FormatPDF).Bytes))
	}
	texts := docxTexts(t, docs)
	for name := range cases {
		got := docxClauseNumbers(texts[name])
		if len(got) < 3 || !slices.Equal(got, pdfNumbers[name]) {
			t.Errorf("%s: clause numbers differ:\n docx: %v\n  pdf: %v", name, got, pdfNumbers[name])
		}
	}
	if got := docxClauseNumbers(texts["numbering-without"]); !slices.Equal(got, []string{"1", "1.1", "2", "2.1"}) {
		t.Errorf("without the conditional clause the numbers are %v, want 1, 1.1, 2, 2.1", got)
	}
	if !strings.Contains(texts["numbering-without"], "Exit follows clause 1.\n") {
		t.Errorf("the cross-reference does not follow the renumbering:\n%s", texts["numbering-without"])
	}
}

// pdfLayoutText is pdftotext's text of a PDF with its layout kept, so
// that a clause number stays on the line of the text it numbers.
func pdfLayoutText(t testing.TB, pdf []byte) string {
	t.Helper()
	pdftest.Require(t, "pdftotext")
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var pdfNumberLine = regexp.MustCompile(`^\s*(\d+(?:\.\d+)*)\s{2,}\S`)

// pdfClauseNumbers are the clause numbers that start lines of the PDF's
// text (pdfLayoutText), in order, up to the schedules, whose tables hold
// numbers of other kinds, leaving out the contents list, which repeats
// the headings' numbers.
func pdfClauseNumbers(text string) []string {
	var out []string
	for _, l := range strings.Split(pdfWithoutContents(text), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Schedule 1:") {
			break
		}
		if m := pdfNumberLine.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// TestDOCXUserTextPrintsAsEntered: text that is markup in WordprocessingML
// (or in Markdown) prints exactly as entered, and a character XML 1.0
// cannot hold is replaced rather than breaking the document.
func TestDOCXUserTextPrintsAsEntered(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	names := []string{
		`<w:t>`,
		`]]> Holdings`,
		`</w:t></w:r></w:p><w:p><w:r><w:t>Injected`,
		`Smith &amp; Sons & "Daughters" 'Ltd'`,
		`<?xml version="1.0"?> <!-- Trust -->`,
		`*Acme | Ltd_ \ 100%`,
	}
	for i, n := range names {
		p.Partners[i].Name = n
	}
	if problems := partnership.Validate(p); len(problems) > 0 {
		t.Fatalf("the test partnership is not valid: %v", problems)
	}
	// The contract refuses U+FFFE now (DOMAIN.md); the writer still replaces
	// it should one reach it by another way in.
	p.Partners[len(names)].Name = "Noncharacter \uFFFE Trust"
	doc := render(t, g, "agreement", p, FormatDOCX)
	parts := readDOCX(t, doc.Bytes) // well-formed, whatever the names hold
	inXML := partText(t, parts["word/document.xml"])
	text := docxTexts(t, map[string][]byte{"awkward": doc.Bytes})["awkward"]
	for _, n := range append(names, "Noncharacter \uFFFD Trust") {
		if !strings.Contains(inXML, n) {
			t.Errorf("document.xml does not read back %q", n)
		}
		if !strings.Contains(text, n) {
			t.Errorf("LibreOffice does not show %q", n)
		}
	}
}

// TestDOCXIsDeterministic: the same input and time give the same bytes; a
// changed name or time gives different ones.
func TestDOCXIsDeterministic(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "community-partnership.json")
	a := render(t, g, "agreement", p, FormatDOCX)
	b := render(t, g, "agreement", p, FormatDOCX)
	if !bytes.Equal(a.Bytes, b.Bytes) || a.SHA256 != b.SHA256 {
		t.Fatal("same input and time gave different Word documents")
	}
	later, err := g.Render(context.Background(), Request{Kind: "agreement", Format: FormatDOCX, Partnership: p, At: genTime.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes, later.Bytes) {
		t.Error("a different generation time gave the same Word document")
	}
	p.Partners[0].Name += " Ltd"
	c := render(t, g, "agreement", p, FormatDOCX)
	if bytes.Equal(a.Bytes, c.Bytes) {
		t.Error("a changed partner name gave the same Word document")
	}
}

// TestDOCXPagesInLibreOffice lays a draft and its approved copy out as
// pages with LibreOffice: A4, every page's header says DRAFT on the draft
// and nowhere on the approved copy, and the footer's fields count the
// pages.
func TestDOCXPagesInLibreOffice(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	draft := render(t, g, "agreement", p, FormatDOCX)
	approved := renderRequest(t, g, Request{Kind: "agreement", Format: FormatDOCX, Partnership: p, At: genTime, Approved: true})
	pdfs := convertDOCX(t, map[string][]byte{"draft": draft.Bytes, "approved": approved.Bytes}, "pdf", "pdf")
	for name, pdf := range pdfs {
		info := pdftest.Info(t, pdf)
		pages := pdftest.Pages(t, pdf)
		if info["Title"] != "Partnership Agreement — "+p.Name || !strings.HasPrefix(info["Page size"], "595.") || pages < 10 {
			t.Errorf("%s: title %q, page size %q, %d pages", name, info["Title"], info["Page size"], pages)
		}
		text := pdftest.Text(t, pdf)
		for i, page := range strings.Split(strings.TrimSuffix(text, "\f"), "\f") {
			if want := fmt.Sprintf("Page %d of %d", i+1, pages); !strings.Contains(page, want) {
				t.Errorf("%s: page %d lacks %q", name, i+1, want)
			}
			if got := strings.Contains(page, draftMark); got != (name == "draft") {
				t.Errorf("%s: page %d says %q: %v", name, i+1, draftMark, got)
			}
		}
	}
}

// TestDOCXBoldAndItalic: the templates' emphasis reaches the Word copy as
// run properties (and the HTML copy as strong and em): the partners' names
// in the parties clause are bold, the draft's note is italic.
func TestDOCXBoldAndItalic(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	body := string(readDOCX(t, render(t, g, "agreement", p, FormatDOCX).Bytes)["word/document.xml"])
	page := string(render(t, g, "agreement", p, FormatHTML).Bytes)
	const note = "This is a draft for discussion."
	for _, want := range []string{
		`<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>` + p.Partners[0].Name + `</w:t></w:r>`,
		`<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t>` + note,
	} {
		// Text with white space at an end says xml:space="preserve".
		spaced := strings.Replace(want, `<w:t>`, `<w:t xml:space="preserve">`, 1)
		if !strings.Contains(body, want) && !strings.Contains(body, spaced) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(page, "<strong>"+p.Partners[0].Name+"</strong>") || !strings.Contains(page, "<em>"+note) {
		t.Error("the HTML copy lacks the bold partner name or the italic note")
	}
}

// TestDOCXInsertedClauseRenumbers does in document.xml what inserting a
// clause in Word does (a new paragraph in the Heading 1 style, with no
// number typed, before clause 2) and reads both copies back through
// LibreOffice: before, the numbers and the cross-reference to the
// variation clause are the outline's; after, every clause from the new one
// on is a number higher and the REF field's result follows. LibreOffice's
// text export writes fields' stored results, so the reference is read from
// the pages it lays out (PDF), where it works REF fields out again.
func TestDOCXInsertedClauseRenumbers(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	doc := render(t, g, "agreement", p, FormatDOCX).Bytes
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
	if err != nil {
		t.Fatal(err)
	}
	second, last := clauseHeading(t, o, "2"), lastClause(o)
	variation := o.Labels["variation"]
	inserted := insertClause(t, doc, "pd_"+second.ID, "Inserted clause")
	texts := docxTexts(t, map[string][]byte{"before": doc, "after": inserted})
	pdfs := convertDOCX(t, map[string][]byte{"before": doc, "after": inserted}, "pdf", "pdf")
	moved := "clause " + bumped(strings.TrimPrefix(variation, "clause "))
	for _, c := range []struct {
		name, text string
		want       []string
		ref        string
	}{
		{"before", texts["before"], []string{"1 Background", "2 " + second.HeadingText(), last.Number + " " + last.HeadingText()}, variation},
		{"after", texts["after"], []string{"2 Inserted clause", "3 " + second.HeadingText(), bumped(last.Number) + " " + last.HeadingText()}, moved},
	} {
		lines := strings.Split(c.text, "\n")
		for _, w := range c.want {
			if !slices.Contains(lines, w) {
				t.Errorf("%s: no line %q", c.name, w)
			}
		}
		pages := pdftest.Flat(pdftest.Text(t, pdfs[c.name]))
		if want := "as varied under " + c.ref + ";"; !strings.Contains(pages, want) {
			t.Errorf("%s: the laid-out pages do not say %q", c.name, want)
		}
	}
	if !strings.Contains(texts["before"], "as varied under "+variation+";") {
		t.Errorf("before: the text does not say %q", "as varied under "+variation)
	}
}

// clauseHeading is the heading numbered n.
func clauseHeading(t *testing.T, o *outline.Outline, n string) *outline.Block {
	t.Helper()
	for _, b := range o.Blocks {
		if b.Kind == outline.Heading && b.Number == n {
			if b.ID == "" {
				t.Fatalf("clause %s has no id", n)
			}
			return b
		}
	}
	t.Fatalf("no clause %s", n)
	return nil
}

// lastClause is the last numbered clause heading (not a sub-clause).
func lastClause(o *outline.Outline) *outline.Block {
	var last *outline.Block
	for _, b := range o.Blocks {
		if b.Kind == outline.Heading && b.Number != "" && !b.Schedule && !strings.Contains(b.Number, ".") {
			last = b
		}
	}
	return last
}

// bumped is a clause number with its first part one higher: "21" -> "22",
// "7.2" -> "8.2".
func bumped(n string) string {
	first, rest, _ := strings.Cut(n, ".")
	i, err := strconv.Atoi(first)
	if err != nil {
		return n
	}
	if rest != "" {
		rest = "." + rest
	}
	return strconv.Itoa(i+1) + rest
}

// insertClause returns the Word copy with a new Heading 1 paragraph, its
// number not typed, before the paragraph holding the bookmark mark.
func insertClause(t *testing.T, doc []byte, mark, heading string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "word/document.xml" {
			s := string(data)
			at := strings.Index(s, `w:name="`+mark+`"`)
			if at < 0 {
				t.Fatalf("no bookmark %s", mark)
			}
			para := strings.LastIndex(s[:at], "<w:p>")
			data = []byte(s[:para] + `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>` + heading + `</w:t></w:r></w:p>` + s[para:])
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
