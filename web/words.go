package web

import (
	"strings"

	"partnerdocs/partnership"
)

// Words for the contract's enumerations, as a page shows them. The
// contract's values are snake_case; most read well with the underscores as
// spaces, and the rest are named here.

// phrase turns an enumeration's value into words: "under_review" is
// "Under review".
func phrase(v string) string {
	if v == "" {
		return ""
	}
	s := strings.ReplaceAll(v, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
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
