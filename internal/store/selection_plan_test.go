package store_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// selectionEngines runs fn on each engine with a clock the test moves
// (Vietnam time), starting on from.
func selectionEngines(t *testing.T, from string, fn func(t *testing.T, db *store.DB, clock *atomic.Int64)) {
	t.Helper()
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			var clock atomic.Int64
			setDay(t, &clock, from)
			db := storetest.New(t, engine, store.Options{Now: func() time.Time { return time.UnixMicro(clock.Load()) }})
			fn(t, db, &clock)
		})
	}
}

// setDay moves the clock to 10:00 in Vietnam on the day.
func setDay(t *testing.T, clock *atomic.Int64, day string) {
	t.Helper()
	d, err := calendar.ParseDate(day)
	if err != nil {
		t.Fatal(err)
	}
	clock.Store(d.Time().Add(10 * time.Hour).UnixMicro())
}

func khPackage(name string, price int64) investment.PackageInput {
	return investment.PackageInput{Name: name, Price: price, Source: investment.SourceProvincial, Form: investment.FormOpenBidding,
		Method: investment.MethodOneStageOneEnvelope, Online: true, Start: investment.StartPeriod{Year: 2026, Quarter: 2},
		Contract: investment.ContractLumpSum, DurationDays: 365}
}

func countRows(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	rows, err := db.FindAuditEvents(context.Background(), audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range rows {
		if e.ObjectType == "project" && strings.HasPrefix(e.Action, table) {
			n++
		}
	}
	return n
}

// TestSelectionPlan: packages within the total investment (refused with
// both figures, nothing written), approval and adjustment as versions with
// the earlier one readable, results with their savings, and the posting
// deadline of 5 working days across Tết.
func TestSelectionPlan(t *testing.T) {
	selectionEngines(t, "2026-02-12", func(t *testing.T, db *store.DB, clock *atomic.Int64) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		p, err := db.CreateProject(ctx, f.actor, newProject(f, "DA-KH-01", 80*bn))
		if err != nil {
			t.Fatal(err)
		}
		a, err := db.AddPackage(ctx, f.actor, p.ID, khPackage("Gói 01: Xây lắp", 60*bn))
		if err != nil {
			t.Fatal(err)
		}
		b, err := db.AddPackage(ctx, f.actor, p.ID, khPackage("Gói 02: Tư vấn giám sát", 2*bn))
		if err != nil {
			t.Fatal(err)
		}
		// Over the total investment: refused with both figures, nothing written.
		_, err = db.AddPackage(ctx, f.actor, p.ID, khPackage("Gói 03: Thiết bị", 18*bn+1))
		if e := apperr.As(err); e == nil || e.Field != "price" || !strings.Contains(e.VI, "80.000.000.001 đ") || !strings.Contains(e.VI, "80.000.000.000 đ") {
			t.Fatalf("over the total: %v", err)
		}
		if ps, _ := db.FindPackages(ctx, p.ID); len(ps) != 2 || countRows(t, db, "package_add") != 2 {
			t.Fatalf("a refused package was written: %+v", ps)
		}
		// A result before approval is refused.
		res := investment.SelectionResult{Winner: "Công ty CP Xây dựng Kinh Bắc", WinningPrice: 57 * bn,
			Decision: investment.Decision{Number: "15/QĐ-BQL", Date: "2026-02-12", Signer: "Lê Văn Cường"}}
		if _, err := db.RecordSelectionResult(ctx, f.actor, p.ID, a.ID, res); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("a result before approval: %v", err)
		}
		// Approval on Thursday 12/2/2026: due on 26/2, after Tết.
		v1, err := db.ApprovePlanVersion(ctx, f.actor, p.ID, investment.Decision{Number: "125/QĐ-UBND", Date: "2026-02-12", Signer: "Nguyễn Văn Phó"})
		if err != nil || v1.No != 1 || v1.Kind != investment.VersionApproval || v1.Total != 62*bn {
			t.Fatalf("approve: %+v %v", v1, err)
		}
		if _, err := db.ApprovePlanVersion(ctx, f.actor, p.ID, investment.Decision{Number: "126/QĐ-UBND", Date: "2026-02-12", Signer: "X"}); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("an unchanged adjustment: %v", err)
		}
		posts, err := db.FindPostings(ctx, store.PostingFilter{ProjectID: p.ID})
		if err != nil || len(posts) != 1 || posts[0].Due.String() != "2026-02-26" || posts[0].Kind != investment.PostPlan || posts[0].ProjectCode != "DA-KH-01" {
			t.Fatalf("the plan's posting: %v %+v", err, posts)
		}
		// Adjust: a package's price changes; version 1 keeps the old one.
		setDay(t, clock, "2026-03-20")
		up := khPackage("Gói 02: Tư vấn giám sát", 3*bn)
		if _, err := db.UpdatePackage(ctx, f.actor, p.ID, b.ID, up); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdatePackage(ctx, f.actor, p.ID, b.ID, khPackage("Gói 02", 21*bn)); apperr.As(err) == nil || apperr.As(err).Field != "price" {
			t.Fatalf("an update over the total: %v", err)
		}
		v2, err := db.ApprovePlanVersion(ctx, f.actor, p.ID, investment.Decision{Number: "301/QĐ-UBND", Date: "2026-03-20", Signer: "Nguyễn Văn Phó", FileID: 0})
		if err != nil || v2.No != 2 || v2.Kind != investment.VersionAdjustment || v2.Total != 63*bn {
			t.Fatalf("adjust: %+v %v", v2, err)
		}
		vs, err := db.FindPlanVersions(ctx, p.ID)
		if err != nil || len(vs) != 2 || vs[0].Packages[1].Price != 2*bn || vs[1].Packages[1].Price != 3*bn || vs[0].Decision.Number != "125/QĐ-UBND" {
			t.Fatalf("versions: %v %+v", err, vs)
		}
		// The result, its savings and its posting.
		if _, err := db.RecordSelectionResult(ctx, f.actor, p.ID, a.ID, res); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordSelectionResult(ctx, f.actor, p.ID, a.ID, res); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("a result twice: %v", err)
		}
		over := res
		over.WinningPrice = 3*bn + 1
		if _, err := db.RecordSelectionResult(ctx, f.actor, p.ID, b.ID, over); apperr.As(err) == nil || apperr.As(err).Field != "winning_price" {
			t.Fatalf("a winning price above the package's: %v", err)
		}
		if _, err := db.UpdatePackage(ctx, f.actor, p.ID, a.ID, khPackage("Gói 01", 50*bn)); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("changing a package with a result: %v", err)
		}
		ps, _ := db.FindPackages(ctx, p.ID)
		if ps[0].Result == nil || ps[0].Result.WinningPrice != 57*bn || investment.SavingsRate(ps[0].Price, ps[0].Result.WinningPrice) != 0.05 || ps[1].Result != nil {
			t.Fatalf("packages: %+v", ps)
		}
		// Postings: the plan posted late (27/2), the adjustment on time.
		posts, _ = db.FindPostings(ctx, store.PostingFilter{ProjectID: p.ID})
		if len(posts) != 3 {
			t.Fatalf("postings: %+v", posts)
		}
		if _, err := db.RecordPosting(ctx, f.actor, p.ID, posts[0].ID, calendar.Date{Year: 2026, Month: 2, Day: 27}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordPosting(ctx, f.actor, p.ID, posts[0].ID, calendar.Date{Year: 2026, Month: 2, Day: 27}); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("posted twice: %v", err)
		}
		var adj store.PostingRow
		for _, x := range posts {
			if x.Kind == investment.PostAdjustment {
				adj = x
			}
		}
		if adj.Due.String() != "2026-03-27" {
			t.Fatalf("the adjustment's posting: %+v", adj)
		}
		if _, err := db.RecordPosting(ctx, f.actor, p.ID, adj.ID, calendar.Date{Year: 2026, Month: 3, Day: 19}); apperr.As(err) == nil || apperr.As(err).Field != "posted_on" {
			t.Fatalf("posted before issue: %v", err)
		}
		if _, err := db.RecordPosting(ctx, f.actor, p.ID+1000, adj.ID, calendar.Date{Year: 2026, Month: 3, Day: 20}); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("another project's posting: %v", err)
		}
		setDay(t, clock, "2026-04-01")
		late, err := db.FindPostings(ctx, store.PostingFilter{AgencyID: f.agency.ID, Late: true, LateOn: calendar.Date{Year: 2026, Month: 4, Day: 1}})
		if err != nil || len(late) != 3 {
			t.Fatalf("late on 1/4 (plan posted late, adjustment and result unposted past 27/3): %v %+v", err, late)
		}
		unposted, _ := db.FindPostings(ctx, store.PostingFilter{AgencyID: f.agency.ID, Unposted: true, Investors: []int64{f.xa.ID}})
		if len(unposted) != 0 {
			t.Errorf("another investor's filter: %+v", unposted)
		}
	})
}

// TestSupervision: a group C project owes quarterly and yearly reports for
// each of its years and the end and impact evaluations; overdue lists,
// submissions (the end evaluation with every section), refusals, and the
// inspections.
func TestSupervision(t *testing.T) {
	selectionEngines(t, "2026-06-15", func(t *testing.T, db *store.DB, clock *atomic.Int64) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		p, err := db.CreateProject(ctx, f.actor, newProject(f, "DA-GS-01", 50*bn))
		if err != nil || p.Group != investment.GroupC {
			t.Fatalf("%+v %v", p, err)
		}
		obs, err := db.FindObligations(ctx, p.ID)
		if err != nil || len(obs) != 3*5+2 {
			t.Fatalf("obligations: %v %d", err, len(obs))
		}
		today := calendar.Date{Year: 2026, Month: 6, Day: 15}
		over, err := db.FindObligationsAcross(ctx, store.ObligationFilter{AgencyID: f.agency.ID, Today: today, States: []investment.ObligationState{investment.ObligationOverdue}})
		if err != nil || len(over) != 1 || over[0].Key != "2026-Q1" || over[0].ProjectCode != "DA-GS-01" {
			t.Fatalf("overdue on 15/6: %v %+v", err, over)
		}
		if _, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "2031-Q1", investment.Submission{On: today}); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("an unknown report: %v", err)
		}
		if _, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "2026-Q1", investment.Submission{On: today.AddDays(1)}); apperr.As(err) == nil || apperr.As(err).Field != "submitted_on" {
			t.Fatalf("submitted tomorrow: %v", err)
		}
		o, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "2026-Q1", investment.Submission{On: today, Note: "Báo cáo quý I"})
		if err != nil || o.State(today) != investment.ObligationLate {
			t.Fatalf("submit: %+v %v", o, err)
		}
		if _, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "2026-Q1", investment.Submission{On: today}); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("twice: %v", err)
		}
		setDay(t, clock, "2029-03-01") // the project ends in 2028
		endDay := calendar.Date{Year: 2029, Month: 3, Day: 1}
		if _, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "end", investment.Submission{On: endDay,
			Sections: map[investment.EvaluationSection]string{investment.SecResults: "Đạt mục tiêu"}}); apperr.As(err) == nil || apperr.As(err).Field != "sections.resources" {
			t.Fatalf("an end evaluation without its sections: %v", err)
		}
		full := map[investment.EvaluationSection]string{}
		for _, c := range investment.EvaluationSections {
			full[investment.EvaluationSection(c.Value)] = "Nội dung: " + c.VI
		}
		if _, err := db.SubmitSupervisionReport(ctx, f.actor, p.ID, "end", investment.Submission{On: endDay, Sections: full}); err != nil {
			t.Fatal(err)
		}
		obs, _ = db.FindObligations(ctx, p.ID)
		var end investment.Obligation
		for _, o := range obs {
			if o.Key == "end" {
				end = o
			}
		}
		if end.Submission == nil || end.Submission.Sections[investment.SecLessons] != "Nội dung: Bài học rút ra" {
			t.Fatalf("the end evaluation read back: %+v", end)
		}
		over, _ = db.FindObligationsAcross(ctx, store.ObligationFilter{AgencyID: f.agency.ID, Today: today, States: []investment.ObligationState{investment.ObligationOverdue}})
		if len(over) != 0 {
			t.Errorf("still overdue: %+v", over)
		}
		mine, _ := db.FindObligationsAcross(ctx, store.ObligationFilter{AgencyID: f.agency.ID, Today: today, Investors: []int64{f.xa.ID}})
		if len(mine) != 0 {
			t.Errorf("another investor's reports: %d", len(mine))
		}
		// The due rules are data: a later rule moves the due dates after it.
		if err := db.SetSupervisionRule(ctx, sys, investment.DueRule{Kind: investment.ObQuarterly, From: calendar.Date{Year: 2027, Month: 1, Day: 1}, MonthsAfter: 0, Day: 31}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetSupervisionRule(ctx, sys, investment.DueRule{Kind: "weekly", From: calendar.Date{Year: 2027, Month: 1, Day: 1}, Day: 1}); apperr.As(err) == nil || apperr.As(err).Field != "kind" {
			t.Fatalf("an unknown kind: %v", err)
		}
		obs, _ = db.FindObligations(ctx, p.ID)
		for _, o := range obs {
			if o.Key == "2027-Q1" && o.Due.String() != "2027-03-31" || o.Key == "2026-Q4" && o.Due.String() != "2027-01-10" {
				t.Errorf("%s due %s", o.Key, o.Due)
			}
		}
		// Inspections.
		if _, err := db.RecordInspection(ctx, f.actor, p.ID, investment.Inspection{On: today, Inspectors: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư"}); apperr.As(err) == nil || apperr.As(err).Field != "findings" {
			t.Fatalf("no findings: %v", err)
		}
		in, err := db.RecordInspection(ctx, f.actor, p.ID, investment.Inspection{On: today, Inspectors: "Đoàn kiểm tra Sở Tài chính", Findings: "Chậm giải phóng mặt bằng", Conclusion: "Đề nghị đẩy nhanh"})
		if err != nil {
			t.Fatal(err)
		}
		ins, err := db.FindInspections(ctx, p.ID)
		if err != nil || len(ins) != 1 || ins[0].ID != in.ID || ins[0].Findings != "Chậm giải phóng mặt bằng" || ins[0].On != today {
			t.Fatalf("inspections: %v %+v", err, ins)
		}
	})
}

// TestInvestmentAlerts: the investor's staff and the following unit's head
// are told once of a posting due soon and of an overdue report.
func TestInvestmentAlerts(t *testing.T) {
	selectionEngines(t, "2026-06-15", func(t *testing.T, db *store.DB, clock *atomic.Int64) {
		ctx := context.Background()
		f := newInvFixture(t, db)
		p, err := db.CreateProject(ctx, f.actor, newProject(f, "DA-AL-01", 50*bn))
		if err != nil {
			t.Fatal(err)
		}
		staff, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: f.ban.UnitID, FullName: "Phạm Thị Ban"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: staff.ID, UnitID: f.ban.UnitID, Role: org.RoleInvestor, ValidFrom: "2025-07-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddPackage(ctx, f.actor, p.ID, khPackage("Gói 01", bn)); err != nil {
			t.Fatal(err)
		}
		// Approved Monday 15/6: due Monday 22/6; on 18/6 two working days are left.
		if _, err := db.ApprovePlanVersion(ctx, f.actor, p.ID, investment.Decision{Number: "9/QĐ-UBND", Date: "2026-06-15", Signer: "A"}); err != nil {
			t.Fatal(err)
		}
		setDay(t, clock, "2026-06-18")
		day := calendar.Date{Year: 2026, Month: 6, Day: 18}
		n, err := db.NotifyInvestment(ctx, day)
		if err != nil || n != 2 { // the posting due soon and the overdue Q1 report, to the one investor staff
			alerts, _ := db.InvestmentAlerts(ctx, day)
			t.Fatalf("sent %d, %v: %+v", n, err, alerts)
		}
		if n, _ := db.NotifyInvestment(ctx, day); n != 0 {
			t.Errorf("told twice: %d", n)
		}
		ns, _ := db.FindNotifications(ctx, staff.ID, true, 10, 0)
		if len(ns) != 2 || !strings.Contains(ns[0].Title+ns[1].Title, "DA-AL-01") {
			t.Errorf("inbox: %+v", ns)
		}
	})
}
