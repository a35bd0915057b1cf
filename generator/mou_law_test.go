package generator

import (
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"partnerdocs/generator/outline"
	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// The memorandum against issue 12, over every sample the rules let have
// one: each party's own lawful basis (point 1), no pretence for an
// instrument that binds (point 2), the clauses a lawyer looks for (point 3)
// and the drafting (point 4). Each sample is rendered once and read back
// from the PDF (and, where the structure matters, the HTML).
func TestMoULawEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			if refusedAsExcluded(t, g, "mou", p) {
				return
			}
			r := renderBoth(t, g, "mou", p)
			checkMoUData(t, p, r)
			checkMoUInstrumentNote(t, p, r)
			checkMoUClauses(t, p, r)
			checkMoUDrafting(t, p, r)
			checkMoUTermsDefined(t, g.council, p, r)
		})
	}
}

// checkMoUData: where the memorandum touches data it refers to the ISP,
// names the regulator as the law now stands and gives each party its own
// basis, never a basis its kind of body cannot have.
func checkMoUData(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	wantText(t, r.pdf, "This Memorandum is not an Information Sharing Protocol and does not replace one.",
		"the Information Commissioner (or its successor, the Information Commission)")
	if p.InformationSharing == nil || !p.InformationSharing.Required {
		return
	}
	wantText(t, r.pdf, "on its own lawful basis under Article 6 of the UK GDPR")
	items := basisItems(htmlSection(r.page, "data_protection"))
	if m := everyPartnerBasis.FindStringSubmatch(r.pdf); m != nil {
		// One basis for every party: each of them has it, so give the
		// sentence to each as its item.
		items = []string{"for the Council, " + m[1]}
		for _, pt := range p.Partners {
			items = append(items, "for "+pdftest.Flat(pt.Name)+", "+m[1])
		}
	}
	if len(items) == 0 {
		t.Fatal("no basis given in the data protection clause")
	}
	check := func(name string, typ partnership.PartnerType, own bool, b partnership.LawfulBasis) {
		var found []string
		for _, it := range items {
			if strings.Contains(it, "for "+name+",") || strings.Contains(it, " "+name+",") || strings.Contains(it, " "+name+" and ") || strings.HasPrefix(it, "for "+name+" ") {
				found = append(found, it)
			}
		}
		if len(found) == 0 {
			t.Errorf("%s: no basis given in %q", name, items)
			return
		}
		for _, it := range found {
			switch {
			case typ.PublicBody() && (strings.Contains(it, "6(1)(ea)") || strings.Contains(it, "6(1)(f)")):
				t.Errorf("%s, a public body, is given an interests basis: %q", name, it)
			case !own && !typ.PublicBody() && typ != partnership.PartnerTypeOther && strings.Contains(it, "6(1)(e) "):
				t.Errorf("%s, not a public body, is given the council's public task: %q", name, it)
			case own && b.Article() != "" && !strings.Contains(it, b.Article()+" ") && !(typ.PublicBody() && interestsBasis(b)):
				t.Errorf("%s recorded %s, but the memorandum says %q", name, b.Article(), it)
			}
		}
	}
	cb, _ := p.CouncilBasis()
	check("the Council", partnership.PartnerTypeLocalAuthority, true, cb)
	for _, pt := range p.Partners {
		check(htmlEscapedText(pt.Name), pt.Type, pt.LawfulBasis != "", pt.LawfulBasis)
	}
	if p.InformationSharing.HealthData() {
		wantText(t, r.pdf, "Article 9(3) of the UK GDPR", "national data opt-out", "Caldicott Guardian")
	}
}

func interestsBasis(b partnership.LawfulBasis) bool {
	return b == partnership.LawfulBasisLegitimateInterests || b == partnership.LawfulBasisRecognisedLegitimateInterests
}

var everyPartnerBasis = regexp.MustCompile(`Every Partner relies on (Article 6\(1\)\([a-z]+\) [^.]*)\.`)

var liPattern = regexp.MustCompile(`(?s)<li>(.*?)</li>`)

// basisItems are the list items of the data protection clause that give a
// basis, as text; or the one sentence that gives every party's.
func basisItems(section string) []string {
	var out []string
	for _, m := range liPattern.FindAllStringSubmatch(section, -1) {
		if s := pdftest.Flat(htmlText(m[1])); strings.HasPrefix(s, "for ") {
			out = append(out, s)
		}
	}
	return out
}

// htmlEscapedText is a name as the page's text shows it.
func htmlEscapedText(s string) string { return pdftest.Flat(s) }

// checkMoUInstrumentNote: a memorandum made for an instrument that binds
// says so in a note before the first clause, never in a numbered one.
func checkMoUInstrumentNote(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	const lead = "Note: The Partnership's record gives its legal instrument as "
	switch p.LegalInstrument {
	case partnership.LegalInstrumentBindingAgreement, partnership.LegalInstrumentJointCommittee, partnership.LegalInstrumentIncorporatedEntity:
	default:
		if strings.Contains(r.pdf, lead) {
			t.Errorf("a %s has the note for an instrument that binds", p.LegalInstrument.Text())
		}
		return
	}
	article := "a "
	if strings.ContainsAny(p.LegalInstrument.Text()[:1], "aeiou") {
		article = "an "
	}
	note := lead + article + p.LegalInstrument.Text() + ". That instrument is legally binding"
	i, parties := strings.Index(r.pdf, note), strings.Index(r.pdf, "Parties This Memorandum is made between")
	if i < 0 || parties < 0 || i > parties {
		t.Errorf("the note %q is missing or not before the parties (at %d, parties at %d)", note, i, parties)
	}
	switch p.LegalInstrument {
	case partnership.LegalInstrumentBindingAgreement:
		wantText(t, r.pdf, "a partnership agreement, not this Memorandum, is the document for it")
	case partnership.LegalInstrumentJointCommittee:
		wantText(t, r.pdf, "sections 101 and 102 of the Local Government Act 1972", "only councillors vote on it",
			"A joint committee is not run by a memorandum of understanding")
	case partnership.LegalInstrumentIncorporatedEntity:
		wantText(t, r.pdf, "articles of association", "is run by its articles of association and an agreement between its members, not by a memorandum of understanding")
	}
}

// checkMoUClauses: the clauses issue 12 found missing, each where the
// record calls for it.
func checkMoUClauses(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	wantText(t, r.pdf,
		"A notice under this Memorandum must be in writing",
		"including on local government reorganisation",
		"No Partner may assign, transfer, novate",
		"is to be treated as deleted, and the rest of this Memorandum is not affected",
		"No failure or delay by a Partner in exercising a right or remedy under a Binding Clause waives",
		"This Memorandum is signed, not executed as a deed or under seal.",
		"serious violence",
		"in accordance with the Council's Constitution (including its Budget and Policy Framework and Financial Procedure Rules)",
		"employers' liability")
	for _, bad := range []string{"employer's liability", "or the relevant Head of Service or, where the Council's Constitution requires it", "seal of the Council"} {
		if strings.Contains(r.pdf, bad) {
			t.Errorf("the memorandum says %q", bad)
		}
	}
	if p.InformationSharing != nil && !p.InformationSharing.Required {
		wantText(t, r.pdf, "If this Memorandum and the Communications Agreement differ, the Partners intend this Memorandum to prevail.")
	} else {
		wantText(t, r.pdf, "If this Memorandum, the ISP and the Communications Agreement differ, the Partners intend them to take priority in that order, except that the ISP prevails about the processing of Personal Data.")
	}
	checkMoULiability(t, p, r)
	checkMoUResponsibilities(t, p, r)
	checkMoUMoney(t, p, r)
	safeguarding := slices.ContainsFunc(p.Risks, func(k partnership.Risk) bool { return k.Category == partnership.RiskCategorySafeguarding }) ||
		slices.ContainsFunc(p.Partners, func(pt partnership.Partner) bool {
			_, ri := p.PartnerBasis(pt)
			return ri == partnership.RecognisedInterestSafeguarding
		})
	if _, ri := p.CouncilBasis(); ri == partnership.RecognisedInterestSafeguarding {
		safeguarding = true
	}
	if got := strings.Contains(r.page, `<h2 id="safeguarding"`); got != safeguarding {
		t.Errorf("safeguarding clause present %v, want %v", got, safeguarding)
	}
}

func checkMoULiability(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	liability := pdftest.Flat(htmlText(htmlSection(r.page, "risk")))
	if p.LiabilityCapPence == nil {
		wantText(t, r.pdf, "The Partners have not agreed any cap on their liability to each other.")
		if strings.Contains(r.page, `id="liability-cap"`) || strings.Contains(liability, "to be confirmed") {
			t.Error("no cap was recorded, yet the memorandum has a cap clause or a placeholder for one")
		}
		return
	}
	wantText(t, r.pdf, "Limitation of liability (Binding)", "is limited to "+partnership.FormatMoney(*p.LiabilityCapPence)+".")
	if strings.Contains(r.pdf, "have not agreed any cap") {
		t.Error("a cap was recorded, yet the memorandum says none was agreed")
	}
}

func checkMoUResponsibilities(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	sched := pdftest.Flat(htmlText(htmlSection(r.page, "schedule-responsibilities")))
	any := false
	for _, pt := range p.Partners {
		for _, resp := range pt.Responsibilities {
			any = true
			if !strings.Contains(sched, pdftest.Flat(resp)) || !strings.Contains(sched, pdftest.Flat(pt.Name)) {
				t.Errorf("schedule of responsibilities lacks %s: %q", pt.Name, resp)
			}
		}
	}
	if !any && !strings.Contains(sched, "[Each Partner's responsibilities to be confirmed]") {
		t.Errorf("no responsibilities recorded, and no placeholder: %q", sched)
	}
	wantText(t, r.pdf, "Each Partner intends to carry out the responsibilities")
}

// checkMoUMoney: VAT where cash is paid; subsidy control and procurement
// where the council pays cash.
func checkMoUMoney(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	cash := slices.ContainsFunc(p.Contributions, func(c partnership.Contribution) bool { return c.Type == partnership.ContributionTypeCash })
	councilCash := slices.ContainsFunc(p.Contributions, func(c partnership.Contribution) bool {
		return c.Type == partnership.ContributionTypeCash && c.Partner == councilID && c.AmountPence > 0
	})
	if got := strings.Contains(r.pdf, "Amounts in Schedule 3 do not include VAT."); got != cash {
		t.Errorf("VAT clause present %v, cash contributions %v", got, cash)
	}
	for _, act := range []string{"Subsidy Control Act 2022", "Procurement Act 2023"} {
		if got := strings.Contains(r.pdf, act); got != councilCash {
			t.Errorf("%s named %v, the council pays cash %v", act, got, councilCash)
		}
	}
}

// checkMoUDrafting: free text inside the sentence that introduces it,
// style, no raw enumeration value or JSON path, and no note as a numbered
// clause.
func checkMoUDrafting(t *testing.T, p *partnership.Partnership, r rendered) {
	t.Helper()
	if p.Purpose != "" {
		wantText(t, r.pdf, "the purpose of the Partnership is as follows: "+firstWords(p.Purpose))
	}
	if p.Exit != nil && p.Exit.Strategy != "" {
		wantText(t, r.pdf, "under clause 5: "+firstWords(p.Exit.Strategy))
	}
	if p.Exit != nil && p.Exit.Succession != "" {
		wantText(t, r.pdf, "or under other arrangements: "+firstWords(p.Exit.Succession))
	}
	wantText(t, r.pdf, "(Partnership Protocol, section 4(a))")
	for _, bad := range []string{"§", "Full Council or", "[Drafting note"} {
		if strings.Contains(r.pdf, bad) {
			t.Errorf("the memorandum says %q", bad)
		}
	}
	for _, raw := range rawEnumValues() {
		if strings.Contains(r.pdf, raw) {
			t.Errorf("the memorandum prints the raw value %q", raw)
		}
	}
	if m := jsonPathPattern.FindString(r.pdf); m != "" {
		t.Errorf("the memorandum prints the JSON path %q", m)
	}
}

var jsonPathPattern = regexp.MustCompile(`\b(?:information_sharing|partners\[|mou\.binding|liability_cap|legal_instrument|council_role)[\w.\[\]]*`)

// rawEnumValues are the contract's enumeration values a reader could not
// mistake for English: those with an underscore.
func rawEnumValues() []string {
	var out []string
	for _, vals := range []any{partnership.LegalInstrumentValues, partnership.CouncilRoleValues, partnership.PartnerTypeValues,
		partnership.VotingRuleValues, partnership.ContributionTypeValues, partnership.RiskCategoryValues, partnership.PolarityValues,
		partnership.ControllerRelationshipValues, partnership.DataCategoryValues, partnership.LawfulBasisValues,
		partnership.RecognisedInterestValues, partnership.BrandingValues, partnership.BindingClauseValues,
		partnership.ClassificationValues, partnership.ConsentValues} {
		rv := reflect.ValueOf(vals)
		for i := range rv.Len() {
			if s := rv.Index(i).String(); strings.Contains(s, "_") {
				out = append(out, s)
			}
		}
	}
	return out
}

// firstWords is the start of a free-text value as the PDF prints it.
func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(6, len(w))], " ")
}

// Free text stays in the sentence that introduces it: blank lines in it
// make no extra numbered clause, and a fragment is not a clause of its own.
func TestMoUFreeTextMakesNoClauses(t *testing.T) {
	g := newTestGenerator(t)
	plain := loadSample(t, "youth-employment-mou.json")
	gappy := loadSample(t, "youth-employment-mou.json")
	gappy.Purpose = "Help young people into work.\n\n\nA shared consultation calendar.\n\nOne hub."
	gappy.Exit.Strategy = "Hand the hub to the college.\n\nA shared consultation calendar."
	gappy.Exit.Succession = "A shared consultation calendar."
	gappy.Governance.Reporting = "Quarterly.\n\nA shared consultation calendar."
	plain.Purpose, plain.Exit.Strategy, plain.Exit.Succession, plain.Governance.Reporting =
		pdftest.Flat(gappy.Purpose), pdftest.Flat(gappy.Exit.Strategy), gappy.Exit.Succession, pdftest.Flat(gappy.Governance.Reporting)
	numbers := func(p *partnership.Partnership) []string {
		return pdfClauseNumbers(pdfLayoutText(t, render(t, g, "mou", p, FormatPDF).Bytes))
	}
	want, got := numbers(plain), numbers(gappy)
	if len(want) < 30 || !slices.Equal(got, want) {
		t.Errorf("blank lines in free text change the clause numbers:\n got %v\nwant %v", got, want)
	}
	r := renderBoth(t, g, "mou", gappy)
	wantText(t, r.pdf,
		"the purpose of the Partnership is as follows: Help young people into work. A shared consultation calendar. One hub.",
		"under clause 5: Hand the hub to the college. A shared consultation calendar.",
		"or under other arrangements: A shared consultation calendar.")
	if regexp.MustCompile(`\d+\.\d+(\.\d+)? A shared consultation calendar`).MatchString(r.pdf) {
		t.Error("the fragment is a numbered clause of its own")
	}
}

// No numbered clause carries a note or a warning: notes sit before the
// first clause, in every sample and with governing law not binding.
func TestMoUNoNoteIsAClause(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		a := g.Assess(p, genTime)
		if eligible("mou", a) != nil {
			continue
		}
		meta, _ := g.templates.Meta("mou")
		o, err := g.outline(t.Context(), p, a, meta, genTime, true)
		if err != nil {
			t.Fatal(err)
		}
		notes := 0
		for _, b := range o.Blocks {
			text := blockText(b)
			isNote := strings.Contains(text, "Drafting note") || strings.HasPrefix(text, "Note:")
			if isNote && b.Number != "" {
				t.Errorf("%s: clause %s is a note: %q", name, b.Number, text)
			}
			if isNote {
				notes++
			}
		}
		if p.MoU == nil || !slices.Contains(p.MoU.BindingClauses, partnership.BindingClauseGoverningLaw) {
			if notes == 0 {
				t.Errorf("%s: governing law does not bind, and no note says so", name)
			}
		}
	}
}

func blockText(b *outline.Block) string {
	var sb strings.Builder
	for _, s := range b.Spans {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// The council's facts come from its profile and print the same in every
// place: its signatory in the signature block and Schedule 1, its data
// protection officer and communications lead in Schedule 1.
func TestMoUCouncilProfileFactsAgree(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.Signatory = partnership.Signatory{Name: "Dr Rhiannon Mercer-Okafor", Title: "Director of Law and Governance"}
	c.DataProtectionOfficer = partnership.ContactPerson{Name: "Priyanka Selvaraj", Email: "dpo@council.example.gov.uk"}
	c.CommunicationsContact = partnership.CommsContact{Name: "Siân Ellis", Role: "Head of Communications", Email: "sian.ellis@council.example.gov.uk"}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	r := renderBoth(t, g, "mou", loadSample(t, "early-help-safeguarding.json"))
	sched := pdftest.Flat(htmlText(htmlSection(r.page, "schedule-partners")))
	sig := pdftest.Flat(htmlText(htmlSection(r.page, "signatures")))
	for _, want := range []string{"Dr Rhiannon Mercer-Okafor, Director of Law and Governance", "Priyanka Selvaraj, dpo@council.example.gov.uk", "Siân Ellis, Head of Communications, sian.ellis@council.example.gov.uk"} {
		if !strings.Contains(sched, want) {
			t.Errorf("Schedule 1 lacks the profile's %q", want)
		}
	}
	wantText(t, sig, "Name: Dr Rhiannon Mercer-Okafor", "Title: Director of Law and Governance")
	if strings.Count(r.pdf, "[to be confirmed]") != strings.Count(pdftest.Flat(htmlText(r.page)), "[to be confirmed]") {
		t.Error("the PDF and HTML disagree about the placeholders")
	}
	def := render(t, newTestGenerator(t), "mou", loadSample(t, "early-help-safeguarding.json"), FormatHTML)
	defSched := pdftest.Flat(htmlText(htmlSection(string(def.Bytes), "schedule-partners")))
	dpo := partnership.DefaultCouncil().DataProtectionOfficer
	if !strings.Contains(defSched, dpo.Name+", "+dpo.Email) {
		t.Errorf("with the default profile, Schedule 1 lacks the council's data protection officer %q", dpo.Name)
	}
}

// A liability cap, when recorded, is a binding clause with the amount; when
// not, the memorandum says none was agreed, with no placeholder.
func TestMoULiabilityCap(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "youth-employment-mou.json")
	if p.LiabilityCapPence != nil {
		t.Fatal("the sample should record no cap")
	}
	r := renderBoth(t, g, "mou", p)
	checkMoULiability(t, p, r)
	cap := int64(25_000_050)
	p.LiabilityCapPence = &cap
	r = renderBoth(t, g, "mou", p)
	checkMoULiability(t, p, r)
	wantText(t, r.pdf, "is limited to £250,000.50.")
	checkMoUBinding(t, g, p)
}

// mouProperNames are the capitalised words the memorandum uses as parts of
// proper names (of laws, bodies, codes, days and the Council's own
// documents), not defined terms.
var mouProperNames = strings.Fields(`Act Acts Regulations Article Annex Schedule Schedules UK GDPR England Wales Equality Crime Disorder
	Health Safety Work Police Sentencing Courts Children Care Localism Freedom Information Environmental Data Protection Use
	Access National Service Contracts Rights Third Parties Partnership Transfer Undertakings Employment Subsidy Control
	Procurement Local Government Social Ombudsman Centre Effective Dispute Resolution Disclosure Barring Safeguarding
	Vulnerable Groups Working Together Safeguard VAT NHS Caldicott Guardian Constitution Budget Policy Framework Financial
	Procedure Rules Scheme Delegation Code Recommended Practice Authority Publicity Saturday Sunday January February March
	April May June July August September October November December Sharing Protocol Commission Commissioner
	Memorandum Understanding Template DRAFT Prepared Reference Note Drafting Part VA`)

// blockEnd ends a heading, paragraph or list item: the page's text gets a
// stop there, so the word after it counts as starting a sentence.
var blockEnd = regexp.MustCompile(`</(?:h[1-6]|p|li|blockquote)>`)

// capitalisedWord is a capitalised word inside a sentence (after a small
// letter or a comma), where only a name or a defined term is capitalised.
var capitalisedWord = regexp.MustCompile(`[a-z,] ([A-Z][A-Za-z]+)`)

var (
	strongPattern = regexp.MustCompile(`<strong>(.*?)</strong>`)
	quotedPattern = regexp.MustCompile(`“([^”]+)”`)
	tablePattern  = regexp.MustCompile(`(?s)<table.*?</table>|<figure.*?</figure>`) // tables and figures are not sentences
)

// checkMoUTermsDefined: every capitalised word the memorandum itself uses
// inside a sentence is part of a term it defines (in the definitions
// clause, or as (the “Term”)) or of a proper name. The text the user
// entered, and the council profile's, is left out: names print as entered.
func checkMoUTermsDefined(t *testing.T, c partnership.Council, p *partnership.Partnership, r rendered) {
	t.Helper()
	known := map[string]bool{}
	for _, w := range mouProperNames {
		known[w] = true
	}
	for _, m := range strongPattern.FindAllStringSubmatch(htmlSection(r.page, "definitions"), -1) {
		for _, w := range strings.Fields(htmlText(m[1])) {
			known[w] = true
		}
	}
	page := blockEnd.ReplaceAllString(tablePattern.ReplaceAllString(r.page, " "), " . ")
	text := pdftest.Flat(htmlText(page))
	for _, m := range quotedPattern.FindAllStringSubmatch(text, -1) {
		for _, w := range strings.Fields(m[1]) {
			known[w] = true
		}
	}
	for _, s := range recordTexts(p, c) {
		text = strings.ReplaceAll(text, s, " ")
	}
	var undefined []string
	for _, m := range capitalisedWord.FindAllStringSubmatch(text, -1) {
		w := m[1]
		if !known[w] && !known[strings.TrimSuffix(w, "s")] && !slices.Contains(undefined, w) {
			undefined = append(undefined, w)
		}
	}
	sort.Strings(undefined)
	if len(undefined) > 0 {
		t.Errorf("capitalised words that are neither defined nor part of a name: %v", undefined)
	}
}

// A basis the law does not give a party is never asserted for it: a
// company that would take the council's public task, or a college (a
// public body) recorded on legitimate interests, gets a placeholder for the
// ISP to settle, while the others keep their own.
func TestMoUBasisNeverWrongForTheParty(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "youth-employment-mou.json")
	var company, college *partnership.Partner
	for i := range p.Partners {
		switch pt := &p.Partners[i]; {
		case pt.Type == partnership.PartnerTypeCompany && company == nil:
			company = pt
		case pt.Type == partnership.PartnerTypeEducation && college == nil:
			college = pt
		}
	}
	if company == nil || college == nil || p.InformationSharing.LawfulBasis != partnership.LawfulBasisPublicTask {
		t.Fatal("the sample should have a company, a college and the council on public task")
	}
	company.LawfulBasis, company.RecognisedInterest = "", ""
	college.LawfulBasis = partnership.LawfulBasisLegitimateInterests
	r := renderBoth(t, g, "mou", p)
	checkMoUData(t, p, r)
	items := basisItems(htmlSection(r.page, "data_protection"))
	for _, name := range []string{company.Name, college.Name} {
		ok := slices.ContainsFunc(items, func(it string) bool {
			return strings.Contains(it, name) && strings.Contains(it, "[lawful basis to be confirmed in the ISP]")
		})
		if !ok {
			t.Errorf("%s: no placeholder for the ISP to settle its basis in %q", name, items)
		}
	}
	wantText(t, r.pdf, "for the Council, ")
}

// The council's role titles are the profile's wherever the memorandum
// names them: who consents to a representative of another organisation,
// and the director who reviews representation and meets in a dispute.
func TestMoURoleTitlesFromProfile(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.ChiefExecutive, c.Leader, c.Director = "Head of Paid Service", "Council Leader", "Executive Director"
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	p := loadSample(t, "health-alliance.json")
	if !slices.ContainsFunc(p.Representatives, func(r partnership.Representative) bool { return r.RepresentsOtherOrg && r.Consent != "" }) {
		t.Fatal("the sample should have a representative of another organisation with consent")
	}
	r := renderBoth(t, g, "mou", p)
	wantText(t, r.pdf, "with the consent of the Council's Head of Paid Service", "or the appropriate Executive Director, will review",
		"or the appropriate Executive Director), who will meet")
	for _, bad := range []string{"the Chief Executive", "appropriate Director"} {
		if strings.Contains(r.pdf, bad) {
			t.Errorf("the memorandum names %q, not the profile's title", bad)
		}
	}
}
