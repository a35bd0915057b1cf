package docx

import "partnerdocs/generator/outline"

// A table's columns are shared out by the PDF's rule (columnWidths and
// shareWidth in generator/pdf), so the Word copy's tables look like the
// PDF's. The two renderers do not import each other; the rule is short
// enough to be written twice rather than given a package of its own.

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

// shareWidth shares total between columns: when every column's natural
// width (its text on one line) fits, in proportion to it; otherwise each
// gets at least its least width (its longest word) and the rest goes where
// the text is longest.
func shareWidth(natural, least []float64, total float64) []float64 {
	sumNat, sumLeast := sum(natural), sum(least)
	out := make([]float64, len(natural))
	for i := range out {
		switch {
		case sumNat <= total:
			out[i] = natural[i] * total / sumNat
		case sumLeast <= total:
			out[i] = least[i] + (total-sumLeast)*(natural[i]-least[i])/(sumNat-sumLeast)
		default:
			out[i] = least[i] * total / sumLeast
		}
	}
	return out
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
