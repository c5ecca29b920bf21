package demo

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/store"
)

// TestSeedSelectionPlans: on a register of twelve projects (2025–2027,
// group C), the demo gives a third of them a plan, adjusts one, posts one
// approval late, awards packages with savings, and leaves some reports
// overdue; all within what the domain allows, since it goes through the
// store's checks.
func TestSeedSelectionPlans(t *testing.T) {
	ctx := context.Background()
	later := time.Date(2026, 11, 20, 9, 0, 0, 0, calendar.VN)
	db, err := store.Open(ctx, t.TempDir()+"/t.db", store.Options{Now: func() time.Time { return later }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, db, later); err != nil {
		t.Fatal(err)
	}
	tree, err := db.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var agency int64
	for _, u := range tree.Units() {
		if u.Name == "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư" && u.Current() {
			agency = tree.AgencyOf(u.ID)
		}
	}
	inv, err := db.CreateInvestor(ctx, actor, investment.NewInvestor{AgencyID: agency, Name: "Ban QLDA đầu tư xây dựng tỉnh", Kind: investment.InvestorBoard})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		if _, err := db.CreateProject(ctx, actor, investment.NewProject{AgencyID: agency, Code: fmt.Sprintf("DA-%03d", i), Name: "Công trình thử nghiệm",
			InvestorID: inv.ID, ManagingUnitID: agency, Band: investment.BandK5, StartYear: 2025, EndYear: 2027,
			Capital: map[investment.Source]int64{investment.SourceProvincial: int64(10+i) * investment.Billion}}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := SeedSelectionPlans(ctx, db, later, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", st)
	if st.Plans != 4 || st.Adjusted < 1 || st.PostedLate != 1 || st.Results < 2 || st.Reports < 50 {
		t.Errorf("stats: %+v", st)
	}
	today := calendar.DateOf(later)
	late, err := db.FindPostings(ctx, store.PostingFilter{AgencyID: agency, Late: true, LateOn: today})
	if err != nil || len(late) == 0 {
		t.Errorf("no late posting: %v", err)
	}
	over, err := db.FindObligationsAcross(ctx, store.ObligationFilter{AgencyID: agency, Today: today, States: []investment.ObligationState{investment.ObligationOverdue}})
	if err != nil || len(over) == 0 {
		t.Errorf("no overdue report: %v", err)
	}
	var savings bool
	for i := range 12 {
		p, _ := db.FindProjectByCode(ctx, agency, fmt.Sprintf("DA-%03d", i))
		ps, _ := db.FindPackages(ctx, p.ID)
		for _, k := range ps {
			if k.Result != nil && k.Result.WinningPrice < k.Price {
				savings = true
			}
		}
	}
	if !savings {
		t.Error("no result with savings")
	}
}
