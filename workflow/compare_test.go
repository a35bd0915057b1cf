package workflow_test

import (
	"bytes"
	"strings"
	"testing"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// TestCompareDocuments: two stored versions of a partnership's agreement,
// the second from a revision with a partner added, compare as a redline
// whose summary names the partners' table; asked the other way round they
// give the same redline; versions of different kinds or partnerships, or
// one version twice, are refused.
func TestCompareDocuments(t *testing.T) {
	s, _ := newService(t)
	ctx := t.Context()
	rev, err := s.CreatePartnership(ctx, officer, sample(t, "waste-partnership.json"))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := s.GenerateDocument(ctx, officer, rev.Ref, "agreement", workflow.FormatPDF)
	if err != nil {
		t.Fatal(err)
	}
	p := rev.Partnership
	added := p.Partners[1]
	added.ID, added.Name, added.IsLead = "rushden", "Rushden Town Council", false
	p.Partners = append(p.Partners, added)
	if _, err := s.UpdatePartnership(ctx, officer, rev.Ref, rev.Number, &p); err != nil {
		t.Fatal(err)
	}
	v2, err := s.GenerateDocument(ctx, officer, rev.Ref, "agreement", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	red, err := s.CompareDocuments(ctx, lawyer, v2.ID, v1.ID, workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	if red.Older != v1.ID || red.Newer != v2.ID {
		t.Errorf("older, newer: %d, %d; want %d, %d", red.Older, red.Newer, v1.ID, v2.ID)
	}
	page := string(red.Redline.Bytes)
	for _, want := range []string{"Summary of changes", "Schedule 1: Partners and contacts", "1 row added",
		"<ins><span class=\"vh\">inserted: </span>Rushden Town Council</ins>", "Document 1 (PDF version 1, from revision 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("the redline does not say %q", want)
		}
	}
	if strings.Index(page, "Document 1 (") > strings.Index(page, "Document 2 (") {
		t.Error("the older version is not the older in the redline")
	}
	again, err := s.CompareDocuments(ctx, lawyer, v1.ID, v2.ID, workflow.FormatHTML)
	if err != nil || !bytes.Equal(again.Redline.Bytes, red.Redline.Bytes) {
		t.Errorf("asked the other way round: %v, or a different redline", err)
	}
	for _, f := range []workflow.Format{workflow.FormatDOCX, workflow.FormatPDF} {
		red, err := s.CompareDocuments(ctx, lawyer, v1.ID, v2.ID, f)
		if err != nil {
			t.Fatalf("as %s: %v", f, err)
		}
		if red.Redline.Format != f || red.Redline.ContentType != f.ContentType() || len(red.Redline.Bytes) == 0 {
			t.Errorf("as %s: format %s, content type %s, %d bytes", f, red.Redline.Format, red.Redline.ContentType, len(red.Redline.Bytes))
		}
	}
	checkCompareRefused(t, s, rev.Ref, v1)
}

func checkCompareRefused(t *testing.T, s *workflow.Service, ref string, v1 *partnership.Document) {
	t.Helper()
	ctx := t.Context()
	mou, err := s.GenerateDocument(ctx, officer, ref, "mou", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	q := sample(t, "health-alliance.json")
	q.Ref = ""
	other, err := s.CreatePartnership(ctx, officer, q)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := s.GenerateDocument(ctx, officer, other.Ref, "agreement", workflow.FormatHTML)
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]int64{"another kind": mou.ID, "another partnership": elsewhere.ID, "itself": v1.ID} {
		_, err := s.CompareDocuments(ctx, officer, v1.ID, id, workflow.FormatHTML)
		if partnership.ErrorCode(err) != partnership.EInvalid {
			t.Errorf("compared with %s: %v, want invalid", name, err)
		}
	}
	if _, err := s.CompareDocuments(ctx, officer, v1.ID, 999999, workflow.FormatHTML); partnership.ErrorCode(err) != partnership.ENotFound {
		t.Errorf("compared with a document that does not exist: %v, want not found", err)
	}
}
