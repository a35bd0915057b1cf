package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"partnerdocs/partnership"
)

// BenchmarkListPartnerships lists the first page of a filtered listing of a
// register of 10,000 partnerships on SQLite.
func BenchmarkListPartnerships(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	names := []string{"waste-partnership.json", "community-safety-partnership.json", "health-alliance.json",
		"youth-employment-mou.json", "minimal-proposal.json", "community-partnership.json"}
	for i := range 10_000 {
		p := sample(b, names[i%len(names)])
		p.Ref, p.Name = "", fmt.Sprintf("%s %d", p.Name, i)
		if _, err := r.CreatePartnership(ctx, p, assess(p), officer); err != nil {
			b.Fatal(err)
		}
	}
	yes := true
	filter := partnership.PartnershipFilter{Significant: &yes, NameContains: "partnership",
		Status: []partnership.Status{partnership.StatusActive, partnership.StatusProposed, partnership.StatusApproved}}
	b.ResetTimer()
	for b.Loop() {
		page, _, err := r.ListPartnerships(ctx, filter)
		if err != nil || len(page) == 0 {
			b.Fatalf("%d rows, %v", len(page), err)
		}
	}
}

// BenchmarkCreatePartnership stores one partnership (the health alliance,
// the longest sample) with an assigned ref on SQLite.
func BenchmarkCreatePartnership(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ctx := context.Background()
	p := sample(b, "health-alliance.json")
	p.Ref = ""
	a := assess(p)
	for b.Loop() {
		if _, err := r.CreatePartnership(ctx, p, a, officer); err != nil {
			b.Fatal(err)
		}
	}
}

// benchDocument is 180 KiB of bytes that do not compress, about the size
// of a draft agreement's PDF, with the iteration's number written in the
// middle: each is a new document, one edit away from the last.
func benchDocument(i int) []byte {
	b := make([]byte, 180<<10)
	x := uint64(0x9e3779b97f4a7c15)
	for j := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[j] = byte(x)
	}
	copy(b[len(b)/2:], fmt.Sprintf("revision %12d", i))
	return b
}

// BenchmarkAddDocument stores a new 180 KiB draft that differs from the
// last in one place, as the register's mixed load does, on SQLite.
func BenchmarkAddDocument(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ref := create(b, r, sample(b, "waste-partnership.json")).Ref
	docs := make([][]byte, 64)
	for i := range docs {
		docs[i] = benchDocument(i)
	}
	i := 0
	for b.Loop() {
		d := draft(ref, 1, "")
		d.Bytes, d.InputFingerprint = docs[i%len(docs)], fmt.Sprint(i)
		if _, err := r.AddDocument(context.Background(), d, officer); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkDocument reads a 180 KiB document back with its record, on
// SQLite.
func BenchmarkDocument(b *testing.B) {
	r := openRegister(b, filepath.Join(b.TempDir(), "register.db"))
	ref := create(b, r, sample(b, "waste-partnership.json")).Ref
	d := draft(ref, 1, "")
	d.Bytes = benchDocument(0)
	stored, err := r.AddDocument(context.Background(), d, officer)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if got, err := r.Document(context.Background(), stored.ID); err != nil || len(got.Bytes) != len(d.Bytes) {
			b.Fatalf("%d bytes, %v", len(got.Bytes), err)
		}
	}
}
