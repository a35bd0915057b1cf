package outline

import "strings"

// placeholderWords are what the templates write inside the square brackets
// of a value still missing: "[notice period to be confirmed]", "[DPIA to be
// completed]", "[Communications Agreement to be prepared]".
var placeholderWords = [...]string{"to be confirmed", "to be completed", "to be prepared"}

// Placeholder finds the first placeholder in text: a stretch in square
// brackets, with no bracket inside, that says one of placeholderWords. It
// returns its start and end (after the "]"), or -1, -1. Every copy marks
// it (a highlight in Word and the PDF, <mark> in HTML) and the drafting
// notes list it, so Legal finds what is left to settle; the brackets and
// words say it too, so nothing is carried by colour alone.
func Placeholder(text string) (start, end int) {
	from := 0
	for {
		open := strings.IndexByte(text[from:], '[')
		if open < 0 {
			return -1, -1
		}
		open += from
		n := strings.IndexAny(text[open+1:], "[]")
		if n < 0 {
			return -1, -1
		}
		close := open + 1 + n
		if text[close] == ']' && saysPlaceholder(text[open+1:close]) {
			return open, close + 1
		}
		from = close
	}
}

func saysPlaceholder(s string) bool {
	for _, w := range placeholderWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Placeholders appends the byte ranges [start, end) of every placeholder
// in text to out.
func Placeholders(out [][2]int, text string) [][2]int {
	for from := 0; from < len(text); {
		start, end := Placeholder(text[from:])
		if start < 0 {
			break
		}
		out = append(out, [2]int{from + start, from + end})
		from += end
	}
	return out
}
