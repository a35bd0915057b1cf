package generator

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// Every kind, for every sample it accepts, is a tagged PDF: pdfinfo says
// so; qpdf finds nothing wrong; the structure tree's headings are the
// document's headings (its bookmarks), in order and with their numbers;
// every table's first row is its header row, each cell a TH with column
// scope, and no TH anywhere else; every list item has a label and a body;
// the running header and footer are not in the tree; every page's marked
// content resolves through the parent tree and nothing is drawn outside it
// (pdftest.CheckMarkedContent). Reading every page's marked content back
// takes over a second a document, so the samples are those that reach
// the most different blocks: the longest (every table and list), the
// awkward names (escaping), the minimal proposal (placeholders) and the
// section 75 arrangement (the excluded arrangements' notes); with -short,
// only the longest. Every sample's PDF is read back by the other tests.
func TestTaggedPDFEveryKindAndSample(t *testing.T) {
	pdftest.Require(t, "pdfinfo", "qpdf")
	g := newTestGenerator(t)
	names := []string{longestSample, "awkward-names.json", "minimal-proposal.json", "better-care-s75.json"}
	for _, name := range names {
		if !slices.Contains(samples.Names(), name) {
			t.Fatalf("no sample %s", name)
		}
	}
	if testing.Short() {
		names = []string{longestSample}
	}
	for _, kind := range g.Kinds() {
		for _, name := range names {
			t.Run(kind+"/"+name, func(t *testing.T) {
				t.Parallel()
				p := loadSample(t, name)
				doc, err := g.Render(context.Background(), Request{Kind: kind, Format: FormatPDF, Partnership: p, At: genTime})
				var perr *partnership.Error
				if errors.As(err, &perr) && perr.Code == partnership.EUnprocessable {
					return // the kind does not apply to this partnership, which other tests check
				}
				if err != nil {
					t.Fatal(err)
				}
				checkTagged(t, doc.Bytes, doc.TemplateID)
			})
		}
	}
}

func checkTagged(t *testing.T, pdf []byte, template string) {
	t.Helper()
	pdftest.Check(t, pdf)
	info := pdftest.Info(t, pdf)
	if info["Tagged"] != "yes" {
		t.Fatalf("pdfinfo says Tagged: %q", info["Tagged"])
	}
	tree := pdftest.Struct(t, pdf)
	if len(tree) != 1 || tree[0].Type != "Document" {
		t.Fatalf("the tree's root is not one Document")
	}
	var headings []string
	tables, headerCells, items := 0, 0, 0
	tree[0].Walk(func(e *pdftest.Elem) {
		switch e.Type {
		case "H1", "H2", "H3", "H4", "H5", "H6":
			headings = append(headings, pdftest.Flat(e.AllText()))
		case "Table":
			tables++
			for i, row := range e.Kids {
				for _, c := range row.Kids {
					if (c.Type == "TH") != (i == 0) {
						t.Errorf("table %d, row %d: a %s cell", tables, i+1, c.Type)
					}
					if c.Type == "TH" && !slices.Contains(c.Attrs, "/Scope /Column") {
						t.Errorf("table %d: header cell %q has no column scope", tables, c.AllText())
					}
				}
			}
		case "TH":
			headerCells++
		case "LI":
			items++
			if len(e.Kids) != 2 || e.Kids[0].Type != "Lbl" || e.Kids[1].Type != "LBody" || e.Kids[1].AllText() == "" {
				t.Errorf("list item %q is not a label and a body", e.AllText())
			}
		}
	})
	pages, _ := strconv.Atoi(info["Pages"])
	checkTOC(t, tree[0], pages)
	pdftest.CheckMarkedContent(t, pdf)
	if marks := pdftest.Outline(t, pdf); !slices.Equal(headings, marks) {
		t.Errorf("the tree's headings\n%q\nare not the bookmarks\n%q", headings, marks)
	}
	if tables > 0 && headerCells == 0 {
		t.Error("tables without header cells")
	}
	all := tree[0].AllText()
	for _, artifact := range []string{"Page 1 of", "DRAFT, not approved", "Template " + template + " v"} {
		if strings.Contains(all, artifact) {
			t.Errorf("the tree holds %q, which is an artifact", artifact)
		}
	}
	t.Logf("%d headings, %d tables, %d list items", len(headings), tables, items)
}

// checkTOC: a document over eight pages has a contents list, a shorter
// one none. The list is a TOC after a "Contents" heading, with an item for
// each H2 and H3 after it, in their order, each a Reference holding a Link
// that reads the heading and a page number.
func checkTOC(t *testing.T, doc *pdftest.Elem, pages int) {
	t.Helper()
	i := slices.IndexFunc(doc.Kids, func(e *pdftest.Elem) bool { return e.Type == "TOC" })
	if (i >= 0) != (pages > 8) {
		t.Errorf("%d pages, and a TOC element: %v", pages, i >= 0)
	}
	if i < 0 {
		return
	}
	if i == 0 || doc.Kids[i-1].Type != "H2" || pdftest.Flat(doc.Kids[i-1].AllText()) != "Contents" {
		t.Error("the TOC does not follow a Contents heading")
	}
	var heads []string
	for _, e := range doc.Kids[i+1:] {
		e.Walk(func(e *pdftest.Elem) {
			if e.Type == "H2" || e.Type == "H3" {
				heads = append(heads, pdftest.Flat(e.AllText()))
			}
		})
	}
	items := doc.Kids[i].Kids
	if len(items) != len(heads) || len(items) == 0 {
		t.Fatalf("the TOC has %d items, for %d headings after it", len(items), len(heads))
	}
	for k, item := range items {
		want := regexp.MustCompile(`^` + regexp.QuoteMeta(heads[k]) + ` \d+$`)
		if item.Type != "TOCI" || len(item.Kids) != 1 || item.Kids[0].Type != "Reference" ||
			len(item.Kids[0].Kids) != 1 || item.Kids[0].Kids[0].Type != "Link" || !want.MatchString(pdftest.Flat(item.AllText())) {
			t.Errorf("TOC item %d is not a TOCI holding a Reference holding a Link that reads %q and a page: %q",
				k+1, heads[k], pdftest.Flat(item.AllText()))
		}
	}
}
