package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// redlinePair is the waste partnership and a later version of it: the
// in-kind contributions gone (a clause removed, the clauses after it
// renumbered, rows removed), the quorum changed (words changed) and a
// partner added (a row added).
func redlinePair(t testing.TB) CompareRequest {
	t.Helper()
	oldP, newP := loadSample(t, "waste-partnership.json"), loadSample(t, "waste-partnership.json")
	newP.Contributions = slicesDelete(newP.Contributions)
	newP.Governance.Quorum = 4
	np := newP.Partners[1]
	np.ID, np.Name, np.IsLead, np.RegistrationNumber = "rushden", "Rushden Town Council", false, ""
	newP.Partners = append(newP.Partners, np)
	return CompareRequest{Kind: "agreement",
		Old: VersionRequest{Partnership: oldP, At: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC), Label: "Version 1"},
		New: VersionRequest{Partnership: newP, At: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), Label: "Version 2"}}
}

func slicesDelete(cs []partnership.Contribution) []partnership.Contribution {
	var out []partnership.Contribution
	for _, c := range cs {
		if c.Type == partnership.ContributionTypeCash {
			out = append(out, c)
		}
	}
	return out
}

// TestCompareDOCXAcceptReject checks the Word redline's tracked changes:
// LibreOffice's own Accept All and Reject All (run headless by a Basic
// macro in the test's LibreOffice profile, libreOfficeChanges) give, as
// text, the newer and the older version (the older's words: see the
// comment on Reject All below): the text LibreOffice makes of
// each version's own Word copy, its contents left out (the redline has
// none). The same is checked of accepting and rejecting done on
// document.xml itself (acceptXML, rejectXML), as a second reading of the
// markup. LibreOffice's text of the redline as it stands holds both the
// inserted and the deleted words.
func TestCompareDOCXAcceptReject(t *testing.T) {
	g := newTestGenerator(t)
	req := redlinePair(t)
	req.Format = FormatDOCX
	red, err := g.Compare(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if red.ContentType != FormatDOCX.ContentType() {
		t.Errorf("content type %q", red.ContentType)
	}
	alt := matrixBlock(t, g, req.New.Partnership).Matrix.Alt() // the versions' risks are the same
	oldDoc := renderVersion(t, g, req.Old)
	newDoc := renderVersion(t, g, req.New)
	texts := convertDOCX(t, map[string][]byte{
		"old": oldDoc, "new": newDoc, "redline": red.Bytes,
		"accepted": rewriteDocument(t, red.Bytes, acceptXML),
		"rejected": rewriteDocument(t, red.Bytes, rejectXML),
	}, "txt:Text", "txt")
	text := func(name string) string {
		s := strings.ReplaceAll(strings.TrimPrefix(string(texts[name]), "\ufeff"), "\r\n", "\n")
		if name == "old" || name == "new" {
			s = withoutDraftingNotes(withoutContents(t, s)) // a redline has neither
			s = matrixAsWords(t, s, alt)                    // and shows the risk matrix in words
		}
		return s
	}
	if got, want := text("accepted"), text("new"); got != want {
		t.Errorf("accepting every change in document.xml does not give the newer version:\n%s", lineDiff(want, got))
	}
	if got, want := text("rejected"), text("old"); got != want {
		t.Errorf("rejecting every change in document.xml does not give the older version:\n%s", lineDiff(want, got))
	}
	lo := libreOfficeChanges(t, red.Bytes)
	if got, want := lo["Accept"], text("new"); got != want {
		t.Errorf("LibreOffice's Accept All does not give the newer version:\n%s", lineDiff(want, got))
	}
	// LibreOffice 7.4 joins an insertion that ends a paragraph ("; and"
	// ending list item (h)) with a whole inserted paragraph after it (item
	// (i)) into one change when both have the same author and date, as
	// every change here has; rejecting it then also takes the mark of the
	// paragraph between, joining (h) with the paragraph after (i): "...NN8
	// 1BP.Each of them ...". (With another author on "; and" it does not.)
	// The words are the older version's; where its paragraphs end is
	// compared without.
	if got, want := lo["Reject"], text("old"); strings.ReplaceAll(got, "\n", "") != strings.ReplaceAll(want, "\n", "") {
		t.Errorf("LibreOffice's Reject All does not give the older version's text:\n%s", lineDiff(want, got))
	}
	for _, w := range []string{"Rushden Town Council", "resources in kind are not paid into the Pooled Fund"} {
		if !strings.Contains(text("redline"), w) {
			t.Errorf("LibreOffice's text of the redline lacks %q", w)
		}
	}
	for _, w := range []string{`w:author="partnerdocs" w:date="2026-11-25T09:30:00Z"`, "<w:delText", "<w:ins ", "<w:trPr><w:del "} {
		if !strings.Contains(documentXML(t, red.Bytes), w) {
			t.Errorf("the redline's document.xml lacks %s", w)
		}
	}
}

// changesMacro accepts or rejects (how) every tracked change of the Word
// document at in and stores the result at out as LibreOffice's text, as
// --convert-to txt:Text does.
const changesMacro = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Changes(inPath As String, outPath As String, how As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  dispatcher.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; how &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Text&quot;
  doc.storeToURL(ConvertToURL(outPath), out())
  doc.close(True)
End Sub
</script:module>
`

// libreOfficeChanges has LibreOffice headless accept and reject every
// tracked change of doc, and answers the text of each ("Accept",
// "Reject"). The macro is put in a fresh profile's Standard library, which
// LibreOffice trusts, and run by a macro:/// URL.
func libreOfficeChanges(t *testing.T, doc []byte) map[string]string {
	t.Helper()
	soffice := pdftest.Tool(t, "soffice", "libreoffice-writer-nogui")
	dir := t.TempDir()
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	if out, err := exec.Command(soffice, profile, "--headless", "--terminate_after_init").CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	module := filepath.Join(dir, "profile", "user", "basic", "Standard", "Module1.xba")
	if err := os.WriteFile(module, []byte(changesMacro), 0o600); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "redline.docx")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, how := range []string{"Accept", "Reject"} {
		out := filepath.Join(dir, how+".txt")
		macro := fmt.Sprintf("macro:///Standard.Module1.Changes(%q,%q,%q)", in, out, how)
		if msg, err := exec.Command(soffice, profile, "--headless", macro).CombinedOutput(); err != nil {
			t.Fatalf("soffice %s: %v\n%s", macro, err, msg)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("LibreOffice did not %s the changes: %v", how, err)
		}
		texts[how] = strings.ReplaceAll(strings.TrimPrefix(string(b), "\ufeff"), "\r\n", "\n")
	}
	return texts
}

// renderVersion is one version's own Word copy.
func renderVersion(t *testing.T, g *Generator, v VersionRequest) []byte {
	t.Helper()
	doc, err := g.Render(context.Background(), Request{Kind: "agreement", Format: FormatDOCX, Partnership: v.Partnership, At: v.At, Approved: v.Approved})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Bytes
}

// lineDiff is the first line where two texts differ, with its neighbours.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			lo := max(i-2, 0)
			return "want:\n" + strings.Join(w[lo:min(i+3, len(w))], "\n") + "\ngot:\n" + strings.Join(g[lo:min(i+3, len(g))], "\n")
		}
	}
	return ""
}

var (
	paraOrRow = regexp.MustCompile(`(?s)<w:p>.*?</w:p>|<w:tr>.*?</w:tr>`)
	insWhole  = regexp.MustCompile(`(?s)<w:ins [^>]*[^/]>.*?</w:ins>`)
	delWhole  = regexp.MustCompile(`(?s)<w:del [^>]*[^/]>.*?</w:del>`)
	insTag    = regexp.MustCompile(`<w:ins [^>]*[^/]>|</w:ins>|<w:ins [^>]*/>`)
	delTag    = regexp.MustCompile(`<w:del [^>]*[^/]>|</w:del>|<w:del [^>]*/>`)
)

// acceptXML accepts every tracked change: a paragraph or row whose mark is
// deleted goes, deleted runs go, inserted ones stay unmarked.
func acceptXML(s string) string {
	s = dropMarked(s, "<w:del ")
	return insTag.ReplaceAllString(delWhole.ReplaceAllString(s, ""), "")
}

// rejectXML rejects every tracked change: a paragraph or row whose mark is
// inserted goes, inserted runs go, deleted ones come back as text.
func rejectXML(s string) string {
	s = dropMarked(s, "<w:ins ")
	s = delTag.ReplaceAllString(insWhole.ReplaceAllString(s, ""), "")
	return strings.NewReplacer("<w:delText>", "<w:t>", "<w:delText ", "<w:t ", "</w:delText>", "</w:t>").Replace(s)
}

// dropMarked drops every paragraph whose mark, and every row which, is
// marked with the revision that starts with tag.
func dropMarked(s, tag string) string {
	return paraOrRow.ReplaceAllStringFunc(s, func(el string) string {
		if strings.Contains(el, "<w:rPr>"+tag) && strings.Contains(el, "</w:pPr>") && strings.Index(el, "<w:rPr>"+tag) < strings.Index(el, "</w:pPr>") ||
			strings.HasPrefix(el, "<w:tr>") && strings.Contains(el, "<w:trPr>") && strings.Contains(el[:strings.Index(el, "</w:trPr>")+1], tag) {
			return ""
		}
		return el
	})
}

// documentXML is word/document.xml of a .docx.
func documentXML(t *testing.T, doc []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// rewriteDocument is doc with word/document.xml rewritten by edit.
func rewriteDocument(t *testing.T, doc []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "word/document.xml" {
			b = []byte(edit(string(b)))
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
