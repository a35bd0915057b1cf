package samples_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// required are the samples other packages and the README rely on by name.
var required = []string{
	"awkward-names.json",
	"better-care-s75.json",
	"community-partnership.json",
	"community-safety-partnership.json",
	"early-help-safeguarding.json",
	"health-alliance.json",
	"incorporated-entity.json",
	"joint-planning-committee.json",
	"meals-contract.json",
	"minimal-proposal.json",
	"waste-partnership.json",
	"youth-employment-mou.json",
}

func TestNames(t *testing.T) {
	names := samples.Names()
	if !slices.IsSorted(names) {
		t.Errorf("Names() is not sorted: %v", names)
	}
	for _, want := range required {
		if !slices.Contains(names, want) {
			t.Errorf("Names() lacks %s: %v", want, names)
		}
	}
	for _, name := range names {
		if !strings.HasSuffix(name, ".json") {
			t.Errorf("Names() lists %s, which is not a .json file", name)
		}
	}
	if _, err := samples.Read("no-such-sample.json"); err == nil {
		t.Error(`Read("no-such-sample.json") returned no error`)
	}
}

// decodeStrict decodes one sample the way the contract demands: unknown
// fields rejected and nothing after the object.
func decodeStrict(t *testing.T, name string) *partnership.Partnership {
	t.Helper()
	data, err := samples.Read(name)
	if err != nil {
		t.Fatalf("Read(%q): %v", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p partnership.Partnership
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("%s does not decode strictly: %v", name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Fatalf("%s has data after the partnership object", name)
	}
	return &p
}

func TestSamplesDecodeStrictly(t *testing.T) {
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := decodeStrict(t, name)
			if p.Name == "" || p.Purpose == "" {
				t.Errorf("name and purpose are required; got name %q, purpose %q", p.Name, p.Purpose)
			}
			if n := len([]rune(p.Name)); n > 200 {
				t.Errorf("name is %d characters, over the limit of 200", n)
			}
		})
	}
}

// TestSamplesPassDecode runs the contract's own decoder and validator.
func TestSamplesPassDecode(t *testing.T) {
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			data, err := samples.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := partnership.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("partnership.Decode: %v", err)
				var perr *partnership.Error
				if errors.As(err, &perr) {
					for _, pr := range perr.Problems {
						t.Errorf("  %s: %s", pr.Path, pr.Message)
					}
				}
			}
		})
	}
}

func TestSamplesKeepTheContract(t *testing.T) {
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			checkContract(t, decodeStrict(t, name))
		})
	}
}

// checkContract checks the rules a sample must keep whatever the validator
// does: enumerations, dates, unique ids and references that resolve.
func checkContract(t *testing.T, p *partnership.Partnership) {
	t.Helper()
	checkEnum(t, "status", p.Status, p.Status.Valid())
	checkEnum(t, "legal_instrument", p.LegalInstrument, p.LegalInstrument.Valid())
	checkEnum(t, "council_role", p.CouncilRole, p.CouncilRole.Valid())
	if p.Significance != nil {
		checkEnum(t, "significance.override", p.Significance.Override, p.Significance.Override.Valid())
	}

	ids := map[string]bool{"council": true}
	leads := 0
	for i, pt := range p.Partners {
		at := fmt.Sprintf("partners[%d]", i)
		if pt.ID == "" || pt.ID == "council" || ids[pt.ID] {
			t.Errorf("%s.id %q is empty, reserved or repeated", at, pt.ID)
		}
		ids[pt.ID] = true
		checkEnum(t, at+".type", pt.Type, pt.Type.Valid())
		if pt.IsLead {
			leads++
		}
	}
	if leads > 1 {
		t.Errorf("%d partners are marked is_lead; at most one may be", leads)
	}
	ref := func(path, id string) {
		if !ids[id] {
			t.Errorf("%s %q is neither a partner id nor \"council\"", path, id)
		}
	}

	for i, r := range p.Representatives {
		at := fmt.Sprintf("representatives[%d]", i)
		checkEnum(t, at+".kind", r.Kind, r.Kind.Valid())
		checkEnum(t, at+".role", r.Role, r.Role.Valid())
		checkEnum(t, at+".consent", r.Consent, r.Consent.Valid())
	}
	if g := p.Governance; g != nil {
		checkEnum(t, "governance.voting_rule", g.VotingRule, g.VotingRule.Valid())
	}
	if d := p.Dates; d != nil {
		checkDate(t, "dates.start", d.Start)
		checkDate(t, "dates.end", d.End)
		checkDate(t, "dates.next_review", d.NextReview)
	}
	for i, c := range p.Contributions {
		at := fmt.Sprintf("contributions[%d]", i)
		ref(at+".partner", c.Partner)
		checkYear(t, at+".financial_year", c.FinancialYear)
		checkEnum(t, at+".type", c.Type, c.Type.Valid())
		if c.AmountPence < 0 {
			t.Errorf("%s.amount_pence is negative: %d", at, c.AmountPence)
		}
	}
	riskIDs := map[string]bool{}
	for i, r := range p.Risks {
		at := fmt.Sprintf("risks[%d]", i)
		unique(t, at+".id", r.ID, riskIDs)
		checkEnum(t, at+".category", r.Category, r.Category.Valid())
		checkEnum(t, at+".phase", r.Phase, r.Phase.Valid())
		if r.Likelihood < 1 || r.Likelihood > 5 || r.Impact < 1 || r.Impact > 5 {
			t.Errorf("%s likelihood %d and impact %d must each be 1 to 5", at, r.Likelihood, r.Impact)
		}
	}
	targetIDs := map[string]bool{}
	for i, tg := range p.Targets {
		at := fmt.Sprintf("targets[%d]", i)
		unique(t, at+".id", tg.ID, targetIDs)
		checkEnum(t, at+".polarity", tg.Polarity, tg.Polarity.Valid())
		for j, r := range tg.Results {
			checkYear(t, fmt.Sprintf("%s.results[%d].financial_year", at, j), r.FinancialYear)
			checkEnum(t, fmt.Sprintf("%s.results[%d].rag", at, j), r.RAG, r.RAG.Valid())
		}
	}
	if is := p.InformationSharing; is != nil {
		checkEnum(t, "information_sharing.controller_relationship", is.ControllerRelationship, is.ControllerRelationship.Valid())
		checkEnum(t, "information_sharing.lawful_basis", is.LawfulBasis, is.LawfulBasis.Valid())
		for i, d := range is.DataItems {
			at := fmt.Sprintf("information_sharing.data_items[%d]", i)
			checkEnum(t, at+".category", d.Category, d.Category.Valid())
			if d.SourcePartner != "" {
				ref(at+".source_partner", d.SourcePartner)
			}
		}
		if is.DPIA != nil {
			checkDate(t, "information_sharing.dpia.completed_on", is.DPIA.CompletedOn)
		}
		if !is.Required && is.WaiverReason == "" {
			t.Error("information_sharing is not required but gives no waiver_reason")
		}
	}
	if c := p.Communications; c != nil {
		if c.LeadPartner != "" {
			ref("communications.lead_partner", c.LeadPartner)
		}
		checkEnum(t, "communications.branding", c.Branding, c.Branding.Valid())
		if c.Branding == partnership.BrandingPartnershipLogo && c.LogoJustification == "" {
			t.Error("communications.branding is partnership_logo without a logo_justification")
		}
	}
	if p.MoU != nil {
		for i, b := range p.MoU.BindingClauses {
			checkEnum(t, fmt.Sprintf("mou.binding_clauses[%d]", i), b, b.Valid())
		}
	}
	for i, r := range p.Reviews {
		at := fmt.Sprintf("reviews[%d]", i)
		checkYear(t, at+".financial_year", r.FinancialYear)
		checkEnum(t, at+".type", r.Type, r.Type.Valid())
		checkEnum(t, at+".overall", r.Overall, r.Overall.Valid())
		checkEnum(t, at+".recommendation", r.Recommendation, r.Recommendation.Valid())
		checkDate(t, at+".completed_on", r.CompletedOn)
	}
}

// checkEnum accepts a valid value or an omitted one ("" is "not given").
func checkEnum[T ~string](t *testing.T, path string, v T, valid bool) {
	t.Helper()
	if v != "" && !valid {
		t.Errorf("%s %q is not one of the contract's values", path, v)
	}
}

func checkDate(t *testing.T, path string, d partnership.Date) {
	t.Helper()
	if d.IsZero() {
		return
	}
	if _, err := d.Parse(); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}

func checkYear(t *testing.T, path string, fy partnership.FinancialYear) {
	t.Helper()
	if _, err := fy.StartYear(); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}

func unique(t *testing.T, path, id string, seen map[string]bool) {
	t.Helper()
	if id == "" || seen[id] {
		t.Errorf("%s %q is empty or repeated", path, id)
	}
	seen[id] = true
}

// TestSamplesAreNFC checks both the bytes of each file and every decoded
// string, so a decomposed character hidden in a \u escape is caught too.
func TestSamplesAreNFC(t *testing.T) {
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			data, err := samples.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			if !norm.NFC.IsNormal(data) {
				t.Error("the file is not in Unicode normalisation form C")
			}
			eachString(reflect.ValueOf(decodeStrict(t, name)), func(s string) {
				if !norm.NFC.IsNormalString(s) {
					t.Errorf("%q is not in NFC", s)
				}
			})
		})
	}
}

// eachString calls f with every string reachable from v.
func eachString(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			eachString(v.Elem(), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			eachString(v.Index(i), f)
		}
	case reflect.String:
		f(v.String())
	}
}

func TestHealthAllianceHas25Partners(t *testing.T) {
	p := decodeStrict(t, "health-alliance.json")
	if len(p.Partners) != 25 {
		t.Errorf("the health alliance has %d partners, want 25", len(p.Partners))
	}
	if is := p.InformationSharing; is == nil || is.ControllerRelationship != partnership.ControllerRelationshipJointControllers {
		t.Error("the health alliance's ISP should make the partners joint controllers")
	}
}

// TestHealthAllianceIsTheLongest keeps the benchmarks' input the largest.
func TestHealthAllianceIsTheLongest(t *testing.T) {
	longest, size := "", 0
	for _, name := range samples.Names() {
		data, err := samples.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > size {
			longest, size = name, len(data)
		}
	}
	if longest != "health-alliance.json" {
		t.Errorf("the longest sample is %s, want health-alliance.json", longest)
	}
}

func TestCommunityPartnershipScripts(t *testing.T) {
	data, err := samples.Read("community-partnership.json")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"ł", "ż", "ę", "Ł", // Polish
		"ș", "ț", "ă", "î", "â", // Romanian, comma below
		"ŵ", "ŷ", "Ŵ", "Ŷ", // Welsh
		"Seán Ó Súilleabháin",                           // Irish
		"Γιώργος Παπαδόπουλος",                          // Greek
		"Олена Коваленко",                               // Cyrillic
		"Grzegorz Brzęczyszczykiewicz", "Ștefan Țiriac", // signatories
		"£", "€", "\u2018", "\u2019", "\u201c", "\u201d", "\u2013", // money, curly quotes, en dash
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the community partnership lacks %q", want)
		}
	}
	// Romanian is written with comma below; the cedilla forms are a
	// legacy mistake the sample must not teach.
	for _, bad := range []string{"\u015e", "\u015f", "\u0162", "\u0163"} {
		if strings.Contains(text, bad) {
			t.Errorf("the community partnership uses the cedilla letter %q (U+%04X) instead of the comma below", bad, []rune(bad)[0])
		}
	}
	for _, script := range []struct {
		name  string
		table *unicode.RangeTable
	}{{"Greek", unicode.Greek}, {"Cyrillic", unicode.Cyrillic}} {
		if !strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(script.table, r) }) {
			t.Errorf("the community partnership has no %s letters", script.name)
		}
	}
}

// TestAwkwardNamesAreKept stops anyone "tidying" the metacharacters away.
func TestAwkwardNamesAreKept(t *testing.T) {
	p := decodeStrict(t, "awkward-names.json")
	var names []string
	for _, pt := range p.Partners {
		names = append(names, pt.Name)
	}
	for _, want := range []string{
		"*Acme | Ltd_",
		"Smith & Sons <Trading> [UK] #1",
		"{{.Name}} Community Trust",
		`100% Back-to-Work \ Ltd`,
	} {
		if !slices.Contains(names, want) {
			t.Errorf("awkward-names.json lacks the partner %q", want)
		}
	}
	// Lines that Markdown would read as a list, a list or a heading.
	for _, start := range []string{"1. ", "- ", "# not a heading"} {
		if !strings.Contains(p.Purpose, "\n"+start) {
			t.Errorf("the awkward purpose has no line starting %q", start)
		}
	}
	if !strings.Contains(p.Purpose, "`") {
		t.Error("the awkward purpose has no backticks")
	}
}

func TestMinimalProposalIsMinimal(t *testing.T) {
	p := decodeStrict(t, "minimal-proposal.json")
	if p.Status != partnership.StatusProposed {
		t.Errorf("status is %q, want proposed", p.Status)
	}
	if len(p.Partners) != 1 || p.SponsoringOfficer == nil {
		t.Errorf("want one partner and a sponsoring officer; got %d partners, sponsoring officer %v", len(p.Partners), p.SponsoringOfficer)
	}
	if p.Governance != nil || p.Dates != nil || p.Exit != nil || len(p.Contributions) > 0 || len(p.Risks) > 0 {
		t.Error("the minimal proposal should leave governance, dates, exit, contributions and risks out")
	}
}

func TestYouthEmploymentMoUHasBindingClauses(t *testing.T) {
	p := decodeStrict(t, "youth-employment-mou.json")
	if p.LegalInstrument != partnership.LegalInstrumentMouPartBinding {
		t.Errorf("legal_instrument is %q, want mou_part_binding", p.LegalInstrument)
	}
	if p.MoU == nil || len(p.MoU.BindingClauses) == 0 {
		t.Error("mou.binding_clauses is empty")
	}
	if p.CouncilRole != partnership.CouncilRoleMember {
		t.Errorf("council_role is %q, want member", p.CouncilRole)
	}
}

// Every sample council profile decodes strictly and is a current council's.
func TestCouncilProfiles(t *testing.T) {
	files, err := fs.Glob(samples.Councils, "councils/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no council profiles (%v)", err)
	}
	for _, name := range files {
		f, err := samples.Councils.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := partnership.DecodeCouncil(f)
		f.Close()
		switch {
		case err != nil:
			t.Errorf("%s: %v", name, err)
		case c.Abolished():
			t.Errorf("%s is the profile of an abolished council", name)
		case c.Policy.Version == "" || c.Execution.SealAttestedBy == "":
			t.Errorf("%s does not give its policy's version or who attests its seal: %+v %+v", name, c.Policy, c.Execution)
		}
	}
	if !partnership.DefaultCouncil().Abolished() {
		t.Error("the built-in profile, the protocol's own council, is not marked abolished")
	}
}
