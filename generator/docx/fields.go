package docx

import (
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// Cross-references and the table of contents are Word fields, so that they
// follow the clause numbering (numbering.go) when Legal inserts or deletes
// a clause. Every field carries its result as the outline computed it, so
// the document reads right before any program updates a field; settings
// ask Word to update them on opening (w:updateFields), and LibreOffice
// works REF fields out itself as it lays the document out.
//
// Every heading a cross-reference may point at has a bookmark named from
// its id (docxBookmarks); every other heading the contents list has a
// hidden one ("_TocPD0001"), as Word gives the headings its own contents
// field lists.

// markHeadings names each heading's bookmark, in order, and finds the
// heading each id names.
func (d *docxBody) markHeadings(o *outline.Outline) {
	d.targets = make(map[string]*outline.Block, len(d.bookmarks))
	hidden := 0
	for _, b := range o.Blocks {
		if b.Kind != outline.Heading {
			continue
		}
		name := d.bookmarks[b.ID]
		switch {
		case b.ID != "" && name != "":
			d.targets[b.ID] = b
		case b.InContents():
			hidden++
			name = "_TocPD" + strconv.Itoa(10000 + hidden)[1:]
		}
		d.marks = append(d.marks, name)
	}
}

// headingMark is the bookmark of the next heading, or "".
func (d *docxBody) headingMark(b *outline.Block) string {
	if d.heads >= len(d.marks) {
		return ""
	}
	d.heads++
	return d.marks[d.heads-1]
}

// reference writes a cross-reference. One to a numbered clause is the
// label's words ("clause ") and a REF field to the clause's bookmark giving
// its paragraph number (\r) as a link (\h), its result the number now. One
// to a schedule or an unnumbered heading, whose label no field gives, is
// an internal hyperlink showing the label.
func (d *docxBody) reference(id, label string, style int) {
	name, target := d.bookmarks[id], d.targets[id]
	if name == "" || target == nil {
		d.runs(label, style)
		return
	}
	if numLevel(target) < 0 || !strings.HasSuffix(label, target.Number) {
		d.out.WriteString(`<w:hyperlink w:anchor="` + name + `" w:history="1">`)
		d.runs(label, style)
		d.out.WriteString(`</w:hyperlink>`)
		return
	}
	d.runs(label[:len(label)-len(target.Number)], style)
	rPr := docxRunProps[style]
	d.out.WriteString(`<w:r>` + rPr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
	d.out.WriteString(`<w:r>` + rPr + `<w:instrText xml:space="preserve"> REF ` + name + ` \r \h </w:instrText></w:r>`)
	d.out.WriteString(`<w:r>` + rPr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
	docxRun(d.out, target.Number, rPr)
	d.out.WriteString(`<w:r>` + rPr + `<w:fldChar w:fldCharType="end"/></w:r>`)
}

// docxTOCInstr is the contents field: heading levels 1 and 2, as links,
// without tab leaders or page numbers in web view, keeping outline levels.
const docxTOCInstr = ` TOC \o "1-2" \h \z \u `

// toc writes the contents after the title block, before the first
// heading: a "Contents" line and a TOC field whose result lists the
// headings as they are now, each a link to its heading, without page
// numbers (which only the program laying out the pages knows; updating
// the field adds them).
func (d *docxBody) toc(o *outline.Outline) {
	d.tocDone = true
	d.startPara(docxPara{style: "TOCHeading"})
	docxRun(d.out, "Contents", "")
	d.endPara()
	first, mark := true, 0
	for _, b := range o.Blocks {
		if b.Kind != outline.Heading {
			continue
		}
		name := d.marks[mark]
		mark++
		if !b.InContents() {
			continue
		}
		d.startPara(docxPara{style: "TOC" + strconv.Itoa(b.Level-1)})
		if first {
			d.out.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
				`<w:r><w:instrText xml:space="preserve">` + docxTOCInstr + `</w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
			first = false
		}
		d.tocEntry(b, name)
		d.endPara()
	}
	if first {
		return // no headings, no field
	}
	d.out.WriteString(`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
}

// tocEntry is one line of the contents' result: the number, a tab and the
// heading, a link to it.
func (d *docxBody) tocEntry(b *outline.Block, name string) {
	d.out.WriteString(`<w:hyperlink w:anchor="` + name + `" w:history="1">`)
	switch {
	case b.Schedule:
		docxRun(d.out, b.Number+": ", "")
	case b.Number != "":
		docxRun(d.out, b.Number, "")
		d.out.WriteString(`<w:r><w:tab/></w:r>`)
	}
	d.plainRuns(b.HeadingText(), "")
	d.out.WriteString(`</w:hyperlink>`)
}
