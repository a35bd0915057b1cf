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
