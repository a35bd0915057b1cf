package generator

import (
	"regexp"
	"strings"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// rendered is one document read back the way a reader sees it: the PDF's
// text (whitespace flattened), its page count, and the HTML page's text.
type rendered struct {
	pdf, html string
	pages     int
	page      string // the HTML source
}

// renderBoth renders kind to PDF and HTML, checks the PDF with qpdf and
// returns both texts.
func renderBoth(t *testing.T, g *Generator, kind string, p *partnership.Partnership) rendered {
	t.Helper()
	doc := render(t, g, kind, p, FormatPDF)
	pdftest.Check(t, doc.Bytes)
	page := string(render(t, g, kind, p, FormatHTML).Bytes)
	if strings.Count(page, "<h1") != 1 || !strings.Contains(page, `<html lang="en-GB">`) {
		t.Errorf("%s: the HTML page needs one h1 and lang en-GB", kind)
	}
	return rendered{
		pdf:   pdftest.Flat(withoutRunningLines(pdftest.Text(t, doc.Bytes), p.Ref)),
		html:  pdftest.Flat(htmlText(page)),
		pages: pdftest.Pages(t, doc.Bytes),
		page:  page,
	}
}

// withoutRunningLines drops each page's running header (council, title)
// and footer (template, page number, reference), so that a sentence broken
// across pages reads as one.
func withoutRunningLines(text, ref string) string {
	pages := strings.Split(text, "\f")
	for i, page := range pages {
		var body []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				body = append(body, l)
			}
		}
		if len(body) >= 2 && strings.Contains(body[1], " — ") { // council, then "Title — DRAFT, not approved"
			body = body[2:]
		}
		for len(body) > 0 {
			last := body[len(body)-1]
			if !strings.HasPrefix(last, "Template ") && !pageNumberRE.MatchString(last) && (ref == "" || last != ref) {
				break
			}
			body = body[:len(body)-1]
		}
		pages[i] = strings.Join(body, "\n")
	}
	return strings.Join(pages, "\n")
}

var pageNumberRE = regexp.MustCompile(`^Page \d+ of \d+$`)

// wantBoth fails unless the PDF and the HTML both hold every string.
func (r rendered) wantBoth(t *testing.T, want ...string) {
	t.Helper()
	for _, w := range want {
		w = pdftest.Flat(w)
		if !strings.Contains(r.pdf, w) {
			t.Errorf("PDF lacks %q", w)
		}
		if !strings.Contains(r.html, w) {
			t.Errorf("HTML lacks %q", w)
		}
	}
}

// wantNeither fails if the PDF or the HTML holds any of the strings.
func (r rendered) wantNeither(t *testing.T, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(r.pdf, w) || strings.Contains(r.html, w) {
			t.Errorf("document holds %q", w)
		}
	}
}

const ispKind = "information-sharing-protocol"

// ispHeadings are the sections every full protocol has (DOMAIN.md, the ICO
// Data Sharing Code's contents).
var ispHeadings = []string{
	"Parties", "About this Protocol", "Definitions", "Roles of the Parties",
	"Data protection officers and contacts", "Purposes and necessity", "The data shared",
	"Lawful basis and legal powers", "Data protection impact assessment",
	"Privacy information and individuals' rights", "Frequency and method of transfer", "Security",
	"Accuracy", "Retention and deletion", "Deletion when a Party leaves or the Protocol ends",
	"Personal data breaches", "Onward sharing and international transfers", "Freedom of information",
	"Review", "Signatures",
}

const jointHeading = "Joint controller arrangement (Article 26)"

// Every sample gives an ISP in the form its information_sharing calls for,
// in PDF and HTML.
func TestISPEverySample(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			r := renderBoth(t, g, ispKind, p)
			r.wantBoth(t, "Information Sharing Protocol", p.Name)
			is := p.InformationSharing
			class := g.Assess(p, genTime).Classification
			excluded := class == partnership.ClassExcludedForum || class == partnership.ClassExcludedHybrid
			switch {
			case class == partnership.ClassExcludedContract:
				r.wantBoth(t, "Article 28 terms are needed in the contract", "What the Article 28 contract must contain")
			case excluded && (is == nil || !is.Required):
				r.wantBoth(t, "no Information Sharing Protocol is needed under the Partnership Protocol")
			case is == nil:
				r.wantBoth(t, "No information sharing details have been given", "What is needed", "4(e)")
			case !is.Required:
				r.wantBoth(t, "waiver record", is.WaiverReason)
			case is.ControllerRelationship == partnership.ControllerRelationshipControllerProcessor:
				r.wantBoth(t, "An Article 28 contract is needed instead", "What the Article 28 contract must contain")
			default:
				r.wantBoth(t, ispHeadings...)
				for _, partner := range p.Partners {
					r.wantBoth(t, partner.Name)
				}
				r.wantBoth(t, g.council.SharingFramework, g.council.DataProtectionOfficer.Email)
			}
		})
	}
}

// The protocol names the lawful basis, the retention period and the breach
// notification time from the input, and follows the input when it changes:
// the council's basis, and every partner's that has none of its own.
func TestISPNamesLawfulBasisRetentionAndBreachHours(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range []string{"health-alliance.json", "community-safety-partnership.json", "waste-partnership.json", "youth-employment-mou.json"} {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			is := p.InformationSharing
			if is == nil || !is.Required || is.LawfulBasis != partnership.LawfulBasisPublicTask {
				t.Fatalf("%s no longer shares data on the public task basis", name)
			}
			r := renderBoth(t, g, ispKind, p)
			checkBasisList(t, g, p, r)
			if got := basisOf(ispBasisItems(t, r.page), "the Council"); got != "Article 6(1)(e) (public task)" {
				t.Errorf("the council's basis is %q", got)
			}
			r.wantBoth(t, is.Retention, is.LegalGateway)
			r.wantBoth(t, "within "+itoa(is.BreachNotificationHours)+" hours of becoming aware", "within 72 hours")

			is.LawfulBasis = partnership.LawfulBasisLegalObligation
			is.Retention = "Case files are destroyed 18 months after closure."
			is.BreachNotificationHours = 1
			r = renderBoth(t, g, ispKind, p)
			checkBasisList(t, g, p, r)
			if got := basisOf(ispBasisItems(t, r.page), "the Council"); got != "Article 6(1)(c) (legal obligation)" {
				t.Errorf("the council's basis is %q after the change", got)
			}
			r.wantBoth(t, "Case files are destroyed 18 months after closure.", "within 1 hour of becoming aware")
			r.wantNeither(t, "1 hours")
		})
	}
}

func TestISPEveryLawfulBasisIsWorded(t *testing.T) {
	for _, b := range partnership.LawfulBasisValues {
		v := &view{InformationSharing: &partnership.InformationSharing{LawfulBasis: b}}
		lb := v.LawfulBasis()
		if lb == nil || !strings.HasPrefix(lb.Article, "Article 6(1)(") || lb.Name == "" || lb.Words == "" {
			t.Errorf("lawful basis %q has no words: %+v", b, lb)
		}
	}
}

// Joint controllers get the Article 26 arrangement; separate controllers
// do not.
func TestISPJointControllerArrangement(t *testing.T) {
	g := newTestGenerator(t)
	joint := renderBoth(t, g, ispKind, loadSample(t, "health-alliance.json"))
	joint.wantBoth(t, jointHeading, "Article 26(2)", "essence of the arrangement is made available to Data Subjects",
		"NHS Northamptonshire Integrated Care Board, which will pass any enquiry")

	p := loadSample(t, "community-safety-partnership.json")
	separate := renderBoth(t, g, ispKind, p)
	separate.wantBoth(t, "The Parties are separate Controllers")
	separate.wantNeither(t, jointHeading)

	p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipJointControllers
	renderBoth(t, g, ispKind, p).wantBoth(t, jointHeading)
}

// A controller-processor relationship gets a note that an ISP is the wrong
// instrument and an Article 28 contract is needed, with the details given
// carried over for the contract; it is not a protocol to sign.
func TestISPControllerProcessorNeedsArticle28Contract(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "waste-partnership.json")
	p.InformationSharing.ControllerRelationship = partnership.ControllerRelationshipControllerProcessor
	r := renderBoth(t, g, ispKind, p)
	r.wantBoth(t, "An Information Sharing Protocol is not the right instrument", "An Article 28 contract is needed instead",
		"What the Article 28 contract must contain", "Article 6(1)(e) of the UK GDPR (public task)",
		p.InformationSharing.Retention, "within 24 hours", p.InformationSharing.DataItems[0].Item)
	r.wantNeither(t, jointHeading, "Signatures", "Signed for and on behalf of")
}

// A waived ISP is a one-page record holding the reason, who decided and the
// protocol reference, whatever the partnership.
func TestISPWaiverIsOnePage(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range []string{"awkward-names.json", "health-alliance.json", "minimal-proposal.json"} {
		t.Run(name, func(t *testing.T) {
			p := loadSample(t, name)
			if p.InformationSharing == nil || p.InformationSharing.Required {
				p.InformationSharing = &partnership.InformationSharing{Required: false,
					WaiverReason: "Partners exchange only published, aggregated figures; no personal data is shared."}
			}
			r := renderBoth(t, g, ispKind, p)
			// The record itself: a draft also opens with its drafting notes.
			if n := pdftest.Pages(t, renderApproved(t, g, ispKind, p, FormatPDF).Bytes); n != 1 {
				t.Errorf("the waiver record has %d pages, want 1", n)
			}
			r.wantBoth(t, "Information Sharing Protocol: waiver record", p.InformationSharing.WaiverReason,
				p.SponsoringOfficer.Name, "sponsoring officer", "Partnership Protocol, section 4(e)", "Recorded on 25 November 2026")
			r.wantNeither(t, "Lawful basis and legal powers")
		})
	}
}

// Special category and criminal offence sections appear only when such an
// item is shared.
func TestISPSpecialCategoryAndCriminalOffenceSections(t *testing.T) {
	g := newTestGenerator(t)
	const art9, art10 = "Special category data (Article 9)", "Criminal offence data (Article 10)"

	youth := loadSample(t, "youth-employment-mou.json") // special category, no criminal offence data
	r := renderBoth(t, g, ispKind, youth)
	r.wantBoth(t, art9, youth.InformationSharing.SpecialCategoryCondition)
	r.wantNeither(t, art10)

	waste := loadSample(t, "waste-partnership.json") // criminal offence data only
	r = renderBoth(t, g, ispKind, waste)
	r.wantBoth(t, art10, "section 10(5)")
	r.wantNeither(t, art9)

	safety := loadSample(t, "community-safety-partnership.json") // both
	renderBoth(t, g, ispKind, safety).wantBoth(t, art9, art10)

	var personal []partnership.DataItem
	for _, d := range safety.InformationSharing.DataItems {
		if d.Category == partnership.DataCategoryPersonal {
			personal = append(personal, d)
		}
	}
	safety.InformationSharing.DataItems = personal
	renderBoth(t, g, ispKind, safety).wantNeither(t, art9, art10)
}

// Missing details print as placeholders, never as dangling sentences.
func TestISPPlaceholders(t *testing.T) {
	g := newTestGenerator(t)
	p := loadSample(t, "minimal-proposal.json")
	p.InformationSharing = &partnership.InformationSharing{Required: true}
	r := renderBoth(t, g, ispKind, p)
	r.wantBoth(t, ispHeadings...)
	r.wantBoth(t, "[Article 6 lawful basis to be confirmed]", "[Retention periods to be confirmed.]",
		"[number of hours to be confirmed]", "[to be confirmed: separate Controllers or Joint Controllers]",
		"[DPIA to be completed]", "[purposes of the sharing to be confirmed]")
	r.wantNeither(t, jointHeading, "Article 9)", "Article 10)")
	if terms := undefinedTerms(r.pdf, p, g.council); len(terms) > 0 {
		t.Errorf("capitalised terms used but not defined: %q", terms)
	}
}

func itoa(n int) string {
	s, _ := num(n)
	return s
}
