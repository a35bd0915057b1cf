package generator

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// matrixBlock is the risk matrix of the agreement for p.
func matrixBlock(t *testing.T, g *Generator, p *partnership.Partnership) *outline.Block {
	t.Helper()
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range o.Blocks {
		if b.Kind == outline.RiskMatrix {
			return b
		}
	}
	t.Fatal("the agreement has no risk matrix")
	return nil
}

// matrixAsWords is the text LibreOffice makes of a Word copy with its
// risk matrix (from its header row to its legend) replaced by alt, as a
// redline shows it: the matrix is compared as its description in words.
func matrixAsWords(t testing.TB, text, alt string) string {
	t.Helper()
	start := strings.Index(text, "\nLikelihood (rows), impact (columns)\n")
	end := strings.Index(text, "\nBands: ")
	if start < 0 || end < start {
		t.Errorf("no risk matrix in the Word copy's text")
		return text
	}
	nl := strings.IndexByte(text[end+1:], '\n')
	return text[:start+1] + alt + text[end+1+nl:]
}

// The PDF's matrix puts each risk's ref in the cell of its likelihood and
// impact, as a reader sees it: under the band word of a cell in the
// column of its impact's label and the row of its likelihood's, that
// band word the band of the cell's score; and the figure is a Figure
// element whose /Alt names every risk.
func TestRiskMatrixPDF(t *testing.T) {
	pdftest.Require(t, "pdftotext", "qpdf")
	g := newTestGenerator(t)
	p := registerAlliance(t)
	doc := render(t, g, "agreement", p, FormatPDF)
	pdftest.Check(t, doc.Bytes)
	pdftest.CheckMarkedContent(t, doc.Bytes) // the drawing is the Figure's marked content
	var page []pdftest.Word
	for _, words := range pdftest.Words(t, doc.Bytes) {
		for _, w := range words {
			if w.Text == "Negligible" {
				page = words
			}
		}
	}
	if page == nil {
		t.Fatal("no page prints the impact axis")
	}
	cols := axisWords(t, page, []string{"Negligible", "Minor", "Moderate", "Major", "Severe"})
	rows := axisWords(t, page, []string{"Rare", "Unlikely", "Possible", "Likely", "Almost"})
	for _, want := range []string{"Likelihood", "Impact", "certain", "High:", "Medium:", "Low:"} {
		if len(axisWords(t, page, []string{want})) == 0 {
			t.Errorf("the matrix's page does not print %q", want)
		}
	}
	for _, r := range p.Risks {
		ref := findWord(page, r.ID)
		if ref == nil {
			t.Errorf("risk %s is not in the matrix", r.ID)
			continue
		}
		band := bandAbove(page, *ref)
		if band == nil {
			t.Errorf("risk %s has no band word above it", r.ID)
			continue
		}
		l, i := nearest(rows, band.YMin, true), nearest(cols, (band.XMin+ref.XMax)/2, false)
		if l != r.Likelihood || i != r.Impact || band.Text != partnership.RiskRating(r.Score()) {
			t.Errorf("risk %s (likelihood %d, impact %d) is printed in the cell of likelihood %d, impact %d, marked %q",
				r.ID, r.Likelihood, r.Impact, l, i, band.Text)
		}
	}
	alt := figureAlts(t, doc.Bytes)
	if len(alt) != 1 {
		t.Fatalf("%d Figure elements with /Alt; want 1", len(alt))
	}
	for _, r := range p.Risks {
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(r.ID) + `\b[^.;]*\(likelihood ` + itoa(r.Likelihood) + `, impact ` + itoa(r.Impact) + `\)`).MatchString(alt[0]) {
			t.Errorf("the Figure's /Alt does not place %s: %s", r.ID, alt[0])
		}
	}
}

// axisWords are the words' places, in the order asked for (1 to 5).
func axisWords(t *testing.T, page []pdftest.Word, texts []string) []pdftest.Word {
	t.Helper()
	var out []pdftest.Word
	for _, s := range texts {
		if w := findWord(page, s); w != nil {
			out = append(out, *w)
		} else {
			t.Errorf("the matrix's page does not print %q", s)
		}
	}
	return out
}

func findWord(page []pdftest.Word, s string) *pdftest.Word {
	for i, w := range page {
		if strings.TrimSuffix(w.Text, ",") == s {
			return &page[i]
		}
	}
	return nil
}

// bandAbove is the band word at the top of the cell that holds ref: the
// lowest band word above it that starts where it does or a little to the
// left, within a column's width (about 75 points).
func bandAbove(page []pdftest.Word, ref pdftest.Word) *pdftest.Word {
	var best *pdftest.Word
	for i, w := range page {
		if w.Text != "High" && w.Text != "Medium" && w.Text != "Low" {
			continue
		}
		dx := ref.XMin - w.XMin
		if dx > -1 && dx < 70 && w.YMin < ref.YMin && (best == nil || w.YMin > best.YMin || (w.YMin == best.YMin && w.XMin > best.XMin)) {
			best = &page[i]
		}
	}
	return best
}

// nearest is the step (1 to 5) of the axis label nearest to at: the
// likelihood label at or below a cell's top (rows), or the impact label
// whose centre is nearest (columns).
func nearest(labels []pdftest.Word, at float64, rows bool) int {
	best, dist := 0, 1e9
	for i, w := range labels {
		d := abs((w.XMin+w.XMax)/2 - at)
		if rows {
			if d = w.YMin - at; d < 0 {
				continue
			}
		}
		if d < dist {
			best, dist = i+1, d
		}
	}
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// figureAlts are the /Alt of every Figure element in the structure tree.
func figureAlts(t *testing.T, pdf []byte) []string {
	t.Helper()
	o := pdftest.ReadObjects(t, pdf)
	root := o.Dict(t, o.Trailer["/Root"])
	var alts []string
	var walk func(v any)
	walk = func(v any) {
		d, ok := o.Get(t, v).(map[string]any)
		if !ok {
			if a, ok := o.Get(t, v).([]any); ok {
				for _, k := range a {
					walk(k)
				}
			}
			return
		}
		if d["/S"] == "/Figure" {
			if a, ok := o.Get(t, d["/A"]).(map[string]any); !ok || a["/BBox"] == nil {
				t.Errorf("the Figure has no bounding box: %v", d["/A"])
			}
			if alt, ok := d["/Alt"].(string); ok {
				alts = append(alts, strings.TrimPrefix(alt, "u:"))
			}
		}
		if k, ok := d["/K"]; ok {
			walk(k)
		}
	}
	walk(o.Dict(t, root["/StructTreeRoot"])["/K"])
	return alts
}

// The HTML copy's matrix is an SVG image named by its title and its
// description in words, and says each cell's band and refs in text.
func TestRiskMatrixHTML(t *testing.T) {
	g := newTestGenerator(t)
	p := registerAlliance(t)
	html := string(render(t, g, "agreement", p, FormatHTML).Bytes)
	svg := regexp.MustCompile(`(?s)<svg [^>]*role="img" aria-labelledby="risk-matrix-title risk-matrix-desc".*?</svg>`).FindString(html)
	if svg == "" {
		t.Fatal("no risk matrix image")
	}
	alt := matrixBlock(t, g, p).Matrix.Alt()
	if !strings.Contains(svg, `<title id="risk-matrix-title">Risk matrix</title>`) ||
		!strings.Contains(svg, `<desc id="risk-matrix-desc">`+alt+`</desc>`) {
		t.Errorf("the image lacks its title or description %q", alt)
	}
	for _, r := range p.Risks {
		if !regexp.MustCompile(`>([^<]*, )?` + regexp.QuoteMeta(r.ID) + `(, [^<]*)?<`).MatchString(svg) {
			t.Errorf("the image does not print %s", r.ID)
		}
	}
	for _, w := range []string{">High<", ">Medium<", ">Low<", ">Likelihood<", ">Impact<", ">Almost certain<", ">1 Negligible<"} {
		if !strings.Contains(svg, w) {
			t.Errorf("the image does not print %s", w)
		}
	}
}

// The Word copy's matrix is a table Legal can edit: captioned and
// described in words, each cell shaded and saying its band.
func TestRiskMatrixDOCX(t *testing.T) {
	g := newTestGenerator(t)
	p := registerAlliance(t)
	body := string(readDOCX(t, render(t, g, "agreement", p, FormatDOCX).Bytes)["word/document.xml"])
	alt := matrixBlock(t, g, p).Matrix.Alt()
	i := strings.Index(body, `<w:tblCaption w:val="Risk matrix"/><w:tblDescription w:val="`+alt+`"/>`)
	if i < 0 {
		t.Fatalf("no table captioned and described as the risk matrix (%q)", alt)
	}
	table := body[i : i+strings.Index(body[i:], "</w:tbl>")]
	for _, want := range []string{`<w:shd w:val="clear" w:color="auto" w:fill="F4C7C3"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:keepNext/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>High</w:t>`,
		`w:fill="FDE5AA"`, `>Medium</w:t>`, `>Low</w:t>`, `>Almost certain</w:t>`, `>5 Severe</w:t>`} {
		if !strings.Contains(table, want) {
			t.Errorf("the matrix table lacks %s", want)
		}
	}
	if n := strings.Count(table, "<w:tr>"); n != 6 {
		t.Errorf("the matrix table has %d rows; want a header and 5", n)
	}
}

// matrixWords are the words the PDF's risk matrix prints: its axes, each
// cell's band and refs, and its legend.
func matrixWords(o *outline.Outline) []string {
	var s []string
	for _, b := range o.Blocks {
		m := b.Matrix
		if b.Kind != outline.RiskMatrix || m == nil {
			continue
		}
		s = append(s, "Likelihood", "Impact")
		for n := 1; n <= outline.MatrixSize; n++ {
			s = append(s, itoa(n), outline.LikelihoodWord(n), itoa(n), outline.ImpactWord(n))
		}
		for r := range m.Cells {
			for _, c := range m.Cells[r] {
				s = append(s, m.Bands[c.Band].Name, strings.Join(c.Refs, ", "))
			}
		}
		for i, band := range m.Bands {
			s = append(s, band.Name+": "+m.BandRange(i))
		}
	}
	return strings.Fields(strings.Join(s, " "))
}

// A cell with more risks than it has room for prints as many as fit and
// how many more, so the figure, its axes and legend still share one page
// with the schedule's heading.
func TestRiskMatrixCrowdedCellFitsAPage(t *testing.T) {
	pdftest.Require(t, "pdftotext", "qpdf")
	g := newTestGenerator(t)
	p := registerAlliance(t)
	for i := range 200 {
		r := p.Risks[0]
		r.ID, r.Likelihood, r.Impact = fmt.Sprintf("RISK-2026-%03d", i), 5, 5
		p.Risks = append(p.Risks, r)
	}
	doc := render(t, g, "agreement", p, FormatPDF)
	pdftest.Check(t, doc.Bytes)
	for _, page := range strings.Split(pdftest.Text(t, doc.Bytes), "\f") {
		if !strings.Contains(page, "Negligible") {
			continue
		}
		flat := pdftest.Flat(page)
		for _, want := range []string{"Schedule 4: Risk register", "Likelihood", "Almost certain", "RISK-2026-000,", "more", "Rare", "Impact", "Low: score 1 to 5"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the matrix's page lacks %q:\n%s", want, flat)
			}
		}
		if strings.Contains(flat, "RISK-2026-199") {
			t.Errorf("the crowded cell prints all 200 refs")
		}
		return
	}
	t.Fatal("no page prints the impact axis")
}

// A ref prints in the matrix as entered, whatever it holds: the
// risk-matrix block carries it as data, never as Markdown.
func TestRiskMatrixRefsAsEntered(t *testing.T) {
	g := newTestGenerator(t)
	p := registerAlliance(t)
	ids := []string{"R`1`", `R\`, "```", "**R4** [x](#risks)", "R5 &amp; <b>", "risk 9 9 R6"}
	p.Risks = p.Risks[:len(ids)]
	for i := range ids {
		p.Risks[i].ID, p.Risks[i].Likelihood, p.Risks[i].Impact = ids[i], 3, 4
	}
	m := matrixBlock(t, g, p).Matrix
	if got := strings.Join(m.Cells[2][3].Refs, "|"); got != strings.Join(ids, "|") {
		t.Errorf("likelihood 3, impact 4 holds %q, want %q", got, strings.Join(ids, "|"))
	}
}
