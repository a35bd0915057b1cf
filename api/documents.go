package api

import (
	"bytes"
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

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// createDocument answers POST /api/v1/documents/:kind: the partnership as
// JSON in, the document out. ?format=pdf|html|docx (default pdf) chooses the
// output and ?at=RFC3339 fixes the generation time, so a document can be
// generated again byte for byte.
func (s *Server) createDocument(c *echo.Context) error {
	kind := c.Param("kind")
	if kinds := s.flow.Kinds(); !slices.Contains(kinds, kind) {
		return errUnknownKind(kind, kinds)
	}
	if err := requireJSON(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	req, err := documentRequest(c, kind)
	if err != nil {
		return err
	}
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	doc, err := s.flow.Render(c.Request().Context(), actor, req)
	if err != nil {
		return err
	}
	return sendDocument(c, doc, documentFilename(req.Partnership.Ref, kind, req.Format))
}

// documentRequest reads the query and the body and reports every problem
// with either at once.
func documentRequest(c *echo.Context, kind string) (workflow.RenderRequest, error) {
	format, at, problems := documentOptions(c.QueryParams())
	p, err := decodeBody(c.Request().Body)
	if err = withProblems(err, problems); err != nil {
		return workflow.RenderRequest{}, err
	}
	return workflow.RenderRequest{Kind: kind, Format: format, Partnership: p, At: at}, nil
}

// documentOptions reads ?format and ?at.
func documentOptions(q url.Values) (workflow.Format, time.Time, []partnership.Problem) {
	var problems []partnership.Problem
	format := workflow.Format(q.Get("format"))
	switch {
	case format == "":
		format = workflow.FormatPDF
	case !format.Valid():
		problems = append(problems, partnership.Problem{Path: "format", Message: workflow.FormatProblem})
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
		return nil, bodyReadError(err)
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

func problemCount(n int) string { return workflow.ProblemCount(n) }

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
func sendDocument(c *echo.Context, doc *workflow.Rendered, filename string) error {
	if n := len(doc.Warnings); n > 0 {
		c.Response().Header().Set("X-Partnerdocs-Warnings", strconv.Itoa(n))
	}
	return sendBytes(c, doc.Format, doc.Bytes, doc.SHA256, filename)
}

// sendBytes writes a document with headers that name the file, let a client
// check it (ETag is the SHA-256 of the bytes) and keep it out of shared
// caches: drafts name real people. HTML is shown inline; a PDF or a Word
// document is a download.
func sendBytes(c *echo.Context, format workflow.Format, data []byte, sha256Hex, filename string) error {
	h := c.Response().Header()
	etag := `"` + sha256Hex + `"`
	if etagListMatches(c.Request().Header.Get("If-None-Match"), etag) {
		h.Set("ETag", etag)
		h.Set("Cache-Control", "no-store")
		return c.NoContent(http.StatusNotModified)
	}
	contentType, disposition := format.ContentType(), "attachment"
	if format == workflow.FormatHTML {
		disposition = "inline"
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
	}
	h.Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, filename))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, contentType, data)
}

// documentFilename is "<ref>-<kind>.<format>", for example
// PP-2026-001-agreement.pdf or PP-2026-001-agreement.docx, with "partnership" when there is no ref and
// every character outside [A-Za-z0-9._-] replaced, so it is safe in a header
// and on any file system.
func documentFilename(ref, kind string, format workflow.Format) string {
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
