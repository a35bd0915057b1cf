package docx

import (
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// Clause numbers are Word's own list numbering, not typed text, so that a
// clause Legal inserts in Word or LibreOffice renumbers the clauses after
// it (and the REF fields that point at them, see fields.go). One
// multi-level list numbers the clauses exactly as the outline does for the
// document as generated: level 0 "1" (a clause heading, style Heading1),
// level 1 "1.1" (a sub-clause heading, style Heading2, or a numbered
// paragraph under a clause), level 2 "1.1.1" (a numbered paragraph under a
// sub-clause). Levels 0 and 1 are bound to the heading styles both ways:
// the style's pPr names the list and level, and the level names the style,
// so a new paragraph in the style is a new clause. A heading the outline
// leaves unnumbered (the parties, the signatures, a schedule) switches the
// style's numbering off with numId 0. Schedules keep their typed
// "Schedule 2: " (their own counter, which a clause never moves).

// docxClauseList is the w:numId of the clauses' list.
const docxClauseList = 1

// docxNumbering is word/numbering.xml: the clauses' abstract numbering and
// the one list instance that uses it. Each level hangs its number in the
// 14 mm column the PDF uses, followed by a tab.
var docxNumbering = xmlDeclaration +
	`<w:numbering xmlns:w="` + nsW + `">` +
	`<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5044434C"/><w:multiLevelType w:val="multilevel"/>` +
	`<w:tmpl w:val="5044434C"/><w:name w:val="Partnerdocs Clauses"/>` +
	docxLevel(0, "%1", "Heading1", docxNumCol) +
	docxLevel(1, "%1.%2", "Heading2", docxNumCol) +
	docxLevel(2, "%1.%2.%3", "", 2*docxNumCol) +
	`</w:abstractNum>` +
	`<w:num w:numId="` + strconv.Itoa(docxClauseList) + `"><w:abstractNumId w:val="0"/></w:num>` +
	`</w:numbering>`

// docxLevel is one level of the clauses' numbering: decimal at every level
// (isLgl), restarting under the level above, the number hanging by one
// column from left (twips) and followed by a tab.
func docxLevel(ilvl int, text, style string, left int) string {
	s := `<w:lvl w:ilvl="` + strconv.Itoa(ilvl) + `"><w:start w:val="1"/><w:numFmt w:val="decimal"/>`
	if style != "" {
		s += `<w:pStyle w:val="` + style + `"/>`
	}
	if ilvl > 0 {
		s += `<w:isLgl/>`
	}
	return s + `<w:suff w:val="tab"/><w:lvlText w:val="` + text + `"/><w:lvlJc w:val="left"/>` +
		`<w:pPr><w:tabs><w:tab w:val="num" w:pos="` + strconv.Itoa(left) + `"/></w:tabs>` +
		`<w:ind w:left="` + strconv.Itoa(left) + `" w:hanging="` + strconv.Itoa(docxNumCol) + `"/></w:pPr></w:lvl>`
}

// docxStyleNumPr is the numPr a heading style carries: the clauses' list at
// the level the style is bound to.
func docxStyleNumPr(ilvl int) string {
	return `<w:numPr><w:ilvl w:val="` + strconv.Itoa(ilvl) + `"/><w:numId w:val="` + strconv.Itoa(docxClauseList) + `"/></w:numPr>`
}

// numLevel is the list level that prints number ("7" 0, "7.2" 1, "7.2.1"
// 2), or -1 for no number (and a schedule's, which is typed).
func numLevel(b *outline.Block) int {
	if b.Number == "" || b.Schedule {
		return -1
	}
	return strings.Count(b.Number, ".")
}

// headingNumbering says what numPr a paragraph of the given style needs so that
// Word prints the number at level (-1 for none): nothing when the style
// already gives it, the level when it does not, numId 0 to switch the
// style's numbering off.
func headingNumbering(style string, level int) docxNum {
	styled := -1
	switch style {
	case "Heading1":
		styled = 0
	case "Heading2":
		styled = 1
	}
	switch {
	case level == styled:
		return docxNum{}
	case level < 0:
		return docxNum{off: true}
	}
	return docxNum{set: true, level: level}
}

// docxNum is a paragraph's own numPr, when it has one.
type docxNum struct {
	set   bool // in the clauses' list at level
	level int
	off   bool // numId 0: the style's numbering switched off
}
