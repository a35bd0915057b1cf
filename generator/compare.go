package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"partnerdocs/generator/compare"
	"partnerdocs/partnership"
)

// VersionRequest is one version of a document to compare: the partnership
// as it was, when it was generated, and the template version it records.
type VersionRequest struct {
	Partnership *partnership.Partnership // already decoded and validated
	At          time.Time
	Approved    bool
	// Label names the version to a reader: "version 2 (revision 5)".
	Label string
	// TemplateVersion is the template version the stored copy records;
	// empty means the current one.
	TemplateVersion string
}

// CompareRequest asks for the comparison of two versions of one kind of
// document, older first.
type CompareRequest struct {
	Kind     string
	Format   Format
	Old, New VersionRequest
}

// Compare compares two versions of a document clause by clause and writes
// the redline. Each version is rebuilt from its partnership with the
// templates this generator holds: when a version records a template version
// other than the current one, the summary says that it was compared as the
// current template renders it. The redline is written as a web page (html,
// the default), a Word document with tracked changes (docx) or
// a PDF (pdf).
func (g *Generator) Compare(ctx context.Context, req CompareRequest) (*Document, error) {
	if req.Format == "" {
		req.Format = FormatHTML
	}
	if !req.Format.Valid() {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: "A comparison is written as html, docx or pdf.",
			Problems: []partnership.Problem{{Path: "format", Message: "Must be html, docx or pdf"}}}
	}
	old, err := g.Version(ctx, req.Kind, req.Old)
	if err != nil {
		return nil, err
	}
	new, err := g.Version(ctx, req.Kind, req.New)
	if err != nil {
		return nil, err
	}
	result := compare.Compare(old, new)
	result.Summary.Notes = append(result.Summary.Notes, g.templateNotes(req)...)
	return g.comparison(req, result)
}

// Version rebuilds one version's outline with the current templates; the
// version it records is kept, so that the summary can tell a template
// change.
func (g *Generator) Version(ctx context.Context, kind string, v VersionRequest) (compare.Version, error) {
	meta, ok := g.templates.Meta(kind)
	if !ok {
		return compare.Version{}, partnership.NewError(partnership.ENotFound, fmt.Sprintf("There is no document kind %q.", kind))
	}
	if v.Partnership == nil {
		return compare.Version{}, partnership.NewError(partnership.EInvalid, "No partnership given")
	}
	if err := ctx.Err(); err != nil {
		return compare.Version{}, err
	}
	at := v.At.UTC().Truncate(time.Second)
	a := g.Assess(v.Partnership, at)
	if err := eligible(meta.Kind, a); err != nil {
		return compare.Version{}, err
	}
	o, err := g.outline(ctx, v.Partnership, a, meta, at, !v.Approved)
	if err != nil {
		return compare.Version{}, err
	}
	recorded := v.TemplateVersion
	if recorded == "" {
		recorded = meta.Version
	}
	return compare.Version{Outline: o, Meta: g.pageMeta(v.Partnership, meta, at, v.Approved),
		TemplateID: meta.ID, TemplateVersion: recorded, Label: v.Label}, nil
}

// templateNotes says which versions were made with a template version this
// generator no longer holds.
func (g *Generator) templateNotes(req CompareRequest) []string {
	meta, _ := g.templates.Meta(req.Kind)
	var notes []string
	for _, v := range []VersionRequest{req.Old, req.New} {
		if v.TemplateVersion != "" && v.TemplateVersion != meta.Version {
			notes = append(notes, fmt.Sprintf("%s was made with template %s version %s, which is no longer held: it is shown as the current template (version %s) renders the same details.",
				v.Label, meta.ID, v.TemplateVersion, meta.Version))
		}
	}
	return notes
}

// redline writes the comparison in the format asked for.
func (g *Generator) redline(f Format, r *compare.Result) ([]byte, error) {
	switch f {
	case FormatDOCX:
		return g.docx.RenderRedline(compare.Redline(r), r.New.Meta)
	case FormatPDF:
		return g.pdf.Render(compare.RedlinePDF(r), r.New.Meta)
	}
	return compare.RenderHTML(r)
}

func (g *Generator) comparison(req CompareRequest, r *compare.Result) (*Document, error) {
	b, err := g.redline(req.Format, r)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	return &Document{Kind: req.Kind, Format: req.Format, ContentType: req.Format.ContentType(), Bytes: b,
		SHA256: hex.EncodeToString(sum[:]), TemplateID: r.New.TemplateID, TemplateVersion: r.New.TemplateVersion,
		InputFingerprint: fingerprint(req.New.Partnership), GeneratedAt: r.New.Meta.At}, nil
}
