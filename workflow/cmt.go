package workflow

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

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
// The register is read once, in the write transaction, a page at a time,
// never held whole: each partnership's current revision is compared with
// the return's rows (several partnerships at once, on every core), and the
// revision it makes is stored. A problem or a stale partnership found
// anywhere rolls it all back; from the first one on, nothing more is
// written, but every cell is still checked, so the answer lists them all.
// Only the return's compact rows are held throughout.
func (s *Service) ImportReturn(ctx context.Context, actor partnership.Actor, year partnership.FinancialYear, r io.ReaderAt, size int64) ([]ReturnedRevision, error) {
	reg, err := s.authorized(actor, ActionCMTReturn)
	if err != nil {
		return nil, err
	}
	rt, err := workbook.OpenReturn(r, size, year)
	if err != nil {
		return nil, err
	}
	now, stale := s.now(), &staleParts{}
	revise := func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
		ch := rt.Revise(cur)
		switch {
		case ch == nil:
			return nil, partnership.Assessment{}, nil
		case ch.Base != cur.Number:
			stale.add(cur.Ref, cur.Number, ch.Base)
			return nil, partnership.Assessment{}, nil
		case rt.HasProblems() || stale.any(): // refused whatever follows
			return nil, partnership.Assessment{}, nil
		}
		return ch.Partnership, s.assess(ch.Partnership, now), nil
	}
	done := func() error {
		if problems := rt.Problems(); len(problems) > 0 {
			return returnProblems(problems)
		}
		return stale.err()
	}
	stored, err := reg.ReviseAll(ctx, revise, done, actor)
	if err != nil {
		return nil, err
	}
	out := make([]ReturnedRevision, len(stored))
	for i, rev := range stored {
		out[i] = ReturnedRevision{Ref: rev.Ref, Revision: rev.Number}
	}
	return out, nil
}

// staleParts are the partnerships a return would change that have been
// revised since its workbook was made, each as "partnership REF is at
// revision N, not M".
type staleParts struct {
	mu  sync.Mutex // the return is checked on several goroutines
	all []string
}

// staleNamed bounds how many stale partnerships the answer names.
const staleNamed = 5

func (st *staleParts) add(ref string, current, base int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.all = append(st.all, fmt.Sprintf("partnership %s is at revision %d, not %d", ref, current, base))
}

func (st *staleParts) any() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.all) > 0
}

// err is EStale naming the first stale partnerships by ref, or nil; the
// checking is over.
func (st *staleParts) err() error {
	if len(st.all) == 0 {
		return nil
	}
	slices.Sort(st.all)
	msg := strings.Join(st.all[:min(len(st.all), staleNamed)], "; ")
	if n := len(st.all) - staleNamed; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return partnership.NewError(partnership.EStale, msg+
		"; nothing was applied: download the workbook again and make the changes in it")
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
