package partnership_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"partnerdocs/partnership"
)

// wordsOf is every enumeration of the package with its values, as the
// words test walks them.
func wordsOf() map[string][]interface{ Text() string } {
	return map[string][]interface{ Text() string }{
		"Status":                 texts(partnership.StatusValues),
		"LegalInstrument":        texts(partnership.LegalInstrumentValues),
		"CouncilRole":            texts(partnership.CouncilRoleValues),
		"Override":               texts(partnership.OverrideValues),
		"PartnerType":            texts(partnership.PartnerTypeValues),
		"RepresentativeKind":     texts(partnership.RepresentativeKindValues),
		"RepresentativeRole":     texts(partnership.RepresentativeRoleValues),
		"Consent":                texts(partnership.ConsentValues),
		"VotingRule":             texts(partnership.VotingRuleValues),
		"ContributionType":       texts(partnership.ContributionTypeValues),
		"RiskCategory":           texts(partnership.RiskCategoryValues),
		"RiskPhase":              texts(partnership.RiskPhaseValues),
		"Polarity":               texts(partnership.PolarityValues),
		"RAG":                    texts(partnership.RAGValues),
		"ControllerRelationship": texts(partnership.ControllerRelationshipValues),
		"DataCategory":           texts(partnership.DataCategoryValues),
		"LawfulBasis":            texts(partnership.LawfulBasisValues),
		"RecognisedInterest":     texts(partnership.RecognisedInterestValues),
		"Branding":               texts(partnership.BrandingValues),
		"BindingClause":          texts(partnership.BindingClauseValues),
		"ReviewType":             texts(partnership.ReviewTypeValues),
		"Overall":                texts(partnership.OverallValues),
		"Recommendation":         texts(partnership.RecommendationValues),
		"Role":                   texts(partnership.RoleValues),
		"Classification":         texts(partnership.ClassificationValues),
		"Criterion":              texts(partnership.CriterionValues),
		"ApprovalRoute":          texts(partnership.ApprovalRouteValues),
		"Severity":               texts(partnership.SeverityValues),
		"Answer":                 texts(partnership.AnswerValues),
	}
}

func texts[T interface {
	~string
	Text() string
}](values []T) []interface{ Text() string } {
	out := make([]interface{ Text() string }, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// notWorded are the package's string types that are not enumerations.
var notWorded = map[string]bool{"Date": true, "FinancialYear": true, "Code": true, "DocumentStatus": true, "ReviewAction": true}

// Every value of every enumeration has words: not empty, no underscore,
// no Markdown punctuation a document would have to escape, and different
// from every other value's words of the same enumeration. The source is
// read too, so that a new enumeration type, or a new constant left out of
// its Values list, fails here.
func TestEveryEnumerationHasWords(t *testing.T) {
	words := wordsOf()
	types, consts := enumDeclarations(t)
	for _, name := range types {
		if _, ok := words[name]; !ok && !notWorded[name] {
			t.Errorf("enumeration %s is not in the words test: give it a Text method and add it", name)
		}
	}
	for name, values := range words {
		if got := consts[name]; got != len(values) {
			t.Errorf("%s has %d constants but its Values list has %d", name, got, len(values))
		}
		seen := map[string]string{}
		for _, v := range values {
			raw := reflect.ValueOf(v).String()
			w := v.Text()
			switch {
			case w == "":
				t.Errorf("%s %q has no words", name, raw)
			case strings.ContainsAny(w, "_*|[]<>`#\\"):
				t.Errorf("%s %q: words %q hold Markdown punctuation or an underscore", name, raw, w)
			case seen[w] != "":
				t.Errorf("%s %q and %q have the same words %q", name, seen[w], raw, w)
			}
			seen[w] = raw
		}
	}
}

// A value outside the contract has no words, so a caller can tell.
func TestUnknownValueHasNoWords(t *testing.T) {
	for name, values := range wordsOf() {
		unknown := reflect.New(reflect.TypeOf(values[0])).Elem()
		unknown.SetString("no_such_value")
		if w := unknown.Interface().(interface{ Text() string }).Text(); w != "" {
			t.Errorf("%s(no_such_value).Text() = %q, want \"\"", name, w)
		}
	}
}

// enumDeclarations reads the package's source: the names of its string
// types and, for each, how many typed constants it declares.
func enumDeclarations(t *testing.T) (types []string, consts map[string]int) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts = map[string]int{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch d := n.(type) {
			case *ast.TypeSpec:
				if id, ok := d.Type.(*ast.Ident); ok && id.Name == "string" && d.Name.IsExported() {
					types = append(types, d.Name.Name)
				}
			case *ast.ValueSpec:
				if id, ok := d.Type.(*ast.Ident); ok && len(d.Values) > 0 && isConst(f, d) {
					consts[id.Name] += len(d.Names)
				}
			}
			return true
		})
	}
	return types, consts
}

func isConst(f *ast.File, spec *ast.ValueSpec) bool {
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
			for _, s := range g.Specs {
				if s == spec {
					return true
				}
			}
		}
	}
	return false
}

// The second forms some enumerations have are complete too.
func TestEnumerationsSecondForms(t *testing.T) {
	for _, v := range partnership.PartnerTypeValues {
		if a := v.WithArticle(); !strings.HasSuffix(a, " "+v.Text()) || !(strings.HasPrefix(a, "a ") || strings.HasPrefix(a, "an ")) {
			t.Errorf("PartnerType %q: WithArticle %q is not an article and %q", v, a, v.Text())
		}
	}
	for _, v := range partnership.LawfulBasisValues {
		if !strings.HasPrefix(v.Article(), "Article 6(1)(") || v.Meaning() == "" {
			t.Errorf("LawfulBasis %q: Article %q, Meaning %q", v, v.Article(), v.Meaning())
		}
	}
	for _, v := range partnership.RecognisedInterestValues {
		if !strings.HasPrefix(v.Paragraph(), "paragraph ") || !strings.Contains(v.Paragraph(), "Annex 1") {
			t.Errorf("RecognisedInterest %q: Paragraph %q", v, v.Paragraph())
		}
	}
	phrases := map[string]bool{}
	for _, v := range partnership.LegalInstrumentValues {
		d := v.Document()
		if !strings.HasPrefix(d, "the ") {
			t.Errorf("LegalInstrument %q: Document %q does not start with \"the\"", v, d)
		}
		phrases[d] = true
	}
	if partnership.LegalInstrument("").Document() != partnership.LegalInstrumentInformal.Document() || len(phrases) < 7 {
		t.Errorf("Document phrases: %v", phrases)
	}
}
