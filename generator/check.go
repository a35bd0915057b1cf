package generator

import (
	"context"
	"fmt"
	"time"

	"partnerdocs/partnership"
)

// probe renders every kind's Markdown against every probe partnership, as
// far as the outline, which is where template faults show: a field that does
// not exist, a cross-reference to a clause that is not there.
func (g *Generator) probe(ctx context.Context, probes []*partnership.Partnership) error {
	at := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
	for _, kind := range g.templates.Kinds() {
		meta, _ := g.templates.Meta(kind)
		for _, p := range probes {
			if _, err := g.outline(ctx, p, g.Assess(p, at), meta, at, true); err != nil {
				return fmt.Errorf("template %q cannot render partnership %q: %w", kind, p.Name, err)
			}
		}
	}
	return nil
}

// Assess applies the protocol's rules with this generator's council
// profile, whose role titles name the approvers.
func (g *Generator) Assess(p *partnership.Partnership, asOf time.Time) partnership.Assessment {
	return partnership.Assess(p, g.council, asOf)
}

// Council returns the council profile the documents print.
func (g *Generator) Council() partnership.Council { return g.council }

// onlyForPartnerships are the kinds that would put an arrangement the
// protocol excludes on the footing of a partnership; the checklist and the
// other documents still render, and record the "no".
var onlyForPartnerships = map[string]bool{"agreement": true, "mou": true}

// eligible refuses an agreement or MoU for an arrangement §3 excludes.
func eligible(kind string, a partnership.Assessment) error {
	if !onlyForPartnerships[kind] {
		return nil
	}
	switch a.Classification {
	case partnership.ClassExcludedContract, partnership.ClassExcludedForum, partnership.ClassExcludedHybrid:
		return &partnership.Error{Code: partnership.EUnprocessable,
			Message: fmt.Sprintf("The Partnership Protocol does not treat this arrangement as a partnership (%s), so a partnership %s is not the right document. %s The checklist still records the decision.",
				a.Classification, kind, a.Reason),
			Problems: []partnership.Problem{{Path: "arrangement", Message: a.Reason}}}
	}
	return nil
}
