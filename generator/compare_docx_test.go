package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

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
// accepting them all gives the newer version's text and rejecting them all
// the older's, each as LibreOffice converts it to text, against the text
// LibreOffice makes of each version's own Word copy (its contents left
// out: the redline has none).
//
// LibreOffice 7.4 has no command-line way to accept or reject changes
// without a macro in its user profile, so the test does the accepting and
// rejecting itself on word/document.xml, as Word's and LibreOffice's
// "Accept All" and "Reject All" do (acceptXML, rejectXML): LibreOffice
// then only converts the results. That LibreOffice opens the redline and
// shows the changes is checked too: its text of the redline itself holds
// both the inserted and the deleted words.
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
			s = withoutContents(t, s)
		}
		return s
	}
	if got, want := text("accepted"), text("new"); got != want {
		t.Errorf("accepting every change does not give the newer version:\n%s", lineDiff(want, got))
	}
	if got, want := text("rejected"), text("old"); got != want {
		t.Errorf("rejecting every change does not give the older version:\n%s", lineDiff(want, got))
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
	return strings.ReplaceAll(strings.ReplaceAll(s, "<w:delText ", "<w:t "), "</w:delText>", "</w:t>")
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
