package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// createDocument answers POST /api/v1/documents/:kind: the partnership as
// JSON in, the document out. ?format=pdf|html|docx (default pdf) chooses the
// output and ?at=RFC3339 fixes the generation time, so a document can be
// generated again byte for byte.
func (s *Server) createDocument(c *echo.Context) error {
	kind := c.Param("kind")
	if kinds := s.gen.Kinds(); !slices.Contains(kinds, kind) {
		return errUnknownKind(kind, kinds)
	}
	if err := requireJSON(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	req, err := documentRequest(c, kind)
	if err != nil {
		return err
	}
	doc, err := s.render(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, documentFilename(req.Partnership.Ref, kind, req.Format))
}

// render renders one document when a slot is free (see
// Config.MaxConcurrentRenders); the others wait their turn, in order, for as
// long as their client waits.
func (s *Server) render(ctx context.Context, req generator.Request) (*generator.Document, error) {
	if err := s.takeRenderSlot(ctx); err != nil {
		return nil, err
	}
	defer func() { <-s.renders }()
	start := time.Now()
	doc, err := s.gen.Render(ctx, req)
	s.documentRendered(req.Kind, doc, time.Since(start), err)
	return doc, err
}

// takeRenderSlot waits for a render slot as long as the client waits, and
// counts the wait, and a client that gave up waiting.
func (s *Server) takeRenderSlot(ctx context.Context) error {
	start := time.Now()
	select {
	case s.renders <- struct{}{}:
		s.metrics.renderWait.Observe(time.Since(start).Seconds())
		return nil
	case <-ctx.Done():
		s.metrics.renderWaitsAbandoned.Inc()
		return ctx.Err()
	}
}

// documentRequest reads the query and the body and reports every problem
// with either at once.
func documentRequest(c *echo.Context, kind string) (generator.Request, error) {
	format, at, problems := documentOptions(c.QueryParams())
	p, err := decodeBody(c.Request().Body)
	if err = withProblems(err, problems); err != nil {
		return generator.Request{}, err
	}
	return generator.Request{Kind: kind, Format: format, Partnership: p, At: at}, nil
}

// documentOptions reads ?format and ?at.
func documentOptions(q url.Values) (generator.Format, time.Time, []partnership.Problem) {
	var problems []partnership.Problem
	format := generator.Format(q.Get("format"))
	switch {
	case format == "":
		format = generator.FormatPDF
	case !format.Valid():
		problems = append(problems, partnership.Problem{Path: "format", Message: formatProblem})
	}
	var at time.Time
	if v := q.Get("at"); v != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, v); err != nil {
			problems = append(problems, partnership.Problem{Path: "at",
				Message: "Must be a date and time such as 2026-11-25T09:30:00Z (RFC 3339)"})
		}
	}
	return format, at, problems
}

// decodeBody reads the whole body (limitBody has capped it) and decodes it
// strictly. Reading first means an over-long body is reported as too large
// whatever the decoder makes of a truncated one.
func decodeBody(body io.Reader) (*partnership.Partnership, error) {
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, errTooLarge()
	case err != nil:
		return nil, partnership.NewError(partnership.EMalformed, "The request body could not be read to the end.")
	}
	return partnership.Decode(bytes.NewReader(data))
}

// withProblems adds the query's problems to a validation error, or makes
// one of them. Any other error (malformed JSON, too large) stands alone.
func withProblems(err error, problems []partnership.Problem) error {
	if len(problems) == 0 {
		return err
	}
	var pe *partnership.Error
	switch {
	case err == nil:
		return &partnership.Error{Code: partnership.EInvalid, Message: problemCount(len(problems)), Problems: problems}
	case errors.As(err, &pe) && pe.Code == partnership.EInvalid:
		all := append(slices.Clone(problems), pe.Problems...)
		return &partnership.Error{Code: partnership.EInvalid, Message: problemCount(len(all)), Problems: all}
	}
	return err
}

// formatProblem is what a format that is not one of generator.Formats gets.
const formatProblem = `Must be "pdf", "html" or "docx"`

func problemCount(n int) string {
	if n == 1 {
		return "The request has 1 problem."
	}
	return fmt.Sprintf("The request has %d problems.", n)
}

// requireJSON accepts application/json, with a UTF-8 charset or none.
func requireJSON(contentType string) error {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "application/json" {
		return errNotJSON()
	}
	for name, value := range params {
		if name != "charset" || !strings.EqualFold(value, "utf-8") {
			return errNotJSON()
		}
	}
	return nil
}

func errNotJSON() *partnership.Error {
	return partnership.NewError(partnership.EUnsupported,
		`The body must be JSON sent as "Content-Type: application/json" (UTF-8).`)
}

func errUnknownKind(kind string, kinds []string) *partnership.Error {
	known := strings.Join(kinds, ", ")
	return &partnership.Error{
		Code:     partnership.ENotFound,
		Message:  fmt.Sprintf("There is no document kind %q. The kinds are: %s.", kind, known),
		Problems: []partnership.Problem{{Path: "kind", Message: "Must be one of: " + known}},
	}
}

// sendDocument writes a freshly rendered document.
func sendDocument(c *echo.Context, doc *generator.Document, filename string) error {
	if n := len(doc.Warnings); n > 0 {
		c.Response().Header().Set("X-Partnerdocs-Warnings", strconv.Itoa(n))
	}
	return sendBytes(c, doc.Format, doc.Bytes, documentHash(doc), filename)
}

// sendBytes writes a document with headers that name the file, let a client
// check it (ETag is the SHA-256 of the bytes) and keep it out of shared
// caches: drafts name real people. HTML is shown inline; a PDF or a Word
// document is a download.
func sendBytes(c *echo.Context, format generator.Format, data []byte, sha256Hex, filename string) error {
	h := c.Response().Header()
	contentType, disposition := format.ContentType(), "attachment"
	if format == generator.FormatHTML {
		disposition = "inline"
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	}
	h.Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, filename))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("ETag", `"`+sha256Hex+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, contentType, data)
}

func documentHash(doc *generator.Document) string {
	if doc.SHA256 != "" {
		return doc.SHA256
	}
	sum := sha256.Sum256(doc.Bytes)
	return hex.EncodeToString(sum[:])
}

// documentFilename is "<ref>-<kind>.<format>", for example
// PP-2026-001-agreement.pdf or PP-2026-001-agreement.docx, with "partnership" when there is no ref and
// every character outside [A-Za-z0-9._-] replaced, so it is safe in a header
// and on any file system.
func documentFilename(ref, kind string, format generator.Format) string {
	base := strings.TrimLeft(safeName(ref), ".")
	if base == "" {
		base = "partnership"
	}
	return fmt.Sprintf("%s-%s.%s", base, safeName(kind), safeName(string(format)))
}

func safeName(s string) string {
	const maxLen = 100
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= maxLen {
			break
		}
		if !safeNameRune(r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func safeNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '.' || r == '_' || r == '-'
}
