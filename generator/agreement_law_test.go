package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// The tests in this file read the agreement back from the PDF, for the
// samples that reach each clause of issue 12: the instrument's own clauses,
// the clauses a lawyer looks for, execution, and the drafting rules.

// agreementPDFText renders the agreement as PDF and returns its text with
// the running header and footer removed and whitespace flattened.
func agreementPDFText(t *testing.T, g *Generator, p *partnership.Partnership) string {
	t.Helper()
	doc := render(t, g, "agreement", p, FormatPDF)
	return pdftest.Flat(withoutRunningLines(pdftest.Text(t, doc.Bytes), p.Ref))
}

// eligibleSamples are the samples §3 does not exclude, with their
// agreements' text.
func eligibleSamples(t *testing.T, g *Generator) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		if eligible("agreement", g.Assess(p, genTime)) != nil {
			continue
		}
		out[name] = agreementPDFText(t, g, p)
	}
	if len(out) < 8 {
		t.Fatalf("only %d samples get an agreement", len(out))
	}
	return out
}

func wantIn(t *testing.T, where, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, pdftest.Flat(w)) {
			t.Errorf("%s lacks %q", where, w)
		}
	}
}

func wantNotIn(t *testing.T, where, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, pdftest.Flat(w)) {
			t.Errorf("%s has %q", where, w)
		}
	}
}

// A joint committee is constituted under the Local Government Acts, only
// councillors vote, and its meetings and papers are public; a company's
// agreement is a members' agreement with reserved matters and directors'
// duties. Neither gets the board whose partners vote by simple majority.
func TestAgreementInstrumentClauses(t *testing.T) {
	g := newTestGenerator(t)
	board := "The Board makes its decisions by a simple majority of the Partners present and voting"

	jc := agreementPDFText(t, g, loadSample(t, "joint-planning-committee.json"))
	wantIn(t, "joint committee", jc,
		"sections 101(5) and 102 of the Local Government Act 1972",
		"section 9EB of the Local Government Act 2000",
		"Only the councillors appointed by the Constituent Authorities may vote",
		"Part VA of the Local Government Act 1972",
		"Meetings of the Joint Committee are open to the public",
		"Each Constituent Authority keeps ultimate responsibility in law for its own statutory functions",
		"Functions delegated to the Joint Committee",
		"They attend the Joint Committee to advise it and do not vote.", "(officer, adviser without a vote)")
	wantNotIn(t, "joint committee", jc, board, "the consent of the Board")

	co := agreementPDFText(t, g, loadSample(t, "incorporated-entity.json"))
	wantIn(t, "company", co,
		"This Agreement is an agreement between the Partners as members of the Company, made alongside the Articles.",
		"The Articles prevail over this Agreement on any matter of the Company's constitution",
		"without the prior written consent of every Partner",
		"sections 171 to 177 of the Companies Act 2006",
		"section 175 of the Companies Act 2006",
		"The directors the Council nominates are appointed in accordance with the Council's Constitution.",
		"Subsidy Control Act 2022",
		"Cash Contributions are paid to the Company")
	wantNotIn(t, "company", co, board, "Cash Contributions are paid to the Lead Partner")

	plain := agreementPDFText(t, g, loadSample(t, "waste-partnership.json"))
	wantNotIn(t, "board agreement", plain, "Constituent Authority", "Reserved Matter", "Articles")
}

// Every agreement has the clauses a council solicitor looks for, in the
// current law's words.
func TestAgreementMissingClausesPresent(t *testing.T) {
	g := newTestGenerator(t)
	for name, text := range eligibleSamples(t, g) {
		wantIn(t, name, text,
			"A notice may be given by hand, by pre-paid first class post or recorded delivery, or by email",
			"if posted, at 9.00 am on the second Working Day after posting",
			"an order for the reorganisation of local government",
			"that Partner's rights and obligations under this Agreement pass to that body",
			"without the prior written consent of every other Partner",
			"this Agreement, then the ISP, then the Communications Agreement",
			"Severance", "is to be treated as deleted to the smallest extent needed",
			"Waiver", "is not a waiver of it",
			"Information Commissioner (or its successor, the Information Commission)",
			"employers' liability",
			"serious violence (which that section has included since the Police, Crime, Sentencing and Courts Act 2022)",
			"in accordance with the Council's Constitution (including its Budget and Policy Framework and Financial Procedure Rules)",
			"Responsibilities of each Partner")
		wantNotIn(t, name, text, "employer's liability", "Corporate Management Team or the relevant Head of Service",
			"[any cap on liability to be confirmed]", "Information Commissioner's")
	}
}

// The liability clause says there is no cap when none is recorded, and
// gives the cap with its carve-outs when one is.
func TestAgreementLiabilityCap(t *testing.T) {
	g := newTestGenerator(t)
	none := "The Partners have not agreed any cap on their liability under this Agreement."
	p := loadSample(t, "waste-partnership.json")
	p.LiabilityCapPence = nil
	text := agreementPDFText(t, g, p)
	wantIn(t, "no cap", text, none)
	wantNotIn(t, "no cap", text, "is limited to")

	capped := loadSample(t, "early-help-safeguarding.json")
	if capped.LiabilityCapPence == nil {
		t.Fatal("the early help sample records a cap")
	}
	text = agreementPDFText(t, g, capped)
	wantIn(t, "cap", text, "is limited to "+partnership.FormatMoney(*capped.LiabilityCapPence)+".",
		"liability for death or personal injury caused by negligence",
		"liability for fraud or fraudulent misrepresentation",
		"any fine or penalty imposed by the Information Commissioner")
	wantNotIn(t, "cap", text, none)
}

// The Council executes under seal from the profile's value, attested by
// the profile's officer; below it, it signs; with no value, a placeholder.
func TestAgreementExecution(t *testing.T) {
	p := loadSample(t, "early-help-safeguarding.json")
	var total int64
	for _, c := range p.Contributions {
		total += c.AmountPence
	}
	attest := "the Director of Legal and Democratic Services"
	council := func(from int64) *Generator {
		c := partnership.DefaultCouncil()
		c.Execution = partnership.Execution{SealFromPence: from, SealAttestedBy: attest}
		g, err := New(Options{Council: &c})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	sealed := agreementPDFText(t, council(total), p)
	wantIn(t, "at the seal value", sealed,
		"The Council executes this Agreement as a deed under its common seal, attested by "+attest,
		"("+partnership.FormatMoney(total)+", the sum of every Contribution) is at least "+partnership.FormatMoney(total),
		"Executed as a deed by Northamptonshire County Council by affixing its common seal", "Capacity: "+attest)
	wantNotIn(t, "at the seal value", sealed, "Signed for and on behalf of Northamptonshire County Council")

	signed := agreementPDFText(t, council(total+1), p)
	wantIn(t, "below the seal value", signed, "The Council signs by an authorised signatory, because the value of the Agreement",
		"Signed for and on behalf of Northamptonshire County Council")
	wantNotIn(t, "below the seal value", signed, "common seal in the presence of")

	unknown := agreementPDFText(t, newTestGenerator(t), p)
	wantIn(t, "no seal value", unknown, "[the Council's method of execution to be confirmed by Legal and Democratic Services]")
}

// Schedule 6 lists every partner's responsibilities as entered, with a
// placeholder for a party that has none.
func TestAgreementResponsibilitiesSchedule(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range []string{"early-help-safeguarding.json", "joint-planning-committee.json"} {
		p := loadSample(t, name)
		text := agreementPDFText(t, g, p)
		sched := text[strings.LastIndex(text, "Responsibilities of each Partner"):]
		placeholders := 1 // the Council's: the contract records none for it
		for _, pt := range p.Partners {
			for _, r := range pt.Responsibilities {
				wantIn(t, name, sched, r)
			}
			if len(pt.Responsibilities) == 0 {
				placeholders++
			}
		}
		if got := strings.Count(sched, "[Responsibilities to be confirmed]"); got != placeholders {
			t.Errorf("%s: %d placeholder rows, want %d", name, got, placeholders)
		}
	}
}

// The safeguarding clause appears where children or adults at risk are in
// scope, and not in a waste partnership.
func TestAgreementSafeguarding(t *testing.T) {
	g := newTestGenerator(t)
	clause := "The Partnership's work brings the Partners into contact with children and adults at risk of harm."
	wantIn(t, "early help", agreementPDFText(t, g, loadSample(t, "early-help-safeguarding.json")), clause,
		"Safeguarding Vulnerable Groups Act 2006")
	wantNotIn(t, "waste", agreementPDFText(t, g, loadSample(t, "waste-partnership.json")), clause)
}

// Subsidy control and the Procurement Act appear where the Council's money
// goes out, VAT wherever there are contributions.
func TestAgreementSubsidyAndVAT(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "early-help-safeguarding.json") // the Council is lead and pays cash
	text := agreementPDFText(t, g, p)
	wantIn(t, "council pays", text, "Subsidy Control Act 2022", "Procurement Act 2023",
		"All amounts in this Agreement and in Schedule 2 are exclusive of VAT", "its own finance officer")
	p.Contributions = slices.DeleteFunc(p.Contributions, func(c partnership.Contribution) bool {
		return c.Type == partnership.ContributionTypeCash
	})
	wantNotIn(t, "no cash", agreementPDFText(t, g, p), "Subsidy Control Act 2022", "Procurement Act 2023")
	p.Contributions = nil
	wantNotIn(t, "no contributions", agreementPDFText(t, g, p), "exclusive of VAT")
}

// Free text stays inside the sentence that introduces it: blank lines in
// the purpose or the exit strategy make no clause of their own.
func TestAgreementFreeTextInItsSentence(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	p.Purpose = "Reduce landfill.\n\nA shared consultation calendar."
	p.Exit.Strategy = "Wind down over six months.\n\nStaff return to their employers."
	text := agreementPDFText(t, g, p)
	wantIn(t, "purpose", text, "the purpose of the Partnership is: Reduce landfill. A shared consultation calendar.")
	wantIn(t, "exit", text, ": Wind down over six months. Staff return to their employers.")
	if regexp.MustCompile(`\d+\.\d+ (A shared consultation calendar|Staff return)`).MatchString(text) {
		t.Error("a paragraph of free text became a numbered clause")
	}
}

// The Council's data protection contact is the profile's, in the agreement
// as in the ISP.
func TestAgreementCouncilDataProtectionContact(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "early-help-safeguarding.json")
	dpo := g.council.DataProtectionOfficer
	want := "Northamptonshire County Council " + dpo.Name + ", " + dpo.Email
	text := agreementPDFText(t, g, p)
	sched := text[strings.Index(text, "The Partners' contacts are:"):]
	wantIn(t, "Schedule 1", sched, dpo.Name+", "+dpo.Email)
	if !strings.Contains(sched, want) && !strings.Contains(sched, dpo.Email) {
		t.Errorf("Schedule 1 does not give the Council's data protection contact %q", want)
	}
	isp := renderBoth(t, g, "information-sharing-protocol", p)
	if !strings.Contains(isp.pdf, dpo.Email) {
		t.Errorf("the ISP does not give the Council's data protection contact %q", dpo.Email)
	}
}

// No enumeration value or JSON path prints raw: no snake_case word outside
// an email address, in any sample's agreement.
func TestAgreementNoRawValues(t *testing.T) {
	g := newTestGenerator(t)
	email := regexp.MustCompile(`\S+@\S+`)
	snake := regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)
	for name, text := range eligibleSamples(t, g) {
		if m := snake.FindAllString(email.ReplaceAllString(text, ""), -1); len(m) > 0 {
			t.Errorf("%s: raw values %q", name, m)
		}
	}
}

// termRE finds a capitalised term used as a noun after an article or a
// preposition, in the templates' own words.
var termRE = regexp.MustCompile(`\b(?:the|a|an|each|every|any|another|other|its|this|that|no|of|under|per|to|by|with|in|for|one)[ ]+((?:[A-Z][a-z]+|ISP|VAT|UK GDPR)(?:[ ]+(?:[A-Z][a-z]+|GDPR))*)`)

// properNames are capitalised words in the templates that are not terms of
// the agreement: the names of laws and their parts, bodies, guidance, days
// and the Council's own documents. A capitalised term missing from here and
// from the definitions fails TestAgreementDefinesEveryTermItUses.
var properNames = regexp.MustCompile(`Act$|Regulations$|Code$|Practice$|^(Article|Contracts|Part|Schedules?|Budget|Constitution|Delegation|Centre|Chief Executive|Leader|Local Government|Local Authorities|Crime|Data|Discharge|Disclosure|Effective Dispute Resolution|Employment|England|Freedom|Functions|Health|Information|Information Commission|Information Sharing Protocol|Partnership Communications Agreement|Members|Police|Saturday|Sunday|Safeguard Children|Third Parties|Transfer|Undertakings|Partnership Protocol)$`)

// templateTerms are the capitalised terms the agreement's templates use.
func templateTerms(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "templates", "agreement", "*.md.tmpl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no agreement templates: %v", err)
	}
	actions := regexp.MustCompile(`(?s)\{\{.*?\}\}|\{#[^}]*\}`)
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range termRE.FindAllStringSubmatch(actions.ReplaceAllString(string(b), " "), -1) {
			if !properNames.MatchString(m[1]) {
				seen[m[1]] = true
			}
		}
	}
	var out []string
	for term := range seen {
		out = append(out, term)
	}
	slices.Sort(out)
	return out
}

// definedTerms reads the terms the definitions clause defines: each
// entry's terms before its colon, and those it defines with "means" or
// "has the meaning".
func definedTerms(text string) map[string]bool {
	from := strings.Index(text, "the following words have these meanings:")
	to := strings.Index(text, "Clause headings do not affect")
	if from < 0 || to < from {
		return nil
	}
	section := text[from:to]
	out := map[string]bool{}
	for _, entry := range strings.Split(section, "•")[1:] {
		head, _, _ := strings.Cut(entry, ":")
		for _, term := range regexp.MustCompile(`, | and `).Split(head, -1) {
			out[strings.TrimSpace(term)] = true
		}
	}
	for _, m := range regexp.MustCompile(`(?:;|\band) ([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*) (?:means|has the meaning)`).FindAllStringSubmatch(section, -1) {
		out[m[1]] = true
	}
	return out
}

// Every capitalised term an agreement uses is defined in its definitions
// clause: the terms are those the templates use (so a new term must be
// defined, or named above as a proper name), checked against each sample's
// rendered text, whose definitions vary with the data.
func TestAgreementDefinesEveryTermItUses(t *testing.T) {
	terms := templateTerms(t)
	for _, must := range []string{"Working Day", "Financial Year", "Lead Partner", "Board", "Pooled Fund", "Joint Committee", "Reserved Matter"} {
		if !slices.Contains(terms, must) {
			t.Errorf("the term %q was not found in the templates: the scan is broken", must)
		}
	}
	g := newTestGenerator(t)
	for name, text := range eligibleSamples(t, g) {
		defined := definedTerms(text)
		if len(defined) < 10 {
			t.Fatalf("%s: found only %d defined terms: %v", name, len(defined), defined)
		}
		body := withoutData(text[strings.Index(text, "Clause headings do not affect"):], loadSample(t, name), g.council)
		for _, term := range terms {
			if usesTerm(body, term) && !defined[term] && !defined[singularTerm(term)] {
				t.Errorf("%s: %q is used but not defined", name, term)
			}
		}
	}
}

// usesTerm reports whether text uses term as a term: "Articles 13 and 14"
// is a reference to the UK GDPR, not to a company's articles.
func usesTerm(text, term string) bool {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(term) + `\b( \d)?`)
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		if m[1] == "" {
			return true
		}
	}
	return false
}

// withoutData removes every value entered in the record or the profile
// from text, so that a capitalised word in a name or address ("Company no.
// 09876543") is not taken for a term of the agreement; enumeration values
// and short values, all lower case, stay.
func withoutData(text string, p *partnership.Partnership, c partnership.Council) string {
	for _, v := range recordTexts(p, c) {
		if len(v) > 3 && strings.ToLower(v) != v {
			text = strings.ReplaceAll(text, v, " ")
		}
	}
	return text
}
