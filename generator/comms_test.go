package generator

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// commsSections are the communications agreement's clauses by heading id
// and heading text: what section 4(g) of the protocol and DOMAIN.md ask it
// to settle.
var commsSections = []struct{ id, heading string }{
	{"parties", "Parties"},
	{"purpose", "Purpose and status"},
	{"definitions", "Definitions"},
	{"contacts", "Communications contacts"},
	{"press", "Press and media"},
	{"sign-off", "Joint releases and sign-off"},
	{"spokespeople", "Spokespeople"},
	{"branding", "Branding and the Council's visibility"},
	{"social-media", "Social media"},
	{"crisis", "Crisis and issues handling"},
	{"consultation", "Consultation and publicity"},
	{"pre-election", "Pre-election periods and the Publicity Code"},
	{"accessibility", "Accessible communications"},
	{"value-for-money", "Value for money"},
	{"foi", "Freedom of information"},
	{"review", "Review"},
	{"signatures", "Signatures"},
}

const logoWarning = "section 4(g) of the Council's Partnership Protocol allows a partnership logo only in exceptional cases, for reasons recorded here, and none have been recorded [justification for a partnership logo to be confirmed]"

func TestCommsAgreementEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			doc := render(t, g, "communications-agreement", p, FormatPDF)
			pdftest.Check(t, doc.Bytes)
			text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
			if info := pdftest.Info(t, doc.Bytes); info["Title"] != "Partnership Communications Agreement — "+p.Name {
				t.Errorf("metadata title %q", info["Title"])
			}
			page := string(render(t, g, "communications-agreement", p, FormatHTML).Bytes)
			pageText := strings.Join(strings.Fields(htmlText(page)), " ")
			heads := htmlHeadings(t, page)
			if checkCommsExcluded(t, g, p, text) {
				return
			}

			wantText(t, text, "Partnership Communications Agreement", p.Name, g.council.Name,
				"Template communications-agreement v1.1.0", g.council.CommunicationsTeam,
				"Code of Recommended Practice on Local Authority Publicity (2011)",
				"Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018",
				"do not speak publicly for the Council, unless the Council has authorised them")
			for _, s := range commsSections {
				wantText(t, text, s.heading)
				if h, ok := heads[s.id]; !ok || h.text != s.heading {
					t.Errorf("HTML: heading #%s is %+v, want %q", s.id, h, s.heading)
				}
			}
			for _, pt := range p.Partners {
				wantText(t, text, pt.Name)
				if pt.CommsContact == nil {
					continue
				}
				// Each contact appears in the table and signs for its partner.
				wantText(t, text, "Name: "+pt.CommsContact.Name)
				for _, s := range []string{pt.CommsContact.Name, pt.CommsContact.Email, pt.CommsContact.Phone} {
					if !strings.Contains(pageText, strings.Join(strings.Fields(s), " ")) {
						t.Errorf("HTML lacks %q of %s", s, pt.Name)
					}
				}
			}

			c := p.Communications
			if c == nil {
				wantText(t, text, "[Agreed Contact to be confirmed]", "[branding to be confirmed]")
				return
			}
			lead := ""
			if c.LeadPartner == councilID {
				lead = "the Council's " + g.council.CommunicationsTeam
			}
			for _, pt := range p.Partners {
				if pt.ID == c.LeadPartner && pt.CommsContact != nil {
					lead = pt.CommsContact.Name + ", " + pt.CommsContact.Role + ", of " + pt.Name
				}
			}
			wantText(t, text, "The Agreed Contact for the Partnership is "+lead)
			if c.ApprovalTurnaroundHours > 0 {
				wantText(t, text, "within "+strconv.Itoa(c.ApprovalTurnaroundHours)+" hours after receiving it")
			}
			for _, s := range c.Spokespeople {
				wantText(t, text, strings.TrimSuffix(s, "."))
			}
			// A sentence may run over a page: read it without the running lines.
			checkLogo(t, c, pdftest.Flat(withoutRunningLines(pdftest.Text(t, doc.Bytes), p.Ref)))
		})
	}
}

// checkLogo: a partnership logo prints its justification or, without one,
// the warning; other branding prints neither.
func checkLogo(t *testing.T, c *partnership.Communications, text string) {
	t.Helper()
	switch {
	case c.Branding == partnership.BrandingPartnershipLogo && c.LogoJustification != "":
		wantText(t, text, "the Partners have agreed that the Partnership will use a logo of its own, for these reasons: "+c.LogoJustification)
		if strings.Contains(text, pdftest.Flat(logoWarning)) {
			t.Error("justified logo still carries the warning")
		}
	case c.Branding == partnership.BrandingPartnershipLogo:
		wantText(t, text, "The Partners propose, as an exception, that the Partnership use a logo of its own", logoWarning)
		if strings.Contains(text, "have agreed that the Partnership will use a logo") {
			t.Error("an unjustified logo is stated as agreed")
		}
	default:
		if strings.Contains(text, "use a logo of its own") || strings.Contains(text, "[justification for a partnership logo") {
			t.Errorf("branding %q prints the partnership logo exception", c.Branding)
		}
		wantText(t, text, "will not have a logo or brand of its own")
	}
}

func TestCommsAgreementLogoJustification(t *testing.T) {
	g := newTestGenerator(t)
	for _, tc := range []struct {
		name          string
		branding      partnership.Branding
		justification string
		want          string
	}{
		{"justified", partnership.BrandingPartnershipLogo, "Residents know the *hub* mark | it is on every sign.", "for these reasons: Residents know the *hub* mark | it is on every sign."},
		{"justified in paragraphs", partnership.BrandingPartnershipLogo, "Residents know the mark.\n\n\nIt is on every sign.", "for these reasons: Residents know the mark. It is on every sign."},
		{"unjustified", partnership.BrandingPartnershipLogo, "", logoWarning},
		{"partner logos", partnership.BrandingPartnerLogos, "", "will carry the Partners' own logos"},
		{"lead brand", partnership.BrandingLeadBrand, "", "will use the brand of NHS Northamptonshire Integrated Care Board, as Lead Partner"},
		{"not chosen", "", "", "[branding to be confirmed]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := loadSample(t, "health-alliance.json")
			p.Communications.Branding = tc.branding
			p.Communications.LogoJustification = tc.justification
			text := pdftest.Flat(pdftest.Text(t, render(t, g, "communications-agreement", p, FormatPDF).Bytes))
			wantText(t, text, tc.want)
			if tc.branding != "" {
				checkLogo(t, p.Communications, text)
			}
			wantText(t, text, "Wherever possible, the Council will be visibly recognised")
		})
	}
}

// Missing contacts print placeholders, and the agreed contact follows
// communications.lead_partner, including to the council.
func TestCommsAgreementContactsAndLead(t *testing.T) {
	p := loadSample(t, "waste-partnership.json")
	p.Partners[0].CommsContact = nil
	p.Partners[1].CommsContact.Role = ""
	p.Communications.LeadPartner = p.Partners[2].ID
	md := commsMarkdown(t, p)
	for _, want := range []string{
		"| " + p.Partners[0].Name + " | [to be confirmed] | [to be confirmed] | [to be confirmed] |",
		"| " + p.Partners[1].Name + " | " + p.Partners[1].CommsContact.Name + ", [role to be confirmed] |",
		"| " + partnership.DefaultCouncil().Name + " | [name to be confirmed], Communications Team | [email to be confirmed] | [telephone to be confirmed] |",
		"The Agreed Contact for the Partnership is " + p.Partners[2].CommsContact.Name + ", " + p.Partners[2].CommsContact.Role + ", of " + p.Partners[2].Name + ".",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if c := strings.Count(md, "> **Agreed for "); c != len(p.Partners)+1 {
		t.Errorf("%d signature blocks, want %d", c, len(p.Partners)+1)
	}

	p.Communications.LeadPartner = councilID
	if md := commsMarkdown(t, p); !strings.Contains(md, "The Agreed Contact for the Partnership is the Council's Communications Team.") {
		t.Error("a council lead does not name the Council's Communications Team")
	}
	p.Communications.LeadPartner = p.Partners[0].ID // no contact entered
	if md := commsMarkdown(t, p); !strings.Contains(md, "is the communications team of "+p.Partners[0].Name+" [contact to be confirmed].") {
		t.Error("a lead without a contact has no placeholder")
	}
}

func commsMarkdown(t *testing.T, p *partnership.Partnership) string {
	t.Helper()
	s := agreementSet(t)
	meta, ok := s.Meta("communications-agreement")
	if !ok {
		t.Fatal("no communications-agreement template")
	}
	var b strings.Builder
	if err := s.Execute(&b, "communications-agreement", newView(p, partnership.DefaultCouncil(), meta, testTime, true)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// refPattern is a cross-reference; the memorandum's ids hold underscores.
var refPattern = regexp.MustCompile(`\[\]\(#[a-z0-9_-]+\)`)

// Neither document leaves a dangling sentence when a value is missing.
func TestMoUAndCommsNoDanglingPlaceholders(t *testing.T) {
	for _, p := range []*partnership.Partnership{minimalPartnership(), fullPartnership()} {
		for kind, md := range map[string]string{"mou": mouMarkdown(t, p), "communications-agreement": commsMarkdown(t, p)} {
			for _, bad := range []string{" .", " ,", "( ", " )", ",,", ", .", "of .", "is .", "[]", "[ ", "&#92;&#92;"} {
				for _, line := range strings.Split(md, "\n") {
					if strings.HasPrefix(line, "|") || strings.HasPrefix(line, "#") || strings.Contains(line, "....") {
						continue
					}
					if strings.Contains(refPattern.ReplaceAllString(line, "clause 1"), bad) {
						t.Errorf("%s %s: %q in line %q", kind, p.Name, bad, line)
					}
				}
			}
		}
	}
}

// The council's own communications lead comes from the council profile.
func TestCommsAgreementCouncilContactFromProfile(t *testing.T) {
	c := partnership.DefaultCouncil()
	c.CommunicationsContact = partnership.CommsContact{Name: "Siân Ellis", Role: "Head of Communications",
		Email: "sian.ellis@council.example.gov.uk", Phone: "01604 496000"}
	g, err := New(Options{Council: &c})
	if err != nil {
		t.Fatal(err)
	}
	doc := render(t, g, "communications-agreement", loadSample(t, "waste-partnership.json"), FormatPDF)
	text := pdftest.Flat(pdftest.Text(t, doc.Bytes))
	for _, want := range []string{"Siân Ellis", "Head of Communications", "sian.ellis@council.example.gov.uk", "01604 496000"} {
		if !strings.Contains(text, want) {
			t.Errorf("the agreement lacks the council's %q", want)
		}
	}
}

// checkCommsExcluded: an arrangement section 3 excludes gets a note, not an
// agreement; it reports whether p is one.
func checkCommsExcluded(t *testing.T, g *Generator, p *partnership.Partnership, text string) bool {
	t.Helper()
	switch g.Assess(p, genTime).Classification {
	case partnership.ClassExcludedContract:
		wantText(t, text, "a publicity clause in the contract is needed instead", "What the contract's publicity clause should say")
	case partnership.ClassExcludedForum, partnership.ClassExcludedHybrid:
		wantText(t, text, "no communications agreement is needed", "section 4(g) does not apply")
	default:
		return false
	}
	for _, s := range commsSections[1:] {
		if strings.Contains(text, s.heading+" ") && s.heading != "Freedom of information" {
			t.Errorf("an excluded arrangement's note has the agreement's clause %q", s.heading)
		}
	}
	return true
}
