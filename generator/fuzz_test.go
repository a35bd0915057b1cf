package generator

import (
	"bytes"
	"context"
	"testing"

	"partnerdocs/internal/pdftest"
	"partnerdocs/partnership"
	"partnerdocs/samples"
)

// FuzzRender feeds decode, validate and render: nothing may panic, a valid
// partnership must always render, every PDF produced must pass
// qpdf --check, and every Word copy must be a zip of well-formed XML. Whole
// bodies alone rarely survive decoding, so the fuzzer also writes free text
// straight into the fields the agreement prints most: the name, the
// purpose, and a partner's name.
func FuzzRender(f *testing.F) {
	for _, name := range samples.Names() {
		b, err := samples.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "Northamptonshire Waste Partnership", "To reduce waste.", "Corby Borough Council")
	}
	f.Add([]byte(`{}`), "*Acme | Ltd_", "[](#exit) {{.Name}}\n\n# h\n\n| a |\n|---|\n> q\\", "مرحبا "+string(make([]byte, 300)))
	g := newTestGenerator(f)
	f.Fuzz(func(t *testing.T, body []byte, name, purpose, partner string) {
		p, err := partnership.Decode(bytes.NewReader(body))
		if err != nil {
			return
		}
		p.Name, p.Purpose = name, purpose
		if len(p.Partners) > 0 {
			p.Partners[0].Name = partner
		}
		partnership.Normalize(p)
		if len(partnership.Validate(p)) > 0 {
			return
		}
		doc, err := g.Render(context.Background(), Request{Kind: "agreement", Partnership: p, At: genTime})
		if err != nil {
			t.Fatalf("a valid partnership did not render: %v", err)
		}
		pdftest.Check(t, doc.Bytes)
		docx, err := g.Render(context.Background(), Request{Kind: "agreement", Format: FormatDOCX, Partnership: p, At: genTime})
		if err != nil {
			t.Fatalf("a valid partnership did not render as a Word document: %v", err)
		}
		readDOCX(t, docx.Bytes) // a zip of well-formed parts, whatever the text holds
	})
}
