package outline

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Stream parses the Markdown a template writes while the template is
// still writing it. Whenever a section of at least minSection bytes is
// complete (the next top-level heading, # or ##, has begun after a blank
// line), the section is handed to a goroutine that parses it; Finish
// parses what is left and builds the outline. By the time the template
// has finished, only the last section is left to parse.
//
// Markdown splits at such a heading into parts that parse as they would
// within the whole, except inside a fenced code block (which Stream
// follows), an HTML block (after the first line starting with "<" Stream
// hands nothing more over) and for link reference definitions, which are
// global: if a line might hold one ("]:"), Finish parses the whole
// document again in one piece. Parse and Stream give the same outline
// (TestStreamParsesAsParse).
type Stream struct {
	buf     *bytes.Buffer
	scanned int    // how far buf has been read line by line
	sent    int    // the end of the last section handed over
	fence   []byte // the open fence's marker, or nil
	noSplit bool   // an HTML block may be open: nothing more is handed over
	defs    bool   // a line may be a link reference definition
	handed  int    // sections handed over
	work    chan []byte
	parsed  chan []section
}

// section is a part of the document and its syntax tree.
type section struct {
	src []byte
	doc ast.Node
}

// minSection is the least Markdown worth parsing on its own: a section
// handed over costs a channel send and a parser's set-up.
const minSection = 8 << 10

// NewStream parses what is written to it into buf, which must be empty.
func NewStream(buf *bytes.Buffer) *Stream {
	return &Stream{buf: buf}
}

// Write appends p to the buffer and hands over every section now complete.
// It never fails.
func (s *Stream) Write(p []byte) (int, error) {
	s.buf.Write(p)
	s.scan()
	return len(p), nil
}

// scan reads the complete lines written since it last ran.
func (s *Stream) scan() {
	b := s.buf.Bytes()
	for {
		end := bytes.IndexByte(b[s.scanned:], '\n')
		if end < 0 {
			return
		}
		start := s.scanned
		s.scanned += end + 1
		s.line(b, start, b[start:s.scanned])
	}
}

// line notes what the line at start tells about where the document may be
// split, and hands over the section before it if it starts one.
func (s *Stream) line(b []byte, start int, line []byte) {
	trimmed := bytes.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	switch {
	case s.fence != nil:
		if indent < 4 && closesFence(trimmed, s.fence) {
			s.fence = nil
		}
		return
	case indent >= 4:
		return
	case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
		s.fence = fenceMarker(trimmed)
		return
	case bytes.HasPrefix(trimmed, []byte("<")):
		s.noSplit = true
	}
	if bytes.Contains(line, []byte("]:")) {
		s.defs = true // a link reference definition, maybe in a list or quote
	}
	if s.noSplit || indent > 0 || !startsSection(line) || start-s.sent < minSection ||
		!bytes.HasSuffix(b[:start], []byte("\n\n")) {
		return
	}
	s.handOver(b[s.sent:start])
	s.sent = start
}

// startsSection reports whether line is a heading of level 1 or 2.
func startsSection(line []byte) bool {
	return bytes.HasPrefix(line, []byte("# ")) || bytes.HasPrefix(line, []byte("## "))
}

// fenceMarker is the run of backticks or tildes opening a fence.
func fenceMarker(line []byte) []byte {
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	return line[:n:n]
}

// closesFence reports whether line closes the fence opened by marker: at
// least as many of the same character, then only spaces.
func closesFence(line, marker []byte) bool {
	n := 0
	for n < len(line) && line[n] == marker[0] {
		n++
	}
	return n >= len(marker) && len(bytes.TrimRight(line[n:], " \t\r\n")) == 0
}

// handOver gives src to the parsing goroutine, starting it the first time.
func (s *Stream) handOver(src []byte) {
	if s.work == nil {
		s.work = make(chan []byte, 64)
		s.parsed = make(chan []section, 1)
		go parseSections(s.work, s.parsed)
	}
	s.work <- src
	s.handed++
}

func parseSections(work <-chan []byte, parsed chan<- []section) {
	var done []section
	for src := range work {
		done = append(done, section{src: src, doc: markdown.Parser().Parse(text.NewReader(src))})
	}
	parsed <- done
}

// Sections is how many sections the document was parsed in so far.
func (s *Stream) Sections() int { return s.handed + 1 }

// Stop ends the parsing goroutine, if Finish has not: for a document
// abandoned half written. It is safe to call after Finish.
func (s *Stream) Stop() { s.stop() }

// stop closes the goroutine's work and returns what it parsed.
func (s *Stream) stop() []section {
	if s.work == nil {
		return nil
	}
	close(s.work)
	s.work = nil
	return <-s.parsed
}

// Finish parses what is left of the document and builds its outline, as
// Parse does. The buffer holds the whole document.
func (s *Stream) Finish() (*Outline, error) {
	s.scan()
	src := s.buf.Bytes()
	if s.scanned < len(src) { // the last line, unended
		s.line(src, s.scanned, src[s.scanned:])
		s.scanned = len(src)
	}
	if s.work == nil || s.defs {
		s.stop()
		return Parse(src)
	}
	last := section{src: src[s.sent:]}
	last.doc = markdown.Parser().Parse(text.NewReader(last.src))
	return build(append(s.stop(), last))
}
