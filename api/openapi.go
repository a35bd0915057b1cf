package api

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v5"
)

// openAPIDocument is the OpenAPI 3.1 description of every route in
// routes.go. It is written by hand, as JSON so that reading it needs no
// YAML library, and openapi_test.go checks it against routes(), the
// permission table, the contract's Go types and the real handlers' answers.
//
//go:embed openapi.json
var openAPIDocument []byte

// openAPIETag is the document's entity tag: the SHA-256 of its bytes,
// worked out once, the first time it is asked for.
var openAPIETag = sync.OnceValue(func() string {
	sum := sha256.Sum256(openAPIDocument)
	return `"` + hex.EncodeToString(sum[:]) + `"`
})

// openAPICacheControl lets any cache keep the document for a few minutes;
// after that a client revalidates with If-None-Match, which costs a 304.
// It is public: it describes the API and holds no data.
const openAPICacheControl = "public, max-age=300"

// openAPI answers GET /api/v1/openapi.json with the OpenAPI document, or
// 304 when If-None-Match names the copy the client already holds.
func (s *Server) openAPI(c *echo.Context) error {
	etag := openAPIETag()
	h := c.Response().Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", openAPICacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	if noneMatch := c.Request().Header.Get("If-None-Match"); noneMatch != "" && etagListMatches(noneMatch, etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPIDocument)
}

// etagListMatches reports whether an If-None-Match list names etag, or is
// "*". If-None-Match uses the weak comparison (RFC 9110 §13.1.2), so a
// W/ prefix does not matter.
func etagListMatches(list, etag string) bool {
	for tag := range strings.SplitSeq(list, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
