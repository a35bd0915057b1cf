package outline

import (
	"strings"
	"testing"
)

const matrixSample = "## Risks {#risks .schedule}\n\n```risk-matrix\n" +
	"band 15 High\nband 6 Medium\nband 1 Low\n" +
	"risk 5 4 R\\*1\nrisk 1 1 R 2 has spaces\nrisk 5 4 R3\nrisk 2 3 R4\n```\n\nAfter.\n"

// A risk-matrix block is data: each risk in the cell of its likelihood
// (rows, 5 at the top) and impact (columns), its ref unescaped and never
// read as Markdown, each cell in the band of its score.
func TestParseMatrix(t *testing.T) {
	o, err := Parse([]byte(matrixSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Blocks) != 3 || o.Blocks[1].Kind != RiskMatrix || o.Blocks[2].Kind != Paragraph {
		t.Fatalf("blocks %+v", o.Blocks)
	}
	m := o.Blocks[1].Matrix
	if got := strings.Join(m.Cells[0][3].Refs, "|"); got != "R*1|R3" {
		t.Errorf("likelihood 5, impact 4 holds %q", got)
	}
	if got := strings.Join(m.Cells[4][0].Refs, "|"); got != "R 2 has spaces" {
		t.Errorf("likelihood 1, impact 1 holds %q", got)
	}
	if got := strings.Join(m.Cells[3][2].Refs, "|"); got != "R4" {
		t.Errorf("likelihood 2, impact 3 holds %q", got)
	}
	for _, c := range []struct{ r, c int }{{0, 2}, {0, 3}, {1, 3}, {2, 4}} { // 15, 20, 16, 15
		if m.Cells[c.r][c.c].Band != 0 {
			t.Errorf("cell %v: band %q, want High", c, m.Bands[m.Cells[c.r][c.c].Band].Name)
		}
	}
	for _, c := range []struct{ r, c int }{{0, 1}, {3, 2}, {2, 1}, {1, 3 - 1}} { // 10, 6, 6, 12
		if m.Cells[c.r][c.c].Band != 1 {
			t.Errorf("cell %v: band %q, want Medium", c, m.Bands[m.Cells[c.r][c.c].Band].Name)
		}
	}
	for _, c := range []struct{ r, c int }{{4, 4}, {3, 1}, {0, 0}} { // 5, 4, 5
		if m.Cells[c.r][c.c].Band != 2 {
			t.Errorf("cell %v: band %q, want Low", c, m.Bands[m.Cells[c.r][c.c].Band].Name)
		}
	}
	want := "Risk matrix of 4 risks by likelihood (1 Rare to 5 Almost certain) and impact (1 Negligible to 5 Severe). " +
		"High (score 15 to 25): 2 risks, R*1, R3 (likelihood 5, impact 4). " +
		"Medium (score 6 to 14): 1 risk, R4 (likelihood 2, impact 3). " +
		"Low (score 1 to 5): 1 risk, R 2 has spaces (likelihood 1, impact 1)."
	if got := m.Alt(); got != want {
		t.Errorf("alt text\n got %q\nwant %q", got, want)
	}
}

// A risk-matrix block that is not data the matrix can hold is an error,
// not a guess.
func TestParseMatrixErrors(t *testing.T) {
	for _, body := range []string{
		"band 1 Low\nrisk 6 1 R1\n",
		"band 1 Low\nrisk 1 0 R1\n",
		"band 1 Low\nrisk x 1 R1\n",
		"band 1 Low\n# R1\n",
		"band 6 Medium\nrisk 1 1 R1\n",             // no band down to 1
		"band 1 Low\nband 6 Medium\nrisk 1 1 R1\n", // not highest first
	} {
		if _, err := Parse([]byte("```risk-matrix\n" + body + "```\n")); err == nil {
			t.Errorf("%q: no error", body)
		}
	}
}

// A cell with more refs than a renderer has room for says how many more.
func TestMatrixCellRefsText(t *testing.T) {
	c := MatrixCell{Refs: []string{"R1", "R2", "R3"}}
	for n, want := range map[int]string{5: "R1, R2, R3", 3: "R1, R2, R3", 2: "R1, R2 and 1 more", 1: "R1 and 2 more", 0: "3 risks"} {
		if got := c.RefsText(n); got != want {
			t.Errorf("RefsText(%d) = %q, want %q", n, got, want)
		}
	}
}
