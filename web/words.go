package web

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"partnerdocs/partnership"
)

// Words for the contract's enumerations, as a page shows them: partnership
// holds the words of every enumeration (Text), the same the documents and
// the workbook print; a page only gives them a capital letter.

// worded is an enumeration of the contract.
type worded interface{ Text() string }

// phrase is an enumeration value in words with a capital letter:
// partnership's words for the contract's enumerations ("pre_entry" is
// "Before entry"), and any other snake_case value with its underscores as
// spaces ("in_review" is "In review").
func phrase(v any) string {
	var s string
	switch x := v.(type) {
	case worded:
		s = x.Text()
	case string:
		s = strings.ReplaceAll(x, "_", " ")
	default:
		s = strings.ReplaceAll(fmt.Sprint(v), "_", " ")
	}
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// classificationWords says what §3 made of an arrangement.
func classificationWords(c partnership.Classification) string {
	switch c {
	case partnership.ClassPartnership:
		return "A partnership"
	case partnership.ClassExcludedContract:
		return "Not a partnership: a contract for services"
	case partnership.ClassExcludedForum:
		return "Not a partnership: a forum that only discusses"
	case partnership.ClassExcludedHybrid:
		return "Not a partnership: a contractual or statutory arrangement"
	case partnership.ClassUndetermined:
		return "Not yet known"
	}
	return phrase(string(c))
}

// kindTitles are the document kinds' names; a kind not listed is shown by
// its value in words.
var kindTitles = map[string]string{
	"agreement":                    "Partnership agreement",
	"mou":                          "Memorandum of Understanding",
	"communications-agreement":     "Partnership Communications Agreement",
	"information-sharing-protocol": "Information Sharing Protocol",
	"checklist":                    "Approval checklist",
	"policy-statement":             "Policy statement",
}

func kindTitle(kind string) string {
	if t, ok := kindTitles[kind]; ok {
		return t
	}
	return phrase(strings.ReplaceAll(kind, "-", "_"))
}

// formatWords names an output format.
func formatWords(f string) string {
	switch f {
	case "pdf":
		return "PDF"
	case "docx":
		return "Word"
	case "html":
		return "Web page"
	}
	return f
}

// statusColour is the GOV.UK tag colour of a status: the word is always
// written too, so colour never carries the meaning alone.
func statusColour(status string) string {
	switch status {
	case "active", "approved":
		return "govuk-tag--green"
	case "proposed", "evaluating", "draft":
		return "govuk-tag--blue"
	case "in_review", "under_review":
		return "govuk-tag--yellow"
	case "returned", "exiting", "blocker":
		return "govuk-tag--red"
	case "warning":
		return "govuk-tag--orange"
	}
	return "govuk-tag--grey"
}

// actionWords says what a review step did.
func actionWords(a partnership.ReviewAction) string {
	switch a {
	case partnership.ReviewSubmit:
		return "Submitted for review"
	case partnership.ReviewApprove:
		return "Approved"
	case partnership.ReviewReturn:
		return "Returned"
	}
	return phrase(string(a))
}

// pathOrValue is a word of a contract problem's message that may be a JSON
// path (information_sharing.lawful_basis, partners[0]) or an enumeration's
// value (recognised_legitimate_interests).
var pathOrValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[a-z][a-z_]*(?:\[\d+\])?(?:\.[a-z][a-z_]*(?:\[\d+\])?)*`)
})

// plain is a contract problem's message as a form shows it: the contract's
// messages serve the API too, and name fields by JSON path and choices by
// value, which an officer never sees on the form; here a path is the
// field's labels ("Information sharing: Lawful basis") and a value its
// words ("recognised legitimate interests").
func (f *contractForm) plain(msg string) string {
	return pathOrValue().ReplaceAllStringFunc(msg, func(w string) string {
		if strings.ContainsAny(w, ".[") && sectionOf(w) != "" {
			return "“" + pathWords(w) + "”"
		}
		if words, ok := f.words[w]; ok {
			return words
		}
		return w
	})
}
