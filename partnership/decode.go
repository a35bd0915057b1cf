package partnership

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
)

// MaxBodyBytes is the largest body Decode accepts: 1 MiB, many times the
// largest real partnership (a 25-partner alliance is about 60 KiB).
const MaxBodyBytes = 1 << 20

// maxListedProblems bounds how many problems one error lists, so that a
// hostile body cannot make the answer many times larger than the question.
// The error's message still gives the full count.
const maxListedProblems = 100

const byteOrderMark = "\xef\xbb\xbf"

// Decode reads one partnership from r, strictly, and returns it normalised
// and valid, or an *Error:
//   - ETooLarge when the body is over MaxBodyBytes (at most one byte more is read);
//   - EMalformed when the body is not UTF-8, not JSON, has data after the
//     object, or does not have the contract's shape (unknown, repeated or
//     wrongly typed fields, each listed as a Problem at its JSON path);
//   - EInvalid when it breaks the contract's rules (every Problem of Validate).
//
// encoding/json is lenient where the contract is not (it replaces bad UTF-8
// with U+FFFD, matches field names case-insensitively and lets a repeated
// field win silently), so a body is checked for all of those before
// encoding/json unmarshals it; but a body that encoding/json/v2, as strict
// as the contract, decodes without error is taken as it is, in one pass.
func Decode(r io.Reader) (*Partnership, error) {
	body, err := readBody(r)
	if err != nil {
		return nil, err
	}
	return decodeBody(body)
}

func readBody(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	switch {
	case len(body) > MaxBodyBytes || (err != nil && len(body) == MaxBodyBytes):
		// A reader that stops exactly at the limit (http.MaxBytesReader) has
		// refused the rest of the body for being too large.
		return nil, NewError(ETooLarge, fmt.Sprintf(
			"The body is larger than the limit of %d KiB.", MaxBodyBytes>>10))
	case err != nil:
		return nil, NewError(EMalformed, "The body could not be read to the end.")
	}
	return body, nil
}

func decodeBody(body []byte) (*Partnership, error) {
	body = bytes.TrimPrefix(body, []byte(byteOrderMark))
	p, err := unmarshal(body)
	if err != nil {
		return nil, err
	}
	Normalize(p)
	if err := ValidationError(Validate(p)); err != nil {
		return nil, err
	}
	return p, nil
}

// unmarshal decodes a body of the contract's shape, or returns EMalformed
// naming everything in it that is not.
func unmarshal(body []byte) (*Partnership, error) {
	if p, ok := unmarshalStrict(body); ok {
		return p, nil
	}
	return unmarshalChecked(body)
}

// unmarshalStrict decodes a body that has the contract's shape in one
// pass, with encoding/json/v2's implementation (the standard library's v2
// package, mirrored by github.com/go-json-experiment/json for Go versions
// before 1.27), which is as strict as the contract: it matches field names exactly and
// refuses unknown and repeated fields, bytes that are not UTF-8, escapes
// naming half a surrogate pair, wrongly typed values and data after the
// object. It accepts exactly what unmarshalChecked accepts, giving the same
// partnership (FuzzDecodeAgrees checks both), but reports nothing: a body
// it refuses goes through unmarshalChecked to have every problem named.
func unmarshalStrict(body []byte) (*Partnership, bool) {
	if !startsObject(body) {
		return nil, false // v2 would take null as an empty partnership
	}
	var p Partnership
	if jsonv2.Unmarshal(body, &p, jsonv2.RejectUnknownMembers(true)) != nil {
		return nil, false
	}
	return &p, true
}

// startsObject reports whether the first character after any whitespace
// is '{'.
func startsObject(body []byte) bool {
	rest := bytes.TrimLeft(body, " \t\r\n")
	return len(rest) > 0 && rest[0] == '{'
}

// unmarshalChecked decodes body with encoding/json after checking it for
// everything in which encoding/json is more lenient than the contract, and
// returns EMalformed listing what is wrong.
func unmarshalChecked(body []byte) (*Partnership, error) {
	if err := checkEncoding(body); err != nil {
		return nil, err
	}
	if err := checkShape(body); err != nil {
		return nil, err
	}
	var p Partnership
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, unmarshalError(body, err)
	}
	return &p, nil
}

// checkEncoding refuses bytes that are not UTF-8 and \u escapes that name
// half a surrogate pair: encoding/json would silently turn either into
// U+FFFD, losing what the client sent.
func checkEncoding(body []byte) error {
	if off := invalidUTF8(body); off >= 0 {
		return malformedAt(body, off, "The body is not valid UTF-8 text: the byte at %s is not part of a character. Save the text as UTF-8 and send it again.")
	}
	if off := loneSurrogate(body); off >= 0 {
		return malformedAt(body, off, "The \\u escape at %s is half of a UTF-16 surrogate pair without the other half, so it is not a character.")
	}
	return nil
}

func invalidUTF8(body []byte) int {
	if utf8.Valid(body) {
		return -1
	}
	for off := 0; off < len(body); {
		r, size := utf8.DecodeRune(body[off:])
		if r == utf8.RuneError && size == 1 {
			return off
		}
		off += size
	}
	return -1
}

// loneSurrogate returns the offset of the first \u escape inside a JSON
// string that is an unpaired UTF-16 surrogate, or -1.
func loneSurrogate(body []byte) int {
	inString := false
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '"':
			inString = !inString
		case body[i] == '\\' && inString:
			n := escapeLength(body, i)
			if n == 0 {
				return i
			}
			i += n - 1
		}
	}
	return -1
}

// escapeLength returns the length of the escape sequence at body[i], or 0
// when it is an unpaired surrogate.
func escapeLength(body []byte, i int) int {
	r, ok := unicodeEscape(body, i)
	switch {
	case !ok:
		return 2
	case !utf16.IsSurrogate(r):
		return 6
	case r >= 0xdc00:
		return 0
	}
	if low, ok := unicodeEscape(body, i+6); ok && low >= 0xdc00 && low <= 0xdfff {
		return 12
	}
	return 0
}

func unicodeEscape(body []byte, i int) (rune, bool) {
	if i+6 > len(body) || body[i] != '\\' || body[i+1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(string(body[i+2:i+6]), 16, 32)
	return rune(v), err == nil
}

// checkShape walks the body's JSON tokens against the Partnership type and
// lists every field that is unknown, repeated or of the wrong type. It also
// reports syntax errors and data after the object.
func checkShape(body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(body, err)
	}
	if tok != json.Delim('{') {
		return NewError(EMalformed, "The body must be a JSON object holding one partnership, starting with {.")
	}
	c := &shapeChecker{dec: dec}
	if err := c.object(reflect.TypeFor[Partnership](), ""); err != nil {
		return syntaxError(body, err)
	}
	if off := trailingData(body, dec.InputOffset()); off >= 0 {
		return malformedAt(body, off, "There is more after the end of the partnership's JSON object, from %s; send exactly one object.")
	}
	if c.found > 0 {
		return listed(EMalformed, "The body does not fit the partnership contract (%s)", c.problems, c.found)
	}
	return nil
}

func trailingData(body []byte, end int64) int {
	for i := int(end); i < len(body); i++ {
		if !strings.ContainsRune(" \t\r\n", rune(body[i])) {
			return i
		}
	}
	return -1
}

// shapeChecker compares a stream of JSON tokens with a Go type. It counts
// every problem but keeps only the ones that will be listed.
type shapeChecker struct {
	dec      *json.Decoder
	problems []Problem
	found    int
}

func (c *shapeChecker) add(path string, message func() string) {
	c.found++
	if len(c.problems) < maxListedProblems {
		c.problems = append(c.problems, Problem{Path: path, Message: message()})
	}
}

// value checks the next JSON value against t. A null is always accepted: it
// means "not given", as encoding/json treats it.
func (c *shapeChecker) value(t reflect.Type, path string) error {
	tok, err := c.dec.Token()
	if err != nil || tok == nil {
		return err
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && tok == json.Delim('{'):
		return c.object(t, path)
	case t.Kind() == reflect.Slice && tok == json.Delim('['):
		return c.list(t.Elem(), path)
	}
	if problem := scalarProblem(t, tok); problem != "" {
		c.add(path, func() string { return problem })
	}
	return c.skipRest(tok)
}

// object checks the members of an object whose '{' has been read.
func (c *shapeChecker) object(t reflect.Type, path string) error {
	seen := make(map[string]bool)
	for c.dec.More() {
		tok, err := c.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := c.member(t, path, key, seen); err != nil {
			return err
		}
	}
	_, err := c.dec.Token()
	return err
}

func (c *shapeChecker) member(t reflect.Type, path, key string, seen map[string]bool) error {
	i, known := fieldIndex(t, key)
	here := fieldPath(path, key)
	switch {
	case !known:
		c.add(here, func() string { return unknownFieldMessage(t, key) })
	case seen[key]:
		c.add(here, func() string { return "Is given more than once; give each field once" })
	default:
		seen[key] = true
		return c.value(t.Field(i).Type, here)
	}
	return c.skip()
}

// list checks the elements of an array whose '[' has been read.
func (c *shapeChecker) list(elem reflect.Type, path string) error {
	for i := 0; c.dec.More(); i++ {
		if err := c.value(elem, indexPath(path, i)); err != nil {
			return err
		}
	}
	_, err := c.dec.Token()
	return err
}

// skip reads past the next value, whatever it is.
func (c *shapeChecker) skip() error {
	tok, err := c.dec.Token()
	if err != nil {
		return err
	}
	return c.skipRest(tok)
}

// skipRest reads past the rest of a value whose first token was tok.
func (c *shapeChecker) skipRest(tok json.Token) error {
	depth := 0
	for {
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
		var err error
		if tok, err = c.dec.Token(); err != nil {
			return err
		}
	}
}

// scalarProblem says what is wrong when tok cannot be stored in a value of
// type t, or returns "" when it can.
func scalarProblem(t reflect.Type, tok json.Token) string {
	switch t.Kind() {
	case reflect.String:
		_, ok := tok.(string)
		return mismatch(ok, "text", tok)
	case reflect.Bool:
		_, ok := tok.(bool)
		return mismatch(ok, "true or false", tok)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return numberProblem(tok, "a whole number", func(s string) error {
			_, err := strconv.ParseInt(s, 10, t.Bits())
			return err
		})
	case reflect.Float32, reflect.Float64:
		return numberProblem(tok, "a number", func(s string) error {
			_, err := strconv.ParseFloat(s, t.Bits())
			return err
		})
	case reflect.Struct:
		return "Must be an object, not " + describe(tok)
	case reflect.Slice:
		return "Must be a list, not " + describe(tok)
	}
	return "Cannot be given here"
}

func mismatch(ok bool, want string, tok json.Token) string {
	if ok {
		return ""
	}
	return "Must be " + want + ", not " + describe(tok)
}

func numberProblem(tok json.Token, want string, parse func(string) error) string {
	n, ok := tok.(json.Number)
	if !ok {
		return "Must be " + want + ", not " + describe(tok)
	}
	var ne *strconv.NumError
	switch err := parse(string(n)); {
	case err == nil:
		return ""
	case errors.As(err, &ne) && ne.Err == strconv.ErrRange, isLargeWholeNumber(n):
		return fmt.Sprintf("Is too large (it is %.40s)", n)
	}
	return fmt.Sprintf("Must be %s (it is %.40s)", want, n)
}

// isLargeWholeNumber reports whether n is a whole number too large for an
// int64, such as 1e30, which strconv.ParseInt calls a syntax error.
func isLargeWholeNumber(n json.Number) bool {
	f, err := strconv.ParseFloat(string(n), 64)
	return err == nil && f == math.Trunc(f) && math.Abs(f) >= math.MaxInt64
}

func describe(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		if tok == json.Delim('[') {
			return "a list"
		}
		return "an object"
	case string:
		return "text"
	case bool:
		return "true or false"
	case json.Number:
		return "a number"
	}
	return "null"
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func unknownFieldMessage(t reflect.Type, key string) string {
	message := fmt.Sprintf("There is no field called %s here", quoteKey(key))
	if near := nearestField(t, key); near != "" {
		return message + fmt.Sprintf("; did you mean %q?", near)
	}
	return message
}

// nearestField returns the field name of t that key is probably a typing
// slip for (the same but for case, or at most two letters different), or "".
func nearestField(t reflect.Type, key string) string {
	best, bestDistance := "", 3
	for _, f := range contractFields[t] {
		name := f.name
		if strings.EqualFold(name, key) {
			return name
		}
		if d := editDistance(name, key, bestDistance); d < bestDistance && len(key) > 2 {
			best, bestDistance = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, or limit when it
// is at least limit (so long keys cost nothing).
func editDistance(a, b string, limit int) int {
	if len(a)-len(b) >= limit || len(b)-len(a) >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return min(prev[len(b)], limit)
}

// fieldPath appends a member name to a JSON path: "partners[2]" and "nmae"
// give "partners[2].nmae". A name that is not a plain identifier is written
// quoted in brackets, and a very long one is cut short.
func fieldPath(path, key string) string {
	if !isIdentifier(key) {
		return path + "[" + quoteKey(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func isIdentifier(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func quoteKey(key string) string {
	const most = 64
	if utf8.RuneCountInString(key) > most {
		key = string([]rune(key)[:most]) + "…"
	}
	return strconv.Quote(key)
}

// syntaxError turns an error from the JSON tokenizer into EMalformed with
// the line and column where the JSON went wrong.
func syntaxError(body []byte, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return syntaxErrorAt(body, preciseSyntaxError(body, se))
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(body)) == 0:
		return NewError(EMalformed, "The body is empty; send the partnership as a JSON object.")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return malformedAt(body, len(body), "The body ends before its JSON is complete, at %s.")
	}
	return NewError(EMalformed, "The body is not valid JSON: "+err.Error())
}

// preciseSyntaxError returns the syntax error json.Unmarshal finds in body,
// whose offset is just after the character at fault (the tokenizer's points
// at the start of the value holding it), or se when there is none.
func preciseSyntaxError(body []byte, se *json.SyntaxError) *json.SyntaxError {
	var raw json.RawMessage
	var precise *json.SyntaxError
	if errors.As(json.Unmarshal(body, &raw), &precise) {
		return precise
	}
	after := *se
	after.Offset++
	return &after
}

func syntaxErrorAt(body []byte, se *json.SyntaxError) error {
	detail := strings.ReplaceAll(se.Error(), "%", "%%")
	return malformedAt(body, int(se.Offset)-1, "The body is not valid JSON at %s: "+detail+".")
}

// unmarshalError reports an error from json.Unmarshal. checkShape finds
// these first, so this is a second line of defence.
func unmarshalError(body []byte, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return listed(EMalformed, "The body does not fit the partnership contract (%s)", []Problem{{
			Path:    dottedToPath(te.Field),
			Message: fmt.Sprintf("Must be %s, not %s", te.Type, te.Value),
		}}, 1)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return syntaxErrorAt(body, se)
	}
	return NewError(EMalformed, "The body could not be decoded: "+err.Error())
}

// dottedToPath turns encoding/json's "partners.3.name" into "partners[3].name".
func dottedToPath(dotted string) string {
	var path string
	for seg := range strings.SplitSeq(dotted, ".") {
		if n, err := strconv.Atoi(seg); err == nil && n >= 0 {
			path = indexPath(path, n)
		} else if seg != "" {
			path = fieldPath(path, seg)
		}
	}
	return path
}

// malformedAt returns EMalformed with a message whose one %s is replaced by
// the offset, line and column of body[off].
func malformedAt(body []byte, off int, format string) error {
	off = max(0, min(off, len(body)))
	line := 1 + bytes.Count(body[:off], []byte("\n"))
	column := 1 + utf8.RuneCount(body[bytes.LastIndexByte(body[:off], '\n')+1:off])
	where := fmt.Sprintf("offset %d (line %d, column %d)", off, line, column)
	return NewError(EMalformed, fmt.Sprintf(format, where))
}

// listed returns an *Error with the problems, at most maxListedProblems of
// them, and a message (a format whose one %s is replaced by "N problems")
// that counts all of the total found.
func listed(code Code, format string, problems []Problem, total int) *Error {
	message := fmt.Sprintf(format, countOf(total, "problem"))
	if total > maxListedProblems {
		message += fmt.Sprintf("; the first %d are listed", maxListedProblems)
		problems = problems[:maxListedProblems]
	}
	return &Error{Code: code, Message: message, Problems: problems}
}

func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%s %ss", thousands(n), noun)
}
