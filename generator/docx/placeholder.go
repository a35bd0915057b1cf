package docx

import "strings"

// placeholderWords are what the templates write inside the square brackets
// of a value still missing: "[notice period to be confirmed]", "[DPIA to be
// completed]", "[Communications Agreement to be prepared]".
var placeholderWords = [...]string{"to be confirmed", "to be completed", "to be prepared"}

// placeholder finds the first placeholder in text: a stretch in square
// brackets, with no bracket inside, that says one of placeholderWords. It
// returns its start and end (after the "]"), or -1, -1. The Word copy
// highlights it, so Legal finds what is left to settle; the words say it
// too, so nothing is carried by colour alone.
func placeholder(text string) (start, end int) {
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
