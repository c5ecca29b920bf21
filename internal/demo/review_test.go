package demo

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/review"
	"congvu/internal/work"
)

// TestGenerateReviews: the demo holds the last quarter's review of a
// division, issued, whose kept DOCX matches its SHA-256, and the
// violations recorded by the heads.
func TestGenerateReviews(t *testing.T) {
	db := workDB(t)
	ctx := context.Background()
	o, err := workOrg(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.FindReviews(ctx, o.agency, 0)
	if err != nil || len(list) != 1 {
		t.Fatalf("reviews %+v, %v", list, err)
	}
	r := list[0]
	if r.Status != review.Issued || r.Period != (review.Period{Kind: review.Quarter, Year: 2025, Index: 4}) || r.Number != "15/BC-"+initials(o.divisions[0].name) {
		t.Fatalf("review %+v", r)
	}
	doc, err := db.ReviewDocument(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(doc); hex.EncodeToString(sum[:]) != r.SHA256 {
		t.Error("the kept DOCX does not match its hash")
	}
	if _, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc))); err != nil {
		t.Errorf("not a DOCX: %v", err)
	}
	from, to := r.Period.Bounds()
	n := 0
	for _, d := range o.divisions {
		for _, p := range d.officials {
			vs, err := db.Violations(ctx, p, from, to)
			if err != nil {
				t.Fatal(err)
			}
			n += len(vs)
		}
	}
	if n != 3 {
		t.Errorf("%d violations, want 3", n)
	}
	if got := initials("Phòng Khoa giáo – Văn xã"); got != "KGVX" {
		t.Errorf("initials %q", got)
	}
}

// TestEmulationProposals: the demo year's ratings propose titles, each
// the one the rule gives the grade, never to someone disciplined.
func TestEmulationProposals(t *testing.T) {
	db := workDB(t)
	ctx := context.Background()
	o, err := workOrg(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.EmulationProposals(ctx, o.agency, 2026, review.DefaultEmulation)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Fatal("no proposals from the demo's ratings")
	}
	for _, p := range ps {
		want := map[work.Grade]review.Title{work.Excellent: review.Emulator, work.Good: review.Advanced}[p.Grade]
		if p.Title != want || p.Disciplined {
			t.Errorf("proposal %+v", p)
		}
	}
	// The director confirms the first; confirming it again, or someone
	// not proposed, is refused and writes nothing.
	dir := audit.Actor{PersonID: ps[0].PersonID, AgencyID: o.agency}
	if _, err := db.ConfirmEmulation(ctx, dir, o.agency, 2026, review.DefaultEmulation, []int64{ps[0].PersonID}); err != nil {
		t.Fatal(err)
	}
	for _, ids := range [][]int64{{ps[0].PersonID}, {-1}, nil} {
		if _, err := db.ConfirmEmulation(ctx, dir, o.agency, 2026, review.DefaultEmulation, ids); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("confirm %v: %v", ids, err)
		}
	}
	done, err := db.EmulationTitles(ctx, o.agency, 2026)
	if err != nil || len(done) != 1 || done[ps[0].PersonID].Title != ps[0].Title {
		t.Errorf("confirmed: %v %+v", err, done)
	}
}
