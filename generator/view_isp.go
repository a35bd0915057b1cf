package generator

import "partnerdocs/partnership"

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

// ISPForm says which document the information-sharing-protocol kind
// renders: "none", "waived", "processor" or "protocol".
func (v *view) ISPForm() string {
	is := v.InformationSharing
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
	return &lawfulBasis{Article: b.Article(), Name: b.Text(), Words: b.Meaning()}
}

// LawfulBasisText is the Article 6 basis in a few words, "Article 6(1)(e)
// of the UK GDPR (public task)", or a placeholder.
func (v *view) LawfulBasisText() string {
	if v.InformationSharing == nil {
		return lawfulBasisText("")
	}
	return lawfulBasisText(v.InformationSharing.LawfulBasis)
}

func lawfulBasisText(b partnership.LawfulBasis) string {
	if b.Text() == "" {
		return "[Article 6 lawful basis to be confirmed]"
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
