package generator

import (
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

var policyHeadings = []string{
	"Partnership Protocol Policy Statement", "About this statement", "What the Council means by a partnership",
	"When the Council will say yes", "When the Council will say no", "Principles", "Significant partnerships",
	"Governance expectations", "Approval routes", "Contacts",
}

// Every sample gets the policy statement, which names the proposal it
// accompanies and otherwise speaks only for the council.
func TestPolicyStatementEverySample(t *testing.T) {
	g := newTestGenerator(t)
	c := g.council
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			r := renderBoth(t, g, "policy-statement", p)
			r.wantBoth(t, policyHeadings...)
			r.wantBoth(t, "accompanies the proposal for "+p.Name, c.Name, c.DecisionBody, c.AssistantChiefExecutive,
				c.FullCouncil, c.HeadOfPolicy, c.SharingFramework, "Annex 2", "section 75 of the National Health Service Act 2006",
				"section 149 of the Equality Act 2010")
		})
	}
}

// A successor council's profile replaces every name, title and body in the
// policy statement, the ISP and the checklist; none of the protocol's own
// council's wording is left in the policy statement or the ISP.
func TestPolicyStatementUsesTheCouncilProfile(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.Name = "West Northamptonshire Council"
	c.Address = "One Angel Square, Northampton NN1 1ED"
	c.ChiefExecutive = "Chief Executive Officer"
	c.Leader = "Leader"
	c.AssistantChiefExecutive = "Assistant Director of Strategy"
	c.Director = "Executive Director"
	c.HeadOfPolicy = "Head of Strategy and Policy"
	c.HeadOfService = "Assistant Director"
	c.LegalServices = "Legal Services"
	c.CommunicationsTeam = "Communications and Engagement Team"
	c.DecisionBody = "Corporate Leadership Team"
	c.FullCouncil = "the Council meeting"
	c.SharingFramework = "Northamptonshire Data Sharing Charter"
	c.SharingFrameworkContact = partnership.ContactPerson{Name: "Information Assurance Team", Email: "ia@westnorthants.gov.uk"}
	c.DataProtectionOfficer = partnership.ContactPerson{Name: "Senior Information Risk Owner", Email: "dpo@westnorthants.gov.uk"}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	old := partnership.DefaultCouncil()
	leftovers := []string{old.Name, old.DecisionBody, old.AssistantChiefExecutive, old.HeadOfPolicy, old.SharingFramework,
		old.SharingFrameworkContact.Email, old.DataProtectionOfficer.Email, old.LegalServices, "Full Council"}

	p := loadSample(t, "waste-partnership.json")
	r := renderBoth(t, g, "policy-statement", p)
	r.wantBoth(t, c.Name, c.DecisionBody, c.AssistantChiefExecutive, c.Director, c.HeadOfPolicy, c.HeadOfService,
		c.LegalServices, c.CommunicationsTeam, c.FullCouncil, c.SharingFramework, c.SharingFrameworkContact.Email,
		c.DataProtectionOfficer.Email, "the "+c.ChiefExecutive, "the "+c.Leader+" in consultation with")
	r.wantNeither(t, leftovers...)

	isp := renderBoth(t, g, ispKind, p)
	isp.wantBoth(t, c.Name, c.SharingFramework, c.SharingFrameworkContact.Name, c.DataProtectionOfficer.Email)
	isp.wantNeither(t, old.Name, old.SharingFramework, old.DataProtectionOfficer.Email)

	checklist := renderBoth(t, g, "checklist", p)
	checklist.wantBoth(t, c.Name, c.LegalServices, c.DecisionBody, "Report to "+c.FullCouncil)
}
