package partnership

import (
	"strconv"
	"strings"
	"time"
)

// The money and date formats of every document, workbook note and form,
// in one place.
//
// Money is always written in pounds with the pence, "£12,345.00": an
// agreement's schedule of contributions, a finding and a workbook cell
// then agree to the penny, and a council solicitor reading a schedule sees
// every amount in the same form (the workbook's money cells use the same
// number format, "£"#,##0.00). Dates are UK long dates, "3 December 2026",
// with no leading zero and the month in full.

// FormatMoney writes an amount in pence as pounds and pence with thousands
// separators: 1234500 -> "£12,345.00", -150 -> "-£1.50", 0 -> "£0.00". It
// works for every int64, math.MinInt64 included.
func FormatMoney(pence int64) string {
	sign := ""
	u := uint64(pence)
	if pence < 0 {
		sign = "-"
		u = uint64(-(pence + 1)) + 1 // no overflow for math.MinInt64
	}
	cents := u % 100
	return sign + "£" + GroupThousands(strconv.FormatUint(u/100, 10)) + "." +
		string(rune('0'+cents/10)) + string(rune('0'+cents%10))
}

// GroupThousands puts a comma between each group of three digits of a
// string of decimal digits: "1234567" -> "1,234,567".
func GroupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// FormatDate writes a day as a UK long date, "3 December 2026", in t's own
// location.
func FormatDate(t time.Time) string { return t.Format("2 January 2006") }
