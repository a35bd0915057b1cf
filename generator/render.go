package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"partnerdocs/generator/html"
	"partnerdocs/generator/outline"
	"partnerdocs/partnership"
	"partnerdocs/templates"
)

// Render generates one document. The partnership must already be decoded
// and validated. Errors are *partnership.Error: ENotFound for an unknown
// kind, EInvalid for an unknown format, EInternal for a template fault.
func (g *Generator) Render(ctx context.Context, req Request) (*Document, error) {
	meta, ok := g.templates.Meta(req.Kind)
	if !ok {
		return nil, &partnership.Error{Code: partnership.ENotFound,
			Message: fmt.Sprintf("There is no document kind %q. Kinds: %s.", req.Kind, strings.Join(g.Kinds(), ", "))}
	}
	if req.Format == "" {
		req.Format = FormatPDF
	}
	if !req.Format.Valid() {
		return nil, &partnership.Error{Code: partnership.EInvalid, Message: "Unknown format",
			Problems: []partnership.Problem{{Path: "format", Message: "Must be one of: pdf, html, docx"}}}
	}
	if req.Partnership == nil {
		return nil, partnership.NewError(partnership.EInvalid, "No partnership given")
	}
	at := req.At
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Truncate(time.Second)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := g.Assess(req.Partnership, at)
	if err := eligible(meta.Kind, a); err != nil {
		return nil, err
	}
	o, err := g.outline(ctx, req.Partnership, a, meta, at, !req.Approved)
	if err != nil {
		return nil, err
	}
	warnings := g.warnings(req, meta)
	if !req.Approved {
		o = g.withDraftingNotes(o, meta.Kind, a, warnings)
	}
	return g.finish(req, meta, o, at, warnings)
}

// warnings are what the document carries besides its bytes: a kind that
// does not fit the recorded legal instrument, and for the PDF every field
// holding characters its fonts lack.
func (g *Generator) warnings(req Request, meta templates.Meta) []Warning {
	w := instrumentWarning(meta.Kind, req.Partnership.LegalInstrument)
	if req.Format == FormatPDF {
		w = append(w, g.coverage(req.Partnership)...)
	}
	return w
}

func (g *Generator) outline(ctx context.Context, p *partnership.Partnership, a partnership.Assessment, meta templates.Meta, at time.Time, draft bool) (*outline.Outline, error) {
	md := g.markdownBuffer()
	defer g.putMarkdownBuffer(md)
	v := newView(p, g.council, meta, at, draft)
	v.A = escapedAssessment(a)
	// The Markdown is parsed a section at a time while the template is
	// still writing the rest.
	st := outline.NewStream(md)
	defer st.Stop()
	if err := g.templates.ExecuteContext(ctx, st, meta.Kind, v); err != nil {
		return nil, fmt.Errorf("template %s %s: %w", meta.ID, meta.Version, err)
	}
	o, err := st.Finish()
	if err != nil {
		return nil, fmt.Errorf("template %s %s: %w", meta.ID, meta.Version, err)
	}
	return o, nil
}

// markdownBuffer returns a buffer from the free list, or a new one.
func (g *Generator) markdownBuffer() *bytes.Buffer {
	select {
	case b := <-g.markdown:
		b.Reset()
		return b
	default:
		return bytes.NewBuffer(make([]byte, 0, 64<<10))
	}
}

func (g *Generator) putMarkdownBuffer(b *bytes.Buffer) {
	select {
	case g.markdown <- b:
	default:
	}
}

func (g *Generator) finish(req Request, meta templates.Meta, o *outline.Outline, at time.Time, warnings []Warning) (*Document, error) {
	p := req.Partnership
	pm := g.pageMeta(p, meta, at, req.Approved)
	doc := &Document{Kind: meta.Kind, Format: req.Format, TemplateID: meta.ID, Warnings: warnings,
		TemplateVersion: meta.Version, TemplateHash: meta.Hash, ProfileHash: g.profile, GeneratedAt: at, InputFingerprint: fingerprint(p)}
	var err error
	switch req.Format {
	case FormatHTML:
		doc.Bytes, err = html.Render(o, pm)
	case FormatDOCX:
		doc.Bytes, err = g.docx.Render(o, pm)
	default:
		doc.Bytes, err = g.pdf.Render(o, pm)
	}
	doc.ContentType = req.Format.ContentType()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(doc.Bytes)
	doc.SHA256 = hex.EncodeToString(sum[:])
	return doc, nil
}

// pageMeta is what every copy of p's document prints besides the body.
func (g *Generator) pageMeta(p *partnership.Partnership, meta templates.Meta, at time.Time, approved bool) outline.Meta {
	return outline.Meta{
		Title:    meta.Title,
		Subject:  p.Name,
		Keywords: strings.Join([]string{meta.Title, p.Ref, p.Name, "partnership", g.council.Name}, "; "),
		Council:  g.council.Name,
		Ref:      p.Ref,
		Footer:   fmt.Sprintf("Template %s v%s", meta.ID, meta.Version),
		Draft:    !approved,
		At:       at,
	}
}

// fingerprint identifies the input: the SHA-256 of its canonical JSON.
func fingerprint(p *partnership.Partnership) string {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(p); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
