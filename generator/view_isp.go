package generator

import (
	"slices"
	"strconv"
	"strings"

	"partnerdocs/partnership"
)

// This file derives what the Information Sharing Protocol (§4(e)) prints
// from the view: which form the document takes, the Article 6 basis in
// words, the data items with their providers' names, and each party's data
// protection contact. Everything returned is escaped Markdown or text
// written here, so templates print it as it is.

// ISP forms: the document the information-sharing-protocol kind produces.
const (
	ispNone      = "none"      // information_sharing not given: a short note asking for it
	ispWaived    = "waived"    // information_sharing.required is false: a one-page waiver record
	ispProcessor = "processor" // controller_processor: an Article 28 contract is needed instead
	ispProtocol  = "protocol"  // the protocol itself
)

// ispNotNeeded is the form for a forum or a section 75 arrangement that
// records no sharing: a note saying why no protocol is drafted.
const ispNotNeeded = "not-needed"

// ISPForm says which document the information-sharing-protocol kind
// renders: "none", "waived", "processor", "not-needed" or "protocol". An
// arrangement section 3 excludes gets what DOMAIN.md says it needs: a
// contract for services the Article 28 terms for its contract (the
// processor note); a forum or a section 75 arrangement that shares no
// personal data a note; one that does, a protocol framed as "the
// Arrangement".
func (v *view) ISPForm() string {
	is := v.InformationSharing
	switch v.A.Classification {
	case partnership.ClassExcludedContract:
		return ispProcessor
	case partnership.ClassExcludedForum, partnership.ClassExcludedHybrid:
		if is == nil || !is.Required {
			return ispNotNeeded
		}
	}
	switch {
	case is == nil:
		return ispNone
	case !is.Required:
		return ispWaived
	case is.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor:
		return ispProcessor
	}
	return ispProtocol
}

// lawfulBasis is one Article 6(1) basis: its paragraph, its short name and
// the words of the UK GDPR that describe it.
type lawfulBasis struct {
	Key     string // the contract's value, for a template's comparisons only
	Article string // "Article 6(1)(e)"
	Name    string // "public task"
	Words   string // what the processing must be, in the Regulation's terms
}

// LawfulBasis returns the Article 6 basis entered, or nil when none was.
func (v *view) LawfulBasis() *lawfulBasis {
	if v.InformationSharing == nil {
		return nil
	}
	b := v.InformationSharing.LawfulBasis
	if b.Text() == "" {
		return nil
	}
	return &lawfulBasis{Key: string(b), Article: b.Article(), Name: b.Text(), Words: b.Meaning()}
}

// LawfulBasisText is the Article 6 basis in a few words, "Article 6(1)(e)
// of the UK GDPR (public task)", or a placeholder.
func (v *view) LawfulBasisText() string {
	if v.InformationSharing == nil {
		return lawfulBasisText("")
	}
	return lawfulBasisText(v.InformationSharing.LawfulBasis)
}

// lawfulBasisText is a basis as the documents name it, "Article 6(1)(e) of
// the UK GDPR (public task)", or the placeholder when none is given.
func lawfulBasisText(b partnership.LawfulBasis) string {
	if b.Text() == "" {
		return basisPlaceholder
	}
	return b.Article() + " of the UK GDPR (" + b.Text() + ")"
}

// ispItem is one row of the table of shared data.
type ispItem struct {
	Item     string // escaped
	Category partnership.DataCategory
	Words    string // "personal data", "special category data", "criminal offence data"
	Source   string // escaped name of the party that provides it, or a placeholder
}

// ISPItems returns the shared data items as entered, with each category in
// words and the name of the party that provides it.
func (v *view) ISPItems() []ispItem {
	if v.InformationSharing == nil {
		return nil
	}
	items := make([]ispItem, len(v.InformationSharing.DataItems))
	for i, d := range v.InformationSharing.DataItems {
		words := d.Category.Text()
		if words == "" {
			words = "[category to be confirmed]"
		}
		source := "[to be confirmed]"
		if d.SourcePartner != "" {
			source = v.ContributorName(d.SourcePartner)
		}
		items[i] = ispItem{Item: d.Item, Category: d.Category, Words: words, Source: source}
	}
	return items
}

// HasSpecialCategory reports whether any shared item is special category
// data, so that the Article 9 condition is needed.
func (v *view) HasSpecialCategory() bool {
	return v.hasCategory(partnership.DataCategorySpecialCategory)
}

// HasCriminalOffence reports whether any shared item is criminal offence
// data, so that Article 10 applies.
func (v *view) HasCriminalOffence() bool {
	return v.hasCategory(partnership.DataCategoryCriminalOffence)
}

func (v *view) hasCategory(c partnership.DataCategory) bool {
	if v.InformationSharing == nil {
		return false
	}
	for _, d := range v.InformationSharing.DataItems {
		if d.Category == c {
			return true
		}
	}
	return false
}

// dpContact is one party's data protection contact.
type dpContact struct {
	Party     string // escaped name
	Name      string // escaped, or a placeholder
	Email     string // escaped, or ""
	IsCouncil bool
}

// DataProtectionContacts lists every party's data protection contact: the
// council's data protection officer from the council profile, then each
// partner's data_protection_contact as entered.
func (v *view) DataProtectionContacts() []dpContact {
	out := make([]dpContact, 0, len(v.Parties))
	for _, p := range v.Parties {
		c := dpContact{Party: p.Name, Name: "[to be confirmed]", IsCouncil: p.IsCouncil}
		var person partnership.ContactPerson
		switch {
		case p.IsCouncil:
			person = v.Council.DataProtectionOfficer
		case p.DataProtectionContact != nil:
			person = *p.DataProtectionContact
		}
		if person.Name != "" {
			c.Name = oneline(person.Name)
		}
		c.Email = oneline(person.Email)
		out = append(out, c)
	}
	return out
}

// JointContactPoint names the party that is the contact point for data
// subjects under a joint controller arrangement: the lead partner, or a
// placeholder when none is named.
func (v *view) JointContactPoint() string {
	if v.Lead != nil {
		return v.Lead.Name
	}
	return "[contact point to be confirmed]"
}

// HasNHSPartner reports whether any partner is an NHS body, whose security
// standard is the Data Security and Protection Toolkit.
func (v *view) HasNHSPartner() bool {
	for _, p := range v.Partners {
		if p.Type == partnership.PartnerTypeNhsBody {
			return true
		}
	}
	return false
}

// ExcludedArrangement reports whether section 3 of the Partnership
// Protocol excludes the arrangement (a contract for services, a forum or a
// section 75 arrangement): its documents then never call it "the
// Partnership" nor say that the protocol requires them.
func (v *view) ExcludedArrangement() bool { return v.A.Classification.Excluded() }

// ArrangementTerm is the defined term the documents use for the
// arrangement: "Partnership", or "Arrangement" for one section 3 excludes.
func (v *view) ArrangementTerm() string {
	if v.ExcludedArrangement() {
		return "Arrangement"
	}
	return "Partnership"
}

// ArrangementKind is the arrangement in lower case, as a note describes it
// before any term is defined: "partnership" or "arrangement".
func (v *view) ArrangementKind() string {
	if v.ExcludedArrangement() {
		return "arrangement"
	}
	return "partnership"
}

// ExcludedForum reports a forum. It, ExcludedS75 and ExcludedContract say
// which excluded arrangement this is, for the notes that explain why no
// partnership document is drafted.
func (v *view) ExcludedForum() bool { return v.A.Classification == partnership.ClassExcludedForum }

// ExcludedS75 reports a section 75 arrangement (National Health Service Act
// 2006), the only hybrid section 3 recognises.
func (v *view) ExcludedS75() bool { return v.A.Classification == partnership.ClassExcludedHybrid }

// ExcludedContract reports a contract for services.
func (v *view) ExcludedContract() bool {
	return v.A.Classification == partnership.ClassExcludedContract
}

// ISPCouncilDPO is the council's data protection officer as every ISP form
// prints it, from the council profile: "Data Protection Officer
// (dpo@example.gov.uk)", or a placeholder for the name.
func (v *view) ISPCouncilDPO() string {
	c := v.Council.DataProtectionOfficer
	s := "[data protection officer's name to be confirmed]"
	if n := oneline(c.Name); n != "" {
		s = n
	}
	if e := oneline(c.Email); e != "" {
		s += " (" + e + ")"
	}
	return s
}

// partyBasis is one party's Article 6 basis as the lawful basis clause
// prints it.
type partyBasis struct {
	Party     string // escaped name
	IsCouncil bool
	// Text is the basis in words, "Article 6(1)(e) (public task)", with
	// the Annex 1 condition for recognised legitimate interests; or a
	// placeholder when none is given or the one recorded is not available
	// to the party.
	Text string
	// Problem is the finding that the basis recorded is not available to
	// the party, with the basis in words; zero when it is available.
	Problem  basisProblem
	basis    partnership.LawfulBasis        // as recorded
	interest partnership.RecognisedInterest // as recorded, with recognised legitimate interests
}

// basisProblem is why a recorded basis is not available to a party: the
// assessment's finding code and the basis recorded ("public task (Article
// 6(1)(e))").
type basisProblem struct{ Code, Recorded string }

// lawfulBases is what the lawful basis clause prints, worked out once.
type lawfulBases struct {
	// Rows lists every party, the council first, with its basis.
	Rows []partyBasis
	// Groups gathers the parties by the basis printed for them, in the
	// order the first of each appears, so the council's comes first: a
	// list of a few items reads (and renders) more easily than a table of
	// every party when 26 parties share three bases.
	Groups []basisGroup
	// Problems words, for the note under the table, why each basis shown
	// as a placeholder is not available.
	Problems []string
	// Relied lists, once each and in the order of Article 6(1), the bases that
	// at least one party relies on and may rely on: the clause explains
	// each.
	Relied []lawfulBasis
}

// basisPlaceholder stands in for a party's basis that is missing or not
// available to it.
const basisPlaceholder = "[Article 6 lawful basis to be confirmed]"

// LawfulBases gives every party, the council first, the Article 6 basis it
// relies on: its own where the record gives one, otherwise the council's
// (Partnership.PartnerBasis). A basis the assessment finds not available to
// the party (public task for a company or charity, legitimate or
// recognised legitimate interests for a public authority's tasks,
// recognised legitimate interests without an Annex 1 condition) prints as
// a placeholder, and the note says why.
func (v *view) LawfulBases() lawfulBases {
	found := v.basisFindings()
	rows := make([]partyBasis, 0, len(v.Parties))
	basis, interest := v.raw.CouncilBasis()
	rows = append(rows, partyBasisFor(v.Parties[0], basis, interest, found["information_sharing.lawful_basis"]))
	for i, pt := range v.raw.Partners {
		basis, interest = v.raw.PartnerBasis(pt)
		at := "partners[" + strconv.Itoa(i) + "]."
		code := found[at+"lawful_basis"]
		if code == "" {
			code = found[at+"recognised_interest"]
		}
		rows = append(rows, partyBasisFor(v.Partners[i], basis, interest, code))
	}
	return lawfulBases{Rows: rows, Groups: basisGroups(rows), Problems: basisProblems(rows), Relied: basesRelied(rows)}
}

// basisGroup is the parties that rely on one basis, or whose basis is to
// be confirmed.
type basisGroup struct {
	Parties     string // escaped names joined with "and"; the council as "the Council"
	Many        bool   // more than one party
	Text        string // as partyBasis.Text
	Placeholder bool
}

func basisGroups(rows []partyBasis) []basisGroup {
	var texts []string
	names := map[string][]string{}
	for _, r := range rows {
		if _, seen := names[r.Text]; !seen {
			texts = append(texts, r.Text)
		}
		name := oneline(r.Party)
		if r.IsCouncil {
			name = "the Council"
		}
		names[r.Text] = append(names[r.Text], name)
	}
	out := make([]basisGroup, len(texts))
	for i, text := range texts {
		all, _ := joinand(names[text])
		out[i] = basisGroup{Parties: all, Many: len(names[text]) > 1, Text: text, Placeholder: text == basisPlaceholder}
	}
	return out
}

// basisFindingCodes are the assessment's findings that a basis is not
// available to a party.
var basisFindingCodes = []string{
	partnership.FindingPublicTaskNotPublicBody,
	partnership.FindingPublicTaskBodyUnknown,
	partnership.FindingInterestsForPublicTasks,
	partnership.FindingRecognisedInterestMissing,
}

// basisFindings maps the field of each finding that a basis is not
// available, as the contract spells it, to the finding's code. The
// assessment in the view is escaped; its backslashes are dropped.
func (v *view) basisFindings() map[string]string {
	found := map[string]string{}
	for _, f := range v.A.Findings {
		for _, code := range basisFindingCodes {
			if unescapedEqual(f.Code, code) {
				found[strings.ReplaceAll(f.Field, `\`, "")] = code
			}
		}
	}
	return found
}

// unescapedEqual reports whether escaped, without its backslashes, is s.
func unescapedEqual(escaped, s string) bool {
	j := 0
	for i := 0; i < len(escaped); i++ {
		if escaped[i] == '\\' {
			continue
		}
		if j >= len(s) || escaped[i] != s[j] {
			return false
		}
		j++
	}
	return j == len(s)
}

func partyBasisFor(p party, basis partnership.LawfulBasis, interest partnership.RecognisedInterest, finding string) partyBasis {
	b := partyBasis{Party: p.Name, IsCouncil: p.IsCouncil, Text: basisPlaceholder, basis: basis, interest: interest}
	switch {
	case basis.Text() == "":
		return b
	case finding != "":
		b.Problem = basisProblem{Code: finding, Recorded: basis.Text() + " (" + basis.Article() + ")"}
		return b
	}
	b.Text = basis.Article() + " (" + basis.Text() + ")"
	if basis == partnership.LawfulBasisRecognisedLegitimateInterests && interest.Text() != "" {
		b.Text += ", under " + interest.Paragraph() + ": " + interest.Text()
	}
	return b
}

// basisProblems words why each basis shown as a placeholder is not
// available, one sentence for each finding and basis with the parties it
// concerns. The findings' own messages name JSON fields, which a document
// never prints.
func basisProblems(rows []partyBasis) []string {
	var keys []basisProblem
	names := map[basisProblem][]string{}
	for _, b := range rows {
		if b.Problem.Code == "" {
			continue
		}
		if _, seen := names[b.Problem]; !seen {
			keys = append(keys, b.Problem)
		}
		name := oneline(b.Party)
		if b.IsCouncil {
			name = "the Council"
		}
		names[b.Problem] = append(names[b.Problem], name)
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = basisProblemText(k, names[k])
	}
	return out
}

func basisProblemText(k basisProblem, names []string) string {
	all, _ := joinand(names)
	who := upperFirst(all)
	one := len(names) == 1
	switch k.Code {
	case partnership.FindingPublicTaskNotPublicBody:
		return who + pick(one, " is not a public body", " are not public bodies") + " and " + pick(one, "has", "have") +
			" no basis of " + pick(one, "its", "their") + " own recorded, so would rely on " + k.Recorded +
			", which is a basis only for a task carried out in the public interest or in the exercise of official authority " +
			"vested in the party by law. Record " + pick(one, "its", "each one's") + " own basis: for a disclosure to the " +
			"Council, usually recognised legitimate interests (Article 6(1)(ea)) with its Annex 1 condition, or legitimate " +
			"interests (Article 6(1)(f))."
	case partnership.FindingPublicTaskBodyUnknown:
		return who + pick(one, " is", " are") + " recorded as " + pick(one, "an organisation", "organisations") +
			" of another type, with no basis of " + pick(one, "its", "their") + " own, so would rely on " + k.Recorded +
			", which is a basis only for a task carried out in the public interest or in the exercise of official authority " +
			"vested in the party by law. Record " + pick(one, "its", "each one's") + " own basis once it is known whether " +
			pick(one, "it is a public body", "they are public bodies") + "."
	case partnership.FindingInterestsForPublicTasks:
		return who + pick(one, " is a public authority", " are public authorities") + ", which may not rely on " + k.Recorded +
			" for processing in the performance of " + pick(one, "its", "their") + " tasks. Record " + pick(one, "its", "each one's") +
			" own basis, usually public task (Article 6(1)(e)) or legal obligation (Article 6(1)(c))."
	}
	return who + pick(one, " relies", " rely") + " on " + k.Recorded + ", which applies only with one of the conditions in " +
		"Annex 1 to the UK GDPR. Record which: a public body's request, national security, emergencies, crime or safeguarding."
}

// pick returns one or other: the singular or plural form of a phrase.
func pick(one bool, singular, plural string) string {
	if one {
		return singular
	}
	return plural
}

// basesRelied lists the bases of the rows that print one, once each, in
// the order of Article 6(1)'s points: (e), then (ea), then (f).
func basesRelied(rows []partyBasis) []lawfulBasis {
	var out []lawfulBasis
	for _, b := range partnership.LawfulBasisValues {
		for _, r := range rows {
			if r.basis == b && r.Problem.Code == "" {
				out = append(out, lawfulBasis{Key: string(b), Article: b.Article(), Name: b.Text(), Words: b.Meaning()})
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b lawfulBasis) int { return strings.Compare(a.Article, b.Article) })
	return out
}

// ISPHealthData reports whether health or social care data is shared under
// Article 9(2)(h): the protocol then adds the Article 9(3) safeguard and
// the national data opt-out and Caldicott Guardian step.
func (v *view) ISPHealthData() bool { return v.raw.InformationSharing.HealthData() }
