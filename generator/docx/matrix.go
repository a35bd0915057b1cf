package docx

import (
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// The risk matrix is a Word table that Legal can edit: likelihood down the
// side, highest first, impact across the top, each cell shaded by its band
// and saying the band's name in bold above the refs of its risks, so
// nothing is said by colour alone. The table's caption and description
// (w:tblCaption, w:tblDescription) are its alt text; a legend of the
// bands follows it. Its rows are kept on one page.

// The likelihood labels' column and each impact's, in twips, filling the
// text width.
const (
	docxMatrixColW   = (docxTextW - 1900) / outline.MatrixSize
	docxMatrixLabelW = docxTextW - outline.MatrixSize*docxMatrixColW
)

// docxMatrixMaxRefs is the most refs a cell prints, so that a row, which
// Word does not split, fits a page; the register lists them all.
const docxMatrixMaxRefs = 40

// docxMatrixFills are the bands' shades, highest first, as the PDF's.
var docxMatrixFills = [...]string{"F4C7C3", "FDE5AA", "D7EBCF"}

func (d *docxBody) matrix(b *outline.Block) {
	m := b.Matrix
	if m == nil {
		return
	}
	d.beforeTable(b.Rev)
	colW := docxMatrixColW
	o := d.out
	o.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="PartnerdocsTable"/>` +
		`<w:tblW w:w="` + docxTextWTwips + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` + docxTableCellMar +
		`<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
		`<w:tblCaption w:val="Risk matrix"/><w:tblDescription w:val="`)
	writeEscaped(o, m.Alt())
	o.WriteString(`"/></w:tblPr><w:tblGrid>`)
	o.WriteString(`<w:gridCol`)
	d.attr("w:w", docxMatrixLabelW)
	o.WriteString(`/>`)
	for range outline.MatrixSize {
		o.WriteString(`<w:gridCol`)
		d.attr("w:w", colW)
		o.WriteString(`/>`)
	}
	o.WriteString(`</w:tblGrid>`)
	header := []string{"Likelihood (rows), impact (columns)"}
	for c := range outline.MatrixSize {
		header = append(header, strconv.Itoa(c+1)+" "+outline.ImpactWord(c+1))
	}
	o.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, h := range header {
		d.matrixCell(widthOf(i, colW), "E1E6EC", func() { d.run(h, docxRunProps[styleBold]) })
	}
	o.WriteString(`</w:tr>`)
	for r := range m.Cells {
		d.matrixRow(m, r, colW)
	}
	o.WriteString(`</w:tbl>`)
	d.afterTable = true
	d.matrixLegend(m)
}

func widthOf(col, colW int) int {
	if col == 0 {
		return docxMatrixLabelW
	}
	return colW
}

func (d *docxBody) matrixRow(m *outline.Matrix, r, colW int) {
	o := d.out
	o.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="567" w:hRule="atLeast"/></w:trPr>`) // 1 cm at least
	n := m.Likelihood(r)
	d.matrixCell(docxMatrixLabelW, "", func() {
		d.run(strconv.Itoa(n)+" ", docxRunProps[styleBold])
		d.run(outline.LikelihoodWord(n), "")
	})
	for _, cell := range m.Cells[r] {
		d.matrixCell(colW, docxMatrixFills[min(cell.Band, len(docxMatrixFills)-1)], func() {
			d.run(m.Bands[cell.Band].Name, docxRunProps[styleBold])
			if len(cell.Refs) > 0 {
				o.WriteString(`<w:r><w:br/></w:r>`)
				d.run(cell.RefsText(docxMatrixMaxRefs), "")
			}
		})
	}
	o.WriteString(`</w:tr>`)
}

// matrixCell writes one cell, shaded with fill unless it is "", its one
// paragraph kept with the next row.
func (d *docxBody) matrixCell(width int, fill string, write func()) {
	o := d.out
	o.WriteString(`<w:tc><w:tcPr><w:tcW`)
	d.attr("w:w", width)
	o.WriteString(` w:type="dxa"/>`)
	if fill != "" {
		o.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`)
	}
	o.WriteString(`</w:tcPr>`)
	d.startPara(docxPara{style: "TableText", keepNext: true})
	write()
	d.endPara()
	o.WriteString(`</w:tc>`)
}

// matrixLegend names each band's scores under the table.
func (d *docxBody) matrixLegend(m *outline.Matrix) {
	parts := make([]string, len(m.Bands))
	for i, band := range m.Bands {
		parts[i] = band.Name + ": " + m.BandRange(i)
	}
	d.startPara(docxPara{})
	d.run("Bands: "+strings.Join(parts, "; ")+".", "")
	d.endPara()
}
