package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// xmlScanner tokenizes a worksheet or shared strings part for the return
// reader. It accepts and refuses exactly what encoding/xml's
// Decoder.RawToken does (strict, no charset reader, no custom entities): the
// same elements, with local names split from prefixes the same way,
// attributes in either quote style, the five predefined entities and
// numeric references, CDATA, comments, processing instructions (the XML
// declaration's version and encoding checked) and directives, with \r and
// \r\n read as \n. Unlike RawToken it allocates nothing per token: names,
// attribute values and text are slices of its buffer, valid until the next
// call of next.
//
// It reads the part into a buffer and scans a whole token at a time; a
// token running past the end of the buffer is scanned again once more of
// the part is read (the buffer grows to hold a token longer than itself).
// Memory is the buffer plus the longest token, as with encoding/xml.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // the start of the next token in buf
	line int   // newlines before buf[0], for error messages
	rerr error // what ended the last read (io.EOF at the end of the part)

	// The current token.
	name    []byte    // a start or end element's local name
	attrs   []xmlAttr // a start element's attributes
	text    []byte    // character data, decoded
	closing bool      // the start element was self-closing: its end comes next

	decoded []byte // decoded text and attribute values of the current token
}

// xmlAttr is where an attribute's local name (in buf) and decoded value
// (in buf, or in decoded when it had references or \r) are. Offsets rather
// than slices keep the attribute list free of pointers, which matters at
// millions of attributes a sheet.
type xmlAttr struct {
	localStart, localEnd int
	valueStart, valueEnd int
	decoded              bool
}

// attr answers the local name and value of the current start element's
// attribute k.
func (s *xmlScanner) attr(k int) (local, value []byte) {
	a := &s.attrs[k]
	local = s.buf[a.localStart:a.localEnd]
	if a.decoded {
		return local, s.decoded[a.valueStart:a.valueEnd]
	}
	return local, s.buf[a.valueStart:a.valueEnd]
}

type xmlToken uint8

const (
	tokStart xmlToken = iota + 1
	tokEnd
	tokText  // character data or a CDATA section
	tokOther // a comment, processing instruction or directive
)

// errXMLShort is answered by the scanning functions for a token that runs
// past the end of the buffer.
var errXMLShort = errors.New("xml: token runs past the buffer")

// xmlScanBuffer is the size the scanner's buffer starts at.
const xmlScanBuffer = 64 << 10

// newXMLScanner reads r with a buffer of size bytes (at least 1) to start.
func newXMLScanner(r io.Reader, size int) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 0, max(size, 1))}
}

// next reads the next token. At the end of the part it answers io.EOF; an
// error reading the part is answered once the bytes before it are used.
func (s *xmlScanner) next() (xmlToken, error) {
	if s.closing {
		s.closing = false
		return tokEnd, nil // s.name is still the start element's
	}
	for {
		if s.pos == len(s.buf) && s.rerr != nil {
			return 0, s.rerr
		}
		tok, end, err := s.scan(s.pos)
		if err == nil {
			s.pos = end
			return tok, nil
		}
		if err != errXMLShort {
			return 0, err
		}
		if s.rerr != nil {
			if s.rerr == io.EOF {
				return 0, s.syntaxError(len(s.buf), "unexpected EOF")
			}
			return 0, s.rerr
		}
		s.fill()
	}
}

// fill moves the unread bytes to the front of the buffer, growing it when
// they fill it, and reads until it is full or the read fails.
func (s *xmlScanner) fill() {
	s.line += bytes.Count(s.buf[:s.pos], []byte{'\n'})
	n := copy(s.buf, s.buf[s.pos:])
	s.buf, s.pos = s.buf[:n], 0
	if n == cap(s.buf) {
		s.buf = append(make([]byte, 0, 2*cap(s.buf)), s.buf...)
	}
	for empty := 0; len(s.buf) < cap(s.buf) && s.rerr == nil; {
		m, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+m]
		if empty++; m > 0 {
			empty = 0
		}
		switch {
		case err != nil:
			s.rerr = err
		case empty == 100: // as bufio gives up on a reader that answers nothing
			s.rerr = io.ErrNoProgress
		}
	}
}

// syntaxError reports a malformed token, with the line of buf[at] as
// encoding/xml gives it.
func (s *xmlScanner) syntaxError(at int, msg string) error {
	line := 1 + s.line + bytes.Count(s.buf[:min(at, len(s.buf))], []byte{'\n'})
	return &xml.SyntaxError{Msg: msg, Line: line}
}

// scan reads the token at buf[i], answering its kind and where it ends.
func (s *xmlScanner) scan(i int) (xmlToken, int, error) {
	b := s.buf
	if i == len(b) {
		return 0, 0, errXMLShort
	}
	if b[i] != '<' {
		return s.scanText(i)
	}
	if i+1 == len(b) {
		return 0, 0, errXMLShort
	}
	switch b[i+1] {
	case '/':
		return s.scanEnd(i)
	case '?':
		return s.scanProcInst(i)
	case '!':
		return s.scanBang(i)
	}
	return s.scanStart(i)
}

// Byte classes for scanning text and attribute values.
const (
	cPlain   = iota // needs nothing
	cLT             // <
	cAmp            // &
	cBracket        // ]
	cCR             // \r, read as \n
	cQuote          // " or '
	cControl        // not allowed in XML
	cHigh           // the first byte of a multi-byte UTF-8 sequence, or not UTF-8
)

var xmlByteClass = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = cControl
	}
	t['\t'], t['\n'], t['\r'] = cPlain, cPlain, cCR
	t['<'], t['&'], t[']'], t['"'], t['\''] = cLT, cAmp, cBracket, cQuote, cQuote
	for c := 0x80; c < 0x100; c++ {
		t[c] = cHigh
	}
	return t
}()

// scanText reads character data up to the next < (or the end of the part).
func (s *xmlScanner) scanText(start int) (xmlToken, int, error) {
	b := s.buf
	escaped := false
	i := start
scan:
	for i < len(b) {
		for i < len(b) && xmlByteClass[b[i]] == cPlain {
			i++
		}
		if i == len(b) {
			break
		}
		switch xmlByteClass[b[i]] {
		case cPlain, cQuote:
			i++
		case cLT:
			break scan
		case cAmp:
			end, err := s.entity(i)
			if err != nil {
				return 0, 0, err
			}
			i, escaped = end, true
		case cBracket:
			if i+2 >= len(b) {
				if s.rerr == nil {
					return 0, 0, errXMLShort
				}
			} else if b[i+1] == ']' && b[i+2] == '>' {
				return 0, 0, s.syntaxError(i, "unescaped ]]> not in CDATA section")
			}
			i++
		case cCR:
			i, escaped = i+1, true
		case cControl:
			return 0, 0, s.syntaxError(i, fmt.Sprintf("illegal character code %U", rune(b[i])))
		case cHigh:
			end, err := s.char(i)
			if err != nil {
				return 0, 0, err
			}
			i = end
		}
	}
	if i == len(b) && s.rerr == nil {
		return 0, 0, errXMLShort // the text may go on
	}
	s.text = b[start:i]
	if escaped {
		s.decoded = decodeXMLText(s.decoded[:0], s.text)
		s.text = s.decoded
	}
	return tokText, i, nil
}

// char checks the UTF-8 sequence at buf[i] is a character XML allows,
// answering where it ends.
func (s *xmlScanner) char(i int) (int, error) {
	r, n := utf8.DecodeRune(s.buf[i:])
	if r == utf8.RuneError && n == 1 {
		if !utf8.FullRune(s.buf[i:]) && s.rerr == nil {
			return 0, errXMLShort
		}
		return 0, s.syntaxError(i, "invalid UTF-8")
	}
	if r == 0xFFFE || r == 0xFFFF {
		return 0, s.syntaxError(i, fmt.Sprintf("illegal character code %U", r))
	}
	return i + n, nil
}

// entity checks the reference at buf[i] (an &): one of the five predefined
// entities or a numeric reference to a character XML allows. It answers
// where the reference ends.
func (s *xmlScanner) entity(i int) (int, error) {
	b := s.buf
	j := i + 1
	if j+1 >= len(b) {
		return 0, errXMLShort
	}
	if b[j] != '#' {
		for _, name := range xmlEntityNames {
			if bytes.HasPrefix(b[j:], []byte(name)) {
				return j + len(name), nil
			}
		}
		if len(b)-j < len("quot;") && s.rerr == nil {
			return 0, errXMLShort
		}
		return 0, s.badEntity(i, j)
	}
	j++
	base := 10
	if b[j] == 'x' {
		base, j = 16, j+1
	}
	v, digits := 0, 0
	for ; ; j++ {
		if j == len(b) {
			return 0, errXMLShort
		}
		d := hexDigit(b[j])
		if d < 0 || d >= base {
			break
		}
		if v <= utf8.MaxRune {
			v = v*base + d
		}
		digits++
	}
	if b[j] != ';' || digits == 0 || v > utf8.MaxRune {
		return 0, s.badEntity(i, j)
	}
	if r := rune(v); !isXMLChar(r) && !(0xD800 <= r && r <= 0xDFFF) { // a surrogate reads as U+FFFD
		return 0, s.syntaxError(i, fmt.Sprintf("illegal character code %U", r))
	}
	return j + 1, nil
}

var xmlEntityNames = [...]string{"lt;", "gt;", "amp;", "apos;", "quot;"}

// badEntity reports the reference at buf[i] that is not one, worded as
// encoding/xml words it: the reference up to buf[j] (its name or digits,
// for a name read to its end), with its semicolon or "(no semicolon)".
func (s *xmlScanner) badEntity(i, j int) error {
	b := s.buf
	if b[i+1] != '#' {
		for j < len(b) && xmlNameClass[b[j]] != 0 {
			j++
		}
	}
	ent := string(b[i:j])
	if j < len(b) && b[j] == ';' {
		ent += ";"
	} else {
		ent += " (no semicolon)"
	}
	return s.syntaxError(i, "invalid character entity "+ent)
}

func hexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// isXMLChar is encoding/xml's isInCharacterRange.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// decodeXMLText appends raw text or an attribute value, already checked,
// with its references replaced and \r\n and \r read as \n.
func decodeXMLText(dst, raw []byte) []byte {
	cr := false
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '&':
			var r rune
			r, i = decodeXMLEntity(raw, i)
			dst = utf8.AppendRune(dst, r)
			cr = false
			continue
		case c == '\r':
			dst = append(dst, '\n')
		case c == '\n' && cr:
		default:
			dst = append(dst, c)
		}
		cr = c == '\r'
		i++
	}
	return dst
}

// decodeXMLEntity reads the checked reference at raw[i].
func decodeXMLEntity(raw []byte, i int) (rune, int) {
	j := i + 1
	if raw[j] != '#' {
		for k, name := range xmlEntityNames {
			if bytes.HasPrefix(raw[j:], []byte(name)) {
				return rune("<>&'\""[k]), j + len(name)
			}
		}
	}
	j++
	base := 10
	if raw[j] == 'x' {
		base, j = 16, j+1
	}
	v := 0
	for ; raw[j] != ';'; j++ {
		v = v*base + hexDigit(raw[j])
	}
	return rune(v), j + 1 // AppendRune writes a surrogate as U+FFFD, as string(rune) does
}

// Classes of the bytes encoding/xml reads as part of a name: any name
// byte, and among them the colon and the bytes of a character that is not
// ASCII. A name may start with only some ASCII bytes (xmlNameStart).
const (
	nameByte  = 1
	nameColon = 2
	nameHigh  = 4
)

var (
	xmlNameClass [256]uint8
	xmlNameStart [256]bool
)

func init() {
	for c := range 256 {
		switch {
		case c == ':':
			xmlNameClass[c] = nameByte | nameColon
		case 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-':
			xmlNameClass[c] = nameByte
		case c >= utf8.RuneSelf:
			xmlNameClass[c] = nameByte | nameHigh
		}
		xmlNameStart[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
}

// readName reads a name at buf[i], checked as encoding/xml's Decoder.name
// does, answering where it ends and the classes of its bytes. what names
// the thing expected, for the error when there is no name.
func (s *xmlScanner) readName(i int, what string) (name []byte, end int, class uint8, err error) {
	b := s.buf
	j := i
	for ; j < len(b); j++ {
		c := xmlNameClass[b[j]]
		if c == 0 {
			break
		}
		class |= c
	}
	if j == len(b) {
		return nil, 0, 0, errXMLShort
	}
	if j == i {
		return nil, 0, 0, s.syntaxError(i, "expected "+what)
	}
	name = b[i:j]
	if class&nameHigh != 0 && !isXMLNameNonASCII(name) || class&nameHigh == 0 && !xmlNameStart[name[0]] {
		return nil, 0, 0, s.syntaxError(i, "invalid XML name: "+string(name))
	}
	return name, j, class, nil
}

// isXMLNameNonASCII is encoding/xml's isName for a name with characters
// beyond ASCII.
func isXMLNameNonASCII(name []byte) bool {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			if i == 0 && !xmlNameStart[c] {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(name[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if starts, continues := xmlNameRune(r); i == 0 && !starts || !continues {
			return false
		}
		i += n
	}
	return true
}

// xmlNameRunes remembers, for each character beyond ASCII met in a name,
// whether a name may start with it and whether it may go on with it. The
// answers come from encoding/xml, which holds XML's Unicode tables, asked
// once for each character: three bits a character, some 420 KB, made when
// the first such name is read.
var xmlNameRunes struct {
	once                     sync.Once
	known, starts, continues []atomic.Uint64
}

func xmlNameRune(r rune) (starts, continues bool) {
	t := &xmlNameRunes
	t.once.Do(func() {
		n := utf8.MaxRune/64 + 1
		t.known, t.starts, t.continues = make([]atomic.Uint64, n), make([]atomic.Uint64, n), make([]atomic.Uint64, n)
	})
	w, bit := r/64, uint64(1)<<(r%64)
	if t.known[w].Load()&bit == 0 {
		c := utf8.AppendRune(nil, r)
		if encodingXMLName(c) {
			t.starts[w].Or(bit)
		}
		if encodingXMLName(append([]byte("a"), c...)) { // a name may start with a
			t.continues[w].Or(bit)
		}
		t.known[w].Or(bit)
	}
	return t.starts[w].Load()&bit != 0, t.continues[w].Load()&bit != 0
}

// encodingXMLName answers whether encoding/xml reads name as a name.
func encodingXMLName(name []byte) bool {
	pi := append(append([]byte("<?"), name...), "?>"...) // a target is checked by isName alone
	_, err := xml.NewDecoder(bytes.NewReader(pi)).RawToken()
	return err == nil
}

// readNSName reads an element or attribute name as encoding/xml's
// Decoder.nsname does, answering its local part: the name after a prefix,
// or the whole name when a colon leads or ends it.
func (s *xmlScanner) readNSName(i int, what string) ([]byte, int, error) {
	name, j, class, err := s.readName(i, what)
	if err != nil || class&nameColon == 0 {
		return name, j, err
	}
	k := bytes.IndexByte(name, ':')
	if bytes.IndexByte(name[k+1:], ':') >= 0 {
		return nil, 0, s.syntaxError(i, "expected "+what)
	}
	if k == 0 || k == len(name)-1 {
		return name, j, nil
	}
	return name[k+1:], j, nil
}

// skipSpace answers the index of the first byte from i that is not XML
// white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// scanStart reads a start element: its name, its attributes and whether it
// closes itself.
func (s *xmlScanner) scanStart(i int) (xmlToken, int, error) {
	b := s.buf
	name, j, err := s.readNSName(i+1, "element name after <")
	if err != nil {
		return 0, 0, err
	}
	s.attrs, s.decoded = s.attrs[:0], s.decoded[:0]
	for {
		if j = skipSpace(b, j); j == len(b) {
			return 0, 0, errXMLShort
		}
		switch b[j] {
		case '>':
			s.name = name
			return tokStart, j + 1, nil
		case '/':
			if j+1 == len(b) {
				return 0, 0, errXMLShort
			}
			if b[j+1] != '>' {
				return 0, 0, s.syntaxError(j, "expected /> in element")
			}
			s.name, s.closing = name, true
			return tokStart, j + 2, nil
		}
		var a xmlAttr
		local, end, err := s.readNSName(j, "attribute name in element")
		if err != nil {
			return 0, 0, err
		}
		a.localEnd = end
		a.localStart = end - len(local)
		j = end
		if j = skipSpace(b, j); j == len(b) {
			return 0, 0, errXMLShort
		}
		if b[j] != '=' {
			return 0, 0, s.syntaxError(j, "attribute name without = in element")
		}
		if j = skipSpace(b, j+1); j == len(b) {
			return 0, 0, errXMLShort
		}
		if b[j] != '"' && b[j] != '\'' {
			return 0, 0, s.syntaxError(j, "unquoted or missing attribute value in element")
		}
		if j, err = s.attrValue(j, &a); err != nil {
			return 0, 0, err
		}
		s.attrs = append(s.attrs, a)
	}
}

// attrValue reads the quoted value at buf[i] into a, answering where it
// ends.
func (s *xmlScanner) attrValue(i int, a *xmlAttr) (int, error) {
	b := s.buf
	quote := b[i]
	escaped := false
	j := i + 1
	for {
		for j < len(b) && xmlByteClass[b[j]] == cPlain {
			j++
		}
		if j == len(b) {
			return 0, errXMLShort
		}
		switch xmlByteClass[b[j]] {
		case cPlain, cBracket:
			j++
		case cQuote:
			if b[j] != quote {
				j++
				continue
			}
			a.valueStart, a.valueEnd = i+1, j
			if escaped {
				a.decoded, a.valueStart = true, len(s.decoded)
				s.decoded = decodeXMLText(s.decoded, b[i+1:j])
				a.valueEnd = len(s.decoded)
			}
			return j + 1, nil
		case cLT:
			return 0, s.syntaxError(j, "unescaped < inside quoted string")
		case cAmp:
			end, err := s.entity(j)
			if err != nil {
				return 0, err
			}
			j, escaped = end, true
		case cCR:
			j, escaped = j+1, true
		case cControl:
			return 0, s.syntaxError(j, fmt.Sprintf("illegal character code %U", rune(b[j])))
		case cHigh:
			end, err := s.char(j)
			if err != nil {
				return 0, err
			}
			j = end
		}
	}
}

// scanEnd reads an end element.
func (s *xmlScanner) scanEnd(i int) (xmlToken, int, error) {
	b := s.buf
	name, j, err := s.readNSName(i+2, "element name after </")
	if err != nil {
		return 0, 0, err
	}
	if j = skipSpace(b, j); j == len(b) {
		return 0, 0, errXMLShort
	}
	if b[j] != '>' {
		return 0, 0, s.syntaxError(j, "invalid characters between </"+string(name)+" and >")
	}
	s.name = name
	return tokEnd, j + 1, nil
}

// scanProcInst reads a processing instruction. The XML declaration's
// version and encoding are checked by encoding/xml itself.
func (s *xmlScanner) scanProcInst(i int) (xmlToken, int, error) {
	b := s.buf
	target, j, _, err := s.readName(i+2, "target name after <?")
	if err != nil {
		return 0, 0, err
	}
	j = skipSpace(b, j)
	k := bytes.Index(b[j:], []byte("?>"))
	if k < 0 {
		return 0, 0, errXMLShort
	}
	end := j + k + 2
	if string(target) == "xml" {
		if _, err := xml.NewDecoder(bytes.NewReader(b[i:end])).RawToken(); err != nil {
			return 0, 0, err
		}
	}
	return tokOther, end, nil
}

// scanBang reads a comment, a CDATA section or a directive.
func (s *xmlScanner) scanBang(i int) (xmlToken, int, error) {
	b := s.buf
	if i+2 == len(b) {
		return 0, 0, errXMLShort
	}
	switch b[i+2] {
	case '-':
		if i+3 == len(b) {
			return 0, 0, errXMLShort
		}
		if b[i+3] != '-' {
			return 0, 0, s.syntaxError(i, "invalid sequence <!- not part of <!--")
		}
		k := bytes.Index(b[i+4:], []byte("--"))
		if k < 0 {
			return 0, 0, errXMLShort
		}
		end := i + 4 + k + 2
		if end == len(b) {
			return 0, 0, errXMLShort
		}
		if b[end] != '>' {
			return 0, 0, s.syntaxError(end, `invalid sequence "--" not allowed in comments`)
		}
		return tokOther, end + 1, nil
	case '[':
		for k := range len("CDATA[") {
			if i+3+k == len(b) {
				return 0, 0, errXMLShort
			}
			if b[i+3+k] != "CDATA["[k] {
				return 0, 0, s.syntaxError(i, "invalid <![ sequence")
			}
		}
		return s.scanCDATA(i + 9)
	}
	return s.scanDirective(i)
}

// scanCDATA reads a CDATA section's text, from start to its ]]>.
func (s *xmlScanner) scanCDATA(start int) (xmlToken, int, error) {
	b := s.buf
	k := bytes.Index(b[start:], []byte("]]>"))
	if k < 0 {
		return 0, 0, errXMLShort
	}
	end := start + k
	escaped := false
	for i := start; i < end; {
		switch xmlByteClass[b[i]] {
		case cControl:
			return 0, 0, s.syntaxError(i, fmt.Sprintf("illegal character code %U", rune(b[i])))
		case cHigh:
			r, n := utf8.DecodeRune(b[i:end])
			if r == utf8.RuneError && n == 1 {
				return 0, 0, s.syntaxError(i, "invalid UTF-8")
			}
			if r == 0xFFFE || r == 0xFFFF {
				return 0, 0, s.syntaxError(i, fmt.Sprintf("illegal character code %U", r))
			}
			i += n
		case cCR:
			i, escaped = i+1, true
		default:
			i++
		}
	}
	s.text = b[start:end]
	if escaped {
		s.decoded = s.decoded[:0]
		for i, c := range s.text {
			switch {
			case c == '\r':
				s.decoded = append(s.decoded, '\n')
			case c == '\n' && i > 0 && s.text[i-1] == '\r':
			default:
				s.decoded = append(s.decoded, c)
			}
		}
		s.text = s.decoded
	}
	return tokText, end + 3, nil
}

// scanDirective reads a directive such as <!DOCTYPE ...> to its closing >,
// as encoding/xml does: > inside quotes or nested <...> does not close it,
// and comments inside it are skipped. Its first byte is taken as read, so
// <!> does not close at its >.
func (s *xmlScanner) scanDirective(i int) (xmlToken, int, error) {
	b := s.buf
	j := i + 3
	var inquote byte
	depth := 0
	for {
		if j == len(b) {
			return 0, 0, errXMLShort
		}
		c := b[j]
		j++
		if inquote == 0 && c == '>' && depth == 0 {
			return tokOther, j, nil
		}
	handle:
		switch {
		case c == inquote:
			inquote = 0
		case inquote != 0:
		case c == '\'' || c == '"':
			inquote = c
		case c == '>':
			depth--
		case c == '<':
			for k := range len("!--") {
				if j == len(b) {
					return 0, 0, errXMLShort
				}
				c = b[j]
				j++
				if c != "!--"[k] {
					depth++
					goto handle
				}
			}
			k := bytes.Index(b[j:], []byte("-->"))
			if k < 0 {
				return 0, 0, errXMLShort
			}
			j += k + 3
		}
	}
}
