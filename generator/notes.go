package generator

import (
	"slices"
	"strconv"
	"strings"

	"partnerdocs/generator/outline"
	"partnerdocs/partnership"
)

// The drafting notes box (issue 12, point 6): every draft opens, after its
// title block, with a box listing what is still to settle — the council
// profile when its council no longer exists, each blocker and warning of
// the assessment that concerns the document (with its protocol section and
// the clause it affects), each rendering warning, and each placeholder with
// the clauses it stands in. The box is added to the outline after
// numbering and cross-references are settled, so it is no clause; an
// approved copy has none; and Version (which comparison uses) never adds
// it, so it never shows as a change.

// maxPlaces is how many clauses a placeholder's note names before it says
// how many more there are, so the box stays short.
const maxPlaces = 4

// notesIntro opens the box.
const notesIntro = "What is left to settle before approval. This box is not part of the document: the approved copy leaves it out."

// withDraftingNotes is o with the drafting notes box inserted after the
// title block (before the first heading).
func (g *Generator) withDraftingNotes(o *outline.Outline, kind string, a partnership.Assessment, warnings []Warning) *outline.Outline {
	box := &outline.Block{Kind: outline.Notes, Children: []*outline.Block{
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: "Drafting notes", Bold: true}}},
		{Kind: outline.Paragraph, Spans: []outline.Span{{Text: notesIntro}}},
	}}
	items := g.notesItems(o, kind, a, warnings)
	if len(items) == 0 {
		items = [][]outline.Span{{{Text: "Nothing outstanding was found: no placeholder, blocker or warning."}}}
	}
	box.Children = append(box.Children, &outline.Block{Kind: outline.List, Items: items})
	at := len(o.Blocks)
	for i, b := range o.Blocks {
		if b.Kind == outline.Heading {
			at = i
			break
		}
	}
	c := *o
	c.Blocks = make([]*outline.Block, 0, len(o.Blocks)+1)
	c.Blocks = append(append(append(c.Blocks, o.Blocks[:at]...), box), o.Blocks[at:]...)
	return &c
}

// notesItems are the box's entries: the council first, then blockers,
// warnings, rendering warnings and placeholders.
func (g *Generator) notesItems(o *outline.Outline, kind string, a partnership.Assessment, warnings []Warning) [][]outline.Span {
	var items [][]outline.Span
	if g.council.Abolished() {
		items = append(items, note("Council profile", abolishedNote(g.council)))
	}
	for _, sev := range []partnership.Severity{partnership.SeverityBlocker, partnership.SeverityWarning} {
		for _, f := range a.Findings {
			if f.Severity == sev && concerns(kind, f) {
				items = append(items, note(upperFirst(sev.Text())+" ("+findingPlace(o, f)+")", plainText(firstSentence(f.Message))))
			}
		}
	}
	for _, w := range warnings {
		items = append(items, note("Rendering ("+fieldWords(w.Path)+")", w.Message))
	}
	for _, p := range placeholders(o) {
		items = append(items, []outline.Span{{Text: p.text}, {Text: ": " + p.where() + "."}})
	}
	return items
}

// note is one entry: a bold lead-in, then the text.
func note(lead, text string) []outline.Span {
	return []outline.Span{{Text: lead + ":", Bold: true}, {Text: " " + text}}
}

// firstSentence is the first sentence of a finding's message, which says
// what is missing or wrong; the rest says why and what to do, and the
// checklist prints it in full.
func firstSentence(s string) string {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && (s[i+2] >= 'A' && s[i+2] <= 'Z' || strings.HasPrefix(s[i+2:], "§")) {
			return s[:i+1]
		}
	}
	return s
}

// abolishedNote says, for a document's reader, that the council the
// document names no longer exists.
func abolishedNote(c partnership.Council) string {
	s := c.Name + ", named in this draft, was abolished on " + c.AbolishedOn.Long()
	if c.SucceededBy != "" {
		s += " (succeeded by " + c.SucceededBy + ")"
	}
	return s + ": this is the built-in example profile. Set the council's own profile before the document is used."
}

// concerns reports whether finding f is one the document of kind must
// settle: the checklist records every blocker and warning; the
// agreement and MoU those about the partnership itself, and only whether
// the ISP and communications agreement exist; the ISP those of §4(e); the
// communications agreement those of §4(g); the policy statement, the
// council's standing policy, none. §3's are every partnership document's.
func concerns(kind string, f partnership.Finding) bool {
	if f.Severity != partnership.SeverityBlocker && f.Severity != partnership.SeverityWarning {
		return false
	}
	switch kind {
	case "policy-statement":
		return false
	case "information-sharing-protocol":
		return f.Section == "3" || f.Section == "4(e)"
	case "communications-agreement":
		return f.Section == "3" || f.Section == "4(g)"
	case "agreement", "mou":
		switch f.Section {
		case "3(a)":
			return false
		case "4(e)":
			return f.Code == partnership.FindingISPMissing || f.Code == partnership.FindingISPWaivedButDataShared
		case "4(g)":
			return f.Code == partnership.FindingNoCommunicationsAgreement
		}
	}
	return true
}

// fieldClauses names, for the fields findings are about (or a finding's
// code), the clauses (by heading id, most specific first) they affect. The
// first rule whose field is part of the finding's, and the first of its
// ids the document has, wins.
var fieldClauses = []struct {
	field string
	ids   []string
}{
	{"special_category_condition", []string{"special-category", "lawful-basis", "information-sharing"}},
	{"lawful_basis", []string{"lawful-basis", "information-sharing"}},
	{"recognised_interest", []string{"lawful-basis", "information-sharing"}},
	{"controller_relationship", []string{"joint-controllers", "roles", "information-sharing"}},
	{"breach_notification_hours", []string{"breaches", "information-sharing"}},
	{"data_protection_contact", []string{"contacts", "schedule-partners", "information-sharing"}},
	{"information_sharing", []string{"information-sharing", "purposes"}},
	{"comms_contact", []string{"contacts", "schedule-partners", "communications"}},
	{"logo_justification", []string{"branding", "communications"}},
	{"communications", []string{"communications", "press"}},
	{"legal_power", []string{"legal-powers", "legal", "status"}},
	{"legal_instrument", []string{"status", "legal-powers", "legal"}},
	{"binding_clauses", []string{"status"}},
	{"governance", []string{"governance", "board"}},
	{"representatives", []string{"representation"}},
	{"sponsoring_officer", []string{"representation"}},
	{"risks", []string{"schedule-risks", "risk-management", "risk"}},
	{partnership.FindingNoLeadPartner, []string{"lead-body", "parties"}},
	{"is_lead", []string{"lead-body", "parties"}},
	{"council_role", []string{"lead-body", "parties"}},
	{"partners", []string{"parties", "schedule-partners"}},
	{"contributions", []string{"schedule-contributions", "contributions", "finance"}},
	{"resources_outside_budget", []string{"finance", "budgets"}},
	{"exit", []string{"exit-strategies", "exit"}},
	{"dates.end", []string{"term"}},
	{"next_review", []string{"review", "reporting"}},
	{"reviews", []string{"reporting", "review"}},
	{"targets", []string{"schedule-targets", "reporting"}},
}

// findingPlace is "section 4(e)", with the clause the finding affects when
// the document has one for its field: "section 4(e), clause 16".
func findingPlace(o *outline.Outline, f partnership.Finding) string {
	place := "section " + f.Section
	for _, r := range fieldClauses {
		if !strings.Contains(f.Field, r.field) && f.Code != r.field {
			continue
		}
		for _, id := range r.ids {
			if l, ok := o.Labels[id]; ok {
				return place + ", " + placeLabel(l)
			}
		}
		return place
	}
	return place
}

// placeLabel is a cross-reference label as a place in the document: a
// numbered clause or schedule as it is, an unnumbered heading in quotes.
func placeLabel(l string) string {
	if strings.HasPrefix(l, "clause ") || strings.HasPrefix(l, "Schedule ") {
		return l
	}
	return "“" + l + "”"
}

// fieldWords is a JSON path in words, for a reader of the document:
// "partners[0].name" -> "partner 1, name".
func fieldWords(path string) string {
	var b strings.Builder
	for i, step := range strings.Split(path, ".") {
		if i > 0 {
			b.WriteString(", ")
		}
		name, index, indexed := strings.Cut(step, "[")
		if indexed {
			n, _ := strconv.Atoi(strings.TrimSuffix(index, "]"))
			name = strings.TrimSuffix(name, "s") + " " + strconv.Itoa(n+1)
		}
		b.WriteString(strings.ReplaceAll(name, "_", " "))
	}
	return b.String()
}

// placeholderNote is one placeholder's text and the places it stands.
type placeholderNote struct {
	text   string
	places []string
}

func (p placeholderNote) where() string {
	places := p.places
	if len(places) > maxPlaces {
		rest := len(places) - maxPlaces + 1
		places = append(places[:maxPlaces-1:maxPlaces-1], strconv.Itoa(rest)+" other places")
	}
	return joinAnd(places)
}

func joinAnd(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

// placeholders lists the outline's placeholders in order of first
// appearance, each with the clauses it stands in.
func placeholders(o *outline.Outline) []placeholderNote {
	c := placeholderCollector{index: map[string]int{}, heading: "the opening", place: "the opening"}
	for _, b := range o.Blocks {
		c.block(b)
	}
	return c.notes
}

type placeholderCollector struct {
	notes   []placeholderNote
	index   map[string]int // placeholder text -> its note
	heading string         // the place of the last level 2 heading
	place   string         // the place of the text being read
	ranges  [][2]int
}

func (c *placeholderCollector) block(b *outline.Block) {
	switch b.Kind {
	case outline.Heading:
		c.headingPlace(b)
	case outline.Paragraph:
		if b.Number != "" {
			c.place = "clause " + b.Number
		}
	}
	c.spans(b.Spans)
	for _, cells := range [][][]outline.Span{b.Items, b.Header} {
		for _, cell := range cells {
			c.spans(cell)
		}
	}
	for _, row := range b.Rows {
		for _, cell := range row {
			c.spans(cell)
		}
	}
	for _, child := range b.Children {
		c.block(child)
	}
}

func (c *placeholderCollector) headingPlace(b *outline.Block) {
	switch {
	case b.Schedule:
		c.heading = b.Number
	case b.Number != "":
		if b.Level == 2 {
			c.heading = "clause " + b.Number
		}
		c.place = "clause " + b.Number
		return
	case b.Level == 2:
		c.heading = "“" + b.HeadingText() + "”"
	}
	c.place = c.heading
}

func (c *placeholderCollector) spans(spans []outline.Span) {
	for _, s := range spans {
		if s.Ref != "" || !strings.Contains(s.Text, "[") {
			continue
		}
		c.ranges = outline.Placeholders(c.ranges[:0], s.Text)
		for _, r := range c.ranges {
			c.add(s.Text[r[0]:r[1]])
		}
	}
}

func (c *placeholderCollector) add(text string) {
	i, ok := c.index[text]
	if !ok {
		i = len(c.notes)
		c.index[text] = i
		c.notes = append(c.notes, placeholderNote{text: text})
	}
	n := &c.notes[i]
	if !slices.Contains(n.places, c.place) {
		n.places = append(n.places, c.place)
	}
}
