package workbook

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// syntheticRegister makes n partnerships, each with 5 targets, 8 risks and
// 3 representatives, with a result for the year on most targets.
func syntheticRegister(n int) []partnership.Revision {
	areas := []string{"Adults", "Children", "Place", "Public Health", "Resources", "Communities"}
	revs := make([]partnership.Revision, n)
	for i := range revs {
		p := partnership.Partnership{Ref: fmt.Sprintf("PP-%05d", i), Name: fmt.Sprintf("Partnership number %d for the county", i),
			Purpose: "Joint delivery.", ServiceArea: areas[i%len(areas)], Status: partnership.StatusValues[i%len(partnership.StatusValues)],
			LegalInstrument: partnership.LegalInstrumentMou, CouncilRole: partnership.CouncilRoleMember,
			SponsoringOfficer: &partnership.SponsoringOfficer{Name: "Head of Service " + fmt.Sprint(i%50), Post: "Head of Service"},
			Dates:             &partnership.Dates{Start: "2024-04-01", End: "2028-03-31", NextReview: "2027-01-15"},
			Contributions:     []partnership.Contribution{{Partner: "council", FinancialYear: testYear, Type: partnership.ContributionTypeCash, AmountPence: 1234567}}}
		for j := range 5 {
			actual := float64(i + j)
			p.Targets = append(p.Targets, partnership.Target{ID: fmt.Sprintf("T%d", j+1), Outcome: "Outcome of the partnership, described at some length",
				Indicator: "Indicator", Unit: "%", Polarity: partnership.PolarityHigherIsBetter, Baseline: float64(j), Target: float64(j + 10),
				Results: []partnership.TargetResult{{FinancialYear: testYear, Actual: &actual, RAG: partnership.RAGValues[(i+j)%4], Commentary: "On track so far."}}})
		}
		for j := range 8 {
			p.Risks = append(p.Risks, partnership.Risk{ID: fmt.Sprintf("R%d", j+1), Description: "A risk to the council described in a sentence.",
				Category: partnership.RiskCategoryOperational, Phase: partnership.RiskPhaseInLife, Likelihood: 1 + j%5, Impact: 1 + (i+j)%5,
				Mitigation: "Mitigation in a sentence.", Owner: "Risk owner"})
		}
		for j := range 3 {
			p.Representatives = append(p.Representatives, partnership.Representative{Name: fmt.Sprintf("Representative %d", j),
				Kind: partnership.RepresentativeKindOfficer, Role: partnership.RepresentativeRoleMember, Post: "Officer"})
		}
		revs[i] = partnership.Revision{Ref: p.Ref, Number: 1 + i%3, Partnership: p,
			Assessment: partnership.Assessment{Classification: partnership.ClassPartnership, Significant: i%3 == 0}}
	}
	return revs
}

func BenchmarkWorkbook10k(b *testing.B) {
	revs := syntheticRegister(10000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Workbook(io.Discard, testYear, revs, partnership.DefaultCouncil(), testAt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadReturn10k(b *testing.B) {
	revs := syntheticRegister(10000)
	var buf bytes.Buffer
	if err := Workbook(&buf, testYear, revs, partnership.DefaultCouncil(), testAt); err != nil {
		b.Fatal(err)
	}
	data, cur := buf.Bytes(), currentOf(revs)
	for b.Loop() {
		changes, problems, err := ReadReturn(bytes.NewReader(data), int64(len(data)), testYear, cur)
		if err != nil || len(problems) > 0 || len(changes) > 0 {
			b.Fatalf("%v, %d problems, %d changes", err, len(problems), len(changes))
		}
	}
	// After the loop, which resets any metric reported before it.
	b.ReportMetric(float64(len(data))/(1<<20), "MiB/file")
}

// BenchmarkWorkbook10kPeakRSS reports the peak resident memory (VmHWM from
// /proc/self/status) of a process that makes the 10,000 partnership
// workbook, once per iteration. The peak is the process's high-water mark,
// so the figure is meaningful only when this benchmark runs alone, as a
// fresh process, for one iteration:
//
//	go test ./generator -run '^$' -bench Workbook10kPeakRSS -benchtime 1x
//
// It reports and never fails: there is no threshold here.
func BenchmarkWorkbook10kPeakRSS(b *testing.B) {
	revs := syntheticRegister(10000)
	before := vmHWM(b)
	for b.Loop() {
		if err := Workbook(io.Discard, testYear, revs, partnership.DefaultCouncil(), testAt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(vmHWM(b))/1024, "peak-RSS-MiB")
	b.ReportMetric(float64(before)/1024, "before-RSS-MiB")
}

// vmHWM returns the process's peak resident set size in KiB.
func vmHWM(b *testing.B) int64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	defer fh.Close()
	s := bufio.NewScanner(fh)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb
		}
	}
	b.Skip("no VmHWM")
	return 0
}

// BenchmarkReturnCellBomb reports the memory of refusing a return whose
// one cell unzips to 480 MB (about 470 KB zipped): the resident set before
// reading it (after building it and a GC) and its peak while reading it
// (VmHWM, reset first through /proc/self/clear_refs). Issue 9's target is a
// peak at most 100 MiB above the level before. Run it alone:
//
//	go test ./generator/workbook -run '^$' -bench ReturnCellBomb -benchtime 1x
func BenchmarkReturnCellBomb(b *testing.B) {
	revs := sampleRevisions(b)
	data, cell := cellBomb(b, revs, bombBytes)
	runtime.GC()
	debug.FreeOSMemory()
	idle := vmField(b, "VmRSS:")
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skipf("cannot reset the peak: %v", err)
	}
	for b.Loop() {
		_, problems, err := ReadReturn(bytes.NewReader(data), int64(len(data)), testYear, currentOf(revs))
		if err != nil || !hasProblemAt(problems, SheetTargets, cell, "longer than a cell can hold") {
			b.Fatalf("the bomb: %v, problems %v", err, problems)
		}
	}
	peak := vmField(b, "VmHWM:")
	b.ReportMetric(float64(len(data))/1024, "KiB-zipped")
	b.ReportMetric(float64(idle)/1024, "idle-RSS-MiB")
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MiB")
	b.ReportMetric(float64(peak-idle)/1024, "above-idle-MiB")
}

// vmField returns a size from /proc/self/status in KiB.
func vmField(b *testing.B, field string) int64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	defer fh.Close()
	s := bufio.NewScanner(fh)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), field); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb
		}
	}
	b.Skip("no " + field)
	return 0
}

// BenchmarkReviseReturn10k reads a return of 10,000 partnerships in which
// every target's result differs from the register (the register's copy
// has none), and compares it with each current revision as ImportReturn
// does: every row set, every partnership validated.
func BenchmarkReviseReturn10k(b *testing.B) {
	revs := syntheticRegister(10000)
	var buf bytes.Buffer
	if err := Workbook(&buf, testYear, revs, partnership.DefaultCouncil(), testAt); err != nil {
		b.Fatal(err)
	}
	for i := range revs {
		p := &revs[i].Partnership
		p.Targets = slices.Clone(p.Targets)
		for j := range p.Targets {
			p.Targets[j].Results = nil
		}
	}
	data := buf.Bytes()
	for b.Loop() {
		rt, err := OpenReturn(bytes.NewReader(data), int64(len(data)), testYear)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for i := range revs {
			if rt.Revise(&revs[i]) != nil {
				n++
			}
		}
		if problems := rt.Problems(); len(problems) > 0 || n != len(revs) {
			b.Fatalf("%d changes, problems %v", n, problems[:min(len(problems), 5)])
		}
	}
}
