package workbook

import (
	"slices"
	"strings"

	"partnerdocs/partnership"
)

// readTargets checks every Targets row and applies the officer columns
// (actual, RAG, commentary) to the year's result.
func (rd *returnReader) readTargets() {
	rd.eachRow(SheetTargets, targetColumns, func(row int, c []string) {
		rev := rd.revision(SheetTargets, row, c[0])
		if rev == nil {
			return
		}
		p := &rev.Partnership
		id := strings.TrimSpace(c[3])
		i := slices.IndexFunc(p.Targets, func(t partnership.Target) bool { return t.ID == id })
		switch {
		case id == "":
			rd.problem(SheetTargets, 4, row, "The target ID is missing")
			return
		case i < 0:
			rd.problem(SheetTargets, 4, row, "%s has no target %s", rev.Ref, id)
			return
		case rd.duplicate(SheetTargets, row, rev.Ref+"\x00"+id):
			return
		}
		t := &p.Targets[i]
		rd.targetReadOnly(row, c, p, t)
		if res, ok := rd.targetResult(row, c); ok {
			rd.applyResult(rev, i, res, row)
		}
	})
}

func (rd *returnReader) targetReadOnly(row int, c []string, p *partnership.Partnership, t *partnership.Target) {
	s := SheetTargets
	rd.readOnly(s, row, 2, c[1], p.Name)
	rd.readOnly(s, row, 3, c[2], serviceArea(p))
	rd.readOnly(s, row, 5, c[4], t.Outcome)
	rd.readOnly(s, row, 6, c[5], t.Indicator)
	rd.readOnly(s, row, 7, c[6], t.Unit)
	rd.readOnly(s, row, 8, c[7], wbLabel(t.Polarity))
	rd.readOnlyNumber(s, row, 9, c[8], t.Baseline)
	rd.readOnlyNumber(s, row, 10, c[9], t.Target)
}

// targetResult reads the officer columns; ok is false when a cell is wrong.
// A row left blank is a result with no RAG.
func (rd *returnReader) targetResult(row int, c []string) (partnership.TargetResult, bool) {
	res := partnership.TargetResult{FinancialYear: rd.year, Commentary: blankAsEmpty(c[tgtCommentary])}
	ok := true
	actual, good := parseNumber(c[tgtActual])
	if !good {
		rd.problem(SheetTargets, tgtActual+1, row, "The actual must be a number, not %q", c[tgtActual])
		ok = false
	}
	res.Actual = actual
	if s := strings.TrimSpace(c[tgtRAG]); s != "" {
		rag, good := parseLabel(s, partnership.RAGValues)
		if !good {
			rd.problem(SheetTargets, tgtRAG+1, row, "The RAG rating %q is not one of %s", s, strings.Join(wbLabels(partnership.RAGValues), ", "))
			ok = false
		}
		res.RAG = rag
	} else if actual != nil || res.Commentary != "" {
		rd.problem(SheetTargets, tgtRAG+1, row, "Choose a RAG rating (%s) for the actual or commentary given", strings.Join(wbLabels(partnership.RAGValues), ", "))
		ok = false
	}
	return res, ok
}

// applyResult sets the year's result of target i when it differs from the
// register. A blank row for a target with no result changes nothing; a
// blank row for one with a result asks for the RAG.
func (rd *returnReader) applyResult(rev *partnership.Revision, i int, res partnership.TargetResult, row int) {
	old := resultFor(&rev.Partnership.Targets[i], rd.year)
	if res.RAG == "" {
		if old != nil {
			rd.problem(SheetTargets, tgtRAG+1, row, "%s target %s: the register has a result for %s; give its RAG rating rather than clearing it",
				rev.Ref, rev.Partnership.Targets[i].ID, rd.year)
		}
		return
	}
	if old != nil && sameResult(*old, res) {
		return
	}
	t := &rd.partnershipFor(rev).Targets[i]
	if j := slices.IndexFunc(t.Results, func(r partnership.TargetResult) bool { return r.FinancialYear == rd.year }); j >= 0 {
		t.Results[j] = res
		return
	}
	t.Results = append(t.Results, res)
}

func sameResult(a, b partnership.TargetResult) bool {
	if (a.Actual == nil) != (b.Actual == nil) || (a.Actual != nil && *a.Actual != *b.Actual) {
		return false
	}
	return a.RAG == b.RAG && a.Commentary == b.Commentary
}

// readReviews checks every Reviews row and applies the officer columns to
// the year's review of that type.
func (rd *returnReader) readReviews() {
	rd.eachRow(SheetReviews, reviewColumns, func(row int, c []string) {
		rev := rd.revision(SheetReviews, row, c[0])
		if rev == nil {
			return
		}
		p := &rev.Partnership
		rd.readOnly(SheetReviews, row, 2, c[1], p.Name)
		rd.readOnly(SheetReviews, row, 3, c[2], string(rd.year))
		typ, ok := parseLabel(c[3], partnership.ReviewTypeValues)
		if !ok || !slices.ContainsFunc(reviewRows(p, rd.year), func(r partnership.Review) bool { return r.Type == typ }) {
			rd.problem(SheetReviews, 4, row, "This column is read-only: %q is not a review of %s for %s", c[3], rev.Ref, rd.year)
			return
		}
		if rd.duplicate(SheetReviews, row, rev.Ref+"\x00"+wbLabel(typ)) {
			return
		}
		if v, ok := rd.review(row, c, typ); ok {
			rd.applyReview(rev, v, row)
		}
	})
}

// review reads the officer columns of a Reviews row. A blank row has no
// overall rating.
func (rd *returnReader) review(row int, c []string, typ partnership.ReviewType) (partnership.Review, bool) {
	v := partnership.Review{FinancialYear: rd.year, Type: typ, Assessor: blankAsEmpty(c[revAssessor]), Actions: actionLines(c[revActions])}
	ok := true
	fail := func(col int, format string, args ...any) {
		rd.problem(SheetReviews, col+1, row, format, args...)
		ok = false
	}
	var good bool
	if v.CompletedOn, good = parseDateCell(c[revCompleted]); !good {
		fail(revCompleted, "%q is not a date", c[revCompleted])
	}
	if s := strings.TrimSpace(c[revOverall]); s != "" {
		if v.Overall, good = parseLabel(s, partnership.OverallValues); !good {
			fail(revOverall, "The overall rating %q is not one of %s", s, strings.Join(wbLabels(partnership.OverallValues), ", "))
		}
	}
	if s := strings.TrimSpace(c[revRecommendation]); s != "" {
		if v.Recommendation, good = parseLabel(s, partnership.RecommendationValues); !good {
			fail(revRecommendation, "The recommendation %q is not one of %s", s, strings.Join(wbLabels(partnership.RecommendationValues), ", "))
		}
	}
	filled := v.CompletedOn != "" || v.Assessor != "" || v.Overall != "" || v.Recommendation != "" || len(v.Actions) > 0
	if filled && strings.TrimSpace(c[revOverall]) == "" {
		fail(revOverall, "The overall rating is required once the review is filled in")
	}
	if filled && strings.TrimSpace(c[revCompleted]) == "" {
		fail(revCompleted, "The completion date is required once the review is filled in")
	}
	return v, ok
}

func actionLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (rd *returnReader) applyReview(rev *partnership.Revision, v partnership.Review, row int) {
	find := func(r partnership.Review) bool { return r.FinancialYear == rd.year && r.Type == v.Type }
	j := slices.IndexFunc(rev.Partnership.Reviews, find)
	if v.Overall == "" { // a blank row
		if j >= 0 {
			rd.problem(SheetReviews, revOverall+1, row, "%s: the register has a %s for %s; give its overall rating rather than clearing it",
				rev.Ref, strings.ToLower(wbLabel(v.Type)), rd.year)
		}
		return
	}
	if j >= 0 && sameReview(rev.Partnership.Reviews[j], v) {
		return
	}
	p := rd.partnershipFor(rev)
	if j >= 0 {
		p.Reviews[j] = v
		return
	}
	p.Reviews = append(p.Reviews, v)
}

func sameReview(a, b partnership.Review) bool {
	return a.CompletedOn == b.CompletedOn && a.Assessor == b.Assessor && a.Overall == b.Overall &&
		a.Recommendation == b.Recommendation && slices.Equal(a.Actions, b.Actions)
}

// blankAsEmpty keeps an officer's text as typed, but whitespace alone is
// nothing.
func blankAsEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s
}
