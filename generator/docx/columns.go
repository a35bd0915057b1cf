package docx

import "partnerdocs/generator/outline"

// A table's columns are shared out by outline.ShareWidth, the rule the PDF
// follows too, with words split where the PDF's line breaker splits them,
// so the Word copy's tables look like the PDF's.

// cellWord is a unit the line breaker never splits.
type cellWord struct {
	text string
	bold bool
}

// cellWords appends the words of spans to out, split where the PDF's line
// breaker splits them: at spaces, tabs and newlines, with a
// cross-reference one word however many it holds.
func cellWords(out []cellWord, spans []outline.Span, allBold bool) []cellWord {
	for _, s := range spans {
		bold := s.Bold || allBold
		if s.Ref != "" {
			out = append(out, cellWord{text: s.Text, bold: bold})
			continue
		}
		start := -1
		for i, r := range s.Text {
			if r == ' ' || r == '\t' || r == '\n' {
				if start >= 0 {
					out = append(out, cellWord{text: s.Text[start:i], bold: bold})
					start = -1
				}
			} else if start < 0 {
				start = i
			}
		}
		if start >= 0 {
			out = append(out, cellWord{text: s.Text[start:], bold: bold})
		}
	}
	return out
}
