package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// assess answers POST /api/v1/assess: what the Partnership Protocol says
// about the proposal in the body. ?at=YYYY-MM-DD (or RFC 3339) is the date
// review dates are judged against; the default is today.
func (s *Server) assess(c *echo.Context) error {
	if err := requireJSON(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	asOf, problems := assessDate(c.QueryParam("at"))
	p, err := decodeBody(c.Request().Body)
	if err = withProblems(err, problems); err != nil {
		return err
	}
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	a, err := s.flow.Assess(actor, p, asOf)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

func assessDate(v string) (time.Time, []partnership.Problem) {
	if v == "" {
		return time.Now(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Time{}, []partnership.Problem{{Path: "at", Message: "Must be a date such as 2026-11-25"}}
}
