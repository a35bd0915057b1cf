package generator

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

const (
	paragraphs = "First part.\n\n\n  Second part.\n\n" // as an officer may type it
	oneLine    = "First part. Second part."
)

// setISPText puts s in every free-text field of the information sharing
// details.
func setISPText(p *partnership.Partnership, s string) {
	is := p.InformationSharing
	is.Retention, is.LegalGateway, is.TransferMethod, is.Frequency = s, s, s, s
	is.Purposes[0] = s
	is.DPIA.Outcome = s
}

// setCommsText puts s in every free-text field of the communications
// details.
func setCommsText(p *partnership.Partnership, s string) {
	c := p.Communications
	c.ConsultationCoordination, c.LogoJustification = s, s
	c.Spokespeople[0] = s
}

// Free text belongs in the sentence that introduces it, and blank lines in
// it make no extra numbered clauses: the clause numbers are the same as
// for the same words on one line.
func TestISPAndCommsFreeTextMakesNoClauses(t *testing.T) {
	g := newTestGenerator(t)
	for _, tc := range []struct {
		kind string
		set  func(*partnership.Partnership, string)
		want []string
	}{
		{ispKind, setISPText, []string{"The Parties have agreed the following retention periods: " + oneLine,
			"(the legal gateway) are: " + oneLine, "Its outcome was: " + oneLine, "The frequency of sharing is: " + oneLine}},
		{"communications-agreement", setCommsText, []string{"co-ordinate consultation as follows: " + oneLine,
			"will use a logo of its own, for these reasons: " + oneLine}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			numbers := func(s string) ([]string, rendered) {
				p := loadSample(t, "health-alliance.json")
				tc.set(p, s)
				return pdfClauseNumbers(pdfLayoutText(t, render(t, g, tc.kind, p, FormatPDF).Bytes)), renderBoth(t, g, tc.kind, p)
			}
			flat, _ := numbers(oneLine)
			broken, r := numbers(paragraphs)
			if !slices.Equal(flat, broken) {
				t.Errorf("blank lines in free text change the clauses:\n one line:   %v\n paragraphs: %v", flat, broken)
			}
			r.wantBoth(t, tc.want...)
		})
	}
}

// rawValue is an enumeration value or a JSON path as the contract spells
// it: lower case words joined by underscores.
var rawValue = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b|\w\[\d+\]\.`)

// Neither document prints an enumeration value or a JSON path, for any
// sample, in any of its forms.
func TestISPAndCommsPrintNoRawValues(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		for _, kind := range []string{ispKind, "communications-agreement"} {
			r := renderBoth(t, g, kind, p)
			for _, text := range []string{r.pdf, r.html} {
				if raw := rawValue.FindAllString(text, -1); len(raw) > 0 {
					t.Errorf("%s, %s prints %q", name, kind, raw)
				}
			}
		}
	}
}

// The council's data protection officer comes from the council profile and
// prints the same way in every form the ISP takes.
func TestISPCouncilDataProtectionOfficerFromProfile(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.DataProtectionOfficer = partnership.ContactPerson{Name: "Siân Ellis", Email: "sian.ellis@council.example.gov.uk"}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	const printed = "the Council's data protection officer, Siân Ellis (sian.ellis@council.example.gov.uk)"
	waived := loadSample(t, "waste-partnership.json")
	waived.InformationSharing = &partnership.InformationSharing{WaiverReason: "Only published figures are exchanged."}
	missing := loadSample(t, "waste-partnership.json")
	missing.InformationSharing = nil
	s75 := loadSample(t, "better-care-s75.json")
	s75.InformationSharing = nil
	for name, p := range map[string]*partnership.Partnership{
		"waiver": waived, "missing": missing, "contract": loadSample(t, "meals-contract.json"), "s75 note": s75,
	} {
		t.Run(name, func(t *testing.T) {
			r := renderBoth(t, g, ispKind, p)
			r.wantBoth(t, printed)
			r.wantNeither(t, "Data Protection Officer", "dpo@northamptonshire.gov.uk")
		})
	}
	r := renderBoth(t, g, ispKind, loadSample(t, "waste-partnership.json"))
	if !strings.Contains(r.page, "<tr><td>"+c.Name+"</td><td>Siân Ellis</td><td>sian.ellis@council.example.gov.uk</td></tr>") {
		t.Error("the protocol's contacts table does not give the council's data protection officer from the profile")
	}
}
