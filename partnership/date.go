package partnership

import (
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date written YYYY-MM-DD. It is kept as the text the
// client sent so that a bad date is reported by Validate, with its JSON path,
// alongside every other problem, rather than stopping decoding.
type Date string

// Parse returns the date at midnight UTC, or an error when it is not a real
// calendar date in YYYY-MM-DD form.
func (d Date) Parse() (time.Time, error) {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", string(d))
	}
	return t, nil
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d == "" }

// Long is the date as a document prints it, "1 April 2021"; a date that
// does not parse prints as given.
func (d Date) Long() string {
	t, err := d.Parse()
	if err != nil {
		return string(d)
	}
	return t.Format("2 January 2006")
}

// FinancialYear is a UK local government financial year, 1 April to 31 March,
// written "2026/27".
type FinancialYear string

// StartYear returns the calendar year in which the financial year begins, or
// an error when the text is not of the form "2026/27" with consecutive years.
func (fy FinancialYear) StartYear() (int, error) {
	s := string(fy)
	if len(s) != 7 || s[4] != '/' {
		return 0, fmt.Errorf("%q is not a financial year in the form 2026/27", s)
	}
	start, err1 := strconv.Atoi(s[:4])
	end, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || start < 1900 || (start+1)%100 != end {
		return 0, fmt.Errorf("%q is not a financial year in the form 2026/27", s)
	}
	return start, nil
}

// Bounds returns the first and last days of the financial year.
func (fy FinancialYear) Bounds() (first, last time.Time, err error) {
	y, err := fy.StartYear()
	if err != nil {
		return first, last, err
	}
	first = time.Date(y, time.April, 1, 0, 0, 0, 0, time.UTC)
	last = time.Date(y+1, time.March, 31, 0, 0, 0, 0, time.UTC)
	return first, last, nil
}
