package docx

import (
	"partnerdocs/generator/outline"
)

// A redline outline (generator/compare's) marks text, paragraphs, list
// items and table rows inserted or deleted; the Word copy of it holds them
// as Word's own tracked changes, so that Word and LibreOffice show them and
// a reader can accept or reject each: inserted runs in w:ins, deleted runs
// in w:del with their text in w:delText, a whole paragraph's mark in its
// w:pPr/w:rPr, a whole row's in its w:trPr. Every revision is by
// RevisionAuthor, dated the newer version's time.

// RevisionAuthor is the author of every tracked change in a redline.
const RevisionAuthor = "partnerdocs"

// RenderRedline writes a redline outline as a .docx package with tracked
// changes, dated meta.At. It leaves out the table of contents, whose
// entries would be neither the older nor the newer version's.
func (r *Renderer) RenderRedline(o *outline.Outline, meta outline.Meta) ([]byte, error) {
	return r.render(o, meta, true)
}

// revTag is the element name of a revision.
func revTag(rev outline.Rev) string {
	if rev == outline.RevDeleted {
		return "w:del"
	}
	return "w:ins"
}

// revAttrs writes a revision's id, author and date.
func (d *docxBody) revAttrs() {
	d.attr("w:id", d.nextMark) // one count with the bookmarks: every annotation's id is unique
	d.nextMark++
	d.out.WriteString(` w:author="` + RevisionAuthor + `" w:date="` + d.revDate + `"`)
}

// revMark writes an empty revision element (a paragraph mark's or a row's).
func (d *docxBody) revMark(rev outline.Rev) {
	if rev == outline.RevNone {
		return
	}
	d.out.WriteString(`<` + revTag(rev))
	d.revAttrs()
	d.out.WriteString(`/>`)
}

// revised writes what write writes inside a revision, when rev is one;
// deleted text is written as w:delText.
func (d *docxBody) revised(rev outline.Rev, write func()) {
	if rev == outline.RevNone {
		write()
		return
	}
	tag := revTag(rev)
	d.out.WriteString(`<` + tag)
	d.revAttrs()
	d.out.WriteString(`>`)
	d.deleting = rev == outline.RevDeleted
	write()
	d.deleting = false
	d.out.WriteString(`</` + tag + `>`)
}

// run writes one run of text: w:t, or w:delText inside a deletion.
func (d *docxBody) run(text, rPr string) {
	if !d.deleting {
		docxRun(d.out, text, rPr)
		return
	}
	if text == "" {
		return
	}
	d.out.WriteString(`<w:r>`)
	d.out.WriteString(rPr)
	textElement(d.out, "w:delText", text)
	d.out.WriteString(`</w:r>`)
}

// itemLabels writes a list item's label as the redline has it: an inserted
// item's under its newer letter, a deleted one's under its older, and a
// kept item whose letter changed as the older deleted and the newer
// inserted. oldN and newN count the items before it in each version.
func (d *docxBody) itemLabel(b *outline.Block, rev outline.Rev, oldN, newN int) {
	label := func(i int) func() {
		return func() {
			d.run(b.ItemLabel(i), "")
			d.out.WriteString(`<w:r><w:tab/></w:r>`)
		}
	}
	switch {
	case rev == outline.RevInserted:
		d.revised(rev, label(newN))
	case rev == outline.RevDeleted:
		d.revised(rev, label(oldN))
	case b.ItemLabel(oldN) != b.ItemLabel(newN):
		d.revised(outline.RevDeleted, label(oldN))
		d.revised(outline.RevInserted, label(newN))
	default:
		label(newN)()
	}
}

// revAt is revs[i], or whole when revs is short.
func revAt(revs []outline.Rev, i int, whole outline.Rev) outline.Rev {
	if i < len(revs) && revs[i] != outline.RevNone {
		return revs[i]
	}
	return whole
}

// revDate is the date of a redline's revisions.
func revDate(meta outline.Meta) string {
	return meta.At.UTC().Format("2006-01-02T15:04:05Z")
}
