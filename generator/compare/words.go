package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"partnerdocs/generator/outline"
)

// token is a word, a run of spaces or one punctuation mark, in one style;
// a line break is a token of its own.
type token struct {
	text         string
	bold, italic bool
	br           bool
}

// key is what two tokens must share to be the same word: the text and the
// style, so a word made bold shows as changed.
func (t token) key() string {
	flags := byte('0')
	if t.bold {
		flags |= 1
	}
	if t.italic {
		flags |= 2
	}
	if t.br {
		flags |= 4
	}
	return string(flags) + t.text
}

// tokens splits spans into words, spaces and punctuation.
func tokens(spans []outline.Span) []token {
	var out []token
	for _, s := range spans {
		text := strings.TrimRight(s.Text, "\n")
		for text != "" {
			n := wordLen(text)
			out = append(out, token{text: text[:n], bold: s.Bold, italic: s.Italic})
			text = text[n:]
		}
		if s.BR {
			out = append(out, token{br: true})
		}
	}
	return out
}

// wordLen is the length in bytes of the token text starts with.
func wordLen(text string) int {
	r, n := utf8.DecodeRuneInString(text)
	class := runeClass(r)
	if class == punct {
		return n
	}
	for n < len(text) {
		r, size := utf8.DecodeRuneInString(text[n:])
		if runeClass(r) != class {
			break
		}
		n += size
	}
	return n
}

const (
	word = iota
	space
	punct
)

func runeClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return punct
}

// diffWords compares two runs of text word by word.
func (d *differ) diffWords(old, new []outline.Span) []Piece {
	a, b := tokens(old), tokens(new)
	keysA, keysB := make([]string, len(a)), make([]string, len(b))
	for i, t := range a {
		keysA[i] = t.key()
	}
	for i, t := range b {
		keysB[i] = t.key()
	}
	var out []Piece
	for _, s := range d.align(keysA, keysB, true) {
		switch s.op {
		case Equal:
			out = appendToken(out, Equal, b[s.new])
		case Deleted:
			out = appendToken(out, Deleted, a[s.old])
		case Inserted:
			out = appendToken(out, Inserted, b[s.new])
		}
	}
	return out
}

// same is text in both versions, as pieces.
func same(spans []outline.Span) []Piece {
	return mark(spans, Equal)
}

// mark is text all of one op, as pieces.
func mark(spans []outline.Span, op Op) []Piece {
	out := make([]Piece, 0, len(spans))
	for _, s := range spans {
		if t := strings.TrimRight(s.Text, "\n"); t != "" {
			out = append(out, Piece{Op: op, Text: t, Bold: s.Bold, Italic: s.Italic})
		}
		if s.BR {
			out = append(out, Piece{Op: op, Break: true})
		}
	}
	return out
}

// appendToken adds t to pieces, extending the last piece when it has the
// same op and style.
func appendToken(pieces []Piece, op Op, t token) []Piece {
	if t.br {
		return append(pieces, Piece{Op: op, Break: true})
	}
	if k := len(pieces) - 1; k >= 0 {
		p := &pieces[k]
		if p.Op == op && !p.Break && p.Bold == t.bold && p.Italic == t.italic {
			p.Text += t.text
			return pieces
		}
	}
	return append(pieces, Piece{Op: op, Text: t.text, Bold: t.bold, Italic: t.italic})
}
