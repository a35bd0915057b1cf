package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"github.com/klauspost/compress/flate"
	"io"
	"runtime"
	"time"
	"unicode/utf8"

	"partnerdocs/generator/fonts"
	"partnerdocs/generator/outline"
)

// The Word copy is for Legal to work in: the outline written as Office
// Open XML WordprocessingML with archive/zip and encoding/xml's escaping,
// nothing else. The headings use Word's own heading styles, bound to one
// multi-level list (numbering.go), so the numbers are Word's and a clause
// inserted in Word or LibreOffice moves the ones after it; every
// cross-reference to a clause is a REF field to the clause's bookmark and
// the contents a TOC field (fields.go), each holding the outline's text as
// its result, so an unedited copy reads word for word as the PDF. Track
// Changes is on, so every edit after generation is marked.
//
// Like the PDF, the Word copy is deterministic: the parts are written in a
// fixed order, and every date in them (the zip entries' and the document
// properties') is the document's generation time.
//
// Why hand-written: no free, well-kept Go library writes WordprocessingML
// headings, numbering, tables, headers and footers (DESIGN.md), and Legal's
// redlining needs all of them. What it costs, measured by
// BenchmarkRenderDocx (the health-alliance agreement, the whole pipeline,
// 2 cores): 7.6 ms and 1.5 MB allocated per document before numbering and
// fields, 1.47 MiB after (+3%, benchstat -count 6; the time's change was
// lost in a loaded machine's noise), against ~16.7 MB for the PDF. With
// the risk matrix and the responsibilities schedule the document grew a
// quarter, and so did its render; then xml:space only where it is needed,
// list and numbered paragraphs' indents in styles, one measuring of each
// table word and small parts stored took 6.9% off BenchmarkRenderDocx
// (9.79 to 9.11 ms, benchstat n=6) and 17% off the Word stage alone. Most
// of what remains is goldmark and the templates, and deflating the body,
// whose cost follows its text, not its markup.

// ContentType is the media type of a Word document.
const ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// Page geometry in twentieths of a point (twips): A4, with the PDF's
// margins and clause-number column.
const (
	docxPageW     = 11906 // 210 mm
	docxPageH     = 16838 // 297 mm
	docxMarginLR  = 1247  // 22 mm
	docxMarginTop = 1361  // 24 mm
	docxMarginBot = 1247  // 22 mm
	docxHeaderTop = 567   // 10 mm from the edge to the running header
	docxFooterBot = 567   // 10 mm from the edge to the footer
	docxTextW     = docxPageW - 2*docxMarginLR
	docxNumCol    = 794 // 14 mm, as numCol in the PDF
	docxListLabel = 454 // 8 mm for "(a)" or a bullet
	docxCellMarLR = 85  // 1.5 mm, as cellPad in the PDF
	docxTableSize = 9.0 // points
)

// docxPart is one file of the package.
type docxPart struct {
	name string
	data []byte
}

// Renderer writes outlines as Word documents. It is safe for concurrent
// use: the faces are only read, and each document takes its own buffers.
type Renderer struct {
	faces   *fonts.Faces
	buffers chan *bytes.Buffer // a bounded free list: see buffer
	flaters chan *flate.Writer // the same for compressors: see compressor
}

// New returns a renderer that shares tables' widths between their columns
// by the metrics of faces, as the PDF does.
func New(faces *fonts.Faces) *Renderer {
	n := 2 * runtime.GOMAXPROCS(0)
	return &Renderer{faces: faces, buffers: make(chan *bytes.Buffer, n), flaters: make(chan *flate.Writer, n)}
}

// buffer returns a buffer from the free list, or a new one. The list is a
// channel rather than a sync.Pool, which the garbage collector empties, and
// under load that is exactly when the buffers are needed.
func (r *Renderer) buffer() *bytes.Buffer {
	select {
	case b := <-r.buffers:
		b.Reset()
		return b
	default:
		return bytes.NewBuffer(make([]byte, 0, 1<<20))
	}
}

func (r *Renderer) putBuffer(b *bytes.Buffer) {
	select {
	case r.buffers <- b:
	default:
	}
}

// Render writes the outline as a .docx package. The body and the archive
// are written into buffers reused between documents, so only the finished
// file is a new allocation of its size.
func (r *Renderer) Render(o *outline.Outline, meta outline.Meta) ([]byte, error) {
	return r.render(o, meta, false)
}

func (r *Renderer) render(o *outline.Outline, meta outline.Meta, redline bool) ([]byte, error) {
	buf := r.buffer()
	defer r.putBuffer(buf)
	body := newDOCXBody(o, r.faces, buf)
	if redline {
		body.tocDone, body.revDate = true, revDate(meta)
	}
	body.document(o, meta)
	parts := []docxPart{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxPackageRels)},
		{"docProps/core.xml", docxCore(meta)},
		{"docProps/app.xml", docxApp(meta)},
		{"word/document.xml", body.out.Bytes()},
		{"word/styles.xml", []byte(docxStyles)},
		{"word/numbering.xml", []byte(docxNumbering)},
		{"word/settings.xml", []byte(docxSettings)},
		{"word/header1.xml", docxHeader(meta)},
		{"word/footer1.xml", docxFooter(meta)},
		{"word/_rels/document.xml.rels", []byte(docxDocumentRels)},
	}
	out := r.buffer()
	defer r.putBuffer(out)
	if err := r.zipDOCX(out, parts, meta.At); err != nil {
		return nil, err
	}
	return bytes.Clone(out.Bytes()), nil
}

// zipDOCX writes the parts into a zip archive, each dated at, so the same
// parts and time give the same bytes. A part of docxStoreBelow bytes or
// more is deflated; a smaller one is stored as it is.
func (r *Renderer) zipDOCX(buf *bytes.Buffer, parts []docxPart, at time.Time) error {
	zw := zip.NewWriter(buf)
	zw.RegisterCompressor(zip.Deflate, r.compressor)
	for _, p := range parts {
		method := zip.Deflate
		if len(p.data) < docxStoreBelow {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: at.UTC()})
		if err != nil {
			return fmt.Errorf("writing DOCX %s: %w", p.name, err)
		}
		if _, err := w.Write(p.data); err != nil {
			return fmt.Errorf("writing DOCX %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("writing DOCX: %w", err)
	}
	return nil
}

// docxStoreBelow is the size under which a part is stored, not deflated.
// Deflating a part costs about 30 µs however small it is (building the
// block's Huffman codes), which for the package's nine parts under 2 KB
// was about a tenth of the Word copy's render (BenchmarkRenderDocx) to
// save some 4 KB of a file of 50 KB.
const docxStoreBelow = 2048

// compressor deflates one part at flate.BestSpeed. The parts are repetitive
// XML, so the fastest level costs about a fifth more bytes than the default
// and saves about a third of the render's time (BenchmarkRenderDocx), the
// better bargain for a file that is downloaded once and opened at once.
// Compressors come from a free list, as buffers do: each holds about 1 MB.
func (r *Renderer) compressor(w io.Writer) (io.WriteCloser, error) {
	select {
	case fw := <-r.flaters:
		fw.Reset(w)
		return &pooledFlater{fw, r}, nil
	default:
		fw, err := flate.NewWriter(w, flate.BestSpeed)
		if err != nil {
			return nil, err
		}
		return &pooledFlater{fw, r}, nil
	}
}

// pooledFlater returns its compressor to the free list when closed.
type pooledFlater struct {
	*flate.Writer
	r *Renderer
}

func (p *pooledFlater) Close() error {
	err := p.Writer.Close()
	select {
	case p.r.flaters <- p.Writer:
	default:
	}
	return err
}

const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	nsW   = `http://schemas.openxmlformats.org/wordprocessingml/2006/main`
	nsR   = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	nsRel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
)

const docxContentTypes = xmlDeclaration +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const docxPackageRels = xmlDeclaration +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + nsRel + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + nsRel + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// The relationship ids of the header and footer are used in the body's
// section properties.
const (
	docxHeaderRel = "rId3"
	docxFooterRel = "rId4"
)

const docxDocumentRels = xmlDeclaration +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + nsRel + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="` + nsRel + `settings" Target="settings.xml"/>` +
	`<Relationship Id="` + docxHeaderRel + `" Type="` + nsRel + `header" Target="header1.xml"/>` +
	`<Relationship Id="` + docxFooterRel + `" Type="` + nsRel + `footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="` + nsRel + `numbering" Target="numbering.xml"/>` +
	`</Relationships>`

// docxSettings turns Track Changes on, so that a solicitor's edits to the
// draft are marked from the first keystroke, and opens the document in
// Word's current mode rather than compatibility mode. The elements are in
// the order the schema requires.
const docxSettings = xmlDeclaration +
	`<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:trackRevisions/>` +
	`<w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:updateFields w:val="true"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-GB"/>` +
	`<w:decimalSymbol w:val="."/>` +
	`<w:listSeparator w:val=","/>` +
	`</w:settings>`

// docxCore is the document's core properties: its title, subject, author
// (the council), keywords, language, status and dates, all from the
// document itself so that they repeat byte for byte.
func docxCore(m outline.Meta) []byte {
	var b bytes.Buffer
	b.WriteString(xmlDeclaration)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	element(&b, "dc:title", m.DocumentTitle())
	element(&b, "dc:subject", m.Subject)
	element(&b, "dc:creator", m.Council)
	element(&b, "cp:keywords", m.Keywords)
	element(&b, "dc:description", m.Footer)
	element(&b, "cp:lastModifiedBy", m.Council)
	element(&b, "dc:identifier", m.Ref)
	element(&b, "dc:language", "en-GB")
	element(&b, "cp:contentStatus", docxStatus(m.Draft))
	when := m.At.UTC().Format("2006-01-02T15:04:05Z")
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

func docxStatus(draft bool) string {
	if draft {
		return "Draft, not approved"
	}
	return "Approved"
}

// docxApp is the extended properties: the program and the council.
func docxApp(m outline.Meta) []byte {
	var b bytes.Buffer
	b.WriteString(xmlDeclaration)
	b.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
		` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	element(&b, "Application", "partnerdocs")
	element(&b, "DocSecurity", "0")
	element(&b, "Company", m.Council)
	b.WriteString(`</Properties>`)
	return b.Bytes()
}

// element writes <name>text</name>, or nothing when text is empty.
func element(b *bytes.Buffer, name, text string) {
	if text == "" {
		return
	}
	b.WriteString("<" + name + ">")
	writeEscaped(b, text)
	b.WriteString("</" + name + ">")
}

// writeEscaped writes s as XML character data, escaped as encoding/xml's
// EscapeText escapes it: & < > " ' and tab, newline and carriage return
// become references, and a character XML 1.0 cannot hold (a control
// character, U+FFFE, U+FFFF, a byte that is not UTF-8) becomes U+FFFD, so
// whatever a user typed prints as typed or visibly replaced and never
// breaks the document. It is one pass over the bytes, copying the runs
// that need nothing: most text is all of one run.
func writeEscaped(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			esc := asciiEscapes[c]
			if esc == "" {
				i++
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString(esc)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r != utf8.RuneError || size != 1) && r != 0xFFFE && r != 0xFFFF {
			i += size
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString("\uFFFD")
		i += size
		last = i
	}
	b.WriteString(s[last:])
}

// asciiEscapes is what each ASCII byte is written as when it is not
// itself, as encoding/xml writes it.
var asciiEscapes = func() (esc [utf8.RuneSelf]string) {
	for c := range byte(0x20) {
		esc[c] = "\uFFFD"
	}
	esc['\t'], esc['\n'], esc['\r'] = "&#x9;", "&#xA;", "&#xD;"
	esc['&'], esc['<'], esc['>'], esc['"'], esc['\''] = "&amp;", "&lt;", "&gt;", "&#34;", "&#39;"
	return esc
}()
