package workbook

// sheetScanner reads the XML of a return's worksheets and shared strings,
// and nothing else. It exists for issue 9's import target: a return of
// 10,000 partnerships read, checked and stored in at most 5 s on 2 cores.
// encoding/xml's RawToken reads a byte at a time and allocates every name,
// attribute and text. BenchmarkReadReturn10k, -count 6, benchstat, on a
// busy 2-core machine (commit 481597e against this one):
//
//	             RawToken         sheetScanner
//	sec/op       2593.6m ± 34%    898.2m ± 22%   -65.37% (p=0.002 n=6)
//	B/op         531.7Mi ± 0%     102.4Mi ± 0%   -80.73%
//	allocs/op    13.672M ± 0%     2.692M ± 0%    -80.31%
//
//	go test ./generator/workbook -run '^$' -bench ReadReturn10k -benchmem -count 6
//	go run golang.org/x/perf/cmd/benchstat@latest before.txt after.txt
//
// The whole import (scripts/cmt-10k.sh) takes 4.1–4.9 s on the same
// machine, of which reading the return is about 0.9 s: with RawToken's
// 2.6 s it would miss 5 s.
//
// It takes only what a worksheet part holds: elements (a prefix such as x:
// dropped from the name), attributes in either quote style, text with the
// five predefined entities and decimal or hexadecimal character references,
// CDATA; comments and processing instructions are skipped, and the XML
// declaration is checked (version 1.0, UTF-8). Everything else is refused
// rather than guessed at: a directive such as <!DOCTYPE, a tag or section
// not closed, an unknown entity, a name outside ASCII, bytes that are not
// UTF-8 and characters XML 1.0 forbids (surrogates included, which
// encoding/xml reads as U+FFFD). Text is handed over as written
// (xml:space does not change it); \r\n and \r read as \n, as XML says.
//
// Each token is read whole into one buffer, so the buffer is bounded by the
// longest token: a run of more than maxTextRunBytes without markup, which
// no cell can hold, stops the part (textRunError). FuzzSheetScanMatchesXML
// and TestSheetScanMatchesXML compare what it reads with encoding/xml.

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The tokens next answers.
const (
	tokStart = iota + 1 // a start tag: name and attrs
	tokEnd              // an end tag, or the end of a tag that closed itself: name
	tokText             // text or CDATA: text
)

// scanAttr is an attribute: its name without prefix and its value, decoded.
type scanAttr struct{ local, value []byte }

// sheetScanner is one part being read. name, attrs and text are valid
// until the next call of next.
type sheetScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // buf[pos:end] is read and not yet scanned
	rerr     error // the reader's error, once it has answered one
	closing  bool  // the last start tag closed itself: its end comes next
	name     []byte
	attrs    []scanAttr
	text     []byte
	dec      []byte // decoded text and attribute values
}

func newSheetScanner(r io.Reader) *sheetScanner {
	return &sheetScanner{r: r, buf: make([]byte, 64<<10)}
}

func syntaxError(format string, args ...any) error {
	return fmt.Errorf("XML syntax error: "+format, args...)
}

var errUnexpectedEOF = syntaxError("unexpected EOF")

// more reads on, keeping buf[pos:end]: false at the end of the part. A
// token longer than maxTextRunBytes is a textRunError.
func (s *sheetScanner) more() (bool, error) {
	if s.rerr != nil {
		if s.rerr == io.EOF {
			return false, nil
		}
		return false, s.rerr
	}
	if s.end-s.pos > maxTextRunBytes {
		return false, &textRunError{}
	}
	if s.pos > 0 {
		s.end, s.pos = copy(s.buf, s.buf[s.pos:s.end]), 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	s.rerr = err
	return true, nil
}

// find answers where sep next occurs at or after buf[pos+from], counted
// from pos, reading on as needed; the part ending first is an error.
func (s *sheetScanner) find(from int, sep string) (int, error) {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], []byte(sep)); i >= 0 && from+i > maxTextRunBytes {
			return 0, &textRunError{}
		} else if i >= 0 {
			return from + i, nil
		}
		from = max(from, s.end-s.pos-len(sep)+1)
		if ok, err := s.more(); err != nil || !ok {
			return 0, cmpErr(err, errUnexpectedEOF)
		}
	}
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// next reads the next token; io.EOF at the end of the part.
func (s *sheetScanner) next() (int, error) {
	if s.closing {
		s.closing = false
		return tokEnd, nil
	}
	s.dec = s.dec[:0]
	for {
		if s.pos == s.end {
			if ok, err := s.more(); err != nil || !ok {
				return 0, cmpErr(err, io.EOF)
			}
			continue
		}
		if s.buf[s.pos] != '<' {
			return s.readText()
		}
		if err := s.need(2); err != nil {
			return 0, err
		}
		var tok int
		var err error
		switch s.buf[s.pos+1] {
		case '/':
			tok, err = s.endTag()
		case '?':
			err = s.procInst()
		case '!':
			tok, err = s.bang()
		default:
			tok, err = s.startTag()
		}
		if tok != 0 || err != nil {
			return tok, err
		}
	}
}

// readText reads text up to the next '<' or the end of the part.
func (s *sheetScanner) readText() (int, error) {
	i := 0
	for {
		if j := bytes.IndexByte(s.buf[s.pos+i:s.end], '<'); j >= 0 {
			i += j
			break
		}
		i = s.end - s.pos
		if ok, err := s.more(); err != nil {
			return 0, err
		} else if !ok {
			break
		}
	}
	if i > maxTextRunBytes {
		return 0, &textRunError{}
	}
	raw := s.buf[s.pos : s.pos+i]
	s.pos += i
	if bytes.Contains(raw, []byte("]]>")) {
		return 0, syntaxError("unescaped ]]> not in CDATA section")
	}
	var err error
	s.text, err = s.decode(raw, true)
	return tokText, err
}

// bang reads what starts <!: a comment (skipped) or CDATA (text).
func (s *sheetScanner) bang() (int, error) {
	if err := s.need(4); err != nil {
		return 0, err
	}
	switch {
	case string(s.buf[s.pos:s.pos+4]) == "<!--":
		i, err := s.find(4, "--")
		if err == nil {
			err = s.need(i + 3)
		}
		if err == nil && s.buf[s.pos+i+2] != '>' {
			err = syntaxError(`invalid sequence "--" not allowed in comments`)
		}
		s.pos += i + 3
		return 0, err
	case s.buf[s.pos+2] == '[':
		if err := s.need(9); err != nil {
			return 0, err
		}
		if string(s.buf[s.pos:s.pos+9]) != "<![CDATA[" {
			return 0, syntaxError("invalid <![ sequence")
		}
		i, err := s.find(9, "]]>")
		if err != nil {
			return 0, err
		}
		raw := s.buf[s.pos+9 : s.pos+i]
		s.pos += i + 3
		s.text, err = s.decode(raw, false)
		return tokText, err
	}
	return 0, syntaxError("a directive (<!DOCTYPE and the like) has no place in a worksheet")
}

// need makes sure n bytes from pos are read.
func (s *sheetScanner) need(n int) error {
	for s.end-s.pos < n {
		if ok, err := s.more(); err != nil || !ok {
			return cmpErr(err, errUnexpectedEOF)
		}
	}
	return nil
}

// xmlDecl is what an XML declaration may say here (values without '=',
// so that no parameter hides in another's value).
var xmlDecl = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[ \t\r\n]+(?:version|encoding|standalone)[ \t\r\n]*=[ \t\r\n]*(?:"[\w.-]*"|'[\w.-]*'))*[ \t\r\n]*$`)
})
var xmlDeclParam = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(version|encoding)[ \t\r\n]*=[ \t\r\n]*["']([\w.-]*)`)
})

// procInst skips a processing instruction, checking the XML declaration.
func (s *sheetScanner) procInst() error {
	i, err := s.find(2, "?>")
	if err != nil {
		return err
	}
	pi := s.buf[s.pos+2 : s.pos+i]
	s.pos += i + 2
	n := nameLen(pi)
	if n == 0 || n < len(pi) && pi[n] >= utf8.RuneSelf {
		return syntaxError("expected target name after <?")
	}
	if string(pi[:n]) != "xml" {
		return nil
	}
	if !xmlDecl().Match(pi[n:]) {
		return syntaxError("an XML declaration this reader does not take: %.40q", pi)
	}
	for _, m := range xmlDeclParam().FindAllSubmatch(pi[n:], -1) {
		if v := string(m[2]); string(m[1]) == "version" && v != "1.0" || string(m[1]) == "encoding" && !strings.EqualFold(v, "utf-8") {
			return fmt.Errorf("xml: %s %q is not read; only XML 1.0 in UTF-8", m[1], v)
		}
	}
	return nil
}

// endTag reads </name>.
func (s *sheetScanner) endTag() (int, error) {
	i, err := s.find(2, ">")
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.pos+2 : s.pos+i]
	s.pos += i + 1
	local, n, err := nsName(tag)
	if err != nil {
		return 0, err
	}
	if len(skipSpace(tag[n:])) > 0 {
		return 0, syntaxError("invalid characters between </%s and >", local)
	}
	s.name = local
	return tokEnd, nil
}

// startTag reads <name attr="value" ...> or <name .../>.
func (s *sheetScanner) startTag() (int, error) {
	i, quote := 1, byte(0) // find the '>' outside quotes
	for ; ; i++ {
		for s.pos+i == s.end {
			if ok, err := s.more(); err != nil || !ok {
				return 0, cmpErr(err, errUnexpectedEOF)
			}
		}
		if b := s.buf[s.pos+i]; quote != 0 && b == quote {
			quote = 0
		} else if quote == 0 && (b == '"' || b == '\'') {
			quote = b
		} else if quote == 0 && b == '>' {
			break
		}
	}
	tag := s.buf[s.pos+1 : s.pos+i]
	s.pos += i + 1
	local, n, err := nsName(tag)
	if err != nil {
		return 0, err
	}
	s.name, s.attrs = local, s.attrs[:0]
	for p := tag[n:]; ; {
		p = skipSpace(p)
		switch {
		case len(p) == 0:
			return tokStart, nil
		case p[0] == '/' && len(p) == 1:
			s.closing = true
			return tokStart, nil
		case p[0] == '/':
			return 0, syntaxError("expected /> in element")
		}
		name, n, err := nsName(p)
		if err != nil {
			return 0, err
		}
		if p = skipSpace(p[n:]); len(p) == 0 || p[0] != '=' {
			return 0, syntaxError("attribute name without = in element")
		}
		if p = skipSpace(p[1:]); len(p) == 0 || p[0] != '"' && p[0] != '\'' {
			return 0, syntaxError("unquoted or missing attribute value in element")
		}
		end := bytes.IndexByte(p[1:], p[0]) + 1
		if end == 0 {
			return 0, syntaxError("unterminated attribute value")
		}
		if bytes.IndexByte(p[1:end], '<') >= 0 {
			return 0, syntaxError("unescaped < inside quoted string")
		}
		value, err := s.decode(p[1:end], true)
		if err != nil {
			return 0, err
		}
		s.attrs = append(s.attrs, scanAttr{name, value})
		p = p[end+1:]
	}
}

func skipSpace(p []byte) []byte {
	for len(p) > 0 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r' || p[0] == '\n') {
		p = p[1:]
	}
	return p
}

func isNameByte(b byte, first bool) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_' || b == ':' ||
		!first && ('0' <= b && b <= '9' || b == '.' || b == '-')
}

// nameLen is the length of the ASCII name p starts with, 0 if none.
func nameLen(p []byte) int {
	n := 0
	for n < len(p) && isNameByte(p[n], n == 0) {
		n++
	}
	return n
}

// nsName reads the name p starts with: its local part (after a prefix) and
// its length. A name outside ASCII, or with more than one ':', is refused.
func nsName(p []byte) ([]byte, int, error) {
	n := nameLen(p)
	if n == 0 || n < len(p) && p[n] >= utf8.RuneSelf {
		return nil, 0, syntaxError("expected an ASCII name: %.20q", p)
	}
	name := p[:n]
	switch i := bytes.IndexByte(name, ':'); {
	case i < 0:
	case bytes.Count(name, []byte(":")) > 1:
		return nil, 0, syntaxError("invalid name %q", name)
	case i > 0 && i < n-1:
		name = name[i+1:]
	}
	return name, n, nil
}

// decode answers raw's text: entities (when refs) and character references
// replaced, \r\n and \r read as \n, every character checked.
func (s *sheetScanner) decode(raw []byte, refs bool) ([]byte, error) {
	if bytes.IndexByte(raw, '\r') < 0 && (!refs || bytes.IndexByte(raw, '&') < 0) {
		return raw, checkChars(raw)
	}
	start := len(s.dec)
	for i := 0; i < len(raw); {
		switch b := raw[i]; {
		case b == '\r':
			s.dec = append(s.dec, '\n')
			if i++; i < len(raw) && raw[i] == '\n' {
				i++
			}
		case b == '&' && refs:
			n, r := entity(raw[i:])
			if n == 0 {
				return nil, syntaxError("invalid character entity %.12q", raw[i:])
			}
			s.dec, i = utf8.AppendRune(s.dec, r), i+n
		default:
			s.dec, i = append(s.dec, b), i+1
		}
	}
	return s.dec[start:], checkChars(s.dec[start:])
}

// entity reads the entity or character reference p starts with: its length
// and character, 0 when it is not one XML predefines or a character.
func entity(p []byte) (int, rune) {
	end := bytes.IndexByte(p[:min(len(p), 32)], ';')
	if end < 0 { // no writer spells a character in more than 32 bytes
		return 0, 0
	}
	name := string(p[1:end])
	if digits, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(digits, "x"); ok {
			base, digits = 16, hex
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || n > utf8.MaxRune || n >= 0xD800 && n <= 0xDFFF {
			return 0, 0
		}
		return end + 1, rune(n)
	}
	switch name {
	case "lt":
		return end + 1, '<'
	case "gt":
		return end + 1, '>'
	case "amp":
		return end + 1, '&'
	case "apos":
		return end + 1, '\''
	case "quot":
		return end + 1, '"'
	}
	return 0, 0
}

// checkChars refuses bytes that are not UTF-8 and characters XML 1.0 does
// not allow.
func checkChars(p []byte) error {
	for i := 0; i < len(p); {
		if b := p[i]; b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				return syntaxError("illegal character code %U", rune(b))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return syntaxError("invalid UTF-8")
		case r == 0xFFFE || r == 0xFFFF:
			return syntaxError("illegal character code %U", r)
		}
		i += n
	}
	return nil
}
