package generator

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode"

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
	f.Add([]byte(`{}`), "Partneriaeth \U0001F600 \U0001D400 \U00020000", "Rhannu \u10D0\u10D1 \U0001F4C8", "Cyngor \U0001F3F4\U000E0067\U000E007F")
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
		kind := "agreement"
		if eligible(kind, g.Assess(p, genTime)) != nil {
			kind = "information-sharing-protocol" // §3 excludes it: an agreement is refused
		}
		doc, err := g.Render(context.Background(), Request{Kind: kind, Partnership: p, At: genTime})
		if err != nil {
			t.Fatalf("a valid partnership did not render: %v", err)
		}
		pdftest.Check(t, doc.Bytes)
		docx, err := g.Render(context.Background(), Request{Kind: kind, Format: FormatDOCX, Partnership: p, At: genTime})
		if err != nil {
			t.Fatalf("a valid partnership did not render as a Word document: %v", err)
		}
		readDOCX(t, docx.Bytes) // a zip of well-formed parts, whatever the text holds
	})
}

// FuzzPDFAnyCharacter renders a partnership whose name holds one character
// from anywhere in Unicode, in every plane: the PDF never fails (fpdf
// panicked on any character beyond the Basic Multilingual Plane), and a
// character the fonts lack is named in a warning.
func FuzzPDFAnyCharacter(f *testing.F) {
	for _, c := range []rune{'é', 'ł', 0x10D0, 0x1F600, 0x1D400, 0x20000, 0xE0067, 0xFE0F, 0x10FFFD} {
		f.Add(uint32(c))
	}
	b, err := samples.Read("minimal-proposal.json")
	if err != nil {
		f.Fatal(err)
	}
	g := newTestGenerator(f)
	f.Fuzz(func(t *testing.T, code uint32) {
		c := rune(code % (unicode.MaxRune + 1))
		p, err := partnership.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		p.Name = "Partneriaeth " + string(c) + " Môn"
		partnership.Normalize(p)
		if len(partnership.Validate(p)) > 0 {
			return // a control, a surrogate, a noncharacter: the contract refuses it
		}
		doc, err := g.Render(context.Background(), Request{Kind: "policy-statement", Partnership: p, At: genTime})
		if err != nil {
			t.Fatalf("U+%04X: %v", c, err)
		}
		pdftest.Check(t, doc.Bytes)
		if title := pdftest.Info(t, doc.Bytes)["Title"]; !strings.HasSuffix(title, " — "+p.Name) &&
			!strings.HasSuffix(title, " — Partneriaeth ? Môn") && !strings.HasSuffix(title, " — Partneriaeth  Môn") {
			t.Errorf("U+%04X: the metadata title reads %q", c, title)
		}
		warned := false
		for _, w := range doc.Warnings {
			warned = warned || w.Path == "name"
		}
		if !g.pdf.Printable(c) && c >= 0x80 && !unicode.IsSpace(c) && !warned {
			t.Errorf("U+%04X: the PDF cannot show it, and no warning names the field", c)
		}
	})
}
