package generator

import (
	"context"
	"fmt"
	"time"

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

// probeSlack is how much longer than templates.MaxRun a probe may take
// before it is given up: the limit is checked at a template's writes.
const probeSlack = time.Second

// probeOne renders p's outline in a goroutine of its own and waits for it
// at most templates.MaxRun and probeSlack, or until ctx is done. The
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
	timer := time.NewTimer(templates.MaxRun + probeSlack)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("template: %s/%s: %w (without writing)", meta.Kind, templates.MainFile, templates.ErrTooSlow)
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
