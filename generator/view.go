package generator

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"partnerdocs/generator/outline"
	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// councilID is the id contributions and communications use for the council,
// which is not listed among the partners.
const councilID = "council"

// view is what a document template sees. P and Council are escaped copies,
// so every string in them is safe to print as Markdown; everything else is
// derived here, in Go, so that the templates stay declarative. Optional
// objects of the partnership are copied into value fields (Dates,
// Governance, Exit) so templates need not guard them; P keeps the pointers
// for templates that must tell "not given" from "empty".
type view struct {
	P           *partnership.Partnership // escaped
	Council     partnership.Council      // escaped
	Doc         templates.Meta
	GeneratedAt time.Time
	Draft       bool
	// A is the protocol's assessment of the partnership, escaped like P.
	A partnership.Assessment

	Dates      partnership.Dates      // zero when not given
	Governance partnership.Governance // zero when not given
	Exit       partnership.Exit       // zero when not given

	// Parties is the council (first) and then each partner as entered.
	Parties    []party
	Partners   []party  // the partners only, as entered
	PartyNames []string // every party's name, council first

	Lead          *party // the lead or accountable body; nil when none is named
	CouncilIsLead bool
	HasLead       bool

	Representatives   []partnership.Representative // the council's, as entered
	Councillors       representation
	Officers          representation
	HasCouncillors    bool
	HasOfficers       bool
	OtherOrgReps      []partnership.Representative  // also represent another organisation
	SponsoringOfficer partnership.SponsoringOfficer // zero when not given

	ContributionYears  []contributionYear // by financial year, then contributor
	ContributionsTotal int64              // pence, every year and type
	CashTotal          int64              // pence
	HasContributions   bool
	HasCash            bool // the pooled fund clause appears only then
	HasNonCash         bool
	OutsideBudget      []contributionRow  // contributions not yet within an approved budget
	ContributorTotals  []contributorTotal // every year, in the order of the parties

	Risks   []riskRow
	Targets []partnership.Target // escaped, as entered

	InformationSharing  *partnership.InformationSharing // escaped; nil when not given
	ISPRequired         bool                            // an ISP governs the sharing
	ISPWaived           bool                            // information_sharing.required is false
	JointControllers    bool
	ControllerProcessor bool

	FOIAuthorities []string // names of the parties subject to FOI, council first
	CommsLeadName  string   // the party named as communications lead, or ""

	names map[string]string // party id, raw or escaped -> escaped name

	// raw and rawCouncil are the record and profile as given, for the
	// answers package partnership works out from them (Checklist).
	raw        *partnership.Partnership
	rawCouncil partnership.Council
}

// party is the council or a partner, as the parties clause, the signature
// blocks and schedule 1 print it.
type party struct {
	ID                    string // escaped
	Name                  string // escaped
	Type                  partnership.PartnerType
	TypeText              string // "NHS body"
	Description           string // with its article: "an NHS body"
	RegistrationNumber    string
	Registration          string // for the parties clause: "registered number 01234567", or as entered when it carries its own label; "" when none is needed
	NeedsRegistration     bool   // a company or charity: a missing number is a placeholder
	Address               string
	IsCouncil             bool
	IsLead                bool
	FOIPublicAuthority    bool
	Signatory             partnership.Signatory // zero when not given
	CommsContact          *partnership.CommsContact
	DataProtectionContact *partnership.ContactPerson
}

// representation is the council's members and substitutes of one kind.
type representation struct {
	Members     []partnership.Representative
	Substitutes []partnership.Representative
}

// contributionYear is one financial year of schedule 2.
type contributionYear struct {
	Year  partnership.FinancialYear
	Rows  []contributionRow
	Total int64 // pence
}

// contributionRow is one contribution, with its contributor's name.
type contributionRow struct {
	Contributor  string // escaped name
	Year         partnership.FinancialYear
	Type         partnership.ContributionType
	AmountPence  int64
	Description  string // escaped
	WithinBudget bool
}

// contributorTotal is one party's contributions over every year.
type contributorTotal struct {
	Name  string // escaped
	Total int64  // pence
}

// riskRow is a risk with its score, likelihood times impact.
type riskRow struct {
	partnership.Risk
	Score int
}

// newView builds the template's data. It is cheap (one escaped copy and a
// few passes over the lists) because it runs for every document.
func newView(p *partnership.Partnership, c partnership.Council, meta templates.Meta, at time.Time, draft bool) *view {
	e := escapedCopy(p)
	v := &view{
		P:                  e,
		Council:            escapedCouncil(c),
		Doc:                meta,
		GeneratedAt:        at,
		Draft:              draft,
		Targets:            e.Targets,
		Representatives:    e.Representatives,
		InformationSharing: e.InformationSharing,
		raw:                p,
		rawCouncil:         c,
	}
	if e.Dates != nil {
		v.Dates = *e.Dates
	}
	if e.Governance != nil {
		v.Governance = *e.Governance
	}
	if e.Exit != nil {
		v.Exit = *e.Exit
	}
	if e.SponsoringOfficer != nil {
		v.SponsoringOfficer = *e.SponsoringOfficer
	}
	v.buildParties(p)
	v.buildRepresentation()
	v.buildContributions(p)
	v.buildRisks()
	if is := e.InformationSharing; is != nil {
		v.ISPRequired = is.Required
		v.ISPWaived = !is.Required
		v.JointControllers = is.ControllerRelationship == partnership.ControllerRelationshipJointControllers
		v.ControllerProcessor = is.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor
	}
	if p.Communications != nil && p.Communications.LeadPartner != "" {
		v.CommsLeadName = v.names[p.Communications.LeadPartner]
	}
	return v
}

// buildParties matches ids on the raw partnership (p) and takes names from
// the escaped copy, so an id with punctuation still matches.
func (v *view) buildParties(p *partnership.Partnership) {
	c := v.Council
	council := party{
		ID: councilID, Name: c.Name, Type: partnership.PartnerTypeLocalAuthority, Address: c.Address,
		TypeText: partnership.PartnerTypeLocalAuthority.Text(), Description: partnership.PartnerTypeLocalAuthority.WithArticle(),
		IsCouncil: true, FOIPublicAuthority: true, Signatory: c.Signatory,
	}
	v.names = make(map[string]string, len(p.Partners)+1)
	v.names[councilID] = c.Name
	v.Partners = make([]party, len(v.P.Partners))
	lead := -1
	for i, pt := range v.P.Partners {
		kind := pt.Type
		if kind.Text() == "" {
			kind = partnership.PartnerTypeOther
		}
		v.Partners[i] = party{
			ID: pt.ID, Name: pt.Name, Type: pt.Type, TypeText: kind.Text(), Description: kind.WithArticle(),
			RegistrationNumber: pt.RegistrationNumber,
			NeedsRegistration:  pt.Type == partnership.PartnerTypeCompany || pt.Type == partnership.PartnerTypeVoluntarySector,
			Address:            pt.Address, IsLead: pt.IsLead, FOIPublicAuthority: pt.FOIPublicAuthority,
			CommsContact: pt.CommsContact, DataProtectionContact: pt.DataProtectionContact,
		}
		if pt.Signatory != nil {
			v.Partners[i].Signatory = *pt.Signatory
		}
		v.Partners[i].Registration = registration(oneline(pt.RegistrationNumber), v.Partners[i].NeedsRegistration)
		for _, id := range []string{p.Partners[i].ID, pt.ID} { // raw and escaped
			if _, dup := v.names[id]; !dup {
				v.names[id] = pt.Name
			}
		}
		if pt.IsLead && lead < 0 {
			lead = i
		}
	}
	switch {
	case lead >= 0:
		// Only one lead: a second is_lead (validation's to report) is ignored.
		for i := range v.Partners {
			v.Partners[i].IsLead = i == lead
		}
		v.Lead = &v.Partners[lead]
	case p.CouncilRole == partnership.CouncilRoleLead || p.CouncilRole == partnership.CouncilRoleHost:
		council.IsLead = true
		v.CouncilIsLead = true
	}

	v.Parties = make([]party, 0, len(v.Partners)+1)
	v.Parties = append(v.Parties, council)
	v.Parties = append(v.Parties, v.Partners...)
	if v.CouncilIsLead {
		v.Lead = &v.Parties[0]
	}
	v.HasLead = v.Lead != nil
	v.PartyNames = make([]string, len(v.Parties))
	for i, pt := range v.Parties {
		v.PartyNames[i] = pt.Name
		if pt.FOIPublicAuthority {
			v.FOIAuthorities = append(v.FOIAuthorities, pt.Name)
		}
	}
}

// registration words a registered number for the parties clause. A number
// entered with its own label ("Registered charity no. 1234567") prints as
// entered; a bare one ("01234567") gets "registered number".
func registration(number string, needed bool) string {
	switch {
	case number == "" && needed:
		return "registered number [to be confirmed]"
	case number == "":
		return ""
	case strings.Contains(number, " "):
		return number
	}
	return "registered number " + number
}

func (v *view) buildRepresentation() {
	for _, r := range v.Representatives {
		group := &v.Officers
		if r.Kind == partnership.RepresentativeKindCouncillor {
			group = &v.Councillors
			v.HasCouncillors = true
		} else {
			v.HasOfficers = true
		}
		if r.Role == partnership.RepresentativeRoleSubstitute {
			group.Substitutes = append(group.Substitutes, r)
		} else {
			group.Members = append(group.Members, r)
		}
		if r.RepresentsOtherOrg {
			v.OtherOrgReps = append(v.OtherOrgReps, r)
		}
	}
}

// buildContributions groups the contributions by financial year (earliest
// first), then by contributor in the order of the parties (council first),
// keeping the order entered within a contributor.
func (v *view) buildContributions(p *partnership.Partnership) {
	if len(p.Contributions) == 0 {
		return
	}
	v.HasContributions = true
	order := make(map[string]int, len(p.Partners)+1)
	order[councilID] = 0
	for i, pt := range p.Partners {
		if _, dup := order[pt.ID]; !dup {
			order[pt.ID] = i + 1
		}
	}
	rank := func(id string) int {
		if r, ok := order[id]; ok {
			return r
		}
		return len(p.Partners) + 1 // unknown contributors (validation reports them) last
	}
	idx := make([]int, len(p.Contributions))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, cb := p.Contributions[a], p.Contributions[b]
		if ca.FinancialYear != cb.FinancialYear {
			if ca.FinancialYear < cb.FinancialYear {
				return -1
			}
			return 1
		}
		return rank(ca.Partner) - rank(cb.Partner)
	})
	totals := make([]int64, len(p.Partners)+2) // by rank; the last for unknown ids
	seen := make([]bool, len(totals))
	for _, i := range idx {
		raw, esc := p.Contributions[i], v.P.Contributions[i]
		r := rank(raw.Partner)
		totals[r] += raw.AmountPence
		seen[r] = true
		row := contributionRow{
			Contributor: v.ContributorName(raw.Partner), Year: raw.FinancialYear, Type: raw.Type,
			AmountPence: raw.AmountPence, Description: esc.Description, WithinBudget: raw.WithinBudget,
		}
		if n := len(v.ContributionYears); n == 0 || v.ContributionYears[n-1].Year != row.Year {
			v.ContributionYears = append(v.ContributionYears, contributionYear{Year: row.Year})
		}
		y := &v.ContributionYears[len(v.ContributionYears)-1]
		y.Rows = append(y.Rows, row)
		y.Total += row.AmountPence
		v.ContributionsTotal += row.AmountPence
		if row.Type == partnership.ContributionTypeCash {
			v.HasCash = true
			v.CashTotal += row.AmountPence
		} else {
			v.HasNonCash = true
		}
		if !row.WithinBudget {
			v.OutsideBudget = append(v.OutsideBudget, row)
		}
	}
	for r, ok := range seen {
		if !ok {
			continue
		}
		name := "[unknown partners]"
		if r < len(v.Parties) {
			name = v.Parties[r].Name
		}
		v.ContributorTotals = append(v.ContributorTotals, contributorTotal{Name: name, Total: totals[r]})
	}
}

func (v *view) buildRisks() {
	v.Risks = make([]riskRow, len(v.P.Risks))
	for i, r := range v.P.Risks {
		v.Risks[i] = riskRow{Risk: r, Score: r.Score()}
	}
}

// RiskMatrix is the fenced block that draws the risks as a matrix (see
// outline.MatrixInfo): the bands partnership.RiskRating names, highest
// first, then each risk's likelihood, impact and escaped ref. A risk
// whose scores are out of range (never one that passed validation) is
// left out of the matrix; the register still lists it.
func (v *view) RiskMatrix() string {
	var b strings.Builder
	b.WriteString("```" + outline.MatrixInfo + "\n")
	for _, from := range [...]int{partnership.RiskHighFrom, partnership.RiskMediumFrom, 1} {
		fmt.Fprintf(&b, "band %d %s\n", from, partnership.RiskRating(from))
	}
	for _, r := range v.Risks {
		if r.Likelihood < 1 || r.Likelihood > outline.MatrixSize || r.Impact < 1 || r.Impact > outline.MatrixSize {
			continue
		}
		fmt.Fprintf(&b, "risk %d %d %s\n", r.Likelihood, r.Impact, oneline(r.ID))
	}
	b.WriteString("```")
	return b.String()
}

// ContributorName returns the escaped name of the party a contribution or
// communications lead refers to by id ("council" for the council); the id
// may be given as entered or as escaped in .P. An id
// that names no party (validation reports it) prints as a placeholder
// holding the id.
func (v *view) ContributorName(id string) string {
	if n, ok := v.names[id]; ok {
		return n
	}
	return "[unknown partner " + escapeMarkdown(id) + "]"
}
