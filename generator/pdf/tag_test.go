package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
)

// taggedDocument has a block of every kind the renderer tags: headings at
// three levels, numbered clauses, a cross-reference, both kinds of list, a
// table that runs over pages under a repeated header row, a signature box
// and the drafting notes box.
func taggedDocument(t testing.TB) *outline.Outline {
	t.Helper()
	var md strings.Builder
	md.WriteString("# Test Agreement\n\n## Parties {#parties}\n\nThe parties are named in [](#money).\n\n")
	md.WriteString("### Duties {#duties}\n\nEach partner shall:\n\n1. attend the board;\n2. pay its share; and\n3. keep records.\n\n")
	md.WriteString("- a bulleted point\n- another point\n\n")
	md.WriteString("## Signatures {#signatures}\n\n> Signed for the first partner\n>\n> Name and date\n\n")
	md.WriteString("## Money {#money .schedule}\n\n| Partner | Share |\n|:--|--:|\n")
	for i := range 90 {
		fmt.Fprintf(&md, "| Partner number %d | £%d |\n", i+1, 1000*(i+1))
	}
	md.WriteString("\nThe shares are fixed.\n")
	o, err := outline.Parse([]byte(md.String()))
	if err != nil {
		t.Fatal(err)
	}
	box := &outline.Block{Kind: outline.Notes, Children: []*outline.Block{
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Drafting notes", Bold: true}}},
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Left out of the approved copy."}}},
		{Kind: outline.List, Items: [][]outline.Span{{{Text: "First note."}}, {{Text: "Second note."}}}},
	}}
	o.Blocks = append(o.Blocks[:1:1], append([]*outline.Block{box}, o.Blocks[1:]...)...)
	return o
}

func renderTagged(t *testing.T) []byte {
	t.Helper()
	b, err := newRenderer(t).Render(taggedDocument(t), meta)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// find is every element of type typ under roots, in the tree's order.
func find(roots []*pdftest.Elem, typ string) []*pdftest.Elem {
	var out []*pdftest.Elem
	for _, r := range roots {
		r.Walk(func(e *pdftest.Elem) {
			if e.Type == typ {
				out = append(out, e)
			}
		})
	}
	return out
}

// The tree holds the document's headings, in order, at their levels and
// with their numbers; its lists, items, labels and bodies; one header row
// of the table (the repeats are artifacts) with column scope; a link; and
// none of the running header, footer, or page numbers.
func TestTaggedStructure(t *testing.T) {
	pdftest.Require(t, "pdfinfo", "qpdf")
	b := renderTagged(t)
	pdftest.Check(t, b)
	if got := pdftest.Info(t, b)["Tagged"]; got != "yes" {
		t.Fatalf("pdfinfo says Tagged: %q", got)
	}
	tree := pdftest.Struct(t, b)
	if len(tree) != 1 || tree[0].Type != "Document" {
		t.Fatalf("the tree's root is not one Document: %+v", tree)
	}
	var headings []string
	tree[0].Walk(func(e *pdftest.Elem) {
		if len(e.Type) == 2 && e.Type[0] == 'H' {
			headings = append(headings, e.Type+" "+pdftest.Flat(e.AllText()))
		}
	})
	want := []string{"H1 Test Agreement", "H2 1 Parties", "H3 1.2 Duties", "H2 2 Signatures", "H2 Schedule 1: Money"}
	if !slices.Equal(headings, want) {
		t.Errorf("headings\n%q\nwant\n%q", headings, want)
	}
	// Lists: the lettered one, the bulleted one and the notes box's.
	lists := find(tree, "L")
	if len(lists) != 3 {
		t.Fatalf("%d lists, want 3", len(lists))
	}
	for i, n := range []int{2, 3, 2} {
		items := find(lists[i:i+1], "LI")
		if len(items) != n {
			t.Errorf("list %d has %d items, want %d", i, len(items), n)
		}
		for _, it := range items {
			if len(it.Kids) != 2 || it.Kids[0].Type != "Lbl" || it.Kids[1].Type != "LBody" {
				t.Errorf("list %d: an item is not Lbl then LBody: %+v", i, it.Kids)
			}
		}
	}
	if got := pdftest.Flat(find(lists[1:2], "LI")[1].AllText()); got != "(b) pay its share; and" {
		t.Errorf("second item of the lettered list reads %q", got)
	}
	tables := find(tree, "Table")
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	rows := find(tables, "TR")
	if len(rows) != 91 {
		t.Errorf("%d rows, want the header and 90", len(rows))
	}
	th := find(tables, "TH")
	if len(th) != 2 || th[0].AllText() != "Partner" || th[1].AllText() != "Share" {
		t.Errorf("header cells %+v, want Partner and Share once", th)
	}
	for _, c := range th {
		if !slices.Contains(c.Attrs, "/Scope /Column") {
			t.Errorf("header cell %q has attributes %q, want /Scope /Column", c.AllText(), c.Attrs)
		}
	}
	if td := find(tables, "TD"); len(td) != 180 || td[179].AllText() != "£90000" {
		t.Errorf("%d data cells, want 180 ending £90000", len(td))
	}
	links := find(tree, "Link")
	if len(links) != 1 || links[0].AllText() != "Schedule 1" {
		t.Errorf("links %+v, want one reading Schedule 1", links)
	}
	if divs := find(tree, "Div"); len(divs) != 2 {
		t.Errorf("%d Divs, want the notes box and the signature box", len(divs))
	}
	all := tree[0].AllText()
	for _, artifact := range []string{meta.Council, "DRAFT", "Page ", meta.Ref, meta.Footer} {
		if strings.Contains(all, artifact) {
			t.Errorf("the tree holds %q, which is an artifact", artifact)
		}
	}
}

// Every page points into the parent tree, which maps each of its marked-
// content ids to the element holding that id on that page, and each link
// annotation to its Link; nothing is drawn outside marked content; the
// catalogue says the document is tagged, in en-GB, and shows its title.
func TestParentTreeResolves(t *testing.T) {
	b := renderTagged(t)
	if n := pdftest.CheckMarkedContent(t, b); n < 4 {
		t.Errorf("%d pages checked, want the document's 4", n)
	}
}

// A reader that follows the tree reads what pdftotext reads from the page,
// less the running header and footer: the same characters in the same
// order.
func TestTreeReadingOrder(t *testing.T) {
	pdftest.Require(t, "pdftotext", "pdfinfo")
	b := renderTagged(t)
	tree := pdftest.Struct(t, b)
	fromTree := tree[0].AllText()
	// pdftotext's default mode guesses columns from the layout and reads
	// the column of hanging clause numbers as one; -raw reads the page in
	// the order it is drawn.
	pages := strings.Split(pdftest.RawText(t, b), "\f")
	var fromPage strings.Builder
	for i, p := range pages {
		for _, artifact := range []string{meta.Title + " — DRAFT, not approved", meta.Council, meta.Footer, meta.Ref,
			fmt.Sprintf("Page %d of %d", i+1, len(pages)-1)} {
			p = strings.Replace(p, artifact, "", 1)
		}
		// The table's header row, printed again on each page it runs
		// onto, is an artifact there.
		if strings.Contains(fromPage.String(), "Partner Share") {
			p = strings.Replace(p, "Partner Share", "", 1)
		}
		fromPage.WriteString(p)
	}
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	tr, pg := noSpace(fromTree), noSpace(fromPage.String())
	if tr != pg {
		i := 0
		for i < len(tr) && i < len(pg) && tr[i] == pg[i] {
			i++
		}
		t.Errorf("the tree and the page differ from byte %d:\ntree %q\npage %q", i, tr[max(0, i-40):min(len(tr), i+60)], pg[max(0, i-40):min(len(pg), i+60)])
	}
}

// TestLinksSayWhereTheyLead: a cross-reference's annotation names the
// clause or schedule it leads to, for a reader that lists the links.
func TestLinksSayWhereTheyLead(t *testing.T) {
	pdftest.Require(t, "qpdf")
	b := renderTagged(t)
	o := pdftest.ReadObjects(t, b)
	var said []string
	for _, page := range o.Pages(t) {
		pd := o.Dict(t, page)
		if pd["/Annots"] == nil {
			continue
		}
		for _, a := range o.Array(t, pd["/Annots"]) {
			c, _ := o.Dict(t, a)["/Contents"].(string)
			said = append(said, strings.TrimPrefix(c, "u:"))
		}
	}
	if !slices.Contains(said, "Go to Schedule 1") {
		t.Errorf("the link to the Money schedule does not say where it leads; the links say %q", said)
	}
}
