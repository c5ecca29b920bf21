package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// A 5,000-row disbursement import validated and committed (issue 13 item
// 10: ≤ 5 s), beside the same rows recorded one by one as a form would
// (docs/BENCHMARKS.md, "Disbursement import"). The register has 500
// projects with plans from all five capital sources; an import is their
// 2,500 lines for two months. Each operation checks the batch (the
// preview, CheckDisbursements) and records it (RecordDisbursements), two
// new months each time, so a run takes at most 6 operations:
//
//	go test ./internal/store -run '^$' -bench DisbursementImport -benchtime 3x
//	CONGVU_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/congvu_bench_disbreport?sslmode=disable go test ./internal/store -run '^$' -bench DisbursementImport -benchtime 3x

const benchDisbProjects = 500

func BenchmarkDisbursementImport(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			b.Run("batch", func(b *testing.B) { benchDisbImport(b, engine, true) })
			b.Run("one-by-one", func(b *testing.B) { benchDisbImport(b, engine, false) })
		})
	}
}

func benchDisbImport(b *testing.B, engine string, batch bool) {
	db := storetest.New(b, engine, store.Options{Now: func() time.Time { return benchImportNow }})
	runDisbImport(b, db, benchInvFixture(b, db), batch, "BN")
}

// benchImportNow is the clock of the imports: December 2026, so that
// every month of 2026 may be reported.
var benchImportNow = time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)

// runDisbImport adds benchDisbProjects projects (codes prefix-0001...)
// with their 2026 plans to f's register, then measures the imports.
func runDisbImport(b *testing.B, db *store.DB, f invFixture, batch bool, prefix string) {
	if b.N > 6 {
		b.Fatalf("at most 6 operations (two months each): use -benchtime 3x")
	}
	ctx := context.Background()
	rep := investment.Reporter{AgencyID: f.agency.ID, Actor: f.actor}
	codes := make([]string, benchDisbProjects)
	for i := range codes {
		codes[i] = fmt.Sprintf("%s-%04d", prefix, i+1)
		n := newProject(f, codes[i], 20*bn)
		if i%2 == 1 {
			n.InvestorID = f.xa.ID
		}
		if _, err := db.CreateProject(ctx, f.actor, n); err != nil {
			b.Fatal(err)
		}
		for _, s := range investment.Sources {
			if _, err := db.RecordCapitalPlan(ctx, rep, codes[i], investment.PlanInput{Kind: investment.PlanAnnual, Year: 2026, Source: s,
				AssignedByPM: 4 * bn, AllocatedLocally: 5 * bn}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for op := 0; op < b.N; op++ {
		var rows []investment.FigureRow
		for m := 2*op + 1; m <= 2*op+2; m++ {
			for _, c := range codes {
				for _, s := range investment.Sources {
					rows = append(rows, investment.FigureRow{Line: len(rows) + 2, ProjectCode: c, FigureInput: investment.FigureInput{Year: 2026, Month: m,
						Source: s, CumulativeActual: int64(m) * 100_000_000, EstimateNext: int64(m+1) * 100_000_000}})
				}
			}
		}
		if batch {
			if err := db.CheckDisbursements(ctx, rep, rows); err != nil {
				b.Fatal(err)
			}
			if _, err := db.RecordDisbursements(ctx, rep, rows); err != nil {
				b.Fatal(err)
			}
			continue
		}
		for _, r := range rows {
			if _, err := db.RecordDisbursements(ctx, rep, []investment.FigureRow{r}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/import")
}

// benchInvFixture is newInvFixture for a benchmark.
func benchInvFixture(b *testing.B, db *store.DB) invFixture {
	ctx := context.Background()
	var f invFixture
	var err error
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	f.province, err = db.CreateUnit(ctx, sys, org.NewUnit{Kind: org.KindAgency, Code: "000.00.00.H27", Name: "UBND tỉnh Bắc Ninh", ValidFrom: "1997-01-01"})
	must(err)
	f.agency, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.province.ID, Kind: org.KindAgency, Code: "000.00.13.H27", Name: "Sở Tài chính", ValidFrom: "2008-01-01"})
	must(err)
	f.divA, err = db.CreateUnit(ctx, sys, org.NewUnit{ParentID: &f.agency.ID, Kind: org.KindDivision, Name: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư", ValidFrom: "2008-01-01"})
	must(err)
	f.alice, err = db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.agency.ID, FullName: "Nguyễn Thị Ánh"})
	must(err)
	f.actor = audit.Actor{PersonID: f.alice.ID, Name: f.alice.FullName, AgencyID: f.agency.ID}
	f.ban, err = db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "Ban QLDA tỉnh", Kind: investment.InvestorBoard})
	must(err)
	f.xa, err = db.CreateInvestor(ctx, f.actor, investment.NewInvestor{AgencyID: f.agency.ID, Name: "UBND xã Yên Phong", Kind: investment.InvestorCommune})
	must(err)
	return f
}

// BenchmarkDisbursementImportAtScale is the same 5,000-row import (check
// and commit) into a copy of BenchmarkDisbursementBoard's data set (20,000
// projects, about two million figures and their rollups), its 500
// projects added to that register: the import's rollup upserts land in
// full-size tables.
//
//	CONGVU_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/congvu_test?sslmode=disable go test ./internal/store -run '^$' -bench DisbursementImportAtScale -benchtime 3x -timeout 0
func BenchmarkDisbursementImportAtScale(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db := copyBoardDB(b, engine, store.Options{Now: func() time.Time { return benchImportNow }})
			ctx := context.Background()
			var agency int64
			if err := db.QueryRowRaw(ctx, "SELECT agency_id FROM projects WHERE id = 1").Scan(&agency); err != nil {
				b.Fatal(err)
			}
			u, err := db.FindUnitByID(ctx, agency)
			if err != nil {
				b.Fatal(err)
			}
			invs, err := db.FindInvestors(ctx, investment.InvestorFilter{AgencyID: agency})
			if err != nil || len(invs) < 2 {
				b.Fatalf("investors: %v", err)
			}
			f := invFixture{ban: invs[0], xa: invs[1], actor: audit.Actor{Name: "bench", AgencyID: agency}}
			f.agency, f.divA = u, u
			runDisbImport(b, db, f, true, "IM")
		})
	}
}
