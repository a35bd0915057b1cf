package compare

import (
	"strconv"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// step is one step of an alignment of two sequences: an element of both
// (Equal, old and new set), of the older only (Deleted, new is -1) or of
// the newer only (Inserted, old is -1).
type step struct {
	op       Op
	old, new int
}

// differ aligns sequences of strings with diffmatchpatch, each distinct
// string standing for one rune, which is how go-diff is run over lines and
// here over words, blocks and keys. It has no time limit, so that the same
// input always gives the same alignment.
type differ struct {
	dmp   *diffmatchpatch.DiffMatchPatch
	runes map[string]rune
}

func newDiffer() *differ {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	return &differ{dmp: dmp, runes: map[string]rune{}}
}

// runeOf is the rune that stands for s: from the private use areas, never a
// surrogate, so that go-diff's strings of them survive a round trip.
func (d *differ) runeOf(s string) rune {
	if r, ok := d.runes[s]; ok {
		return r
	}
	n := rune(len(d.runes))
	r := 0xE000 + n
	if n >= 0x1900 {
		r = 0xF0000 + n - 0x1900
	}
	d.runes[s] = r
	return r
}

func (d *differ) encode(keys []string) []rune {
	out := make([]rune, len(keys))
	for i, k := range keys {
		out[i] = d.runeOf(k)
	}
	return out
}

// align returns the steps that turn old into new; semantic cleanup merges
// short runs of sameness between changes, so that a rewritten sentence
// reads as one deletion and one insertion rather than confetti.
func (d *differ) align(old, new []string, semantic bool) []step {
	diffs := d.dmp.DiffMainRunes(d.encode(old), d.encode(new), false)
	if semantic {
		diffs = d.dmp.DiffCleanupSemantic(diffs)
	}
	var steps []step
	i, j := 0, 0
	for _, df := range diffs {
		n := len([]rune(df.Text))
		for range n {
			switch df.Type {
			case diffmatchpatch.DiffEqual:
				steps = append(steps, step{Equal, i, j})
				i, j = i+1, j+1
			case diffmatchpatch.DiffDelete:
				steps = append(steps, step{Deleted, i, -1})
				i++
			case diffmatchpatch.DiffInsert:
				steps = append(steps, step{Inserted, -1, j})
				j++
			}
		}
	}
	return steps
}

// matched is a pairing of two keyed sequences: pairs in the newer order,
// with the older-only elements where they stood. Elements with the same key
// are paired wherever they stand; moved marks a pair outside the longest
// run in common.
type matched struct {
	old, new int
	moved    bool
}

// matchKeys pairs elements by key. A key repeated within one sequence is
// told apart by its occurrence ("k", "k#2", ...).
func (d *differ) matchKeys(old, new []string) []matched {
	old, new = occurrences(old), occurrences(new)
	inOld, inNew := indexOf(old), indexOf(new)
	var out []matched
	for _, s := range d.align(old, new, false) {
		switch s.op {
		case Equal:
			out = append(out, matched{s.old, s.new, false})
		case Deleted:
			if _, ok := inNew[old[s.old]]; !ok {
				out = append(out, matched{s.old, -1, false})
			}
		case Inserted:
			if i, ok := inOld[new[s.new]]; ok {
				out = append(out, matched{i, s.new, true})
			} else {
				out = append(out, matched{-1, s.new, false})
			}
		}
	}
	return out
}

func occurrences(keys []string) []string {
	seen := make(map[string]int, len(keys))
	out := make([]string, len(keys))
	for i, k := range keys {
		seen[k]++
		out[i] = k
		if n := seen[k]; n > 1 {
			out[i] = k + "#" + strconv.Itoa(n)
		}
	}
	return out
}

func indexOf(keys []string) map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}
