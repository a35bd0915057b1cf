package workbook

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// definitions explain every sheet, column and rating of the workbook, from
// the Partnership Protocol (sections in brackets).
var definitions = [][3]string{
	{"Dashboard", "Counts", "Live formulas over the Register and Targets sheets; they change as officers fill in the Targets sheet. Compliance gaps, overdue reviews and partnerships ending soon count only partnerships that are not closed, rejected or withdrawn."},
	{"Dashboard", "Reviews overdue", "The next review date (§4(f), §5(b)) is before the as-at date, the day the workbook was made. A review due later in the year is not yet overdue."},
	{"Dashboard", "Ending within 12 months", "The end date is on or after the as-at date and no more than 12 months after it."},
	{"Dashboard", "Added / closed in the year", "Added: the start date falls in the financial year (1 April to 31 March). Closed: the status is Closed and the end date falls in the year."},
	{"Register", "Status", "Where the partnership is in its life: proposed, evaluating, approved, active, under review, exiting, closed, rejected or withdrawn."},
	{"Register", "Significance", "Significant (§3(a)) when it meets one of the three criteria, or the evaluating officer overrode the suggestion with a justification; significant partnerships are approved by the CMT (§5(b))."},
	{"Register", "Classification", "What §3 makes of the arrangement: a partnership, or an excluded contract for services, forum or hybrid (still recorded), or undetermined."},
	{"Register", "Approval route", "CMT for significant partnerships; Delegated to the Assistant Chief Executive or a Director otherwise; None when not a partnership (§5(b))."},
	{"Register", "Agreement", "Y when the legal instrument is terms of reference, an MoU (wholly or partly binding), a binding agreement, a joint committee, an incorporated entity, an s75 agreement or a grant agreement (§4(a)); N when none is recorded, or it is informal, a forum or a contract for services."},
	{"Register", "Communications agreement", "Y when a Partnership Communications Agreement is recorded (§4(g))."},
	{"Register", "ISP or waiver", "Y when an Information Sharing Protocol is required and recorded, or it is waived with a reason (§4(e)); N when neither."},
	{"Register", "Exit strategy", "Y when an exit strategy is written down (§4(f))."},
	{"Register", "Risk assessment", "Y when at least one risk is recorded in the partnership's risk register (§4(b))."},
	{"Register", "Has sponsoring officer", "Y when a sponsoring officer is named (§4(c))."},
	{"Register", "Contributions £", "Contributions recorded for the financial year, in pounds (the register holds pence): the council's, the other partners', and the total (§4(d))."},
	{"Register", "Blockers", "Findings of the protocol's assessment that stop approval."},
	{"Register", "Revision", "The register revision the row was taken from; a return is checked against the register as it is when it comes back."},
	{"Targets", "Baseline, Target", "From the register; read-only."},
	{"Targets", "Actual", "Filled in by the officer representative: a number in the target's unit, or blank when there is no data."},
	{"Targets", "RAG", "Filled in by the officer: Green (on track or met), Amber (at risk), Red (off track), No data. Required when an actual or commentary is given. Written as a word; the colour only repeats it."},
	{"Targets", "Commentary", "The officer's explanation of the result (§5(b))."},
	{"Risks", "Likelihood, Impact", "Each scored 1 (lowest) to 5 (highest) (§4(b))."},
	{"Risks", "Score, Rating", "Score = Likelihood × Impact (1 to 25). Rating: High 15 or more, Medium 6 to 12, Low 5 or less."},
	{"Representation", "Kind, Role", "Councillors and officers who represent the council, members and substitutes (§4(a), §4(c)), and the sponsoring officer."},
	{"Representation", "Consent needed", "A representative who also represents another organisation needs the Chief Executive's consent (officers) or the Leader's with the Chief Executive (councillors)."},
	{"Reviews", "Type", "Self-assessment by the partnership, or council review (§5(b)). One blank self-assessment row is given for each partnership with no review recorded for the year."},
	{"Reviews", "Completed on, Assessor", "Filled in by the officer: the date the review was completed (a date) and who carried it out. Completed on and Overall are required once any cell of the row is filled in."},
	{"Reviews", "Overall", "Substantial, Reasonable, Limited, Weak, or Not assessed."},
	{"Reviews", "Recommendation", "Continue, Continue with actions, Reduce, or Exit."},
	{"Reviews", "Actions", "Actions agreed, one per line."},
	{"All sheets", "Editing", "Only the shaded cells (officer columns) are unlocked. Sheets are protected without a password; on return every read-only cell is compared with the register and any change is reported."},
}

func (wb *workbookData) writeDefinitions(f *excelize.File) error {
	if _, err := f.NewSheet(SheetDefinitions); err != nil {
		return err
	}
	rows := append([][3]string{{"Sheet", "Column", "Meaning"}}, definitions...)
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
