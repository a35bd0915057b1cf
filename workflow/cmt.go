package workflow

import (
	"context"
	"fmt"
	"io"

	"partnerdocs/generator/workbook"
	"partnerdocs/partnership"
)

// MaxReturnBytes is the largest CMT return accepted, by every front end:
// see workbook.MaxReturnBytes for the figure it rests on.
const MaxReturnBytes = workbook.MaxReturnBytes

// CMTWorkbook writes the annual CMT workbook for year to w, streamed from
// the register's current revisions as it is written. It returns how many
// partnerships it holds.
func (s *Service) CMTWorkbook(ctx context.Context, actor partnership.Actor, year partnership.FinancialYear, w io.Writer) (int, error) {
	reg, err := s.authorized(actor, ActionCMTWorkbook)
	if err != nil {
		return 0, err
	}
	n := 0
	revs := func(yield func(*partnership.Revision) error) error {
		return reg.EachCurrentRevision(ctx, func(r *partnership.Revision) error {
			n++
			return yield(r)
		})
	}
	err = workbook.WorkbookFrom(w, year, revs, s.gen.Council(), s.now())
	return n, err
}

// ReturnedRevision is one partnership a CMT return changed: its new
// revision.
type ReturnedRevision struct {
	Ref      string `json:"ref"`
	Revision int    `json:"revision"`
}

// ImportReturn takes the annual workbook back with officers' entries:
// every cell is checked against the register's current revisions, every
// revision it would make is validated under the contract and assessed, and
// all are stored, or none. Problems in cells come back together as one
// EInvalid error, each named Sheet!Cell; a partnership changed since the
// workbook was made is EStale.
//
// The register is read twice, one revision at a time, never held: once on
// a snapshot to check the return and learn which partnerships it changes,
// then in the write transaction, where each changed partnership is made
// again from its current revision (the same, or the batch is stale) and
// stored. Only the return's compact rows are held throughout.
func (s *Service) ImportReturn(ctx context.Context, actor partnership.Actor, year partnership.FinancialYear, r io.ReaderAt, size int64) ([]ReturnedRevision, error) {
	reg, err := s.authorized(actor, ActionCMTReturn)
	if err != nil {
		return nil, err
	}
	rt, err := workbook.OpenReturn(r, size, year)
	if err != nil {
		return nil, err
	}
	bases := map[string]int{}
	err = reg.EachCurrentRevision(ctx, func(cur *partnership.Revision) error {
		if ch := rt.Revise(cur); ch != nil {
			bases[ch.Ref] = ch.Base
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if problems := rt.Problems(); len(problems) > 0 {
		return nil, returnProblems(problems)
	}
	now := s.now()
	stored, err := reg.ReviseEach(ctx, bases, func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
		ch := rt.Apply(cur) // the revision Revise checked: ReviseEach refuses any other
		if ch == nil {
			return nil, partnership.Assessment{}, fmt.Errorf("workflow: the return no longer changes %s", cur.Ref)
		}
		return ch.Partnership, s.assess(ch.Partnership, now), nil
	}, actor)
	if err != nil {
		return nil, err
	}
	out := make([]ReturnedRevision, len(stored))
	for i, rev := range stored {
		out[i] = ReturnedRevision{Ref: rev.Ref, Revision: rev.Number}
	}
	return out, nil
}

// returnProblems is the error for a return with problems in its cells,
// each named Sheet!Cell as Excel writes a reference, and by sheet and cell.
func returnProblems(problems []workbook.CellProblem) error {
	out := make([]partnership.Problem, len(problems))
	for i, p := range problems {
		out[i] = partnership.Problem{Path: p.Path(), Sheet: p.Sheet, Cell: p.Cell, Message: p.Message}
	}
	noun := "problems"
	if len(out) == 1 {
		noun = "problem"
	}
	return &partnership.Error{Code: partnership.EInvalid, Message: fmt.Sprintf(
		"The return has %d %s; nothing was applied. Correct the cells and send it again.", len(out), noun), Problems: out}
}
