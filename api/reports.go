package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
)

// xlsxContentType is the media type of an Excel workbook.
const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// cmtWorkbook answers GET /api/v1/reports/cmt/:year (the year written
// 2026-27.xlsx): the annual CMT workbook of the register's current
// revisions, streamed as it is written.
func (s *Server) cmtWorkbook(c *echo.Context) error {
	year, ok := strings.CutSuffix(c.Param("year"), ".xlsx")
	if !ok {
		return errNoYear()
	}
	fy, err := yearParam(year)
	if err != nil {
		return err
	}
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	w := &lazyResponse{c: c, header: func(h http.Header) {
		h.Set(echo.HeaderContentType, xlsxContentType)
		h.Set(echo.HeaderContentDisposition, `attachment; filename="cmt-`+year+`.xlsx"`)
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
	}}
	start := time.Now()
	if _, err := s.flow.CMTWorkbook(c.Request().Context(), actor, fy, w); err != nil {
		return err
	}
	if !w.started { // an empty workbook is still a response
		w.start()
	}
	s.metrics.workbooks.Inc()
	s.metrics.workbookDuration.Observe(time.Since(start).Seconds())
	return nil
}

// lazyResponse sends the status and headers with the first byte written,
// so a workbook that fails before writing anything is still answered with
// a problem rather than half a file.
type lazyResponse struct {
	c       *echo.Context
	header  func(http.Header)
	started bool
}

func (w *lazyResponse) start() {
	w.started = true
	w.header(w.c.Response().Header())
	w.c.Response().WriteHeader(http.StatusOK)
}

func (w *lazyResponse) Write(p []byte) (int, error) {
	if !w.started {
		w.start()
	}
	return w.c.Response().Write(p)
}

// yearParam reads a financial year written for an address, 2026-27, as
// the register writes it, 2026/27.
func yearParam(v string) (partnership.FinancialYear, error) {
	start, end, ok := strings.Cut(v, "-")
	fy := partnership.FinancialYear(start + "/" + end)
	if !ok || strings.Contains(end, "-") {
		return "", errNoYear()
	}
	if _, err := fy.StartYear(); err != nil {
		return "", errNoYear()
	}
	return fy, nil
}

func errNoYear() *partnership.Error {
	return notHere("year", "Must be a financial year such as 2026-27 (the workbook: 2026-27.xlsx)")
}
