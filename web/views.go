package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // UK time on a machine (or distroless image) without a zone database

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

//go:embed templates/*.html
var templateFiles embed.FS

// sharedTemplates are parsed into every page: the layout and the partials
// that mirror the GOV.UK components.
var sharedTemplates = []string{"templates/layout.html", "templates/components.html"}

// views are the pages, each its own template set (the shared ones plus the
// page's file, which defines "content"), parsed once.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses every page; one that does not parse is an error, so the
// program does not start with a broken page.
func parseViews(funcs template.FuncMap) (*views, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFiles, sharedTemplates...)
	if err != nil {
		return nil, fmt.Errorf("web: parsing the layout: %w", err)
	}
	files, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, f := range files {
		if isShared(f) {
			continue
		}
		page, err := base.Clone()
		if err == nil {
			_, err = page.ParseFS(templateFiles, f)
		}
		if err != nil {
			return nil, fmt.Errorf("web: parsing %s: %w", f, err)
		}
		v.pages[strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")] = page
	}
	return v, nil
}

func isShared(f string) bool {
	for _, s := range sharedTemplates {
		if s == f {
			return true
		}
	}
	return false
}

// render executes page name with p into a buffer, so a template that fails
// half-way sends nothing rather than half a page.
func (v *views) render(name string, p *page) ([]byte, error) {
	t, ok := v.pages[name]
	if !ok {
		return nil, fmt.Errorf("web: no page %q", name)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		return nil, fmt.Errorf("web: rendering %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// templateFuncs are the helpers pages may call: words for values, dates in
// UK time, and escaping a ref for a path. None of them returns HTML.
func templateFuncs(zone *time.Location) template.FuncMap {
	return template.FuncMap{
		"phrase":         phrase,
		"classification": classificationWords,
		"kindTitle":      kindTitle,
		"formatWords":    formatWords,
		"tagColour":      statusColour,
		"actionWords":    actionWords,
		"pathEscape":     url.PathEscape,
		"yesNo":          yesNo,
		"dateWords":      dateWords,
		"timeWords":      func(t time.Time) string { return timeWords(t, zone) },
		"itoa":           strconv.Itoa,
		"minus":          func(a, b int) int { return a - b },
		"criteria":       criteriaWords,
		"basisWords":     basisWords,
		"capWords":       capWords,
		"partnershipURL": partnershipAddress,
		"documentURL":    documentAddress,
		"dateField": func(id, name, legend, hint string, value dateInput, err string) dateFieldData {
			return dateFieldData{ID: id, Name: name, Legend: legend, Hint: hint, Value: value, Error: err}
		},
		"yearSelect": func(id, label string, years []partnership.FinancialYear, chosen partnership.FinancialYear, err string) yearSelectData {
			return yearSelectData{ID: id, Label: label, Years: years, Chosen: chosen, Error: err}
		},
		"lower":       strings.ToLower,
		"has":         slices.Contains[[]string],
		"maxReturnMB": func() int { return workflow.MaxReturnBytes >> 20 },
		"row":         func(key, value string) summaryRow { return summaryRow{Key: key, Value: value} },
		"revisionSelect": func(id, label string, revs []partnership.Revision, chosen int, err string) revisionSelectData {
			return revisionSelectData{ID: id, Label: label, Revisions: revs, Chosen: chosen, Error: err}
		},
		"ifThen": func(cond bool, yes, no string) string {
			if cond {
				return yes
			}
			return no
		},
	}
}

// revisionSelectData is a choice of one of a partnership's revisions.
type revisionSelectData struct {
	ID, Label string
	Revisions []partnership.Revision
	Chosen    int
	Error     string
}

// dateFieldData is one GOV.UK date input on a page.
type dateFieldData struct {
	ID, Name, Legend string
	Hint             string // "" for the usual example
	Value            dateInput
	Error            string
}

// yearSelectData is a select of financial years on a page.
type yearSelectData struct {
	ID, Label string
	Years     []partnership.FinancialYear
	Chosen    partnership.FinancialYear
	Error     string
}

// summaryRow is one row of a GOV.UK summary list.
type summaryRow struct{ Key, Value string }

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// dateWords is a contract date as a UK long date ("1 April 2026"), or the
// value as given when it is not a date.
func dateWords(d partnership.Date) string {
	t, err := d.Parse()
	if err != nil {
		return string(d)
	}
	return partnership.FormatDate(t)
}

// timeWords is a moment in UK time: "14 March 2026 at 10:30".
func timeWords(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(zone).Format("2 January 2006 at 15:04")
}

// ukTime is the council's time zone, or UTC should it be missing.
func ukTime() *time.Location {
	if zone, err := time.LoadLocation("Europe/London"); err == nil {
		return zone
	}
	return time.UTC
}
