package docx

import (
	"bytes"
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// docxStyles is the Word copy's style sheet: a plain sans-serif body
// (Arial 11 pt, which LibreOffice shows in its metric twin Liberation Sans),
// the title, three heading levels under Word's built-in names (so the
// navigation pane and the accessibility checker know them), list
// paragraphs, table text, a bordered table style whose header row is bold
// and shaded, the box round a signature block, the DRAFT notice, and the
// running header and footer. List items and numbered paragraphs take their
// hanging indents from styles (List Item 1-3, Hanging Clause 1-2), as
// drafting notes take theirs (Drafting Note, Drafting Note Item), so that
// each paragraph names a style rather than repeating its properties. The
// language is British English throughout. Elements inside each style are in the order the schema requires. It is
// built once and only read.
var docxStyles = xmlDeclaration +
	`<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults>` +
	`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>` +
	`<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>` +
	`</w:docDefaults>` +

	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl/></w:pPr></w:style>` +

	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
	`<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +

	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:uiPriority w:val="10"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +

	docxHeadingStyle(1, 360, 120, 26) +
	docxHeadingStyle(2, 240, 80, 22) +
	docxHeadingStyle(3, 200, 60, 22) +

	`<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/>` +
	`<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr>` +
	`<w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
	docxTOCStyle(1, 0) +
	docxTOCStyle(2, docxNumCol) +

	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/>` +
	`<w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style>` +

	docxHangingClauseStyle(1) +
	docxHangingClauseStyle(2) +

	docxListItemStyle(0) +
	docxListItemStyle(1) +
	docxListItemStyle(2) +

	`<w:style w:type="paragraph" w:styleId="DraftingNote"><w:name w:val="Drafting Note"/><w:basedOn w:val="Normal"/>` +
	`<w:qFormat/><w:pPr><w:spacing w:after="80"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="DraftingNoteItem"><w:name w:val="Drafting Note Item"/>` +
	`<w:basedOn w:val="DraftingNote"/><w:qFormat/>` + docxHangingPPr(docxListLabel, docxListLabel, 60) + `</w:style>` +

	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +

	`<w:style w:type="paragraph" w:styleId="DraftNotice"><w:name w:val="Draft Notice"/><w:basedOn w:val="Normal"/>` +
	`<w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:pBdr>` + docxBorder("top", 12, 4, "000000") + docxBorder("left", 12, 4, "000000") +
	docxBorder("bottom", 12, 4, "000000") + docxBorder("right", 12, 4, "000000") + `</w:pBdr>` +
	`<w:spacing w:before="60" w:after="360"/><w:ind w:left="113" w:right="113"/></w:pPr>` +
	`<w:rPr><w:b/><w:bCs/></w:rPr></w:style>` +

	`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>` +
	`<w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
	`<w:pPr><w:pBdr>` + docxBorder("bottom", 4, 1, "969696") + `</w:pBdr>` +
	`<w:tabs><w:tab w:val="right" w:pos="` + docxTextWTwips + `"/></w:tabs>` +
	`<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +

	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
	`<w:pPr><w:tabs><w:tab w:val="center" w:pos="` + strconv.Itoa(docxTextW/2) + `"/>` +
	`<w:tab w:val="right" w:pos="` + docxTextWTwips + `"/></w:tabs>` +
	`<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +

	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
	`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +

	`<w:style w:type="table" w:styleId="PartnerdocsTable"><w:name w:val="Partnerdocs Table"/><w:basedOn w:val="TableNormal"/>` +
	`<w:uiPriority w:val="39"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
	`<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>` +
	`<w:tblPr><w:tblBorders>` + docxBorder("top", 4, 0, "787878") + docxBorder("left", 4, 0, "787878") +
	docxBorder("bottom", 4, 0, "787878") + docxBorder("right", 4, 0, "787878") +
	docxBorder("insideH", 4, 0, "787878") + docxBorder("insideV", 4, 0, "787878") + `</w:tblBorders>` +
	`<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="` + docxCellMar + `" w:type="dxa"/>` +
	`<w:bottom w:w="40" w:type="dxa"/><w:right w:w="` + docxCellMar + `" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
	`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:trPr><w:tblHeader/></w:trPr>` +
	`<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E1E6EC"/></w:tcPr></w:tblStylePr>` +
	`</w:style>` +

	`<w:style w:type="table" w:styleId="SignatureBox"><w:name w:val="Signature Box"/><w:basedOn w:val="TableNormal"/>` +
	`<w:uiPriority w:val="40"/>` +
	`<w:tblPr><w:tblBorders>` + docxBorder("top", 6, 0, "A0A0A0") + docxBorder("left", 6, 0, "A0A0A0") +
	docxBorder("bottom", 6, 0, "A0A0A0") + docxBorder("right", 6, 0, "A0A0A0") + `</w:tblBorders>` +
	`<w:tblCellMar><w:top w:w="113" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
	`</w:style>` +
	`</w:styles>`

var (
	docxTextWTwips = strconv.Itoa(docxTextW)
	docxCellMar    = strconv.Itoa(docxCellMarLR)
)

// docxHeadingStyle is "heading n": bold, kept with the paragraph after it,
// at outline level n-1 for the navigation pane. Headings 1 and 2 are bound
// to levels 0 and 1 of the clauses' numbering (numbering.go), so a new
// paragraph in either style is a numbered clause or sub-clause. Sizes are
// half-points.
func docxHeadingStyle(n, before, after, size int) string {
	id, lvl, sz := strconv.Itoa(n), strconv.Itoa(n-1), strconv.Itoa(size)
	numPr := ""
	if n <= 2 {
		numPr = docxStyleNumPr(n - 1)
	}
	return `<w:style w:type="paragraph" w:styleId="Heading` + id + `"><w:name w:val="heading ` + id + `"/>` +
		`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>` +
		`<w:pPr><w:keepNext/><w:keepLines/>` + numPr +
		`<w:spacing w:before="` + strconv.Itoa(before) + `" w:after="` + strconv.Itoa(after) + `"/>` +
		`<w:outlineLvl w:val="` + lvl + `"/></w:pPr>` +
		`<w:rPr><w:b/><w:bCs/><w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/></w:rPr></w:style>`
}

// docxTOCStyle is "toc n", a line of the contents at level n, its text
// indented left twips with the number hanging in the clause column.
func docxTOCStyle(n, left int) string {
	id := strconv.Itoa(n)
	return `<w:style w:type="paragraph" w:styleId="TOC` + id + `"><w:name w:val="toc ` + id + `"/>` +
		`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>` +
		`<w:pPr><w:tabs><w:tab w:val="left" w:pos="` + strconv.Itoa(left+docxNumCol) + `"/>` +
		`<w:tab w:val="right" w:leader="dot" w:pos="` + docxTextWTwips + `"/></w:tabs>` +
		`<w:spacing w:after="40"/><w:ind w:left="` + strconv.Itoa(left) + `"/></w:pPr></w:style>`
}

// docxHangingClauseStyles are the styles of numbered paragraphs, by
// depth: "Hanging Clause 1" under a clause ("7.2"), "Hanging Clause 2"
// under a sub-clause ("7.2.1").
var docxHangingClauseStyles = [...]string{"HangingClause1", "HangingClause2"}

// docxHangingClauseStyle is "hanging clause depth": text depth clause
// columns in, the number, which the paragraph's own numbering gives,
// hanging one column before it as the list level itself hangs it
// (numbering.go). The style holds no numbering: a paragraph in it is
// numbered only when it says so.
func docxHangingClauseStyle(depth int) string {
	id := strconv.Itoa(depth)
	return `<w:style w:type="paragraph" w:styleId="` + docxHangingClauseStyles[depth-1] + `"><w:name w:val="Hanging Clause ` + id + `"/>` +
		`<w:basedOn w:val="Normal"/><w:qFormat/>` + docxHangingPPr(depth*docxNumCol, docxNumCol, 0) + `</w:style>`
}

// docxListItemStyles are the styles of list items under text at each
// depth: "List Item 1" under unindented text, "List Item 2" under a
// clause's text (one column in), "List Item 3" under a sub-clause's.
var docxListItemStyles = [...]string{"ListItem1", "ListItem2", "ListItem3"}

// docxListItemStyle is "list item n+1": a list paragraph whose "(a)" or
// bullet hangs in docxListLabel before its text, under text indented by
// depth clause columns.
func docxListItemStyle(depth int) string {
	id := docxListItemStyles[depth]
	left := depth*docxNumCol + docxListLabel
	return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="List Item ` + strconv.Itoa(depth+1) + `"/>` +
		`<w:basedOn w:val="ListParagraph"/><w:uiPriority w:val="34"/><w:qFormat/>` +
		docxHangingPPr(left, docxListLabel, 0) + `</w:style>`
}

// docxHangingPPr is a style's pPr for a paragraph whose label hangs by
// hanging twips before its text at left, where a tab stop is set, with
// after twips of space after it when after is not zero.
func docxHangingPPr(left, hanging, after int) string {
	spacing := ""
	if after > 0 {
		spacing = `<w:spacing w:after="` + strconv.Itoa(after) + `"/>`
	}
	return `<w:pPr><w:tabs><w:tab w:val="left" w:pos="` + strconv.Itoa(left) + `"/></w:tabs>` + spacing +
		`<w:ind w:left="` + strconv.Itoa(left) + `" w:hanging="` + strconv.Itoa(hanging) + `"/></w:pPr>`
}

// docxBorder is one single-line border; size is in eighths of a point and
// space in points.
func docxBorder(side string, size, space int, color string) string {
	return `<w:` + side + ` w:val="single" w:sz="` + strconv.Itoa(size) + `" w:space="` + strconv.Itoa(space) +
		`" w:color="` + color + `"/>`
}

// docxHeader is the running header, as the PDF prints it: the council on
// the left, the document's title on the right, and while the document is a
// draft, "DRAFT, not approved" after the title. The approved copy has no
// DRAFT mark.
func docxHeader(m outline.Meta) []byte {
	var b bytes.Buffer
	b.WriteString(xmlDeclaration)
	b.WriteString(`<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>`)
	docxRun(&b, m.Council, "")
	b.WriteString(`<w:r><w:tab/></w:r>`)
	title := m.Title
	if m.Draft {
		title += " — " + draftMark
	}
	docxRun(&b, title, "")
	b.WriteString(`</w:p></w:hdr>`)
	return b.Bytes()
}

// draftMark is what the header of every page of a draft says.
const draftMark = "DRAFT, not approved"

// docxFooter is the footer, as the PDF prints it: the template and its
// version, "Page X of Y" in the middle (Word's PAGE and NUMPAGES fields), and
// the partnership's reference.
func docxFooter(m outline.Meta) []byte {
	var b bytes.Buffer
	b.WriteString(xmlDeclaration)
	b.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
	docxRun(&b, m.Footer, "")
	b.WriteString(`<w:r><w:tab/></w:r>`)
	docxRun(&b, "Page ", "")
	docxField(&b, "PAGE", "1")
	docxRun(&b, " of ", "")
	docxField(&b, "NUMPAGES", "1")
	if m.Ref != "" {
		b.WriteString(`<w:r><w:tab/></w:r>`)
		docxRun(&b, m.Ref, "")
	}
	b.WriteString(`</w:p></w:ftr>`)
	return b.Bytes()
}

// docxField writes a complex field with its last known result, which Word
// and LibreOffice replace as they lay out the pages.
func docxField(b *bytes.Buffer, instr, result string) {
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`)
	b.WriteString(`<w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r>`)
	b.WriteString(`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	docxRun(b, result, "")
	b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
}

// docxRun writes one run of plain text with the given run properties.
func docxRun(b *bytes.Buffer, text, rPr string) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	b.WriteString(rPr)
	textElement(b, "w:t", text)
	b.WriteString(`</w:r>`)
}

// textElement writes text as a w:t or w:delText, saying
// xml:space="preserve" only when the text needs it: XML may drop white
// space at either end, or squeeze white space inside, of text without it.
func textElement(b *bytes.Buffer, tag, text string) {
	b.WriteByte('<')
	b.WriteString(tag)
	if needsPreserve(text) {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteByte('>')
	writeEscaped(b, text)
	b.WriteString(`</`)
	b.WriteString(tag)
	b.WriteByte('>')
}

// needsPreserve reports whether text starts or ends with white space or
// holds a tab, a line break or two spaces together. Each test is
// strings.IndexByte or strings.Contains, which look at many bytes at a
// time.
func needsPreserve(text string) bool {
	if text == "" {
		return false
	}
	if isXMLSpace(text[0]) || isXMLSpace(text[len(text)-1]) {
		return true
	}
	return strings.Contains(text, "  ") || strings.IndexByte(text, '\t') >= 0 ||
		strings.IndexByte(text, '\n') >= 0 || strings.IndexByte(text, '\r') >= 0
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
