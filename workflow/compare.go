package workflow

import (
	"context"
	"fmt"
	"strings"

	"partnerdocs/generator"
	"partnerdocs/partnership"
)

// CompareDocuments compares two stored versions of one partnership's
// document of one kind, in any format, clause by clause, and returns the
// redline: the older of the two (the one stored first) first, whichever
// order they are asked in. Each version is rebuilt from the revision it was generated from,
// at the time it was generated, with the templates the service holds now;
// when a version records another template version, the redline's summary
// says so. Two documents of different partnerships or kinds, or one
// document twice, are EInvalid.
func (s *Service) CompareDocuments(ctx context.Context, actor partnership.Actor, id, other int64, format Format) (*Comparison, error) {
	reg, err := s.authorized(actor, ActionCompareDocuments)
	if err != nil {
		return nil, err
	}
	a, err := reg.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := reg.Document(ctx, other)
	if err != nil {
		return nil, err
	}
	if err := comparable(a, b); err != nil {
		return nil, err
	}
	if b.GeneratedAt.Before(a.GeneratedAt) || (b.GeneratedAt.Equal(a.GeneratedAt) && b.ID < a.ID) {
		a, b = b, a
	}
	req := generator.CompareRequest{Kind: a.Kind, Format: format}
	if req.Old, err = s.storedVersion(ctx, reg, a); err != nil {
		return nil, err
	}
	if req.New, err = s.storedVersion(ctx, reg, b); err != nil {
		return nil, err
	}
	doc, err := s.compare(ctx, req)
	if err != nil {
		return nil, err
	}
	return &Comparison{Ref: a.Ref, Kind: a.Kind, Older: a.ID, Newer: b.ID, Redline: doc}, nil
}

// Comparison is the redline of two stored versions and which they were.
type Comparison struct {
	Ref, Kind    string
	Older, Newer int64 // the documents' ids
	Redline      *Rendered
}

// comparable is nil when a and b are two versions of one partnership's
// document of one kind.
func comparable(a, b *partnership.Document) error {
	var msg string
	switch {
	case a.ID == b.ID:
		msg = "Choose two different versions to compare."
	case a.Ref != b.Ref:
		msg = fmt.Sprintf("Document %d is for partnership %s and document %d for %s: only versions of one partnership's document can be compared.", a.ID, a.Ref, b.ID, b.Ref)
	case a.Kind != b.Kind:
		msg = fmt.Sprintf("Document %d is a %s and document %d a %s: only versions of the same kind of document can be compared.", a.ID, a.Kind, b.ID, b.Kind)
	default:
		return nil
	}
	return &partnership.Error{Code: partnership.EInvalid, Message: msg,
		Problems: []partnership.Problem{{Path: "other", Message: msg}}}
}

// storedVersion is what rebuilding a stored document needs: the revision
// it was made from, when, and the template version it records.
func (s *Service) storedVersion(ctx context.Context, reg Register, d *partnership.Document) (generator.VersionRequest, error) {
	rev, err := reg.PartnershipRevision(ctx, d.Ref, d.Revision)
	if err != nil {
		return generator.VersionRequest{}, err
	}
	p := rev.Partnership
	p.Ref = rev.Ref
	approved := d.Status == partnership.DocumentApproved || d.ApprovedOf != 0
	label := fmt.Sprintf("Document %d (%s version %d, from revision %d, generated %s)",
		d.ID, strings.ToUpper(d.Format), d.Version, d.Revision, d.GeneratedAt.UTC().Format("2 January 2006 15:04 MST"))
	if approved {
		label += ", approved copy"
	}
	return generator.VersionRequest{Partnership: &p, At: d.DatedAt, Approved: approved,
		Label: label, TemplateVersion: d.TemplateVersion}, nil
}

// compare runs a comparison in a render slot: rebuilding two versions is
// the same work as rendering them.
func (s *Service) compare(ctx context.Context, req generator.CompareRequest) (*Rendered, error) {
	held, err := s.takeRenderSlot(ctx, compareNeed(req))
	if err != nil {
		return nil, err
	}
	defer s.renders.release(held)
	return s.gen.Compare(ctx, req)
}

// The generator's comparison types, named here so that front ends need
// import nothing but workflow and partnership.
type (
	// CompareRequest asks for the comparison of two versions, older first.
	CompareRequest = generator.CompareRequest
	// VersionRequest is one version to compare.
	VersionRequest = generator.VersionRequest
)

// Compare compares two versions of a document made from partnerships given
// whole (the command line's compare), storing nothing: who may render may
// compare.
func (s *Service) Compare(ctx context.Context, actor partnership.Actor, req CompareRequest) (*Rendered, error) {
	if err := Authorize(actor, ActionRender); err != nil {
		return nil, err
	}
	return s.compare(ctx, req)
}
