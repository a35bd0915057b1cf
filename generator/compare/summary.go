package compare

// summarise counts what changed, clause by clause and table by table.
func summarise(sections []Section) Summary {
	var s Summary
	for _, sec := range sections {
		ref := sec.ref()
		switch sec.Change {
		case Added:
			s.Added = append(s.Added, ref)
		case Removed:
			s.Removed = append(s.Removed, ref)
		case Changed:
			s.Changed = append(s.Changed, ref)
		}
		switch {
		case sec.Moved:
			s.Moved = append(s.Moved, ref)
		case sec.Change == Changed || sec.Change == Unchanged:
			if sec.OldNumber != sec.NewNumber {
				s.Renumbered = append(s.Renumbered, ref)
			}
		}
		s.Tables = append(s.Tables, tableCounts(sec, ref)...)
	}
	return s
}

// ref names a section in the summary by its newer number and text, or its
// older when it was removed.
func (sec Section) ref() ClauseRef {
	r := ClauseRef{ID: sec.ID, Number: sec.NewNumber, OldNumber: sec.OldNumber}
	if sec.Change == Removed {
		r.Number = sec.OldNumber
	}
	op := Inserted
	if sec.Change == Removed {
		op = Deleted
	}
	for _, p := range sec.Title {
		if p.Op == Equal || p.Op == op {
			r.Title += p.Text
		}
	}
	if sec.Title == nil {
		r.Title = "Opening"
	}
	return r
}

// tableCounts counts the changed rows of the tables in a matched section.
func tableCounts(sec Section, ref ClauseRef) []TableCount {
	if sec.Change != Changed {
		return nil
	}
	var out []TableCount
	for _, b := range sec.Blocks {
		if b.Table == nil || b.Change != Changed {
			continue
		}
		tc := TableCount{Clause: ref}
		for _, r := range b.Table.Rows {
			switch r.Change {
			case Added:
				tc.Added++
			case Removed:
				tc.Removed++
			case Changed:
				tc.Changed++
			}
		}
		out = append(out, tc)
	}
	if len(out) > 1 {
		for i := range out {
			out[i].Nth, out[i].Of = i+1, len(out)
		}
	}
	return out
}
