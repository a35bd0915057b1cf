package outline

import (
	"slices"
	"strings"
	"testing"
)

// A document with every kind of block: two numbered clauses, one with a
// sub-clause, an unnumbered heading, a schedule, a list, a table, a
// signature block and a page break, with cross-references before and after
// the headings they point at.
const sample = `# The Agreement

## Definitions {#definitions}

Words have the meanings in [](#money); notice is under [](#exit).

First numbered paragraph.

## Exit {#exit .binding}

### In writing {#writing}

Notice is given in writing, as [](#definitions) says.

1. first
2. second

## Signed {.unnumbered}

> Signed for the council
>
> Date

---

## Money {#money .schedule}

| Item | Amount |
|:-----|-------:|
| **Fees** | £1\,000 \*net\* |
`

func parse(t *testing.T, src string) *Outline {
	t.Helper()
	o, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestParseNumbersClausesAndResolvesReferences(t *testing.T) {
	o := parse(t, sample)
	type row struct {
		kind   Kind
		number string
		depth  int
		text   string
	}
	var got []row
	for _, b := range o.Blocks {
		got = append(got, row{b.Kind, b.Number, b.Depth, Text(b.Spans)})
	}
	want := []row{
		{Title, "", 0, "The Agreement"},
		{Heading, "1", 0, "Definitions"},
		{Paragraph, "1.1", 1, "Words have the meanings in Schedule 1; notice is under clause 2."},
		{Paragraph, "1.2", 1, "First numbered paragraph."},
		{Heading, "2", 0, "Exit"},
		{Heading, "2.1", 0, "In writing"},
		{Paragraph, "2.1.1", 2, "Notice is given in writing, as clause 1 says."},
		{List, "", 0, ""},
		{Heading, "", 0, "Signed"},
		{Quote, "", 0, ""},
		{PageBreak, "", 0, ""},
		{Heading, "Schedule 1", 0, "Money"},
		{Table, "", 0, ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n got %v\nwant %v", got, want)
	}
	wantLabels := map[string]string{"definitions": "clause 1", "exit": "clause 2", "writing": "clause 2.1", "money": "Schedule 1"}
	if len(o.Labels) != len(wantLabels) {
		t.Errorf("labels %v, want %v", o.Labels, wantLabels)
	}
	for id, l := range wantLabels {
		if o.Labels[id] != l {
			t.Errorf("label of #%s is %q, want %q", id, o.Labels[id], l)
		}
	}
	if exit := o.Blocks[4]; !exit.Binding || exit.HeadingText() != "Exit (Binding)" || exit.ID != "exit" {
		t.Errorf("exit heading %+v, text %q", exit, exit.HeadingText())
	}
	if s := o.Blocks[11]; !s.Schedule || s.Level != 2 {
		t.Errorf("schedule heading %+v", s)
	}
	for _, sp := range o.Blocks[2].Spans {
		if sp.Ref != "" && sp.Ref != "money" && sp.Ref != "exit" {
			t.Errorf("span refers to %q", sp.Ref)
		}
	}
}

func TestParseListsTablesAndQuotes(t *testing.T) {
	o := parse(t, sample)
	list := o.Blocks[7]
	if !list.Ordered || len(list.Items) != 2 || Text(list.Items[1]) != "second" {
		t.Errorf("list %+v", list)
	}
	if list.ItemLabel(0) != "(a)" || list.ItemLabel(1) != "(b)" {
		t.Errorf("labels %q %q", list.ItemLabel(0), list.ItemLabel(1))
	}
	quote := o.Blocks[9]
	if len(quote.Children) != 2 || Text(quote.Children[0].Spans) != "Signed for the council" || quote.Children[0].Number != "" {
		t.Errorf("quote children %+v", quote.Children)
	}
	table := o.Blocks[12]
	if len(table.Header) != 2 || Text(table.Header[1]) != "Amount" || len(table.Rows) != 1 {
		t.Fatalf("table %+v", table)
	}
	if !slices.Equal(table.Align, []Alignment{AlignLeft, AlignRight}) {
		t.Errorf("alignments %v", table.Align)
	}
	fees := table.Rows[0][0]
	if len(fees) != 1 || !fees[0].Bold || fees[0].Text != "Fees" {
		t.Errorf("bold cell %+v", fees)
	}
	// Escaped Markdown prints as written.
	if got := Text(table.Rows[0][1]); got != "£1,000 *net*" {
		t.Errorf("escaped cell %q", got)
	}
}

func TestItemLabel(t *testing.T) {
	ordered, bulleted := &Block{Kind: List, Ordered: true}, &Block{Kind: List}
	for i, want := range map[int]string{0: "(a)", 25: "(z)", 26: "(aa)", 27: "(ab)", 52: "(ba)", 702: "(aaa)"} {
		if got := ordered.ItemLabel(i); got != want {
			t.Errorf("item %d: %q, want %q", i, got, want)
		}
	}
	if got := bulleted.ItemLabel(3); got != "•" {
		t.Errorf("bullet %q", got)
	}
}

func TestParseInlineStyles(t *testing.T) {
	o := parse(t, "Plain **bold *both*** *italic*  \nnext \\*star\\* &amp; \\&amp;\n")
	want := []Span{
		{Text: "Plain "},
		{Text: "bold ", Bold: true},
		{Text: "both", Bold: true, Italic: true},
		{Text: " "},
		{Text: "italic", Italic: true, BR: true},
		{Text: "next *star* & &amp;"},
	}
	if got := o.Blocks[0].Spans; !slices.Equal(got, want) {
		t.Errorf("spans:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseRefusesMissingReferences(t *testing.T) {
	_, err := Parse([]byte("## A {#a}\n\nSee [](#a), [](#nowhere) and [](#gone).\n"))
	if err == nil || !strings.Contains(err.Error(), "#nowhere, #gone") {
		t.Errorf("error %v, want one naming #nowhere and #gone", err)
	}
}

func TestUnnumberedHeadingEndsNumbering(t *testing.T) {
	o := parse(t, "## One\n\nNumbered.\n\n## Notes {.unnumbered}\n\nPlain.\n\n### Sub\n\nStill plain.\n\n## Two\n\nNumbered again.\n")
	var numbers []string
	for _, b := range o.Blocks {
		numbers = append(numbers, b.Number)
	}
	if want := []string{"1", "1.1", "", "", "", "", "2", "2.1"}; !slices.Equal(numbers, want) {
		t.Errorf("numbers %q, want %q", numbers, want)
	}
}
