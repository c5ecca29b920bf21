package demo

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/report"
	"congvu/internal/review"
	"congvu/internal/store"
)

// GenerateReviews gives the first division its review of the last quarter
// over before now (sơ kết quý), drafted from its records, with the head's
// sections written, and issued as DOCX; and records a few violations of
// Chỉ thị 09/CT-UBND and QĐ 733/QĐ-TTg by heads on their own officials.
// Run it once, after
// GenerateWork's tasks.
func GenerateReviews(ctx context.Context, db *store.DB, now time.Time) (reviews, violations int, err error) {
	q := lastQuarter(calendar.DateOf(now))
	from, _ := q.Bounds()
	o, err := workOrg(ctx, db)
	if err != nil || len(o.divisions) == 0 {
		return 0, 0, fmt.Errorf("demo reviews: %v", err)
	}
	d := o.divisions[0]
	head := audit.Actor{PersonID: d.head, AgencyID: o.agency}
	fig, err := db.DraftReviewFigures(ctx, d.id, q)
	if err != nil {
		return 0, 0, fmt.Errorf("demo reviews: %w", err)
	}
	r, err := db.CreateReview(ctx, head, review.Review{AgencyID: o.agency, UnitID: d.id, UnitName: d.name, Period: q, Figures: fig, SignerRole: "Trưởng phòng"})
	if err != nil {
		return 0, 0, fmt.Errorf("demo reviews: %w", err)
	}
	own := func(r review.Review) error { return review.CanWrite(map[int64]bool{d.id: true}, r.UnitID) }
	n := review.Narrative{
		Results:      fmt.Sprintf("Phòng đã hoàn thành %d/%d nhiệm vụ đến hạn trong quý, trong đó %d nhiệm vụ đúng hạn.\nCác vướng mắc phát sinh được báo cáo kịp thời để lãnh đạo Sở chỉ đạo tháo gỡ.", fig.TasksDone, fig.TasksAssigned, fig.TasksOnTime),
		Shortcomings: "Một số nhiệm vụ còn chậm do phải chờ ý kiến của cơ quan phối hợp; việc cập nhật tiến độ trên hệ thống chưa thường xuyên.",
		Lessons:      "Lấy ý kiến các cơ quan phối hợp song song, không tuần tự; báo cáo vướng mắc ngay khi phát sinh.",
		NextTasks:    "Tập trung hoàn thành các nhiệm vụ còn tồn; xây dựng kế hoạch công tác quý II.",
	}
	if _, err := db.EditReview(ctx, head, r.ID, own, func(r *review.Review) error {
		return r.Edit(n, "15/BC-"+initials(d.name), "", []string{"Ban Giám đốc Sở (để b/c);", "Văn phòng Sở;", "Lưu: VT."})
	}); err != nil {
		return 0, 0, fmt.Errorf("demo reviews: %w", err)
	}
	if _, err := db.IssueReview(ctx, head, r.ID, own, func(r review.Review) ([]byte, error) {
		var b bytes.Buffer
		err := report.WriteReviewDOCX(&b, report.ReviewDocument(r, "UBND tỉnh Bắc Ninh", "Bắc Ninh"))
		return b.Bytes(), err
	}); err != nil {
		return 0, 0, fmt.Errorf("demo reviews: %w", err)
	}

	items := []struct{ list, item, note string }{
		{"ct09", "CT09-01", "Đi muộn 45 phút không có lý do"},
		{"qd733", "QD733-01", "Không đeo thẻ công chức khi tiếp công dân"},
		{"ct09", "CT09-03", "Để quá hạn báo cáo tháng không có lý do"},
	}
	for i, it := range items {
		dv := o.divisions[i%len(o.divisions)]
		if len(dv.officials) == 0 {
			continue
		}
		v := review.Violation{AgencyID: o.agency, PersonID: dv.officials[len(dv.officials)-1], UnitID: dv.id, Checklist: it.list, ItemCode: it.item,
			On: from.AddDays(10 + 20*i), Severity: review.Reminder, Note: it.note}
		if _, err := db.RecordViolation(ctx, audit.Actor{PersonID: dv.head, AgencyID: o.agency}, v, func(v review.Violation) error {
			return review.CanRecord(false, map[int64]bool{dv.id: true}, v.UnitID)
		}); err != nil {
			return 1, violations, fmt.Errorf("demo violations: %w", err)
		}
		violations++
	}
	return 1, violations, nil
}

// initials makes the sign of a division from its name: "Phòng Khoa giáo –
// Văn xã" → "KGVX" (the first letter of each word after the first).
func initials(name string) string {
	var out []rune
	for i, w := range strings.Fields(name) {
		if r := []rune(w); i > 0 && unicode.IsLetter(r[0]) {
			out = append(out, unicode.ToUpper(r[0]))
		}
	}
	return string(out)
}

// lastQuarter is the last quarter that ended before day d.
func lastQuarter(d calendar.Date) review.Period {
	q := (int(d.Month)-1)/3 + 1 - 1
	if q == 0 {
		return review.Period{Kind: review.Quarter, Year: d.Year - 1, Index: 4}
	}
	return review.Period{Kind: review.Quarter, Year: d.Year, Index: q}
}
