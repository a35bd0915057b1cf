package generator

import (
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
)

// basisItem is one item of the lawful basis list: the parties (names
// joined with "and") and the basis printed for them.
type basisItem struct{ parties, basis string }

var (
	basisListPattern = regexp.MustCompile(`(?s)to share and to receive the Shared Data, as follows:</p>\s*<ol[^>]*>(.*?)</ol>`)
	itemPattern      = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
	reliesPattern    = regexp.MustCompile(`^(.*?) (?:relies|rely) on (.*)$`)
	forPattern       = regexp.MustCompile(`^for (.*?), (\[Article 6 lawful basis to be confirmed\])$`)
)

// ispBasisItems reads the lawful basis list back from the HTML page.
func ispBasisItems(t *testing.T, page string) []basisItem {
	t.Helper()
	list := basisListPattern.FindStringSubmatch(page)
	if list == nil {
		t.Fatal("the page has no lawful basis list")
	}
	var items []basisItem
	for _, m := range itemPattern.FindAllStringSubmatch(list[1], -1) {
		text := strings.TrimRight(htmlCell(m[1]), ";.")
		parts := forPattern.FindStringSubmatch(text)
		if parts == nil {
			parts = reliesPattern.FindStringSubmatch(text)
		}
		if parts == nil {
			t.Fatalf("lawful basis item %q names no basis", text)
		}
		items = append(items, basisItem{parties: parts[1], basis: parts[2]})
	}
	return items
}

// basisOf returns the basis printed for the party named, or "" when the
// list does not name it. A name is matched whole within the joined names,
// so "Northamptonshire Police" is not found in "Chief Constable of
// Northamptonshire Police".
func basisOf(items []basisItem, name string) string {
	for _, it := range items {
		for _, sep := range []string{"", ", ", " and "} {
			i := strings.Index(it.parties, sep+name)
			if i < 0 || (sep == "" && i != 0) {
				continue
			}
			rest := it.parties[i+len(sep)+len(name):]
			if rest == "" || strings.HasPrefix(rest, ", ") || strings.HasPrefix(rest, " and ") {
				return it.basis
			}
		}
	}
	return ""
}

func htmlCell(s string) string {
	return strings.TrimSpace(html.UnescapeString(tagPattern.ReplaceAllString(s, "")))
}

// expectedBasis is what the table should print for a basis given in the
// record and available to the party.
func expectedBasis(b partnership.LawfulBasis, r partnership.RecognisedInterest) string {
	s := b.Article() + " (" + b.Text() + ")"
	if b == partnership.LawfulBasisRecognisedLegitimateInterests {
		s += ", under " + r.Paragraph() + ": " + r.Text()
	}
	return s
}

// checkBasisList: every party is named, the council first, each with its
// own basis from the record, or the placeholder where the assessment finds
// the basis not available to it.
func checkBasisList(t *testing.T, g *Generator, p *partnership.Partnership, r rendered) {
	t.Helper()
	items := ispBasisItems(t, r.page)
	if !strings.HasPrefix(items[0].parties, "the Council") {
		t.Errorf("the list does not start with the Council: %+v", items[0])
	}
	unavailable := map[string]bool{}
	for _, f := range g.Assess(p, genTime).Findings {
		switch f.Code {
		case partnership.FindingPublicTaskNotPublicBody, partnership.FindingPublicTaskBodyUnknown, partnership.FindingInterestsForPublicTasks, partnership.FindingRecognisedInterestMissing:
			unavailable[strings.SplitN(f.Field, ".", 2)[0]] = true
		}
	}
	check := func(name, key string, b partnership.LawfulBasis, ri partnership.RecognisedInterest) {
		want := expectedBasis(b, ri)
		if unavailable[key] || b == "" {
			want = "[Article 6 lawful basis to be confirmed]"
		}
		if got := basisOf(items, name); got != want {
			t.Errorf("%s: basis %q, want %q", name, got, want)
		}
	}
	cb, ci := p.CouncilBasis()
	check("the Council", "information_sharing", cb, ci)
	for i, pt := range p.Partners {
		b, ri := p.PartnerBasis(pt)
		check(pt.Name, "partners["+strconv.Itoa(i)+"]", b, ri)
	}
	// The one sentence that gave every party the same basis is gone.
	r.wantNeither(t, "Each Party relies on Article 6(1)")
	r.wantBoth(t, "Each Party relies on its own lawful basis under Article 6(1) of the UK GDPR, as amended by the Data (Use and Access) Act 2025")
}

// Each party has its own basis: the early help alliance's charity and
// housing association disclose on recognised legitimate interests for
// safeguarding, the police on public task; the youth employment MoU's
// companies on legitimate interests; a partnership of councils on public
// task.
func TestISPBasisPerParty(t *testing.T) {
	g := newTestGenerator(t)
	for _, tc := range []struct {
		sample string
		want   map[string]string // party name -> words its basis must hold
	}{
		{"early-help-safeguarding.json", map[string]string{
			"Northamptonshire Police": "Article 6(1)(e) (public task)",
			"Safe Start Families":     "Article 6(1)(ea) (recognised legitimate interests), under paragraph 5 of Annex 1: safeguarding vulnerable individuals",
			"Nene Valley Homes Ltd":   "Article 6(1)(ea) (recognised legitimate interests), under paragraph 5 of Annex 1: safeguarding vulnerable individuals",
		}},
		{"youth-employment-mou.json", map[string]string{
			"Brackmills Logistics Group Ltd": "Article 6(1)(f) (legitimate interests)",
			"Youth Futures Northamptonshire": "Article 6(1)(ea) (recognised legitimate interests), under paragraph 1 of Annex 1",
			"Moulton College":                "Article 6(1)(e) (public task)",
		}},
		{"health-alliance.json", map[string]string{
			"Rockingham Homes Housing Association":            "Article 6(1)(f) (legitimate interests)",
			"Nene Valley Carers Trust":                        "Article 6(1)(ea) (recognised legitimate interests)",
			"Kettering General Hospital NHS Foundation Trust": "Article 6(1)(e) (public task)",
		}},
		{"waste-partnership.json", map[string]string{"Corby Borough Council": "Article 6(1)(e) (public task)"}},
	} {
		t.Run(tc.sample, func(t *testing.T) {
			p := loadSample(t, tc.sample)
			r := renderBoth(t, g, ispKind, p)
			checkBasisList(t, g, p, r)
			items := ispBasisItems(t, r.page)
			for name, words := range tc.want {
				if got := basisOf(items, name); !strings.Contains(got, words) {
					t.Errorf("%s: basis %q lacks %q", name, got, words)
				}
			}
			r.wantNeither(t, "Drafting note: lawful basis to be confirmed")
			checkBasesExplainedInOrder(t, r.pdf)
		})
	}
}

// Legitimate interests chosen for a partnership of councils: no party may
// rely on it, so every row is a placeholder and the note says why; nothing
// says the parties rely on it, and nothing explains it as a basis in use.
func TestISPLegitimateInterestsForCouncilsIsNotOperative(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	p.InformationSharing.LawfulBasis = partnership.LawfulBasisLegitimateInterests
	r := renderBoth(t, g, ispKind, p)
	checkBasisList(t, g, p, r)
	for _, it := range ispBasisItems(t, r.page) {
		if it.basis != "[Article 6 lawful basis to be confirmed]" {
			t.Errorf("%s: %q is printed as an operative basis", it.parties, it.basis)
		}
	}
	r.wantBoth(t, "Drafting note: lawful basis to be confirmed",
		"are public authorities, which may not rely on legitimate interests (Article 6(1)(f)) for processing in the performance of their tasks")
	r.wantNeither(t, "Article 6(1)(f) (legitimate interests):", "Each basis applies only where its terms are met")

	// The approved copy keeps the placeholders and drops the drafting note.
	doc, err := g.Render(context.Background(), Request{Kind: ispKind, Format: FormatPDF, Partnership: p, At: genTime, Approved: true})
	if err != nil {
		t.Fatal(err)
	}
	approved := pdftest.Flat(pdftest.Text(t, doc.Bytes))
	if strings.Contains(approved, "Drafting note") || !strings.Contains(approved, "[Article 6 lawful basis to be confirmed]") {
		t.Error("the approved copy should keep the placeholders and drop the drafting note")
	}
}

// A charity or company that would take the council's public task gets a
// placeholder and the reason; one that names recognised legitimate
// interests without its Annex 1 condition gets a placeholder too.
func TestISPBasisNotAvailableToAParty(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "early-help-safeguarding.json")
	p.Partners[1].LawfulBasis, p.Partners[1].RecognisedInterest = "", "" // the charity takes the council's public task
	p.Partners[2].RecognisedInterest = ""                                // the company names no Annex 1 condition
	r := renderBoth(t, g, ispKind, p)
	checkBasisList(t, g, p, r)
	r.wantBoth(t, "Drafting note: lawful basis to be confirmed",
		p.Partners[1].Name+" is not a public body and has no basis of its own recorded, so would rely on public task (Article 6(1)(e))",
		p.Partners[2].Name+" relies on recognised legitimate interests (Article 6(1)(ea)), which applies only with one of the conditions in Annex 1")
	r.wantNeither(t, "safeguarding vulnerable individuals", "recognised_interest", "lawful_basis", "partners[")
}

// Health data under Article 9(2)(h) brings the Article 9(3) safeguard and
// the national data opt-out and Caldicott Guardian step; other conditions
// do not.
// A partner recorded as "other" that would take the council's public task:
// nobody can tell whether it is a public body, so its basis is a
// placeholder with that reason, not an operative clause.
func TestISPBasisOfAnOrganisationOfAnotherType(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "early-help-safeguarding.json")
	p.Partners[1].Type = partnership.PartnerTypeOther
	p.Partners[1].LawfulBasis, p.Partners[1].RecognisedInterest = "", ""
	r := renderBoth(t, g, ispKind, p)
	checkBasisList(t, g, p, r)
	if got := basisOf(ispBasisItems(t, r.page), p.Partners[1].Name); got != "[Article 6 lawful basis to be confirmed]" {
		t.Errorf("%s: basis %q, want the placeholder", p.Partners[1].Name, got)
	}
	r.wantBoth(t, p.Partners[1].Name+" is recorded as an organisation of another type, with no basis of its own, so would rely on public task (Article 6(1)(e))",
		"once it is known whether it is a public body")
	r.wantNeither(t, p.Partners[1].Name+" is not a public body")
}

func TestISPHealthDataSafeguards(t *testing.T) {
	g := newTestGenerator(t)
	health := []string{"Health and social care data (Article 9(2)(h))", "Article 9(3) of the UK GDPR",
		"section 11(1) of the Data Protection Act 2018", "national data opt-out", "Caldicott Guardian",
		"beyond the individual care of the patient concerned"}
	for _, name := range []string{"health-alliance.json", "better-care-s75.json"} {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			if !p.InformationSharing.HealthData() {
				t.Fatalf("%s no longer shares health data under Article 9(2)(h)", name)
			}
			renderBoth(t, g, ispKind, p).wantBoth(t, health...)
		})
	}
	p := loadSample(t, "early-help-safeguarding.json") // Article 9(2)(g)
	renderBoth(t, g, ispKind, p).wantNeither(t, "Article 9(3)", "national data opt-out", "Caldicott Guardian")
	p.InformationSharing.SpecialCategoryCondition = "UK GDPR Art 9(2)(h) with DPA 2018 Sch 1 para 2."
	renderBoth(t, g, ispKind, p).wantBoth(t, health...)
}

// The regulator is named as the law now names it, wherever it appears.
func TestISPNamesTheInformationCommission(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range []string{"health-alliance.json", "meals-contract.json", "better-care-s75.json"} {
		r := renderBoth(t, g, ispKind, loadSample(t, name))
		r.wantBoth(t, "the Information Commissioner (or its successor, the Information Commission)")
		r.wantNeither(t, "ICO")
		rest := strings.ReplaceAll(r.pdf, "Information Commissioner (or its successor", "")
		if strings.Contains(rest, "Information Commissioner") {
			t.Errorf("%s: the Information Commissioner is named without its successor", name)
		}
	}
}

// checkBasesExplainedInOrder: the bases relied on are explained in the
// order of Article 6(1)'s points, (e) before (ea) before (f).
func checkBasesExplainedInOrder(t *testing.T, text string) {
	t.Helper()
	last := -1
	for _, b := range []string{"Article 6(1)(e) (public task):", "Article 6(1)(ea) (recognised legitimate interests):", "Article 6(1)(f) (legitimate interests):"} {
		i := strings.Index(text, b)
		if i < 0 {
			continue
		}
		if i < last {
			t.Errorf("%q is explained out of order", b)
		}
		last = i
	}
}
