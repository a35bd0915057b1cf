package workbook

import (
	"fmt"
	"slices"
	"strings"

	"partnerdocs/partnership"
)

// The column tables of the sheets officers fill in: Targets (the year's
// actual, RAG and commentary of each target) and Reviews (the year's review
// of each partnership). An officer's column has set, which applies a
// returned cell to the row, and the sheet has finish, which checks the row
// as a whole and applies it to the partnership.

// targetRow is one target on the Targets sheet, with the year's result as
// the row holds it: the register's, then as a return sets it.
type targetRow struct {
	rev     *partnership.Revision
	i       int // the target's index
	res     partnership.TargetResult
	had     bool // the register has a result for the year
	touched bool // a returned cell set res
}

func (r *targetRow) target() *partnership.Target { return &r.rev.Partnership.Targets[r.i] }

func targetsSheet(year partnership.FinancialYear) *sheet[targetRow] {
	ro := func(header string, width float64, kind cellKind, def string, v func(r *targetRow) any) column[targetRow] {
		return column[targetRow]{header: header, width: width, kind: kind, definition: def, value: func(r *targetRow, _ int) any { return v(r) }}
	}
	rags := wbLabels(partnership.RAGValues)
	s := &sheet[targetRow]{name: SheetTargets, table: "TargetsTable"}
	s.cols = []column[targetRow]{
		ro("Ref", 14, kindText, "", func(r *targetRow) any { return r.rev.Ref }),
		ro("Partnership", 30, kindWrap, "", func(r *targetRow) any { return r.rev.Partnership.Name }),
		ro("Service area", 24, kindWrap, "", func(r *targetRow) any { return serviceArea(&r.rev.Partnership) }),
		{header: "Target ID", width: 10, kind: kindText, key: true, value: func(r *targetRow, _ int) any { return r.target().ID }},
		ro("Outcome", 36, kindWrap, "", func(r *targetRow) any { return r.target().Outcome }),
		ro("Indicator", 30, kindWrap, "", func(r *targetRow) any { return nonEmpty(r.target().Indicator) }),
		ro("Unit", 10, kindText, "", func(r *targetRow) any { return nonEmpty(r.target().Unit) }),
		ro("Polarity", 16, kindText, "", func(r *targetRow) any { return nonEmpty(wbLabel(r.target().Polarity)) }),
		ro("Baseline", 11, kindNumber, defBaseline, func(r *targetRow) any { return r.target().Baseline }),
		ro("Target", 11, kindNumber, defTarget, func(r *targetRow) any { return r.target().Target }),
		{header: "Actual", width: 11, kind: kindNumber, editable: true, definition: defActual, field: "actual",
			value: func(r *targetRow, _ int) any {
				if r.res.Actual == nil {
					return nil
				}
				return *r.res.Actual
			},
			set: func(r *targetRow, cell string) string {
				v, ok := parseNumber(cell)
				if !ok {
					return fmt.Sprintf("The actual must be a number, not %q", cell)
				}
				r.res.Actual, r.touched = v, true
				return ""
			}},
		{header: "RAG", width: 10, kind: kindText, editable: true, list: rags, rag: true, definition: defRAG, field: "rag",
			value: func(r *targetRow, _ int) any { return nonEmpty(wbLabel(r.res.RAG)) },
			set: func(r *targetRow, cell string) string {
				rag, ok := partnership.RAG(""), true
				if strings.TrimSpace(cell) != "" {
					rag, ok = parseLabel(cell, partnership.RAGValues)
				}
				if !ok {
					return fmt.Sprintf("The RAG rating %q is not one of %s", strings.TrimSpace(cell), strings.Join(rags, ", "))
				}
				r.res.RAG, r.touched = rag, true
				return ""
			}},
		{header: "Commentary", width: 44, kind: kindWrap, editable: true, definition: defCommentary, field: "commentary",
			maxChars: partnership.MaxTextChars,
			value:    func(r *targetRow, _ int) any { return nonEmpty(r.res.Commentary) },
			set: func(r *targetRow, cell string) string {
				r.res.Commentary, r.touched = blankAsEmpty(cell), true
				return ""
			}},
	}
	s.rows = func(rev *partnership.Revision, yield func(*targetRow) error) error {
		for i := range rev.Partnership.Targets {
			r := &targetRow{rev: rev, i: i, res: partnership.TargetResult{FinancialYear: year}}
			if old := resultFor(&rev.Partnership.Targets[i], year); old != nil {
				r.res, r.had = *old, true
			}
			if err := yield(r); err != nil {
				return err
			}
		}
		return nil
	}
	s.finish = func(r *targetRow, p *partnership.Partnership) (string, []colProblem) {
		return finishTarget(r, p, year, rags)
	}
	return s
}

// finishTarget checks a target row a return set and applies its result to
// p. A row left blank for a target with no result changes nothing.
func finishTarget(r *targetRow, p *partnership.Partnership, year partnership.FinancialYear, rags []string) (string, []colProblem) {
	if !r.touched {
		return "", nil
	}
	t := r.target()
	if r.res.RAG == "" {
		switch {
		case r.res.Actual != nil || r.res.Commentary != "":
			return "", []colProblem{{"RAG", fmt.Sprintf("Choose a RAG rating (%s) for the actual or commentary given", strings.Join(rags, ", "))}}
		case r.had:
			return "", []colProblem{{"RAG", fmt.Sprintf("%s target %s: the register has a result for %s; give its RAG rating rather than clearing it", r.rev.Ref, t.ID, year)}}
		}
		return "", nil
	}
	r.res = normalizedResult(r.res)
	if old := resultFor(t, year); old != nil && sameResult(*old, r.res) {
		return "", nil
	}
	p.Targets = cloneOnce(p.Targets, r.rev.Partnership.Targets)
	results := slices.Clone(p.Targets[r.i].Results)
	j := slices.IndexFunc(results, func(x partnership.TargetResult) bool { return x.FinancialYear == year })
	if j < 0 {
		j, results = len(results), append(results, r.res)
	} else {
		results[j] = r.res
	}
	p.Targets[r.i].Results = results
	return fmt.Sprintf("targets[%d].results[%d]", r.i, j), nil
}

// cloneOnce is the copy's slice, cloned from the register's the first
// time the copy changes it.
func cloneOnce[T any](copied, original []T) []T {
	if len(copied) > 0 && len(original) > 0 && &copied[0] == &original[0] {
		return slices.Clone(original)
	}
	return copied
}

func sameResult(a, b partnership.TargetResult) bool {
	if (a.Actual == nil) != (b.Actual == nil) || (a.Actual != nil && *a.Actual != *b.Actual) {
		return false
	}
	return a.RAG == b.RAG && a.Commentary == b.Commentary
}

// reviewRow is the year's review of one type on the Reviews sheet, as the
// row holds it: the register's (or a blank self-assessment), then as a
// return sets it.
type reviewRow struct {
	rev     *partnership.Revision
	j       int // the review's index in the register, or -1
	v       partnership.Review
	touched bool
}

func reviewsSheet(year partnership.FinancialYear) *sheet[reviewRow] {
	overall, recs := wbLabels(partnership.OverallValues), wbLabels(partnership.RecommendationValues)
	s := &sheet[reviewRow]{name: SheetReviews, table: "ReviewsTable"}
	s.cols = []column[reviewRow]{
		{header: "Ref", width: 14, kind: kindText, value: func(r *reviewRow, _ int) any { return r.rev.Ref }},
		{header: "Partnership", width: 30, kind: kindWrap, value: func(r *reviewRow, _ int) any { return r.rev.Partnership.Name }},
		{header: "Financial year", width: 10, kind: kindText, value: func(*reviewRow, int) any { return string(year) }},
		{header: "Type", width: 16, kind: kindText, key: true, definition: defReviewType, value: func(r *reviewRow, _ int) any { return wbLabel(r.v.Type) }},
		{header: "Completed on", width: 12, kind: kindDate, editable: true, definition: defCompleted, field: "completed_on",
			value: func(r *reviewRow, _ int) any {
				if t, err := r.v.CompletedOn.Parse(); err == nil {
					return t
				}
				return nil
			},
			set: func(r *reviewRow, cell string) string {
				d, ok := parseDateCell(cell)
				if !ok {
					return fmt.Sprintf("%q is not a date", cell)
				}
				r.v.CompletedOn, r.touched = d, true
				return ""
			}},
		{header: "Assessor", width: 22, kind: kindWrap, editable: true, definition: defAssessor, field: "assessor", maxChars: partnership.MaxTextChars,
			value: func(r *reviewRow, _ int) any { return nonEmpty(r.v.Assessor) },
			set: func(r *reviewRow, cell string) string {
				r.v.Assessor, r.touched = blankAsEmpty(cell), true
				return ""
			}},
		{header: "Overall", width: 14, kind: kindText, editable: true, list: overall, definition: defOverall, field: "overall",
			value: func(r *reviewRow, _ int) any { return nonEmpty(wbLabel(r.v.Overall)) },
			set: func(r *reviewRow, cell string) string {
				v, ok := partnership.Overall(""), true
				if strings.TrimSpace(cell) != "" {
					v, ok = parseLabel(cell, partnership.OverallValues)
				}
				if !ok {
					return fmt.Sprintf("The overall rating %q is not one of %s", strings.TrimSpace(cell), strings.Join(overall, ", "))
				}
				r.v.Overall, r.touched = v, true
				return ""
			}},
		{header: "Recommendation", width: 20, kind: kindText, editable: true, list: recs, definition: defRecommendation, field: "recommendation",
			value: func(r *reviewRow, _ int) any { return nonEmpty(wbLabel(r.v.Recommendation)) },
			set: func(r *reviewRow, cell string) string {
				v, ok := partnership.Recommendation(""), true
				if strings.TrimSpace(cell) != "" {
					v, ok = parseLabel(cell, partnership.RecommendationValues)
				}
				if !ok {
					return fmt.Sprintf("The recommendation %q is not one of %s", strings.TrimSpace(cell), strings.Join(recs, ", "))
				}
				r.v.Recommendation, r.touched = v, true
				return ""
			}},
		{header: "Actions (one per line)", width: 44, kind: kindWrap, editable: true, definition: defActions, field: "actions",
			value: func(r *reviewRow, _ int) any { return nonEmpty(strings.Join(r.v.Actions, "\n")) },
			set: func(r *reviewRow, cell string) string {
				r.v.Actions, r.touched = actionLines(cell), true
				return ""
			}},
	}
	s.rows = func(rev *partnership.Revision, yield func(*reviewRow) error) error {
		return eachReviewRow(rev, year, yield)
	}
	s.finish = func(r *reviewRow, p *partnership.Partnership) (string, []colProblem) {
		return finishReview(r, p, year)
	}
	return s
}

// eachReviewRow hands yield the partnership's reviews for the year, or one
// blank self-assessment for officers to fill in when there is none.
func eachReviewRow(rev *partnership.Revision, year partnership.FinancialYear, yield func(*reviewRow) error) error {
	n := 0
	for j, v := range rev.Partnership.Reviews {
		if v.FinancialYear == year {
			n++
			if err := yield(&reviewRow{rev: rev, j: j, v: v}); err != nil {
				return err
			}
		}
	}
	if n > 0 {
		return nil
	}
	return yield(&reviewRow{rev: rev, j: -1, v: partnership.Review{FinancialYear: year, Type: partnership.ReviewTypeSelfAssessment}})
}

// finishReview checks a review row a return set and applies it to p. A
// blank row where the register has no review changes nothing.
func finishReview(r *reviewRow, p *partnership.Partnership, year partnership.FinancialYear) (string, []colProblem) {
	if !r.touched {
		return "", nil
	}
	r.v = normalizedReview(r.v)
	v := &r.v
	filled := v.CompletedOn != "" || v.Assessor != "" || v.Overall != "" || v.Recommendation != "" || len(v.Actions) > 0
	var problems []colProblem
	switch {
	case v.Overall == "" && r.j >= 0:
		problems = append(problems, colProblem{"Overall", fmt.Sprintf("%s: the register has a %s for %s; give its overall rating rather than clearing it",
			r.rev.Ref, strings.ToLower(wbLabel(v.Type)), year)})
	case v.Overall == "" && filled:
		problems = append(problems, colProblem{"Overall", "The overall rating is required once the review is filled in"})
	}
	if filled && v.CompletedOn == "" {
		problems = append(problems, colProblem{"Completed on", "The completion date is required once the review is filled in"})
	}
	if problems != nil || !filled || (r.j >= 0 && sameReview(r.rev.Partnership.Reviews[r.j], *v)) {
		return "", problems
	}
	p.Reviews = cloneOnce(p.Reviews, r.rev.Partnership.Reviews)
	j := r.j
	if j < 0 {
		j, p.Reviews = len(p.Reviews), append(p.Reviews, *v)
	} else {
		p.Reviews[j] = *v
	}
	return fmt.Sprintf("reviews[%d]", j), nil
}

func sameReview(a, b partnership.Review) bool {
	return a.CompletedOn == b.CompletedOn && a.Assessor == b.Assessor && a.Overall == b.Overall &&
		a.Recommendation == b.Recommendation && slices.Equal(a.Actions, b.Actions)
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

// blankAsEmpty keeps an officer's text as typed, but whitespace alone is
// nothing.
func blankAsEmpty(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s
}

// normalizedResult is an officer's result as the contract keeps text (see
// partnership.Normalize): in Unicode NFC, one-line values trimmed.
func normalizedResult(res partnership.TargetResult) partnership.TargetResult {
	p := partnership.Partnership{Targets: []partnership.Target{{Results: []partnership.TargetResult{res}}}}
	partnership.Normalize(&p)
	return p.Targets[0].Results[0]
}

// normalizedReview is an officer's review as the contract keeps text.
func normalizedReview(v partnership.Review) partnership.Review {
	v.Actions = slices.Clone(v.Actions) // the register's own are not rewritten
	p := partnership.Partnership{Reviews: []partnership.Review{v}}
	partnership.Normalize(&p)
	return p.Reviews[0]
}
