package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// cmtData is the CMT workbook's page: the years to choose from, the one
// chosen, and after a return was applied, what it changed.
type cmtData struct {
	Years    []partnership.FinancialYear
	Year     partnership.FinancialYear
	Applied  bool
	Returned []workflow.ReturnedRevision
}

// Fields of the CMT page, named for the error summary's links.
const (
	fieldDownloadYear = "year"
	fieldReturnYear   = "return-year"
	fieldReturnFile   = "return-file"
)

const cmtTitle = "Annual CMT workbook"

// cmtPage lets policy choose a year, download its workbook and send back
// the return.
func (s *Server) cmtPage(c *echo.Context) error {
	return s.showOK(c, "cmt", s.newPage(c, cmtTitle, s.cmtData(s.currentYear())))
}

func (s *Server) cmtData(year partnership.FinancialYear) *cmtData {
	return &cmtData{Years: yearsAround(s.now()), Year: year}
}

// cmtWorkbook streams the year's workbook as it is written. A year that is
// not one is shown on the page with the error pattern.
func (s *Server) cmtWorkbook(c *echo.Context) error {
	year := partnership.FinancialYear(c.QueryParam("year"))
	if _, err := year.StartYear(); err != nil {
		return s.cmtProblems(c, s.currentYear(), []fieldError{{Field: fieldDownloadYear, Message: "Choose a financial year"}})
	}
	name := "cmt-" + string(year[:4]) + "-" + string(year[5:]) + ".xlsx"
	w := &lazyDownload{c: c, contentType: xlsxContentType, filename: name}
	if _, err := s.flow.CMTWorkbook(c.Request().Context(), actorOf(c), year, w); err != nil {
		return err
	}
	if !w.started { // an empty register still has a workbook
		w.start()
	}
	return nil
}

// cmtReturn applies a completed workbook: all of it, or, with any problem,
// none of it, each problem shown in the error summary, a cell's named as
// Excel names it ("Targets!L5: ...") and linking nowhere, as no field on
// this page holds it.
func (s *Server) cmtReturn(c *echo.Context) error {
	year := partnership.FinancialYear(c.FormValue("year"))
	var problems []fieldError
	if _, err := year.StartYear(); err != nil {
		problems = append(problems, fieldError{Field: fieldReturnYear, Message: "Choose the financial year of the workbook"})
		year = s.currentYear()
	}
	body, problem := uploadedWorkbook(c)
	if problem != "" {
		problems = append(problems, fieldError{Field: fieldReturnFile, Message: problem})
	}
	if len(problems) > 0 {
		return s.cmtProblems(c, year, problems)
	}
	out, err := s.flow.ImportReturn(c.Request().Context(), actorOf(c), year, bytes.NewReader(body), int64(len(body)))
	if problems := returnProblems(err); problems != nil {
		return s.cmtProblems(c, year, problems)
	}
	if err != nil {
		return err
	}
	data := s.cmtData(year)
	data.Applied, data.Returned = true, out
	return s.showOK(c, "cmt", s.newPage(c, cmtTitle, data))
}

func (s *Server) cmtProblems(c *echo.Context, year partnership.FinancialYear, problems []fieldError) error {
	p := s.newPage(c, cmtTitle, s.cmtData(year))
	p.Errors = problems
	return s.show(c, http.StatusUnprocessableEntity, "cmt", p)
}

// uploadedWorkbook is the file sent, or what is wrong with it in the
// page's words. limitBody has read the form, bounded.
func uploadedWorkbook(c *echo.Context) ([]byte, string) {
	fh, err := c.FormFile("workbook")
	if err != nil || fh.Size == 0 {
		return nil, "Select the completed workbook"
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "The selected file could not be read. Select it again"
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, workflow.MaxReturnBytes+1))
	switch {
	case err != nil:
		return nil, "The selected file could not be read. Select it again"
	case len(body) > workflow.MaxReturnBytes:
		return nil, "The selected file must be smaller than " + strconv.Itoa(workflow.MaxReturnBytes>>20) + " MB"
	}
	return body, ""
}

// returnProblems is what the error summary says of a return the use case
// refused for what was sent (nil for any other error): each cell's problem
// as "Sheet!Cell: message", linking nowhere; a problem with the file as a
// whole, or a register changed since the workbook was made, at the file.
func returnProblems(err error) []fieldError {
	switch partnership.ErrorCode(err) {
	case partnership.EInvalid, partnership.EUnprocessable, partnership.EMalformed, partnership.ETooLarge, partnership.EStale:
	default:
		return nil
	}
	e := err.(*partnership.Error)
	var out []fieldError
	if len(e.Problems) == 0 || partnership.ErrorCode(err) == partnership.EStale {
		out = append(out, fieldError{Field: fieldReturnFile, Message: e.Message})
	}
	for _, p := range e.Problems {
		if p.Sheet != "" {
			out = append(out, fieldError{Message: p.Sheet + "!" + p.Cell + ": " + p.Message})
		} else {
			out = append(out, fieldError{Field: fieldReturnFile, Message: problemText(p)})
		}
	}
	return out
}

// currentYear is the financial year today falls in.
func (s *Server) currentYear() partnership.FinancialYear { return financialYear(s.now()) }

// financialYear is the financial year (April to March) t falls in.
func financialYear(t time.Time) partnership.FinancialYear {
	y := t.Year()
	if t.Month() < time.April {
		y--
	}
	return partnership.FinancialYear(fmt.Sprintf("%d/%02d", y, (y+1)%100))
}

// yearsAround are the years policy chooses from: the two before this one,
// this one and the next, newest first.
func yearsAround(now time.Time) []partnership.FinancialYear {
	var out []partnership.FinancialYear
	for offset := 1; offset >= -2; offset-- {
		out = append(out, financialYear(now.AddDate(offset, 0, 0)))
	}
	return out
}

// xlsxContentType is the media type of an Excel workbook.
const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// lazyDownload sends the status and headers with the first byte written,
// so a download that fails before writing anything is answered with the
// error page rather than half a file.
type lazyDownload struct {
	c                     *echo.Context
	contentType, filename string
	started               bool
}

func (w *lazyDownload) start() {
	w.started = true
	h := w.c.Response().Header()
	h.Set("Content-Type", w.contentType)
	h.Set("Content-Disposition", `attachment; filename="`+w.filename+`"`)
	w.c.Response().WriteHeader(http.StatusOK)
}

func (w *lazyDownload) Write(p []byte) (int, error) {
	if !w.started {
		w.start()
	}
	return w.c.Response().Write(p)
}
