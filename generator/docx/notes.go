package docx

import "partnerdocs/generator/outline"

// docxNotesBox is the drafting notes box's table properties: a one-cell
// table across the text width with a heavy border and a light grey
// shading, as the PDF draws it. It is no clause: its paragraphs carry no
// numbering and no heading style, so Word's navigation and numbering
// leave it out.
var docxNotesBox = `<w:tbl><w:tblPr><w:tblW w:w="` + docxTextWTwips + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
	`<w:tblBorders><w:top w:val="single" w:sz="18" w:space="0" w:color="0B0C0C"/>` +
	`<w:left w:val="single" w:sz="18" w:space="0" w:color="0B0C0C"/>` +
	`<w:bottom w:val="single" w:sz="18" w:space="0" w:color="0B0C0C"/>` +
	`<w:right w:val="single" w:sz="18" w:space="0" w:color="0B0C0C"/></w:tblBorders>` +
	`<w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/>` +
	`<w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>` +
	`<w:bottom w:w="113" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>` +
	`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>` +
	`</w:tblPr><w:tblGrid><w:gridCol w:w="` + docxTextWTwips + `"/></w:tblGrid>` +
	`<w:tr><w:tc><w:tcPr><w:tcW w:w="` + docxTextWTwips + `" w:type="dxa"/>` +
	`<w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/></w:tcPr>`

// notes writes the drafting notes box: its title and paragraphs, then its
// list, each item's bullet hanging before its text.
func (d *docxBody) notes(b *outline.Block) {
	d.beforeTable(outline.RevNone)
	d.out.WriteString(docxNotesBox)
	if len(b.Children) == 0 {
		d.out.WriteString(`<w:p/>`)
	}
	for _, c := range b.Children {
		if c.Kind != outline.List {
			d.startPara(docxPara{style: "DraftingNote"})
			d.spans(c.Spans, false)
			d.endPara()
			continue
		}
		for j, item := range c.Items {
			d.startPara(docxPara{style: "DraftingNoteItem"})
			d.run(c.ItemLabel(j), "")
			d.out.WriteString(`<w:r><w:tab/></w:r>`)
			d.spans(item, false)
			d.endPara()
		}
	}
	d.out.WriteString(`</w:tc></w:tr></w:tbl>`)
	d.afterTable = true
}
