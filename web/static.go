package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v5"
)

// static holds the stylesheets and scripts: govuk-frontend's built files
// (scripts/vendor-govuk.sh refreshes them) and the service's own few lines.
//
//go:embed static
var static embed.FS

const staticPrefix = "/static/"

// staticFiles are the embedded files with their ETags, computed once.
type staticFiles struct {
	files map[string]staticFile // by path under static/
}

type staticFile struct {
	body        []byte
	etag        string
	contentType string
}

func newStaticFiles() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		sf.files[strings.TrimPrefix(p, "static/")] = staticFile{body: body,
			etag: `"` + hex.EncodeToString(sum[:16]) + `"`, contentType: contentTypeOf(p)}
		return nil
	})
	return sf, err
}

func contentTypeOf(p string) string {
	switch path.Ext(p) {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

// serve answers GET /static/*. The files change only with the binary, so a
// browser may keep them a day and then revalidate by ETag.
func (sf *staticFiles) serve(c *echo.Context) error {
	f, ok := sf.files[c.Param("*")]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("ETag", f.etag)
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(f.body))
	return nil
}
