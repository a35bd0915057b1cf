package generator

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// placeholderPattern finds a placeholder in text read back from a copy.
var placeholderPattern = regexp.MustCompile(`\[[^\[\]]*to be (?:confirmed|completed|prepared)[^\[\]]*\]`)

// withoutDraftingNotes drops the drafting notes box from LibreOffice's text
// of a Word copy: its title, its introduction and its items ("•\t...").
func withoutDraftingNotes(text string) string {
	start := strings.Index(text, "\nDrafting notes\n")
	if start < 0 {
		return text
	}
	lines := strings.Split(text[start+1:], "\n")
	i := min(2, len(lines))
	for i < len(lines) && strings.HasPrefix(lines[i], "•\t") {
		i++
	}
	return text[:start+1] + strings.Join(lines[i:], "\n")
}

// notesBox is the text of the drafting notes box in a copy's flattened
// text: from its title to the first words after it (the first heading's).
func notesBox(t *testing.T, text, after string) string {
	t.Helper()
	start := strings.Index(text, "Drafting notes")
	if start < 0 {
		t.Fatal("no drafting notes")
	}
	end := strings.Index(text[start:], after)
	if end < 0 {
		t.Fatalf("nothing after the drafting notes reads %q", after)
	}
	return text[start : start+end]
}

func renderApproved(t *testing.T, g *Generator, kind string, p *partnership.Partnership, f Format) *Document {
	t.Helper()
	doc, err := g.Render(context.Background(), Request{Kind: kind, Format: f, Partnership: p, At: genTime, Approved: true})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// The draft opens, after its title block and before its first clause, with
// the notes: the abolished council first, then the blockers with their
// section and clause, and every placeholder the document holds. The
// approved copy has no box, the same placeholders, and the same clauses.
func TestDraftingNotesInTheDraftOnly(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	draft := render(t, g, "agreement", p, FormatPDF)
	approved := renderApproved(t, g, "agreement", p, FormatPDF)
	text := pdftest.Flat(pdftest.Text(t, draft.Bytes))
	approvedText := pdftest.Flat(pdftest.Text(t, approved.Bytes))
	if strings.Contains(approvedText, "Drafting notes") {
		t.Error("the approved copy has the drafting notes")
	}
	box := notesBox(t, text, "Parties This Agreement is made between")
	if !strings.Contains(text[:strings.Index(text, "Drafting notes")], "Prepared on") {
		t.Error("the notes are not after the title block")
	}
	if !strings.HasPrefix(box[strings.Index(box, "•"):], "• Council profile: "+g.council.Name) {
		t.Errorf("the abolished council is not the first note: %.300s", box)
	}
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "Blocker (section 4(c), " + o.Labels["representation"] + "): No councillor or officer is named to represent the Council."
	if !strings.Contains(box, want) {
		t.Errorf("the notes lack %q: %s", want, box)
	}
	found := placeholderPattern.FindAllString(approvedText, -1)
	if len(found) == 0 {
		t.Fatal("the sample's agreement has no placeholder to list")
	}
	for _, ph := range found {
		if !strings.Contains(box, ph+":") {
			t.Errorf("placeholder %s is not in the notes", ph)
		}
	}
	if a, b := pdftest.Outline(t, draft.Bytes), pdftest.Outline(t, approved.Bytes); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("the draft's bookmarks differ from the approved copy's:\n%q\n%q", a, b)
	}
}

// With a current council's profile there is no council note; the notes
// are still there.
func TestDraftingNotesCurrentCouncil(t *testing.T) {
	f, err := samples.Councils.Open("councils/west-northamptonshire.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := partnership.DecodeCouncil(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Flat(pdftest.Text(t, render(t, g, "mou", loadSample(t, "minimal-proposal.json"), FormatPDF).Bytes))
	box := notesBox(t, text, "Parties")
	if strings.Contains(box, "Council profile") || strings.Contains(box, "abolished") {
		t.Errorf("a current council is noted as abolished: %s", box)
	}
	if !strings.Contains(box, "Blocker (section 4(c)") {
		t.Errorf("the notes lack the sample's blockers: %s", box)
	}
}

// Each document lists the findings that concern it: the communications
// agreement those of §4(g), the ISP those of §4(e), neither the others.
func TestDraftingNotesConcernTheDocument(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	cases := []struct {
		kind, want, unwanted string
	}{
		{"communications-agreement", "No Partnership Communications Agreement is recorded.", "section 4(c)"},
		{"information-sharing-protocol", "(section 4(e)", "section 4(c)"},
		{"agreement", "(section 4(c)", "section 3(a)"},
		{"policy-statement", "Council profile", "Blocker"},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			page := string(render(t, g, c.kind, p, FormatHTML).Bytes)
			start, end := strings.Index(page, "<aside"), strings.Index(page, "</aside>")
			if start < 0 || end < start {
				t.Fatal("no drafting notes box")
			}
			box := pdftest.Flat(htmlText(page[start:end]))
			if !strings.Contains(box, c.want) || strings.Contains(box, c.unwanted) {
				t.Errorf("want %q and not %q in: %.2000s", c.want, c.unwanted, box)
			}
		})
	}
}

// A kind that does not fit the recorded legal instrument is warned of, in
// the document's warnings and in its notes; a kind that fits is not.
func TestInstrumentWarning(t *testing.T) {
	g := newTestGenerator(t)
	cases := []struct {
		kind string
		li   partnership.LegalInstrument
		warn bool
	}{
		{"mou", partnership.LegalInstrumentBindingAgreement, true},
		{"mou", partnership.LegalInstrumentJointCommittee, true},
		{"agreement", partnership.LegalInstrumentMou, true},
		{"agreement", partnership.LegalInstrumentTermsOfReference, true},
		{"agreement", partnership.LegalInstrumentBindingAgreement, false},
		{"mou", partnership.LegalInstrumentMou, false},
		{"communications-agreement", partnership.LegalInstrumentMou, false},
	}
	for _, c := range cases {
		t.Run(c.kind+" for "+string(c.li), func(t *testing.T) {
			p := loadSample(t, "waste-partnership.json")
			p.LegalInstrument = c.li
			doc := render(t, g, c.kind, p, FormatPDF)
			warned := false
			for _, w := range doc.Warnings {
				warned = warned || w.Path == "legal_instrument" && strings.Contains(w.Message, "recorded as "+withArticle(c.li.Text()))
			}
			text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
			noted := strings.Contains(text, "Rendering (legal instrument): ")
			if warned != c.warn || noted != c.warn {
				t.Errorf("warning %v, noted %v; want %v: %+v", warned, noted, c.warn, doc.Warnings)
			}
		})
	}
}

// The box is never part of a comparison: the versions compared have no
// notes, and two versions that differ only in what the notes list compare
// as unchanged.
func TestDraftingNotesNotCompared(t *testing.T) {
	g := newTestGenerator(t)
	old, new := loadSample(t, "waste-partnership.json"), loadSample(t, "waste-partnership.json")
	new.Exit = nil // a blocker the notes list, and clauses that change
	req := CompareRequest{Kind: "agreement", Format: FormatHTML,
		Old: VersionRequest{Partnership: old, At: genTime, Label: "Version 1"},
		New: VersionRequest{Partnership: new, At: genTime, Label: "Version 2"}}
	for _, v := range []VersionRequest{req.Old, req.New} {
		ver, err := g.Version(context.Background(), "agreement", v)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range ver.Outline.Blocks {
			if b.Kind == outline.Notes {
				t.Fatal("a version to compare has the drafting notes")
			}
		}
	}
	red, err := g.Compare(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(red.Bytes, []byte("Drafting notes")) {
		t.Error("the redline shows the drafting notes")
	}
}

// The Word draft has the box, its placeholders highlighted; the approved
// copy has neither box nor notes.
func TestDraftingNotesWord(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	draft := partText(t, readDOCX(t, render(t, g, "agreement", p, FormatDOCX).Bytes)["word/document.xml"])
	approved := partText(t, readDOCX(t, renderApproved(t, g, "agreement", p, FormatDOCX).Bytes)["word/document.xml"])
	if !strings.Contains(draft, "Drafting notes\n"+notesIntro+"\n•\tCouncil profile:") {
		t.Errorf("the Word draft lacks the box: %.1500s", draft)
	}
	if strings.Contains(approved, "Drafting notes") || strings.Contains(approved, "Council profile:") {
		t.Error("the approved Word copy has the notes")
	}
}

func TestFieldWords(t *testing.T) {
	for in, want := range map[string]string{
		"partners[0].name": "partner 1, name",
		"information_sharing.controller_relationship": "information sharing, controller relationship",
		"purpose":         "purpose",
		"risks[11].owner": "risk 12, owner",
	} {
		if got := fieldWords(in); got != want {
			t.Errorf("fieldWords(%q) = %q, want %q", in, got, want)
		}
	}
}
