package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// SelectionStats counts what SeedSelectionPlans made.
type SelectionStats struct {
	Plans, Packages, Adjusted, Results, Postings, PostedLate, Reports, Inspections int
}

// contractors are the winners the demo's selection results name.
var contractors = []string{
	"Công ty Cổ phần Đầu tư và Xây dựng Kinh Bắc",
	"Công ty TNHH Xây dựng Thuận Thành",
	"Công ty Cổ phần Tư vấn Xây dựng Bắc Giang",
	"Tổng công ty Xây dựng Hà Bắc",
	"Công ty Cổ phần Thiết bị Giáo dục Từ Sơn",
	"Liên danh Hưng Thịnh – Yên Phong",
}

// SeedSelectionPlans gives a share of the register's projects (about one
// in three) a contractor-selection plan (KHLCNT, Luật Đấu thầu 22/2023
// Art 39): two to four packages within the total investment, approved by
// a decision in the project's first year; one plan is adjusted, one
// approval (the first plan's) is posted on the national e-procurement system after its 5
// working days (Art 8.4) and the most recent documents are not posted
// yet; about half the approved packages have a selection result with
// savings. Every project's supervision reports (Luật 58/2024 Art 73–77)
// already due are submitted, most on time, a few late, and about one in
// eight is left overdue; a few projects have an inspection. It runs after
// the demo's projects exist and does nothing without them.
func SeedSelectionPlans(ctx context.Context, db *store.DB, now time.Time, seed uint64) (SelectionStats, error) {
	var st SelectionStats
	rnd := rand.New(rand.NewPCG(seed, 0x6b686c636e74))
	today := calendar.DateOf(now)
	tree, err := db.Tree(ctx)
	if err != nil {
		return st, fmt.Errorf("selection plans: %w", err)
	}
	var all []investment.Project
	for _, u := range tree.Units() {
		if u.Kind != org.KindAgency {
			continue
		}
		for after := ""; ; {
			page, next, err := db.FindProjects(ctx, investment.ProjectFilter{AgencyID: u.ID, After: after, Limit: 500})
			if err != nil {
				return st, fmt.Errorf("selection plans: %w", err)
			}
			all = append(all, page...)
			if next == "" {
				break
			}
			after = next
		}
	}
	for i, p := range all {
		if i%3 == 0 && p.Total >= 2*investment.Billion && p.StartYear <= today.Year {
			if err := seedPlan(ctx, db, rnd, p, today, i, &st); err != nil {
				return st, fmt.Errorf("selection plan of %s: %w", p.Code, err)
			}
		}
		if err := seedReports(ctx, db, rnd, p, today, &st); err != nil {
			return st, fmt.Errorf("supervision reports of %s: %w", p.Code, err)
		}
	}
	return st, nil
}

// seedPlan builds, approves, perhaps adjusts and partly awards one plan.
func seedPlan(ctx context.Context, db *store.DB, rnd *rand.Rand, p investment.Project, today calendar.Date, i int, st *SelectionStats) error {
	million := int64(1_000_000)
	share := func(f float64) int64 { return int64(float64(p.Total)*f) / million * million }
	start := func(monthsIn int) investment.StartPeriod {
		m := 3 + monthsIn
		y := p.StartYear + (m-1)/12
		m = (m-1)%12 + 1
		if rnd.IntN(2) == 0 {
			return investment.StartPeriod{Year: y, Quarter: (m-1)/3 + 1}
		}
		return investment.StartPeriod{Year: y, Month: m}
	}
	specs := []investment.PackageInput{
		{Name: "Gói thầu số 01: Tư vấn khảo sát, lập báo cáo kinh tế – kỹ thuật", Price: share(0.02 + 0.01*rnd.Float64()), Form: investment.FormDirectAppointment,
			Method: investment.MethodOneStageOneEnvelope, Contract: investment.ContractLumpSum, DurationDays: 90, Start: start(0)},
		{Name: "Gói thầu số 02: Thi công xây dựng công trình", Price: share(0.55 + 0.15*rnd.Float64()), Form: investment.FormOpenBidding,
			Method: investment.MethodOneStageOneEnvelope, Contract: investment.ContractAdjustedUnit, DurationDays: 360 + 30*rnd.IntN(10), Start: start(3), Online: true},
		{Name: "Gói thầu số 03: Tư vấn giám sát thi công xây dựng", Price: share(0.015 + 0.01*rnd.Float64()), Form: investment.FormDirectAppointment,
			Method: investment.MethodOneStageOneEnvelope, Contract: investment.ContractTimeBased, DurationDays: 400, Start: start(3)},
		{Name: "Gói thầu số 04: Mua sắm, lắp đặt thiết bị", Price: share(0.08 + 0.07*rnd.Float64()), Form: investment.FormCompetitiveQuotation,
			Method: investment.MethodOneStageOneEnvelope, Contract: investment.ContractLumpSum, DurationDays: 120, Start: start(9), Online: true},
	}
	specs = specs[:2+rnd.IntN(3)]
	var pkgs []investment.Package
	for _, in := range specs {
		in.Source = mainSource(p)
		k, err := db.AddPackage(ctx, actor, p.ID, in)
		if err != nil {
			return err
		}
		pkgs = append(pkgs, k)
	}
	st.Plans++
	st.Packages += len(pkgs)
	approved := calendar.Date{Year: p.StartYear, Month: time.Month(2 + rnd.IntN(3)), Day: 2 + rnd.IntN(25)}
	if !approved.Before(today) {
		approved = today.AddDays(-40 - rnd.IntN(20))
	}
	dec := investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 100+rnd.IntN(1800)), Date: approved.String(), Signer: "Phó Chủ tịch UBND tỉnh"}
	if _, err := db.ApprovePlanVersion(ctx, actor, p.ID, dec); err != nil {
		return err
	}
	if i%9 == 3 && approved.AddDays(45).Before(today) { // an adjustment: the works package grows, the design one shrinks
		up := pkgs[1].PackageInput
		up.Price += pkgs[0].Price / 4
		if _, err := db.UpdatePackage(ctx, actor, p.ID, pkgs[1].ID, up); err != nil {
			return err
		}
		adj := approved.AddDays(30 + rnd.IntN(15))
		if _, err := db.ApprovePlanVersion(ctx, actor, p.ID, investment.Decision{Number: fmt.Sprintf("%d/QĐ-UBND", 2000+rnd.IntN(900)),
			Date: adj.String(), Signer: "Phó Chủ tịch UBND tỉnh"}); err != nil {
			return err
		}
		st.Adjusted++
	}
	// Results for the packages whose selection would be over by now.
	cur, err := db.FindPackages(ctx, p.ID)
	if err != nil {
		return err
	}
	for j, k := range cur {
		on := approved.AddDays(50 + 20*j + rnd.IntN(30))
		if !on.Before(today) || rnd.IntN(3) == 0 {
			continue
		}
		saving := 0.005 + 0.11*rnd.Float64()
		if k.Form == investment.FormDirectAppointment {
			saving = 0.002 + 0.02*rnd.Float64()
		}
		win := int64(float64(k.Price)*(1-saving)) / 1000 * 1000
		if _, err := db.RecordSelectionResult(ctx, actor, p.ID, k.ID, investment.SelectionResult{Winner: contractors[rnd.IntN(len(contractors))],
			WinningPrice: win, Decision: investment.Decision{Number: fmt.Sprintf("%d/QĐ-BQLDA", 10+rnd.IntN(400)), Date: on.String(), Signer: "Giám đốc Ban QLDA"}}); err != nil {
			return err
		}
		st.Results++
	}
	// Postings: on time, except the first plan's approval (late) and the
	// documents of the last ten days (not posted yet).
	posts, err := db.FindPostings(ctx, store.PostingFilter{ProjectID: p.ID, Limit: 100})
	if err != nil {
		return err
	}
	for j, d := range posts {
		st.Postings++
		posted := d.Issued.AddDays(1 + rnd.IntN(3))
		if posted.After(d.Due) {
			posted = d.Due
		}
		if st.Plans == 1 && j == 0 { // the first plan the demo makes
			posted = d.Due.AddDays(3)
			st.PostedLate++
		}
		if d.Issued.AddDays(10).After(today) || posted.After(today) {
			continue
		}
		if _, err := db.RecordPosting(ctx, actor, p.ID, d.ID, posted); err != nil {
			return err
		}
	}
	if i%6 == 0 && approved.AddDays(90).Before(today) {
		if _, err := db.RecordInspection(ctx, actor, p.ID, investment.Inspection{On: approved.AddDays(90), Inspectors: "Phòng Đấu thầu – Thẩm định và Giám sát đầu tư, Sở Tài chính",
			Findings: "Công tác giải phóng mặt bằng chậm so với kế hoạch; hồ sơ lựa chọn nhà thầu đầy đủ.", Conclusion: "Đề nghị chủ đầu tư đẩy nhanh giải phóng mặt bằng, báo cáo kết quả trước ngày 30 của tháng sau."}); err != nil {
			return err
		}
		st.Inspections++
	}
	return nil
}

// mainSource is the project's largest capital source.
func mainSource(p investment.Project) investment.Source {
	best, max := investment.SourceProvincial, int64(-1)
	for _, s := range investment.Sources {
		if v := p.Capital[s]; v > max {
			best, max = s, v
		}
	}
	return best
}

// seedReports submits the reports already due, leaving about one in eight
// overdue and a few late.
func seedReports(ctx context.Context, db *store.DB, rnd *rand.Rand, p investment.Project, today calendar.Date, st *SelectionStats) error {
	obs, err := db.FindObligations(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, o := range obs {
		if !o.Due.Before(today) || o.Submission != nil || rnd.IntN(8) == 0 {
			continue
		}
		on := o.Due.AddDays(-rnd.IntN(6))
		if rnd.IntN(6) == 0 {
			on = o.Due.AddDays(1 + rnd.IntN(12))
		}
		if on.After(today) {
			on = today
		}
		if on.Year < o.Year {
			on = calendar.Date{Year: o.Year, Month: 1, Day: 1}
		}
		s := investment.Submission{On: on, Note: "Báo cáo của chủ đầu tư"}
		if o.Kind == investment.ObEnd || o.Kind == investment.ObImpact {
			s.Sections = evaluationText()
		}
		if _, err := db.SubmitSupervisionReport(ctx, actor, p.ID, o.Key, s); err != nil {
			return err
		}
		st.Reports++
	}
	return nil
}

func evaluationText() map[investment.EvaluationSection]string {
	return map[investment.EvaluationSection]string{
		investment.SecResults:          "Hoàn thành các hạng mục theo quyết định đầu tư, đưa vào sử dụng đúng mục tiêu.",
		investment.SecResources:        "Sử dụng vốn trong tổng mức đầu tư được duyệt; giải ngân hết kế hoạch vốn giao.",
		investment.SecBenefits:         "Phục vụ nhu cầu của người dân địa phương; cải thiện điều kiện học tập, sinh hoạt.",
		investment.SecSustainability:   "Có phương án bố trí kinh phí duy tu, bảo dưỡng hằng năm.",
		investment.SecResponsibilities: "Chủ đầu tư, nhà thầu và đơn vị tư vấn thực hiện đúng trách nhiệm theo hợp đồng.",
		investment.SecLessons:          "Cần hoàn thành giải phóng mặt bằng trước khi lựa chọn nhà thầu thi công.",
	}
}
