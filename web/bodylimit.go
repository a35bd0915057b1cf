package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// multipartSlack is room for a multipart body's boundaries and small
// fields (the form token, the year) beside a file at its limit.
const multipartSlack = 64 << 10

// limitBody caps what a form's body may hold at limit, before anything
// reads it: a declared length over it is refused unread, and a body that
// runs past it is cut off. A multipart form is read here, whole and bounded
// (its file held in memory, never written to disk), so that the form token
// can be checked after it and a body that is too large is said to be so,
// rather than looking like a form without its token.
func limitBody(limit int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			r := c.Request()
			if r.Method != http.MethodPost {
				return next(c)
			}
			multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/")
			max := limit
			if multipart {
				max += multipartSlack
			}
			if r.ContentLength > max {
				return errTooLarge(limit)
			}
			r.Body = http.MaxBytesReader(c.Response(), r.Body, max)
			if !multipart {
				return next(c)
			}
			var tooLarge *http.MaxBytesError
			if err := r.ParseMultipartForm(max); errors.As(err, &tooLarge) {
				return errTooLarge(limit)
			}
			return next(c)
		}
	}
}

func errTooLarge(limit int64) error {
	return partnership.NewError(partnership.ETooLarge,
		fmt.Sprintf("A form may send at most %d MB. Go back and choose a smaller file.", (limit+(1<<20)-1)>>20))
}
