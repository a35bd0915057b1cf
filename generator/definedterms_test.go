package generator

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// A capitalised term is used in these documents the way defined terms are:
// after an article or a determiner ("the Lead Partner", "each Financial
// Year"). Sentence starts are not read, so "The Parties" is not a use.
var (
	termUse = regexp.MustCompile(`\b(?:the|a|an|each|every|any|no|other|another|its|their|which|all|as)\s+` +
		`((?:[A-Z][a-z]+(?:-[a-z]+)?)(?:\s[A-Z][a-z]+(?:-[a-z]+)?)*)`)
	// quotedTerm is a term defined in passing: (the “Partnership”).
	quotedTerm = regexp.MustCompile(`“([^”]+)”`)
	// termHead is the head of an item of a definitions list, the terms it
	// defines: "Code: ...", "Agreed Contact means ...", "Controller,
	// Processor and Processing: have ...".
	termHead = regexp.MustCompile(`^\s*([^:]*?)(?::|\s+means\b)`)
	// laterTerm is a second term an item defines: "..., and Receiving
	// Party means ...".
	laterTerm = regexp.MustCompile(`\band\s+([A-Z][A-Za-z-]*(?:\s[A-Z][A-Za-z-]*)*)\s+means\b`)
	termSplit = regexp.MustCompile(`,\s*|\s+and\s+`)
	// statute is the title of an Act or of Regulations, which is a name,
	// not a defined term.
	statute = regexp.MustCompile(`[A-Z][\w']*(?:\s(?:[A-Z][\w']*|\([^)]*\)|of|and|on|for|to))*\s(?:Act|Regulations)\b`)
)

// ispProperNames are the names of bodies, posts and documents these documents
// cite: names, not terms a document defines.
var ispProperNames = []string{
	"Information Commissioner", "Information Commission", "Data Sharing Code of Practice",
	"Code of Recommended Practice on Local Authority Publicity", "Caldicott Guardian", "Local Resilience Forum",
	"British Sign Language", "Data Security and Protection Toolkit", "Partnership Protocol", "Data Protection Policy",
	"Information Sharing Protocol", "Partnership Communications Agreement", "United Kingdom", "England",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}

// definitionsOf returns the terms a document defines: those quoted where
// they are introduced and those its definitions clause lists.
func definitionsOf(text string) map[string]bool {
	defined := map[string]bool{}
	for _, m := range quotedTerm.FindAllStringSubmatch(text, -1) {
		defined[m[1]] = true
	}
	start := strings.Index(text, "Definitions")
	if start < 0 {
		return defined
	}
	clause := text[start:]
	if end := strings.Index(clause, "A reference to a law"); end > 0 {
		clause = clause[:end]
	} else if end := strings.Index(clause, "Working Day means"); end > 0 {
		clause = clause[:end+len("Working Day means")]
	}
	for _, item := range strings.Split(clause, "•")[1:] {
		if m := termHead.FindStringSubmatch(item); m != nil {
			for _, term := range termSplit.Split(m[1], -1) {
				defined[term] = true
			}
		}
		for _, m := range laterTerm.FindAllStringSubmatch(item, -1) {
			defined[m[1]] = true
		}
	}
	return defined
}

// undefinedTerms returns the capitalised terms text uses that it does not
// define, once names, titles of laws and the officer's own words are taken
// out.
func undefinedTerms(text string, p *partnership.Partnership, c partnership.Council) []string {
	defined := definitionsOf(text)
	for _, s := range recordTexts(p, c) {
		text = removeWords(text, s)
	}
	text = statute.ReplaceAllString(text, " ")
	for _, s := range ispProperNames {
		text = strings.ReplaceAll(text, s, " ")
	}
	var out []string
	for _, m := range termUse.FindAllStringSubmatch(text, -1) {
		term := m[1]
		if isDefined(defined, term) || slices.Contains(out, term) || citation(term) {
			continue
		}
		out = append(out, term)
	}
	return out
}

// isDefined reports whether term, or the words it starts with, is a
// defined term: flattened text runs a table cell into the next ("the
// Arrangement" then "Responsibility"), so a defined term may be followed by
// capitalised words that are not part of it.
func isDefined(defined map[string]bool, term string) bool {
	words := strings.Fields(term)
	for n := len(words); n > 0; n-- {
		t := strings.Join(words[:n], " ")
		if defined[t] || defined[singularTerm(t)] {
			return true
		}
	}
	return false
}

// citation reports a word that opens a reference to a provision ("the
// Article 26 arrangement", "each Schedule").
func citation(term string) bool {
	switch strings.Fields(term)[0] {
	case "Article", "Articles", "Annex", "Schedule", "Part", "Chapter", "Section", "England", "Northamptonshire":
		return true
	}
	return false
}

// Every capitalised term the ISP and the communications agreement use is
// defined in that document, for every sample that gets one.
func TestISPAndCommsDefineEveryTermTheyUse(t *testing.T) {
	g := newTestGenerator(t)
	for _, name := range samples.Names() {
		p := loadSample(t, name)
		v := &view{A: g.Assess(p, genTime), InformationSharing: p.InformationSharing}
		for _, kind := range []string{ispKind, "communications-agreement"} {
			if (kind == ispKind && v.ISPForm() != ispProtocol) || (kind != ispKind && v.ExcludedArrangement()) {
				continue // a note, not an agreement: it defines nothing
			}
			t.Run(name+"/"+kind, func(t *testing.T) {
				r := renderBoth(t, g, kind, p)
				if terms := undefinedTerms(r.pdf, p, g.council); len(terms) > 0 {
					t.Errorf("capitalised terms used but not defined: %q", terms)
				}
			})
		}
	}
}

// The check finds a term used without its definition.
func TestUndefinedTermsFindsAnUndefinedTerm(t *testing.T) {
	text := "Definitions • Working Day means any day. The Partners (the “Partners”) meet each Financial Year and tell the Lead Partner on any Working Day."
	got := undefinedTerms(text, &partnership.Partnership{}, partnership.Council{})
	if !slices.Equal(got, []string{"Financial Year", "Lead Partner"}) {
		t.Errorf("undefined terms %q, want Financial Year and Lead Partner", got)
	}
}
