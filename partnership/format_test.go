package partnership_test

import (
	"math"
	"testing"
	"time"

	"partnerdocs/partnership"
)

func TestFormatMoney(t *testing.T) {
	for _, c := range []struct {
		pence int64
		want  string
	}{
		{0, "£0.00"}, {5, "£0.05"}, {10, "£0.10"}, {150, "£1.50"}, {-150, "-£1.50"}, {-5, "-£0.05"},
		{99_999, "£999.99"}, {100_000, "£1,000.00"}, {1_234_500, "£12,345.00"}, {12_345_67, "£12,345.67"},
		{100_000_000, "£1,000,000.00"}, {math.MaxInt64, "£92,233,720,368,547,758.07"},
		{math.MinInt64, "-£92,233,720,368,547,758.08"},
	} {
		if got := partnership.FormatMoney(c.pence); got != c.want {
			t.Errorf("FormatMoney(%d) = %q, want %q", c.pence, got, c.want)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[string]string{"": "", "1": "1", "123": "123", "1234": "1,234", "123456": "123,456", "1234567": "1,234,567"} {
		if got := partnership.GroupThousands(in); got != want {
			t.Errorf("GroupThousands(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, time.December, 3, 0, 0, 0, 0, time.UTC), "3 December 2026"},
		{time.Date(2027, time.March, 31, 23, 59, 0, 0, time.UTC), "31 March 2027"},
		{time.Date(2026, time.April, 1, 0, 30, 0, 0, time.FixedZone("BST", 3600)), "1 April 2026"},
	} {
		if got := partnership.FormatDate(c.t); got != c.want {
			t.Errorf("FormatDate(%v) = %q, want %q", c.t, got, c.want)
		}
	}
}
