package workbook

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The Definitions sheet explains every sheet, column and rating of the
// workbook, from the Partnership Protocol (sections in brackets). A
// column's meaning lives in its column table (see columns.go) and is
// listed from there; what is said of a sheet as a whole is here.

// What each column means, given to its column in the tables.
const (
	defStatus         = "Where the partnership is in its life: proposed, evaluating, approved, active, under review, exiting, closed, rejected or withdrawn."
	defSignificance   = "Significant (§3(a)) when it meets one of the three criteria, or the evaluating officer overrode the suggestion with a justification; significant partnerships are approved by the CMT (§5(b))."
	defClassification = "What §3 makes of the arrangement: a partnership, or an excluded contract for services, forum or hybrid (still recorded), or undetermined."
	defRoute          = "CMT for significant partnerships; Delegated to the Assistant Chief Executive or a Director otherwise; None when not a partnership (§5(b))."
	defAgreement      = "Y when the legal instrument is terms of reference, an MoU (wholly or partly binding), a binding agreement, a joint committee, an incorporated entity, an s75 agreement or a grant agreement (§4(a)); N when none is recorded, or it is informal, a forum or a contract for services."
	defComms          = "Y when a Partnership Communications Agreement is recorded (§4(g))."
	defISP            = "Y when an Information Sharing Protocol is required and recorded, or it is waived with a reason (§4(e)); N when neither."
	defExit           = "Y when an exit strategy is written down (§4(f))."
	defRisk           = "Y when at least one risk is recorded in the partnership's risk register (§4(b))."
	defSponsor        = "Y when a sponsoring officer is named (§4(c))."
	defCouncilMoney   = "The council's contributions recorded for the financial year, in pounds (the register holds pence) (§4(d))."
	defPartnerMoney   = "The other partners' contributions recorded for the financial year, in pounds (§4(d))."
	defTotalMoney     = "All contributions recorded for the financial year, in pounds (§4(d))."
	defBlockers       = "Findings of the protocol's assessment that stop approval."
	defRevision       = "The register revision the row was taken from; a return is checked against the register as it is when it comes back."
	defBaseline       = "From the register; read-only."
	defTarget         = "From the register; read-only."
	defActual         = "Filled in by the officer representative: a number in the target's unit, or blank when there is no data."
	defRAG            = "Filled in by the officer: Green (on track or met), Amber (at risk), Red (off track), No data. Required when an actual or commentary is given. Written as a word; the colour only repeats it."
	defCommentary     = "The officer's explanation of the result (§5(b)), at most 20,000 characters."
	defLikelihood     = "Scored 1 (lowest) to 5 (highest) (§4(b))."
	defImpact         = "Scored 1 (lowest) to 5 (highest) (§4(b))."
	defScore          = "Likelihood × Impact (1 to 25)."
	defRating         = "High for a score of 15 or more, Medium 6 to 12, Low 5 or less."
	defRepKind        = "Councillors and officers who represent the council (§4(a), §4(c)), and the sponsoring officer."
	defRepRole        = "Member or substitute (§4(c)); Sponsor for the sponsoring officer."
	defConsent        = "A representative who also represents another organisation needs the Chief Executive's consent (officers) or the Leader's with the Chief Executive (councillors)."
	defReviewType     = "Self-assessment by the partnership, or council review (§5(b)). One blank self-assessment row is given for each partnership with no review recorded for the year."
	defCompleted      = "Filled in by the officer: the date the review was completed. Required, with Overall, once any cell of the row is filled in."
	defAssessor       = "Filled in by the officer: who carried the review out."
	defOverall        = "Substantial, Reasonable, Limited, Weak, or Not assessed."
	defRecommendation = "Continue, Continue with actions, Reduce, or Exit."
	defActions        = "Actions agreed, one per line."
)

// sheetDefinitions are what is said of a sheet, or all of them, rather
// than of one column.
var sheetDefinitions = [][3]string{
	{"Dashboard", "Counts", "Live formulas over the Register and Targets sheets; they change as officers fill in the Targets sheet. Compliance gaps, overdue reviews and partnerships ending soon count only partnerships that are not closed, rejected or withdrawn."},
	{"Dashboard", "Reviews overdue", "The next review date (§4(f), §5(b)) is before the as-at date, the day the workbook was made. A review due later in the year is not yet overdue."},
	{"Dashboard", "Ending within 12 months", "The end date is on or after the as-at date and no more than 12 months after it."},
	{"Dashboard", "Added / closed in the year", "Added: the start date falls in the financial year (1 April to 31 March). Closed: the status is Closed and the end date falls in the year."},
}

// afterColumns are said of every sheet, after the columns.
var afterColumns = [][3]string{
	{"All sheets", "Editing", "Only the shaded cells (officer columns) are unlocked. Sheets are protected without a password; on return every read-only cell is compared with the register and any change is reported."},
	{"All sheets", "Text too long for a cell", "A text longer than a cell holds (32,767 characters), or with a character a workbook cannot hold, is shown in part with a note and locked, even in an officer column: change it in the register (through the API or the forms), not in the workbook. Returned as it is, it changes nothing."},
}

// definitionRows is the Definitions sheet's rows, the columns' own from
// their tables.
func (wb *workbookData) definitionRows() [][3]string {
	rows := append([][3]string{{"Sheet", "Column", "Meaning"}}, sheetDefinitions...)
	for _, s := range wb.sheets() {
		for _, c := range s.cols {
			if c.definition != "" {
				rows = append(rows, [3]string{s.name, c.header, c.definition})
			}
		}
	}
	return append(rows, afterColumns...)
}

func (wb *workbookData) writeDefinitions(f *excelize.File) error {
	if _, err := f.NewSheet(SheetDefinitions); err != nil {
		return err
	}
	rows := wb.definitionRows()
	for i, d := range rows {
		for j, s := range d {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(SheetDefinitions, cell, s); err != nil {
				return err
			}
		}
	}
	last := strconv.Itoa(len(rows))
	for _, step := range []func() error{
		func() error { return f.SetColWidth(SheetDefinitions, "A", "A", 16) },
		func() error { return f.SetColWidth(SheetDefinitions, "B", "B", 26) },
		func() error { return f.SetColWidth(SheetDefinitions, "C", "C", 100) },
		func() error { return f.SetCellStyle(SheetDefinitions, "A2", "C"+last, wb.st.locked[kindWrap]) },
		func() error {
			return f.AddTable(SheetDefinitions, &excelize.Table{Range: "A1:C" + last, Name: "DefinitionsTable", StyleName: "TableStyleLight9"})
		},
		func() error {
			return f.SetPanes(SheetDefinitions, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		},
		func() error { return wb.protectAndPrint(f, SheetDefinitions, true) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
