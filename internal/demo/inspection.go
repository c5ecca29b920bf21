package demo

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/inspection"
	"congvu/internal/investment"
	"congvu/internal/org"
	"congvu/internal/store"
)

// InspectionStats counts what GenerateInspections made.
type InspectionStats struct {
	Inspections, Findings, Recommendations, Lessons int
}

// GenerateInspections opens, as the demo inspector, the year's inspection
// plan and one inspection of six of the first division's tasks of the last
// twelve months (seed 2026, so that every demo draws the same sample), with
// a finding for each of the first items the records fail, two open
// recommendations assigned as tasks to the division's head, and a handful
// of lessons about its tasks, a procedure, the inspection and a project.
// Run it once, after GenerateWork's tasks.
func GenerateInspections(ctx context.Context, db *store.DB, now time.Time) (InspectionStats, error) {
	var st InspectionStats
	o, err := workOrg(ctx, db)
	if err != nil || len(o.divisions) == 0 {
		return st, fmt.Errorf("demo inspections: %v", err)
	}
	insp, err := personNamed(ctx, db, o.agency, "Đỗ Thị Phương")
	if err != nil {
		return st, err
	}
	member, err := personNamed(ctx, db, o.agency, "Ngô Quốc Bảo")
	if err != nil {
		return st, err
	}
	actor := audit.Actor{PersonID: insp.ID, Name: insp.FullName, AgencyID: o.agency}
	today := calendar.DateOf(now)
	plan, err := db.CreateInspectionPlan(ctx, actor, inspection.Plan{AgencyID: o.agency, Year: today.Year,
		Title: fmt.Sprintf("Kế hoạch kiểm tra việc chấp hành quy trình năm %d", today.Year), Decision: fmt.Sprintf("05/QĐ-STC ngày 06/01/%d", today.Year)})
	if err != nil {
		return st, fmt.Errorf("demo inspection plan: %w", err)
	}
	d := o.divisions[0]
	in, err := db.CreateInspection(ctx, actor, inspection.Inspection{AgencyID: o.agency, PlanID: plan.ID,
		Title: "Kiểm tra việc thực hiện nhiệm vụ được giao của " + d.name, Subject: inspection.SubjectTask, UnitIDs: []int64{d.id},
		From: today.AddDays(-365), To: today, SampleSize: 6, Seed: 2026, Members: []int64{member.ID}})
	if err != nil {
		return st, fmt.Errorf("demo inspection: %w", err)
	}
	st.Inspections = 1
	team := func(inspection.Inspection) error { return nil }
	// A finding for each of the first two items the records fail, and the
	// product of the first item judged by hand.
	for _, it := range in.Items {
		if st.Findings == 2 {
			break
		}
		for _, c := range it.Checks {
			if c.Verdict != inspection.Fail {
				continue
			}
			if in, err = db.AddInspectionFinding(ctx, actor, in.ID, team, inspection.Finding{RefID: it.RefID,
				Text: fmt.Sprintf("Nhiệm vụ %s: %s (%s)", it.Ref, c.Code.Label("vi"), c.Detail), Severity: inspection.Minor}); err != nil {
				return st, fmt.Errorf("demo finding: %w", err)
			}
			st.Findings++
			break
		}
	}
	if len(in.Items) > 0 {
		if in, err = db.RecordInspectionCheck(ctx, actor, in.ID, team, in.Items[0].RefID, inspection.ProductAsRequired, inspection.Pass,
			"Sản phẩm đúng yêu cầu, có số liệu kèm theo"); err != nil {
			return st, fmt.Errorf("demo check: %w", err)
		}
	}
	if st.Findings == 0 {
		if in, err = db.AddInspectionFinding(ctx, actor, in.ID, team, inspection.Finding{Text: "Việc cập nhật tiến độ nhiệm vụ trên hệ thống chưa thường xuyên",
			Severity: inspection.Minor}); err != nil {
			return st, fmt.Errorf("demo finding: %w", err)
		}
		st.Findings++
	}
	for i, text := range []string{
		"Rà soát các nhiệm vụ quá hạn, đề nghị gia hạn hoặc hoàn thành dứt điểm",
		"Cập nhật tiến độ nhiệm vụ trên hệ thống ít nhất mỗi tuần một lần",
	} {
		r := inspection.Recommendation{Text: text, OwnerPersonID: d.head, OwnerUnitID: d.id, Due: workingDay(today.AddDays(20 + 10*i))}
		if i < len(in.Findings) {
			r.FindingID = in.Findings[i].ID
		}
		if in, err = db.AddInspectionRecommendation(ctx, actor, in.ID, team, r); err != nil {
			return st, fmt.Errorf("demo recommendation: %w", err)
		}
		st.Recommendations++
	}

	// Lessons, each by whom it concerns.
	headActor := audit.Actor{PersonID: d.head, AgencyID: o.agency}
	lessons := []struct {
		by   audit.Actor
		l    inspection.Lesson
		need bool // skip when the record is missing rather than fail
	}{
		{actor, inspection.Lesson{Kind: inspection.LinkInspection, Ref: strconv.FormatInt(in.ID, 10), What: "Kiểm tra chọn mẫu phát hiện nhiệm vụ quá hạn không đề nghị gia hạn",
			Cause: "Người chủ trì chờ số liệu của đơn vị phối hợp, không báo cáo vướng mắc", Lesson: "Báo cáo vướng mắc ngay khi phát sinh để người giao việc kịp tháo gỡ",
			Action: "Trưởng phòng rà soát nhiệm vụ quá hạn hằng tuần"}, true},
	}
	if len(in.Items) > 0 {
		lessons = append(lessons, struct {
			by   audit.Actor
			l    inspection.Lesson
			need bool
		}{headActor, inspection.Lesson{Kind: inspection.LinkTask, Ref: strconv.FormatInt(in.Items[0].RefID, 10), What: "Báo cáo phải trả lại vì thiếu số liệu so sánh cùng kỳ",
			Cause: "Không có mẫu báo cáo thống nhất", Lesson: "Dùng mẫu báo cáo có sẵn cột số liệu cùng kỳ năm trước", Action: "Ban hành mẫu báo cáo chung của phòng"}, true})
	}
	procs, err := db.FindProcedures(ctx, dossier.ProcedureFilter{AgencyID: o.agency})
	if err != nil {
		return st, err
	}
	if len(procs) > 0 {
		lessons = append(lessons, struct {
			by   audit.Actor
			l    inspection.Lesson
			need bool
		}{headActor, inspection.Lesson{Kind: inspection.LinkProcedure, Ref: procs[0].Code, What: "Nhiều hồ sơ phải yêu cầu bổ sung vì thiếu bản sao giấy tờ pháp lý",
			Cause: "Hướng dẫn thành phần hồ sơ trên cổng dịch vụ công chưa rõ", Lesson: "Kiểm tra đủ thành phần hồ sơ ngay khi tiếp nhận, hướng dẫn một lần đầy đủ",
			Action: "Đề nghị cập nhật hướng dẫn trên Cổng dịch vụ công"}, true})
	}
	projects, _, err := db.FindProjects(ctx, investment.ProjectFilter{AgencyID: o.agency, Limit: 1})
	if err != nil {
		return st, err
	}
	if len(projects) > 0 {
		lessons = append(lessons, struct {
			by   audit.Actor
			l    inspection.Lesson
			need bool
		}{actor, inspection.Lesson{Kind: inspection.LinkProject, Ref: projects[0].Code, What: "Chậm bàn giao mặt bằng làm chậm giải ngân quý II",
			Cause: "Chưa thống nhất phương án bồi thường với các hộ dân", Lesson: "Lập kế hoạch giải phóng mặt bằng trước khi phê duyệt kế hoạch vốn",
			Action: "Chủ đầu tư báo cáo tiến độ giải phóng mặt bằng hằng tháng"}, false})
	}
	for _, x := range lessons {
		x.l.AgencyID = o.agency
		if _, err := db.CreateLesson(ctx, x.by, x.l); err != nil {
			if !x.need {
				continue
			}
			return st, fmt.Errorf("demo lesson: %w", err)
		}
		st.Lessons++
	}
	return st, nil
}

// personNamed finds a person of the agency by full name.
func personNamed(ctx context.Context, db *store.DB, agency int64, name string) (org.Person, error) {
	ps, err := db.FindPeople(ctx, org.PersonFilter{AgencyIDs: []int64{agency}, Query: name, OnlyActive: true, Limit: 5})
	if err != nil {
		return org.Person{}, err
	}
	for _, p := range ps {
		if p.FullName == name {
			return p, nil
		}
	}
	return org.Person{}, fmt.Errorf("demo: no %s in the agency", name)
}

// workingDay moves a date off the weekend, to the Monday after.
func workingDay(d calendar.Date) calendar.Date {
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDays(1)
	}
	return d
}
