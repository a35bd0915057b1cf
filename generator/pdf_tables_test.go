package generator

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// registerAlliance is the 25-partner health alliance with the risk register
// that broke the PDF's columns (issue 13): references R1 to R12, headers
// the old columns split ("Likelihoo d", "Impac t", "Scor e"), long words
// ("Disproportionately", "Northamptonshire-wide", "counter-radicalisation",
// "Partnership Board", "safeguarding") and Greek surnames.
func registerAlliance(t testing.TB) *partnership.Partnership {
	t.Helper()
	p := loadSample(t, longestSample)
	type risk struct{ description, mitigation, owner string }
	risks := []risk{
		{"Partnership Board members from twenty-five organisations cannot agree priorities, so decision-making stalls.",
			"Terms of reference for the Partnership Board; delegated decisions; Northamptonshire-wide timetable.",
			"Dr Αικατερίνη Παπαδημητροπούλου, Director of Public Health"},
		{"Safeguarding referrals are delayed because responsibilities are misunderstood.",
			"Safeguarding pathway agreed with the Northamptonshire Safeguarding Adults Board; multi-agency training.",
			"Head of Safeguarding, Northamptonshire Healthcare NHS Foundation Trust"},
		{"Disproportionately high administrative costs fall on voluntary organisations.",
			"Proportionate monitoring; interoperability of reporting systems; full cost recovery.",
			"Alliance Programme Manager"},
		{"Counter-radicalisation duties are overlooked in commissioning.",
			"Prevent duty training; safeguarding leads consulted on every specification.",
			"Community Safety Partnership Manager"},
		{"Information-sharing agreements are incompatible between organisations.",
			"Single Information Sharing Protocol; memorandum of understanding on interoperability.",
			"Γεώργιος Χατζηδημητρίου, Data Protection Officer"},
	}
	categories := []partnership.RiskCategory{
		partnership.RiskCategoryStrategic, partnership.RiskCategoryInformationGovernance, partnership.RiskCategoryFinancial,
		partnership.RiskCategorySafeguarding, partnership.RiskCategoryEquality, partnership.RiskCategoryOperational,
		partnership.RiskCategoryReputational, partnership.RiskCategoryHealthAndSafety, partnership.RiskCategoryLegal,
	}
	p.Risks = nil
	for i := range 12 {
		r := risks[i%len(risks)]
		p.Risks = append(p.Risks, partnership.Risk{
			ID: fmt.Sprintf("R%d", i+1), Description: r.description, Mitigation: r.mitigation, Owner: r.owner,
			Category: categories[i%len(categories)], Phase: partnership.RiskPhaseInLife,
			Likelihood: 1 + i%5, Impact: 5 - (i*2)%5,
		})
	}
	return p
}

// tableBlock is the first table of o whose header row is header.
func tableBlock(t *testing.T, o *outline.Outline, header string) *outline.Block {
	t.Helper()
	for _, b := range o.Blocks {
		if b.Kind == outline.Table && rowText(b.Header) == header {
			return b
		}
	}
	t.Fatalf("no table headed %q", header)
	return nil
}

func rowText(cells [][]outline.Span) string {
	var s []string
	for _, c := range cells {
		s = append(s, outline.Text(c))
	}
	return strings.Join(s, " ")
}

// bodyWords is a page's words inside the margins, without its running
// header and footer.
func bodyWords(page []pdftest.Word) []pdftest.Word {
	const top, bottom = 24.0 * 72 / 25.4, (297 - 22.0) * 72 / 25.4
	var out []pdftest.Word
	for _, w := range page {
		if w.YMin > top-2 && w.YMax < bottom+2 {
			out = append(out, w)
		}
	}
	return out
}

// joined is the words of a page with each that ends in a hyphen joined to
// the word starting the next line below it (pdftotext -bbox gives words
// in no reliable order): with its hyphen when the input has the word so (a
// compound broken after its own hyphen), without it when the hyphen was
// added, and then the word is also in added.
func joined(words []pdftest.Word, input map[string]int) (out []string, added []string) {
	used := make([]bool, len(words))
	known := func(s string) bool { return input[s] > 0 || isPrefixOfInput(s, input) }
	for i, w := range words {
		if used[i] {
			continue
		}
		text, cur, hyphenated := w.Text, w, false
		for strings.HasSuffix(text, "-") && input[text] == 0 {
			j := slices.IndexFunc(words, func(n pdftest.Word) bool {
				return math.Abs(n.XMin-cur.XMin) < 1 && n.YMin > cur.YMin+1 && n.YMin < cur.YMin+16
			})
			if j < 0 || used[j] {
				break
			}
			next := words[j].Text
			switch {
			case known(text + next):
				text += next
			case known(strings.TrimSuffix(text, "-") + next):
				text, hyphenated = strings.TrimSuffix(text, "-")+next, true
			default:
				j = -1
			}
			if j < 0 {
				break
			}
			used[j], cur = true, words[j]
		}
		out = append(out, text)
		if hyphenated {
			added = append(added, text)
		}
	}
	return out, added
}

func isPrefixOfInput(s string, input map[string]int) bool {
	for w := range input {
		if len(w) > len(s) && strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// The risk register that broke the old columns prints every word whole:
// the register's pages hold exactly the words of its heading, lead-in,
// header rows and cells, none split, none hyphenated (each fits its
// column), and the numbers stand right-aligned under their headers.
func TestPDFRiskRegisterKeepsWordsWhole(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	g := newTestGenerator(t)
	p := registerAlliance(t)
	meta, _ := g.templates.Meta("agreement")
	o, err := g.outline(t.Context(), p, g.Assess(p, genTime), meta, genTime, true)
	if err != nil {
		t.Fatal(err)
	}
	const header = "Ref Risk Category Likelihood Impact Score Mitigation Owner"
	table := tableBlock(t, o, header)
	input := map[string]int{} // the words of every cell, as often as the cells hold them
	for _, r := range table.Rows {
		for _, f := range strings.Fields(rowText(r)) {
			input[f]++
		}
	}
	allowed := map[string]int{}
	for k, v := range input {
		allowed[k] = v
	}
	for _, f := range strings.Fields(header + " Schedule 4: Risk register Likelihood and impact are each scored from 1 (lowest) to 5 (highest); the score is likelihood multiplied by impact.") {
		allowed[f]++
	}
	for _, f := range matrixWords(o) { // the matrix the schedule opens with
		allowed[f]++
	}

	doc := render(t, g, "agreement", p, FormatPDF)
	var printed []string
	registerPages := 0
	for n, page := range pdftest.Words(t, doc.Bytes) {
		words := bodyWords(page)
		if !headerRow(words, strings.Fields(header)) {
			continue
		}
		registerPages++
		got, added := joined(words, allowed)
		if len(added) > 0 {
			t.Errorf("page %d: words hyphenated though each fits its column: %q", n+1, added)
		}
		for _, w := range got {
			if allowed[w] == 0 {
				t.Errorf("page %d prints %q, which is no word of the register: a word split across lines?", n+1, w)
			}
		}
		printed = append(printed, got...)
		checkRightAligned(t, n+1, words, []string{"Likelihood", "Impact", "Score"})
	}
	if registerPages == 0 {
		t.Fatal("no page prints the register's header row")
	}
	for w, want := range input {
		if got := countOf(printed, w); got < want {
			t.Errorf("%q is in %d cells and printed whole %d times", w, want, got)
		}
	}
	for _, w := range []string{"R10", "R12", "Παπαδημητροπούλου,", "Χατζηδημητρίου,", "safeguarding", "Likelihood"} {
		if !slices.Contains(printed, w) {
			t.Errorf("%q is not printed whole", w)
		}
	}
}

// headerRow reports whether words has all of header on one row.
func headerRow(words []pdftest.Word, header []string) bool {
	for _, w := range words {
		if w.Text != header[0] {
			continue
		}
		row := sameRow(words, w)
		if !slices.ContainsFunc(header, func(h string) bool {
			return !slices.ContainsFunc(row, func(r pdftest.Word) bool { return r.Text == h })
		}) {
			return true
		}
	}
	return false
}

// sameRow is the words on w's line.
func sameRow(words []pdftest.Word, w pdftest.Word) []pdftest.Word {
	var row []pdftest.Word
	for _, x := range words {
		if math.Abs(x.YMin-w.YMin) < 1 {
			row = append(row, x)
		}
	}
	return row
}

func countOf(words []string, w string) int {
	n := 0
	for _, x := range words {
		if x == w {
			n++
		}
	}
	return n
}

// checkRightAligned: under each of the headers named, every number in its
// column ends where the header ends (both right-aligned), and there is at
// least one.
func checkRightAligned(t *testing.T, page int, words []pdftest.Word, headers []string) {
	t.Helper()
	for _, h := range headers {
		i := slices.IndexFunc(words, func(w pdftest.Word) bool { return w.Text == h && headerRow(sameRow(words, w), headers) })
		if i < 0 {
			t.Errorf("page %d: no header %q", page, h)
			continue
		}
		head, numbers := words[i], 0
		for _, w := range words {
			if w.YMin <= head.YMax || w.XMax < head.XMin-2 || w.XMin > head.XMax+1 || strings.Trim(w.Text, "0123456789") != "" {
				continue
			}
			numbers++
			if math.Abs(w.XMax-head.XMax) > 0.5 {
				t.Errorf("page %d: %q under %q ends at %.1fpt, the header at %.1fpt: not right-aligned", page, w.Text, h, w.XMax, head.XMax)
			}
		}
		if numbers == 0 {
			t.Errorf("page %d: no number under %q", page, h)
		}
	}
}

// A partner with a 60-character name that has no space (about 91 mm of
// table text, wider than its column can be beside the partners table's
// other columns' longest words): the running text and the signature block
// print it whole; a table that cannot hyphenates it visibly, every piece
// but the last ending in a hyphen, and never splits it silently.
func TestPDFLongUnbrokenNames(t *testing.T) {
	pdftest.Require(t, "pdftotext")
	g := newTestGenerator(t)
	p := registerAlliance(t)
	long := "QuaxworthBrackenbridgeCommunityHealthAndWellbeingCollectives"[:60]
	p.Partners[3].Name = long
	doc := render(t, g, "agreement", p, FormatPDF)
	whole, hyphenated := 0, 0
	for n, page := range pdftest.Words(t, doc.Bytes) {
		words := bodyWords(page)
		for i := 0; i < len(words); i++ {
			w := words[i].Text
			switch {
			case strings.HasPrefix(long, w) && len(w) > 4 && w != long:
				t.Errorf("page %d: %q is split without a hyphen after %q", n+1, long, w)
			case strings.Contains(w, long):
				whole++
			case strings.HasSuffix(w, "-") && strings.HasPrefix(long, strings.TrimSuffix(w, "-")):
				// The start of the name, hyphenated: the rest must follow,
				// each piece but the last ending in a hyphen.
				rest := long[len(w)-1:]
				for i++; i < len(words) && rest != ""; i++ {
					text := words[i].Text
					piece := strings.TrimSuffix(text, "-")
					if !strings.HasPrefix(rest, piece) && !strings.HasPrefix(text, rest) {
						t.Errorf("page %d: %q is cut off before %q (%q follows)", n+1, long, rest, text)
						break
					}
					if len(piece) < len(rest) && !strings.HasSuffix(text, "-") {
						t.Errorf("page %d: %q breaks without a hyphen after %q", n+1, long, text)
					}
					rest = rest[min(len(piece), len(rest)):]
				}
				i--
				hyphenated++
			}
		}
	}
	if whole < 3 {
		t.Errorf("%q is printed whole %d times: the list of parties, a clause naming every partner and the signature block should", long, whole)
	}
	if hyphenated == 0 {
		t.Errorf("%q is never hyphenated: it cannot fit the contacts table's first column", long)
	}
	t.Logf("%q printed whole %d times, hyphenated %d times", long, whole, hyphenated)
}
