package generator

import (
	"regexp"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// partnershipWord finds the arrangement called a partnership, once the
// names of the protocol, of the document and of the 2000 Regulations, and
// the arrangement's own name, are taken out.
var partnershipWord = regexp.MustCompile(`\bPartnership\b`)

// framedAsPartnership returns where text calls the arrangement "the
// Partnership" or says the Partnership Protocol requires the document.
func framedAsPartnership(text string, p *partnership.Partnership) []string {
	text = strings.ReplaceAll(text, p.Name, "")
	for _, name := range []string{"Partnership Protocol", "Partnership Communications Agreement", "Partnership Arrangements Regulations"} {
		text = strings.ReplaceAll(text, name, "")
	}
	var found []string
	for _, loc := range partnershipWord.FindAllStringIndex(text, -1) {
		found = append(found, text[max(0, loc[0]-60):min(len(text), loc[1]+40)])
	}
	for _, s := range []string{"requires every partnership", "expects a partnership normally to have"} {
		if strings.Contains(text, s) {
			found = append(found, s)
		}
	}
	return found
}

// excludedCase is an arrangement section 3 excludes, and what each of the
// two documents must say instead of treating it as a partnership.
type excludedCase struct {
	name       string
	class      partnership.Classification
	edit       func(*partnership.Partnership)
	isp, comms []string
}

func excludedCases() []excludedCase {
	forum := func(p *partnership.Partnership) { p.LegalInstrument = partnership.LegalInstrumentForum }
	return []excludedCase{
		{"meals-contract.json", partnership.ClassExcludedContract, nil,
			[]string{"Article 28 terms are needed in the contract", "This arrangement is a contract for services",
				"What the Article 28 contract must contain", "Meadowfield Community Meals Ltd as processor"},
			[]string{"a publicity clause in the contract is needed instead", "What the contract's publicity clause should say"}},
		{"better-care-s75.json", partnership.ClassExcludedHybrid, nil,
			[]string{"(the “Arrangement”)", "governed by the section 75 agreement between the Parties",
				"the section 75 agreement prevails", "which leads the Arrangement"},
			[]string{"no communications agreement is needed", "made under section 75 of the National Health Service Act 2006",
				"section 75 agreement between the Council and NHS Northamptonshire Integrated Care Board"}},
		{"better-care-s75.json with no sharing recorded", partnership.ClassExcludedHybrid,
			func(p *partnership.Partnership) { p.InformationSharing = nil },
			[]string{"no Information Sharing Protocol is needed under the Partnership Protocol", "governed by the section 75 agreement"},
			[]string{"no communications agreement is needed"}},
		{"community-partnership.json as a forum", partnership.ClassExcludedForum, forum,
			[]string{"(the “Arrangement”)", "does not call for an information sharing protocol for it"},
			[]string{"This arrangement is a forum", "terms of reference"}},
		{"community-partnership.json as a forum sharing nothing", partnership.ClassExcludedForum,
			func(p *partnership.Partnership) {
				forum(p)
				p.InformationSharing = &partnership.InformationSharing{WaiverReason: "Members discuss only published figures."}
			},
			[]string{"A forum needs no Information Sharing Protocol unless its members share personal data",
				"for this reason: Members discuss only published figures."},
			[]string{"This arrangement is a forum"}},
	}
}

// A contract for services, a forum or a section 75 arrangement gets what
// DOMAIN.md says it needs, and neither document calls it "the Partnership"
// or says the Partnership Protocol requires it.
func TestExcludedArrangementsAreNotFramedAsPartnerships(t *testing.T) {
	g := newTestGenerator(t)
	for _, tc := range excludedCases() {
		t.Run(tc.name, func(t *testing.T) {
			p := loadSample(t, strings.SplitN(tc.name, " ", 2)[0])
			if tc.edit != nil {
				tc.edit(p)
			}
			if c := g.Assess(p, genTime).Classification; c != tc.class {
				t.Fatalf("classified %s, want %s", c, tc.class)
			}
			for kind, want := range map[string][]string{ispKind: tc.isp, "communications-agreement": tc.comms} {
				r := renderBoth(t, g, kind, p)
				r.wantBoth(t, want...)
				for _, text := range []string{r.pdf, r.html} {
					if found := framedAsPartnership(text, p); len(found) > 0 {
						t.Errorf("%s calls the arrangement a partnership: %q", kind, found)
					}
				}
			}
		})
	}
}

// The check above can fail: a partnership's documents do call it "the
// Partnership".
func TestFramedAsPartnershipFindsThePartnership(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	for _, kind := range []string{ispKind, "communications-agreement"} {
		if found := framedAsPartnership(renderBoth(t, g, kind, p).pdf, p); len(found) == 0 {
			t.Errorf("%s of a partnership: the check finds no \"Partnership\"", kind)
		}
	}
}
