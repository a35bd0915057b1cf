package html

import (
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// The risk matrix is an inline SVG image, its accessible name the matrix
// in words (outline.Matrix.Alt) in its <title> and <desc>; its cells say
// their band in words beside the shade, as the PDF's do. The layout is
// worked out here, in the SVG's own units, and html/template escapes
// every word of it.

// SVG geometry, in user units.
const (
	svgLabelW    = 130
	svgColW      = 100
	svgMinRowH   = 48
	svgPad       = 6
	svgLine      = 15
	svgAxisH     = 22
	svgLegendH   = 28
	svgWidth     = svgLabelW + 5*svgColW + 2
	svgLineChars = 14 // characters on a line of a cell's refs
	svgMaxLines  = 8  // lines of a cell's refs
)

// svgFills are the bands' shades, highest first, as the PDF's.
var svgFills = [...]string{"#f4c7c3", "#fde5aa", "#d7ebcf"}

type htmlMatrix struct {
	Alt           string
	Width, Height int
	Rows          []svgRow
	Impact        []svgText // numbers and words under the columns
	ImpactY       int       // the axis name's baseline
	Legend        []svgLegend
	LegendY       int
}

type svgRow struct {
	Label        svgText
	Number       svgText
	Cells        []svgCell
	Y, H, LabelY int
}

type svgCell struct {
	X, Y, W, H int
	Fill       string
	Band       svgText
	Refs       []svgText
}

type svgText struct {
	X, Y int
	Text string
}

type svgLegend struct {
	X    int
	Fill string
	Text svgText
}

func toHTMLMatrix(m *outline.Matrix) *htmlMatrix {
	h := &htmlMatrix{Alt: m.Alt(), Width: svgWidth}
	y := svgAxisH
	for r := range m.Cells {
		row := matrixRow(m, r, y)
		h.Rows = append(h.Rows, row)
		y += row.H
	}
	for c := range outline.MatrixSize {
		h.Impact = append(h.Impact, svgText{X: svgLabelW + c*svgColW + svgColW/2, Y: y + 16,
			Text: strconv.Itoa(c+1) + " " + outline.ImpactWord(c+1)})
	}
	h.ImpactY = y + svgAxisH + 14
	h.LegendY = y + 2*svgAxisH + 12
	x := svgLabelW
	for i, band := range m.Bands {
		text := band.Name + ": " + m.BandRange(i)
		h.Legend = append(h.Legend, svgLegend{X: x, Fill: svgFill(i), Text: svgText{X: x + 24, Y: h.LegendY + 12, Text: text}})
		x += 170
	}
	h.Height = h.LegendY + svgLegendH
	return h
}

func matrixRow(m *outline.Matrix, r, y int) svgRow {
	lines := make([][]string, outline.MatrixSize)
	height := svgMinRowH
	for c, cell := range m.Cells[r] {
		lines[c] = svgRefLines(cell)
		height = max(height, 2*svgPad+svgLine*(1+len(lines[c])))
	}
	n := m.Likelihood(r)
	row := svgRow{Y: y, H: height, LabelY: y + height/2 + 5,
		Number: svgText{X: 2, Y: y + height/2 + 5, Text: strconv.Itoa(n)},
		Label:  svgText{X: 18, Y: y + height/2 + 5, Text: outline.LikelihoodWord(n)}}
	for c, cell := range m.Cells[r] {
		x := svgLabelW + c*svgColW
		sc := svgCell{X: x, Y: y, W: svgColW, H: height, Fill: svgFill(cell.Band),
			Band: svgText{X: x + svgPad, Y: y + svgPad + 11, Text: m.Bands[cell.Band].Name}}
		for i, l := range lines[c] {
			sc.Refs = append(sc.Refs, svgText{X: x + svgPad, Y: y + svgPad + 11 + svgLine*(i+1), Text: l})
		}
		row.Cells = append(row.Cells, sc)
	}
	return row
}

// svgRefLines breaks a cell's refs into lines of about svgLineChars
// characters (SVG text does not wrap), at most svgMaxLines of them: as
// many refs as fit, then how many more.
func svgRefLines(cell outline.MatrixCell) []string {
	for n := len(cell.Refs); ; n-- {
		var lines []string
		for _, word := range strings.Fields(cell.RefsText(n)) {
			if k := len(lines) - 1; k >= 0 && len(lines[k])+1+len(word) <= svgLineChars {
				lines[k] += " " + word
				continue
			}
			lines = append(lines, word)
		}
		if len(lines) <= svgMaxLines || n == 0 {
			return lines
		}
	}
}

func svgFill(band int) string { return svgFills[min(band, len(svgFills)-1)] }

// matrixTemplate draws a htmlMatrix.
const matrixTemplate = `{{define "matrix"}}<figure class="risk-matrix">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="risk-matrix-title risk-matrix-desc" viewBox="0 0 {{.Width}} {{.Height}}" width="100%" font-family="Liberation Sans, Arial, sans-serif" font-size="13" fill="#0b0c0c">
<title id="risk-matrix-title">Risk matrix</title>
<desc id="risk-matrix-desc">{{.Alt}}</desc>
<text x="2" y="15" font-weight="bold">Likelihood</text>
{{range .Rows}}<text x="{{.Number.X}}" y="{{.Number.Y}}" font-weight="bold">{{.Number.Text}}</text><text x="{{.Label.X}}" y="{{.Label.Y}}">{{.Label.Text}}</text>
{{range .Cells}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}" stroke="#505a5f"/><text x="{{.Band.X}}" y="{{.Band.Y}}" font-weight="bold" font-size="12">{{.Band.Text}}</text>{{range .Refs}}<text x="{{.X}}" y="{{.Y}}">{{.Text}}</text>{{end}}
{{end}}{{end}}{{range .Impact}}<text x="{{.X}}" y="{{.Y}}" text-anchor="middle">{{.Text}}</text>{{end}}
<text x="{{with index .Impact 2}}{{.X}}{{end}}" y="{{.ImpactY}}" text-anchor="middle" font-weight="bold">Impact</text>
{{range .Legend}}<rect x="{{.X}}" y="{{$.LegendY}}" width="18" height="14" fill="{{.Fill}}" stroke="#505a5f"/><text x="{{.Text.X}}" y="{{.Text.Y}}">{{.Text.Text}}</text>{{end}}
</svg>
</figure>
{{end}}`
