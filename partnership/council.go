package partnership

import (
	"encoding/json"
	"io"
	"slices"
	"strings"
)

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
	// CommunicationsContact is the council's communications lead for its
	// partnerships, printed in every communications agreement.
	CommunicationsContact CommsContact `json:"communications_contact"`

	// Decision bodies.
	DecisionBody string `json:"decision_body"` // approves significant partnerships (§5(b))
	FullCouncil  string `json:"full_council"`

	// The county-wide information sharing framework and who runs it.
	SharingFramework        string        `json:"sharing_framework"`
	SharingFrameworkContact ContactPerson `json:"sharing_framework_contact"`
	DataProtectionOfficer   ContactPerson `json:"data_protection_officer"`

	// AllowSelfApproval lets the person who generated or submitted a draft
	// approve it too: for a council too small to have a second reviewer.
	// Off unless the profile says so; each such approval is audited as one.
	AllowSelfApproval bool `json:"allow_self_approval,omitempty"`

	// Execution says how the council executes a binding agreement.
	Execution Execution `json:"execution"`
	// Policy is the council's standing partnership policy that the policy
	// statement prints: its version and who approved it when.
	Policy PolicyApproval `json:"policy"`

	// AbolishedOn is set when the council no longer exists, as for the
	// protocol's own council: every document made with the profile then
	// says so, and so does the program at start-up.
	AbolishedOn Date   `json:"abolished_on,omitempty"`
	SucceededBy string `json:"succeeded_by,omitempty"`
}

// Execution is how the council executes a binding agreement: as a deed
// under its common seal from a value its Constitution sets, otherwise
// signed by an authorised signatory.
type Execution struct {
	// SealFromPence is the value of an agreement (every contribution, every
	// year) from which the council executes it as a deed under seal; 0 when
	// the Constitution sets no such value (the council then signs).
	SealFromPence int64 `json:"seal_from_pence,omitempty"`
	// SealAttestedBy is the officer who attests the seal ("the Director of
	// Legal and Democratic Services or another authorised officer").
	SealAttestedBy string `json:"seal_attested_by,omitempty"`
}

// PolicyApproval records the council's adoption of its partnership policy.
type PolicyApproval struct {
	Version    string `json:"version,omitempty"`
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedOn Date   `json:"approved_on,omitempty"`
}

// Abolished reports whether the profile is of a council that no longer
// exists.
func (c Council) Abolished() bool { return c.AbolishedOn != "" }

// AbolishedNotice is the sentence that says the profile's council no longer
// exists and what to do; empty for a current council.
func (c Council) AbolishedNotice() string {
	if !c.Abolished() {
		return ""
	}
	s := "The council profile is that of " + c.Name + ", the council that made the Partnership Protocol, which was abolished on " + c.AbolishedOn.Long()
	if c.SucceededBy != "" {
		s += " and succeeded by " + c.SucceededBy
	}
	return s + ". Give your own council's profile (--council FILE; samples/councils/west-northamptonshire.json is an example) before any document is used."
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
		Policy:                  PolicyApproval{Version: "July 2009"},
		AbolishedOn:             "2021-04-01",
		SucceededBy:             "North Northamptonshire Council and West Northamptonshire Council",
	}
}

// DecodeCouncil reads a council profile from JSON. Role titles and decision
// bodies not given keep the protocol's general titles ("Chief Executive");
// the council's own facts (name, address, sharing framework) must be given,
// so no successor council prints the old council's name by mistake. Unknown
// fields are refused.
func DecodeCouncil(r io.Reader) (Council, error) {
	c := DefaultCouncil()
	c.Name, c.Address, c.SharingFramework = "", "", ""
	c.SharingFrameworkContact, c.DataProtectionOfficer = ContactPerson{}, ContactPerson{}
	c.Execution, c.Policy, c.AbolishedOn, c.SucceededBy = Execution{}, PolicyApproval{}, "", ""
	dec := json.NewDecoder(io.LimitReader(r, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Council{}, &Error{Code: EMalformed, Message: "The council profile is not valid JSON for a profile: " + err.Error()}
	}
	var problems []Problem
	for path, v := range map[string]string{"name": c.Name, "address": c.Address, "sharing_framework": c.SharingFramework} {
		if strings.TrimSpace(v) == "" {
			problems = append(problems, Problem{Path: path, Message: "The council profile must give this"})
		}
	}
	if len(problems) > 0 {
		slices.SortFunc(problems, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
		return Council{}, &Error{Code: EInvalid, Message: "The council profile is incomplete", Problems: problems}
	}
	return c, nil
}
