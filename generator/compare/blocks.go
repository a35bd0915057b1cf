package compare

import (
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
)

// signature is what two blocks must share to be the same block: kind, shape
// and text, not number (a renumbered paragraph is the same paragraph).
func signature(b *outline.Block) string {
	var s strings.Builder
	s.WriteString(strconv.Itoa(int(b.Kind)))
	s.WriteByte('|')
	s.WriteString(strconv.Itoa(b.Depth))
	if b.Ordered {
		s.WriteByte('o')
	}
	writeSpans(&s, b.Spans)
	for _, it := range b.Items {
		writeSpans(&s, it)
	}
	for _, c := range b.Header {
		writeSpans(&s, c)
	}
	for _, r := range b.Rows {
		for _, c := range r {
			writeSpans(&s, c)
		}
	}
	for _, c := range b.Children {
		s.WriteString(signature(c))
	}
	return s.String()
}

func writeSpans(s *strings.Builder, spans []outline.Span) {
	s.WriteByte('\x1f')
	for _, sp := range spans {
		s.WriteString(sp.Text)
		if sp.Bold {
			s.WriteByte('\x01')
		}
		if sp.Italic {
			s.WriteByte('\x02')
		}
		if sp.BR {
			s.WriteByte('\n')
		}
	}
}

// diffBlocks compares the blocks of a matched clause. Blocks are aligned by
// signature; between two blocks in common, a removed and an added block of
// the same kind are taken as one block changed and compared within.
func (d *differ) diffBlocks(old, new []*outline.Block) []Block {
	sigA, sigB := make([]string, len(old)), make([]string, len(new))
	for i, b := range old {
		sigA[i] = signature(b)
	}
	for i, b := range new {
		sigB[i] = signature(b)
	}
	var out []Block
	steps := d.align(sigA, sigB, false)
	for len(steps) > 0 {
		if steps[0].op == Equal {
			out = append(out, whole(new[steps[0].new], Unchanged))
			steps = steps[1:]
			continue
		}
		n := 1
		for n < len(steps) && steps[n].op != Equal {
			n++
		}
		out = d.pairRun(out, steps[:n], old, new)
		steps = steps[n:]
	}
	return out
}

// pairRun handles a run of removed and added blocks between two in common.
func (d *differ) pairRun(out []Block, run []step, old, new []*outline.Block) []Block {
	dels, adds := sides(run)
	pairs, paired := pairByKind(dels, adds, func(i int) outline.Kind { return old[i].Kind },
		func(j int) outline.Kind { return new[j].Kind })
	next := 0 // the next removed block not yet written
	for _, j := range adds {
		i, ok := pairs[j]
		if !ok {
			out = append(out, whole(new[j], Added))
			continue
		}
		for ; next < len(dels) && dels[next] < i; next++ {
			if !paired[dels[next]] {
				out = append(out, whole(old[dels[next]], Removed))
			}
		}
		out = append(out, d.changedBlock(old[i], new[j]))
	}
	for ; next < len(dels); next++ {
		if !paired[dels[next]] {
			out = append(out, whole(old[dels[next]], Removed))
		}
	}
	return out
}

func sides(run []step) (dels, adds []int) {
	for _, s := range run {
		if s.op == Deleted {
			dels = append(dels, s.old)
		} else {
			adds = append(adds, s.new)
		}
	}
	return dels, adds
}

// pairByKind pairs removed with added elements of the same kind, in order:
// pairs maps each paired added index to its removed one, and paired says
// which removed ones have a pair.
func pairByKind(dels, adds []int, oldKind, newKind func(int) outline.Kind) (pairs map[int]int, paired map[int]bool) {
	pairs, paired = map[int]int{}, map[int]bool{}
	from := 0
	for _, i := range dels {
		for k := from; k < len(adds); k++ {
			if newKind(adds[k]) == oldKind(i) {
				pairs[adds[k]], paired[i] = i, true
				from = k + 1
				break
			}
		}
	}
	return pairs, paired
}

// whole is a block all in one state.
func whole(b *outline.Block, c Change) Block {
	op := map[Change]Op{Unchanged: Equal, Added: Inserted, Removed: Deleted}[c]
	out := Block{Kind: b.Kind, Change: c, Number: b.Number, Depth: b.Depth, Ordered: b.Ordered}
	out.Text = mark(blockSpans(b), op)
	for _, it := range b.Items {
		out.Items = append(out.Items, Item{Change: c, Text: mark(it, op)})
	}
	if b.Kind == outline.Table {
		out.Table = wholeTable(b, c, op)
	}
	return out
}

// blockSpans is a block's own text; a signature box's children run
// together, a line break between each.
func blockSpans(b *outline.Block) []outline.Span {
	if b.Kind != outline.Quote {
		return b.Spans
	}
	var spans []outline.Span
	for _, c := range b.Children {
		if len(spans) > 0 {
			spans[len(spans)-1].BR = true
		}
		spans = append(spans, blockSpans(c)...)
	}
	return spans
}

// changedBlock compares two blocks of the same kind.
func (d *differ) changedBlock(old, new *outline.Block) Block {
	if new.Kind == outline.Table && !sameHeader(old, new) {
		// A table whose columns changed cannot be compared row by row.
		return Block{Kind: outline.Table, Change: Changed, Table: replacedTable(old, new)}
	}
	out := Block{Kind: new.Kind, Change: Changed, Number: new.Number, Depth: new.Depth, Ordered: new.Ordered}
	switch new.Kind {
	case outline.List:
		out.Items = d.diffItems(old.Items, new.Items)
	case outline.Table:
		out.Table = d.diffTable(old, new)
	default:
		out.Text = d.diffWords(blockSpans(old), blockSpans(new))
	}
	return out
}

// diffItems compares two lists item by item, like blocks.
func (d *differ) diffItems(old, new [][]outline.Span) []Item {
	sig := func(items [][]outline.Span) []string {
		out := make([]string, len(items))
		for i, it := range items {
			var s strings.Builder
			writeSpans(&s, it)
			out[i] = s.String()
		}
		return out
	}
	var out []Item
	steps := d.align(sig(old), sig(new), false)
	for len(steps) > 0 {
		if steps[0].op == Equal {
			out = append(out, Item{Text: same(new[steps[0].new])})
			steps = steps[1:]
			continue
		}
		n := 1
		for n < len(steps) && steps[n].op != Equal {
			n++
		}
		out = d.itemRun(out, steps[:n], old, new)
		steps = steps[n:]
	}
	return out
}

// itemRun pairs removed and added items in order: the first removed with
// the first added, and so on; the rest are removed or added whole.
func (d *differ) itemRun(out []Item, run []step, old, new [][]outline.Span) []Item {
	dels, adds := sides(run)
	k := 0
	for ; k < len(dels) && k < len(adds); k++ {
		out = append(out, Item{Change: Changed, Text: d.diffWords(old[dels[k]], new[adds[k]])})
	}
	for _, i := range dels[k:] {
		out = append(out, Item{Change: Removed, Text: mark(old[i], Deleted)})
	}
	for _, j := range adds[k:] {
		out = append(out, Item{Change: Added, Text: mark(new[j], Inserted)})
	}
	return out
}
