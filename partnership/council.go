package partnership

// Council is the council profile: the facts about the council that every
// document prints: its name, role titles, decision bodies and the county-wide
// information sharing framework. The protocol's own council is the default;
// a successor council supplies its own profile as JSON (--council FILE).
type Council struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	// Signatory signs agreements for the council; an empty name prints as a
	// placeholder for the officer to fill in.
	Signatory Signatory `json:"signatory"`

	// Role titles, as the council's constitution spells them.
	ChiefExecutive          string `json:"chief_executive"`
	Leader                  string `json:"leader"`
	AssistantChiefExecutive string `json:"assistant_chief_executive"`
	Director                string `json:"director"`
	HeadOfPolicy            string `json:"head_of_policy"`
	HeadOfService           string `json:"head_of_service"`
	LegalServices           string `json:"legal_services"`
	CommunicationsTeam      string `json:"communications_team"`

	// Decision bodies.
	DecisionBody string `json:"decision_body"` // approves significant partnerships (§5(b))
	FullCouncil  string `json:"full_council"`

	// The county-wide information sharing framework and who runs it.
	SharingFramework        string        `json:"sharing_framework"`
	SharingFrameworkContact ContactPerson `json:"sharing_framework_contact"`
	DataProtectionOfficer   ContactPerson `json:"data_protection_officer"`
}

// DefaultCouncil returns the profile of the council that made the Partnership
// Protocol (July 2009).
func DefaultCouncil() Council {
	return Council{
		Name:                    "Northamptonshire County Council",
		Address:                 "One Angel Square, Angel Street, Northampton NN1 1ED",
		Signatory:               Signatory{Name: "", Title: "Authorised Signatory"},
		ChiefExecutive:          "Chief Executive",
		Leader:                  "Leader of the Council",
		AssistantChiefExecutive: "Assistant Chief Executive",
		Director:                "Director",
		HeadOfPolicy:            "Head of Policy",
		HeadOfService:           "Head of Service",
		LegalServices:           "Legal and Democratic Services",
		CommunicationsTeam:      "Communications Team",
		DecisionBody:            "Corporate Management Team",
		FullCouncil:             "Full Council",
		SharingFramework:        "Northamptonshire Information Sharing Framework",
		SharingFrameworkContact: ContactPerson{Name: "Information Governance Team", Email: "infogov@northamptonshire.gov.uk"},
		DataProtectionOfficer:   ContactPerson{Name: "Data Protection Officer", Email: "dpo@northamptonshire.gov.uk"},
	}
}
