package store

import (
	"context"
	"fmt"
	"strings"

	"partnerdocs/partnership"
)

// columns are a revision's values that listings filter on, copied out of
// its JSON when it is stored.
type columns struct {
	name, nameFolded, status, serviceArea string
	significant                           bool
	classification, nextReview            string
	leadID, leadName                      string
	gaps                                  partnership.ComplianceGap // what the compliance flags lack
}

func columnsOf(p *partnership.Partnership, a partnership.Assessment) columns {
	c := columns{
		name: p.Name, nameFolded: strings.ToLower(p.Name), status: string(p.Status),
		serviceArea: p.ServiceArea, significant: a.Significant, classification: string(a.Classification),
		gaps: partnership.ComplianceOf(p).Gaps(),
	}
	if p.Dates != nil {
		c.nextReview = string(p.Dates.NextReview)
	}
	for _, partner := range p.Partners {
		if partner.IsLead {
			c.leadID, c.leadName = partner.ID, partner.Name
			break
		}
	}
	return c
}

// ListPartnerships lists current revisions in ref order after filter.After;
// next is the cursor for the next page, "" at the end.
func (db *DB) ListPartnerships(ctx context.Context, filter partnership.PartnershipFilter) ([]partnership.PartnershipSummary, string, error) {
	limit := pageSize(filter.Limit)
	where, args := filterClause(filter)
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, "", err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT r.ref, r.name, r.status, r.service_area, r.significant,
		r.classification, r.next_review, r.number, p.updated_at
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision
		WHERE `+where+` ORDER BY r.ref LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, "", domainError(err, "listing")
	}
	defer rows.Close()
	page := make([]partnership.PartnershipSummary, 0, limit)
	for rows.Next() {
		var s partnership.PartnershipSummary
		if err := rows.Scan(&s.Ref, &s.Name, &s.Status, &s.ServiceArea, &s.Significant,
			&s.Classification, &s.NextReview, &s.Revision, &s.UpdatedAt); err != nil {
			return nil, "", domainError(err, "listing")
		}
		s.UpdatedAt = s.UpdatedAt.UTC()
		page = append(page, s)
	}
	if err := rows.Err(); err != nil {
		return nil, "", domainError(err, "listing")
	}
	if len(page) <= limit {
		return page, "", nil
	}
	page = page[:limit]
	return page, page[limit-1].Ref, nil
}

// CountPartnerships counts current revisions by status and significance,
// and those lacking each compliance flag, in one pass over the listing
// index (SQLite; PostgreSQL keeps long values out of line).
func (db *DB) CountPartnerships(ctx context.Context) ([]partnership.PartnershipCount, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT r.status, r.significant, COUNT(*)`+gapSums()+`
		FROM partnerships p JOIN revisions r ON r.ref = p.ref AND r.number = p.revision
		GROUP BY r.status, r.significant ORDER BY r.status, r.significant`)
	if err != nil {
		return nil, domainError(err, "counting")
	}
	defer rows.Close()
	var counts []partnership.PartnershipCount
	for rows.Next() {
		c := partnership.PartnershipCount{Lacking: make([]int, len(partnership.ComplianceGapValues))}
		dest := []any{&c.Status, &c.Significant, &c.Count}
		for i := range c.Lacking {
			dest = append(dest, &c.Lacking[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, domainError(err, "counting")
		}
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, domainError(err, "counting")
	}
	return counts, nil
}

// gapSums are the columns counting the revisions lacking each compliance
// flag, each a bit of compliance_gaps.
func gapSums() string {
	var b strings.Builder
	for _, g := range partnership.ComplianceGapValues {
		fmt.Fprintf(&b, ", SUM(CASE WHEN (r.compliance_gaps & %d) <> 0 THEN 1 ELSE 0 END)", int(g))
	}
	return b.String()
}

// filterClause builds the WHERE clause of a listing: SQL text from this
// function's constants only, every value a placeholder argument.
func filterClause(f partnership.PartnershipFilter) (string, []any) {
	conds := []string{"r.ref > ?"}
	args := []any{f.After}
	add := func(cond string, values ...any) {
		conds = append(conds, cond)
		args = append(args, values...)
	}
	if len(f.Status) > 0 {
		statuses := make([]any, len(f.Status))
		for i, s := range f.Status {
			statuses[i] = string(s)
		}
		add("r.status IN ("+placeholders(len(statuses))+")", statuses...)
	}
	if f.Significant != nil {
		add("r.significant = ?", *f.Significant)
	}
	if f.ServiceArea != "" {
		add("r.service_area = ?", f.ServiceArea)
	}
	if f.LeadPartner != "" {
		add("(r.lead_partner_id = ? OR r.lead_partner_name = ?)", f.LeadPartner, f.LeadPartner)
	}
	if !f.ReviewDueBefore.IsZero() {
		add("r.next_review <> '' AND r.next_review < ?", f.ReviewDueBefore.UTC().Format("2006-01-02"))
	}
	if f.NameContains != "" {
		add("r.name_folded LIKE ? ESCAPE '!'", "%"+escapeLike(strings.ToLower(f.NameContains))+"%")
	}
	if f.Classification != "" {
		add("r.classification = ?", string(f.Classification))
	}
	if f.SavedBy != "" {
		add("EXISTS (SELECT 1 FROM revisions e WHERE e.created_by = ? AND e.ref = r.ref)", f.SavedBy)
	}
	return strings.Join(conds, " AND "), args
}

// escapeLike makes s match itself in a LIKE pattern whose escape is '!'.
var likeEscaper = strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")

func escapeLike(s string) string { return likeEscaper.Replace(s) }
