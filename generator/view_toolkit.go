package generator

import (
	"regexp"
	"strconv"
	"strings"

	"partnerdocs/partnership"
)

// This file holds what the Partnership Toolkit (§5: the policy statement,
// Annex 1, and the checklist, Annex 2) prints beyond the checklist's rows:
// the note for an abolished council, the policy's approval record, what
// governs an arrangement §3 excludes, and the words for the fields and
// values that findings name by their JSON path, so that neither document
// prints "information_sharing.controller_relationship" or "pre_entry".

// AbolishedNote is the short note that the council profile is that of a
// council that no longer exists (escaped), for the approved copy; "" for a
// current council, and in a draft, whose drafting notes box says it first
// (notes.go), so that the draft says it once.
func (v *view) AbolishedNote() string {
	c := v.rawCouncil
	if !c.Abolished() || v.Draft {
		return ""
	}
	s := "This document was made with the profile of " + c.Name + ", which was abolished on " + c.AbolishedOn.Long()
	if c.SucceededBy != "" {
		s += " and succeeded by " + c.SucceededBy
	}
	return escapeMarkdown(s + ". Replace it with the current council's profile before the document is used.")
}

// policyRecord is the council's standing partnership policy: its version
// and who approved it when, each escaped or a placeholder.
type policyRecord struct{ Version, ApprovedBy, ApprovedOn string }

// Policy is the approval record of the policy statement, from the council
// profile.
func (v *view) Policy() policyRecord {
	p := v.rawCouncil.Policy
	r := policyRecord{"[version to be confirmed]", "[approving body to be confirmed]", "[date of approval to be confirmed]"}
	if strings.TrimSpace(p.Version) != "" {
		r.Version = escapeMarkdown(oneline(p.Version))
	}
	if strings.TrimSpace(p.ApprovedBy) != "" {
		r.ApprovedBy = escapeMarkdown(oneline(p.ApprovedBy))
	}
	if !p.ApprovedOn.IsZero() {
		if d := p.ApprovedOn.Long(); d != "" {
			r.ApprovedOn = escapeMarkdown(d)
		}
	}
	return r
}

// GovernedBy says what governs an arrangement §3 excludes instead of the
// Partnership Protocol (DOMAIN.md, "Current law"); "" for anything else.
func (v *view) GovernedBy() string {
	legal := v.Council.LegalServices
	switch v.A.Classification {
	case partnership.ClassExcludedHybrid:
		s := "It is governed by its own statutory and contractual framework"
		if v.raw.LegalInstrument == partnership.LegalInstrumentS75Agreement {
			s = "It is governed by its section 75 agreement under the National Health Service Act 2006 and the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000, to which only NHS bodies and local authorities may be parties"
		}
		return s + ". It is referred to " + legal + ", who advise on the agreement; the decision to enter, vary or end it is taken in accordance with the Council's Constitution."
	case partnership.ClassExcludedContract:
		return "It is governed by the contract, let under the Procurement Act 2023 and the Council's Contract Procedure Rules. Where the provider processes personal data for the Council, the contract needs the terms Article 28 of the UK GDPR requires, and publicity about the service is dealt with by a clause in the contract."
	case partnership.ClassExcludedForum:
		return "It is governed by terms of reference agreed by its members. It takes no decisions for the Council, and the Council's representatives take part within their existing authority."
	}
	return ""
}

// ReasonText is the assessment's §3 reason in the documents' style, one
// sentence or more ending in a full stop; "" when there is none.
func (v *view) ReasonText() string {
	if v.A.Reason == "" {
		return ""
	}
	return stop(plainWords(oneline(v.A.Reason)))
}

// ToConfirmText is the answer written where the record holds only the
// evaluating officer's answer, for Legal to confirm.
func (v *view) ToConfirmText() string { return partnership.AnswerToConfirm.Text() }

// IsHybrid reports whether §3 excludes the arrangement as a hybrid (a
// section 75 agreement), which the checklist routes to Legal.
func (v *view) IsHybrid() bool { return v.A.Classification == partnership.ClassExcludedHybrid }

// sectionSign is the protocol's "§4(d)", printed "section 4(d)".
var sectionSign = strings.NewReplacer("§§", "sections ", "§", "section ")

// theCouncil is "the council" meaning this council, printed "the Council".
var theCouncil = regexp.MustCompile(`\b([Tt]he) council\b`)

// abbreviation is one the findings use, written out so that every
// capitalised term is one the document defines ("ICO's" as written or as
// escaped for Markdown).
var abbreviation = regexp.MustCompile(`\b(?:ISP|DPIA|ICO\\?'s)\b`)

var abbreviations = map[string]string{"ISP": "Information Sharing Protocol", "DPIA": "data protection impact assessment",
	`ICO\'s`: "Information Commissioner\\'s", "ICO's": "Information Commissioner's"}

// escapedPath is a JSON path or an enumeration value as escapeMarkdown
// writes it: "partners\[\]\.lawful\_basis", "pre\_entry"; rawPath as the
// assessment writes it: "partners[].lawful_basis".
var (
	escapedPath = regexp.MustCompile(`[a-z]+(?:(?:\\_|\\\.)[a-z]+|\\\[\d*\\\])+`)
	rawPath     = regexp.MustCompile(`[a-z]+(?:(?:_|\.)[a-z]+|\[\d*\])+`)
)

// plainWords rewrites escaped text from the assessment in the documents'
// style (inWords), for a template; plainText does the same for text that
// is not Markdown (the drafting notes).
func plainWords(s string) string { return inWords(s, escapedPath) }

func plainText(s string) string { return inWords(s, rawPath) }

// inWords rewrites text from the assessment in the documents' style:
// "section 3" for "§3", "the Council", abbreviations written out, and every
// JSON path or enumeration value it knows (found by path) in words. A
// token it does not know (a name with an underscore in it) is left as
// written.
func inWords(s string, path *regexp.Regexp) string {
	s = sectionSign.Replace(s)
	if strings.Contains(s, "he council") {
		s = theCouncil.ReplaceAllString(s, "$1 Council")
	}
	if strings.Contains(s, "ISP") || strings.Contains(s, "DPIA") || strings.Contains(s, "ICO") {
		s = abbreviation.ReplaceAllStringFunc(s, func(a string) string { return abbreviations[a] })
	}
	if !strings.Contains(s, "_") && !strings.Contains(s, "[") { // every path or value the findings name has one
		return s
	}
	return path.ReplaceAllStringFunc(s, func(tok string) string {
		raw := strings.ReplaceAll(tok, `\`, "")
		if w, ok := valueWords(raw); ok {
			return w
		}
		if w, ok := pathWords(raw, nil); ok {
			return w
		}
		return tok
	})
}

// valueWords is an enumeration value in words, for the values findings
// mention.
func valueWords(s string) (string, bool) {
	if w := partnership.RiskPhase(s).Text(); w != "" {
		return w, true
	}
	if w := partnership.Classification(s).Text(); w != "" {
		return w, true
	}
	if w := partnership.LawfulBasis(s).Text(); w != "" {
		return w, true
	}
	return "", false
}

// fieldWords is a finding's field (an escaped JSON path) in words, with
// the partner, representative, risk or target it points at by name.
func (v *view) fieldWords(field string) string {
	raw := strings.ReplaceAll(oneline(field), `\`, "")
	if w, ok := pathWords(raw, v.itemName); ok {
		return capitalise(w)
	}
	return capitalise(strings.ReplaceAll(raw, "_", " "))
}

// itemName names element i of a list of the record (escaped): a partner
// or representative by name, a risk or target by its id.
func (v *view) itemName(list string, i int) string {
	p := v.P
	switch {
	case list == "partners" && i < len(p.Partners) && p.Partners[i].Name != "":
		return oneline(p.Partners[i].Name)
	case list == "representatives" && i < len(p.Representatives) && p.Representatives[i].Name != "":
		return oneline(p.Representatives[i].Name)
	case list == "risks" && i < len(p.Risks):
		return "risk " + oneline(p.Risks[i].ID)
	case list == "targets" && i < len(p.Targets):
		return "target " + oneline(p.Targets[i].ID)
	case list == "contributions" && i < len(v.raw.Contributions):
		c := v.raw.Contributions[i]
		return "contribution by " + v.ContributorName(c.Partner) + " for " + escapeMarkdown(string(c.FinancialYear))
	}
	return singular(list) + " " + strconv.Itoa(i+1)
}

// pathWords writes a JSON path in words: "information_sharing.retention"
// is "information sharing: how long data is kept", "partners[2].type" is
// the partner's name (from name, when given) and "type of organisation",
// "partners[].lawful_basis" is "each partner's lawful basis". ok is false
// when a step is not a field of the contract this knows.
func pathWords(path string, name func(list string, i int) string) (string, bool) {
	var parts []string
	for _, step := range strings.Split(path, ".") {
		field, index, hasIndex := strings.Cut(step, "[")
		w, ok := fieldLabels[field]
		if !ok {
			return "", false
		}
		index = strings.TrimSuffix(index, "]")
		switch i, err := strconv.Atoi(index); {
		case !hasIndex:
			parts = append(parts, w)
		case index == "":
			parts = append(parts, "each "+singular(field))
		case err == nil && name != nil:
			parts = append(parts, name(field, i))
		case err == nil:
			parts = append(parts, singular(field)+" "+strconv.Itoa(i+1))
		default:
			return "", false
		}
	}
	if len(parts) == 2 && strings.HasPrefix(parts[0], "each ") {
		return parts[0] + "'s " + parts[1], true
	}
	return strings.Join(parts, ": "), true
}

// singular is a list's element in words: "partners" -> "partner".
func singular(list string) string {
	if w, ok := fieldLabels[list]; ok {
		list = w
	}
	if w, ok := strings.CutSuffix(list, "ies"); ok {
		return w + "y"
	}
	return strings.TrimSuffix(list, "s")
}

// fieldLabels are the contract's fields that findings name, in words.
var fieldLabels = map[string]string{
	"arrangement": "arrangement", "shared_agreement_of_outcomes": "whether the outcomes are agreed jointly",
	"shared_delivery": "whether delivery is shared", "council_procures_service": "whether the Council procures the service",
	"discussion_only": "whether the group only discusses", "legal_instrument": "legal instrument",
	"legal_power": "the Council's legal power", "council_role": "the Council's role", "significance": "significance",
	"override": "override of the criteria", "justification": "justification",
	"policy_and_resources": "policy and resources", "statutory_impact": "impact on statutory services or duties",
	"strategic_priorities": "strategic priorities", "corporate_outcome": "corporate outcome",
	"reputational_risk":                   "reputational risk",
	"needs_authority_beyond_constitution": "authority beyond the Constitution",
	"resources_outside_budget":            "resources outside approved budgets", "partners": "partners",
	"type": "type of organisation", "is_lead": "lead partner", "lawful_basis": "lawful basis",
	"recognised_interest":     "recognised legitimate interest condition",
	"data_protection_contact": "data protection contact", "comms_contact": "communications contact",
	"sponsoring_officer": "sponsoring officer", "representatives": "representatives", "consent": "consent",
	"governance": "governance", "dates": "dates", "next_review": "next review date", "end": "end date",
	"start": "start date", "contributions": "contributions", "within_budget": "whether within an approved budget",
	"risks": "risks", "mitigation": "mitigation", "targets": "targets", "information_sharing": "information sharing",
	"required": "whether an Information Sharing Protocol is needed", "waiver_reason": "reason for waiving the Information Sharing Protocol",
	"controller_relationship":    "how the partners stand as controllers",
	"special_category_condition": "condition for special category data", "data_items": "data items shared",
	"category": "category", "breach_notification_hours": "time to report a breach to each other",
	"purposes": "purposes", "retention": "how long data is kept", "communications": "communications",
	"logo_justification": "justification for a partnership logo", "lead_partner": "communications lead",
	"branding": "branding", "mou": "memorandum of understanding", "binding_clauses": "binding clauses",
	"exit": "exit", "strategy": "exit strategy", "succession": "succession strategy",
	"withdrawal_notice_months": "notice to withdraw", "reviews": "reviews", "evaluation": "evaluation",
	"name": "name", "email": "email address",
}
