package workbook

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// cellKind is how a workbook column's cells look and whether officers may
// edit them.
type cellKind int

const (
	kindText cellKind = iota
	kindWrap          // long text, wrapped
	kindDate
	kindMoney  // pounds, written from pence
	kindNumber // general number
	kindInt
)

// workbookStyles holds the style ids of one workbook. Locked is the
// default for every cell; the officer variants are unlocked so that a
// protected sheet lets officers fill them in.
type workbookStyles struct {
	header, title, label     int
	locked, officer          [kindInt + 1]int
	green, amber, red, grey  int // conditional formats for the RAG word
	dashboardNumber, section int
}

func newWorkbookStyles(f *excelize.File) (*workbookStyles, error) {
	s := &workbookStyles{}
	var err error
	add := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	add(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	add(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	add(&s.section, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	add(&s.label, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	add(&s.dashboardNumber, &excelize.Style{NumFmt: 1})
	for k := kindText; k <= kindInt; k++ {
		add(&s.locked[k], cellStyle(k, true))
		add(&s.officer[k], cellStyle(k, false))
	}
	for _, c := range []struct {
		dst       *int
		fill, ink string
	}{{&s.green, "C6EFCE", "006100"}, {&s.amber, "FFEB9C", "9C5700"}, {&s.red, "FFC7CE", "9C0006"}, {&s.grey, "EDEDED", "3A3A3A"}} {
		if err == nil {
			*c.dst, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: c.ink},
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}}})
		}
	}
	return s, err
}

func cellStyle(k cellKind, locked bool) *excelize.Style {
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Protection: &excelize.Protection{Locked: locked}}
	if !locked {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9E5"}}
	}
	switch k {
	case kindWrap:
		st.Alignment.WrapText = true
	case kindDate:
		st.CustomNumFmt = ptr("dd/mm/yyyy")
	case kindMoney:
		st.CustomNumFmt = ptr(`"£"#,##0.00`)
	case kindInt:
		st.NumFmt = 1
	}
	return st
}

func ptr[T any](v T) *T { return &v }

// wbLabel turns a contract value such as "under_review" into the words the
// workbook shows ("Under review").
func wbLabel[T worded](v T) string {
	s := v.Text()
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// worded is an enumeration of the contract: partnership holds its words.
type worded interface {
	~string
	Text() string
}

// parseLabel reads a word an officer chose back into a contract value: the
// label or the value itself, in any case, surrounding spaces ignored.
func parseLabel[T worded](s string, values []T) (T, bool) {
	s = strings.TrimSpace(s)
	for _, v := range values {
		if strings.EqualFold(s, wbLabel(v)) || strings.EqualFold(s, string(v)) {
			return v, true
		}
	}
	return "", false
}

func wbLabels[T worded](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = wbLabel(v)
	}
	return out
}

// yn writes a compliance flag.
func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}
