package partnership

// Council is the council profile: the facts about the council that every
// document prints. The protocol's own council is the default; a successor
// council supplies its own profile (issue 3 loads it from a file).
type Council struct {
	Name                    string    `json:"name"`
	Address                 string    `json:"address"`
	Signatory               Signatory `json:"signatory"`
	AssistantChiefExecutive string    `json:"assistant_chief_executive"`
	HeadOfPolicy            string    `json:"head_of_policy"`
	LegalServices           string    `json:"legal_services"`
	DecisionBody            string    `json:"decision_body"`
	FullCouncil             string    `json:"full_council"`
	SharingFramework        string    `json:"sharing_framework"`
}

// DefaultCouncil returns the profile of the council that made the Partnership
// Protocol (July 2009).
func DefaultCouncil() Council {
	return Council{
		Name:                    "Northamptonshire County Council",
		Address:                 "One Angel Square, Angel Street, Northampton NN1 1ED",
		Signatory:               Signatory{Name: "", Title: "Authorised Signatory"},
		AssistantChiefExecutive: "Assistant Chief Executive",
		HeadOfPolicy:            "Head of Policy",
		LegalServices:           "Legal and Democratic Services",
		DecisionBody:            "Corporate Management Team",
		FullCouncil:             "Full Council",
		SharingFramework:        "Northamptonshire Information Sharing Framework",
	}
}
