package fonts

import (
	"bytes"
	"os"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFPDFTables parses each face with fpdf, as every process did before
// the tables were generated, and fails if the embedded tables load reads
// say otherwise; with -update (go generate) it rewrites them instead.
func TestFPDFTables(t *testing.T) {
	for _, name := range []string{regularFile, boldFile} {
		ttf, _ := embedded(name)
		font, err := fpdf.ParseUTF8Font(ttf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := font.Tables()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if *update {
			if err := os.WriteFile(tablesFile(name), want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		face, err := load(name)
		if err != nil {
			t.Fatalf("%v; run go generate ./generator/fonts", err)
		}
		if !bytes.Equal(face.FPDFTables(), want) {
			t.Errorf("%s: %s differs from what fpdf parses from the font; run go generate ./generator/fonts", name, tablesFile(name))
		}
		if _, err := fpdf.NewUTF8FontFromTables(face.TTF(), face.FPDFTables()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A face's tables make no face of another font file, and tables cut
// short, or run on, make none at all.
func TestFPDFTablesRefusedForAnotherFaceOrCut(t *testing.T) {
	faces, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	reg, bold := faces.Regular, faces.Bold
	tables := reg.FPDFTables()
	widths, err := files.ReadFile(widthsFile(regularFile))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ ttf, tables []byte }{
		"the bold face's file":  {bold.TTF(), tables},
		"the file cut short":    {reg.TTF()[:len(reg.TTF())-1], tables},
		"the tables cut short":  {reg.TTF(), tables[:len(tables)-1]},
		"the tables running on": {reg.TTF(), append(bytes.Clone(tables), 0)},
		"the width tables":      {reg.TTF(), widths},
		"no tables":             {reg.TTF(), nil},
	} {
		if _, err := fpdf.NewUTF8FontFromTables(c.ttf, c.tables); err == nil {
			t.Errorf("%s: a face made", name)
		}
	}
}
