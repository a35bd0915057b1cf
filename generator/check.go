package generator

import (
	"context"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// probe renders every kind's Markdown against every probe partnership, as
// far as the outline, which is where template faults show: a field that does
// not exist, a cross-reference to a clause that is not there.
func (g *Generator) probe(ctx context.Context, probes []*partnership.Partnership) error {
	at := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
	for _, kind := range g.templates.Kinds() {
		meta, _ := g.templates.Meta(kind)
		for _, p := range probes {
			if err := g.probeOne(ctx, p, meta, at); err != nil {
				return fmt.Errorf("template %q cannot render partnership %q: %w", kind, p.Name, err)
			}
		}
	}
	return nil
}

// probeSlack is how much longer than the templates' time limit a probe may take
// before it is given up: the limit is checked at a template's writes.
const probeSlack = time.Second

// probeOne renders p's outline in a goroutine of its own and waits for it
// at most the templates' time limit and probeSlack, or until ctx is done. The
// template's own limits act on its writes, so one that loops without
// writing (ranges within ranges) would never be stopped: it is left behind
// and the templates are refused, and the process that asked is then
// ending (start-up fails), which ends it.
func (g *Generator) probeOne(ctx context.Context, p *partnership.Partnership, meta templates.Meta, at time.Time) error {
	done := make(chan error, 1)
	go func() {
		_, err := g.outline(ctx, p, g.Assess(p, at), meta, at, true)
		done <- err
	}()
	limit := g.templates.Limits().MaxRun
	timer := time.NewTimer(limit + probeSlack)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("template: %s/%s: %w (without writing; the limit is %s, --template-max-time)",
			meta.Kind, templates.MainFile, templates.ErrTooSlow, limit)
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// Assess applies the protocol's rules with this generator's council
// profile, whose role titles name the approvers.
func (g *Generator) Assess(p *partnership.Partnership, asOf time.Time) partnership.Assessment {
	return partnership.Assess(p, g.council, asOf)
}

// Council returns the council profile the documents print.
func (g *Generator) Council() partnership.Council { return g.council }

// onlyForPartnerships are the kinds that would put an arrangement the
// protocol excludes on the footing of a partnership, with the words for
// each; the checklist and the other documents still render, and record the
// "no".
var onlyForPartnerships = map[string]string{"agreement": "a partnership agreement", "mou": "a memorandum of understanding between partners"}

// eligible refuses an agreement or MoU for an arrangement §3 excludes,
// naming the field that decided it.
func eligible(kind string, a partnership.Assessment) error {
	words, only := onlyForPartnerships[kind]
	if !only {
		return nil
	}
	if !a.Classification.Excluded() {
		return nil
	}
	field := "arrangement"
	for _, f := range a.Findings {
		if f.Code == partnership.FindingExcludedArrangement {
			field = f.Field
		}
	}
	return &partnership.Error{Code: partnership.EUnprocessable,
		Message: fmt.Sprintf("%s is not the right document for this arrangement. %s The checklist still records the decision.",
			upperFirst(words), a.Reason),
		Problems: []partnership.Problem{{Path: field, Message: a.Reason}}}
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
