package report

import (
	"fmt"
	"strings"
	"time"

	"congvu/internal/review"
)

// ReviewDoc is a period review laid out as an administrative report (báo
// cáo; NĐ 30/2020/NĐ-CP, Phụ lục I): the issuing body and its number at the
// left and the national motto at the right, the place and date, the title,
// the body in sections, the recipients and the signature. The DOCX and the
// PDF writers both take it, so the two files say the same thing.
type ReviewDoc struct {
	Agency, Unit string // "UBND TỈNH BẮC NINH", "SỞ TÀI CHÍNH" or the division
	Number       string // "12/BC-VP"
	Place        string // "Bắc Ninh"
	IssuedAt     time.Time
	Title        string // after "BÁO CÁO": "Sơ kết công tác quý I năm 2026"
	Sections     []ReviewSection
	Recipients   []string
	SignerRole   string // "TRƯỞNG PHÒNG"
	Signer       string
	Draft        bool // "DỰ THẢO" above the title until issued
	// Kind names the document above its title in the DOCX: "Báo cáo"
	// when empty, "Kết luận kiểm tra" for an inspection's conclusion.
	Kind string
}

// ReviewSection is a heading with its paragraphs and an optional table.
type ReviewSection struct {
	Heading string
	Paras   []string
	Head    []string   // the table's header, none when no table
	Rows    [][]string // the table's rows
}

// ReviewDocument lays out a review: the figures drafted from the records
// (tasks, dossiers, obstacles and extensions, the late items with their
// causes; inspection findings and lessons only when there are any), then
// the head's sections. A section the head left empty prints a dotted line,
// as a form does.
func ReviewDocument(r review.Review, agency, place string) ReviewDoc {
	f := r.Figures
	pct := func(a, b int) string {
		if b == 0 {
			return "—"
		}
		return strings.Replace(fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b)), ".", ",", 1)
	}
	n := func(i int) string { return fmt.Sprint(i) }
	figures := ReviewSection{
		Heading: "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ (SỐ LIỆU TỪ HỆ THỐNG)",
		Paras: []string{fmt.Sprintf("Trong %s, %s được giao %d nhiệm vụ, hoàn thành %d (đúng hạn %d, quá hạn %d), còn %d đang thực hiện; tiếp nhận %d hồ sơ thủ tục hành chính, giải quyết đúng hạn %d, quá hạn %d, đang giải quyết %d.",
			r.Period.Name("vi"), r.UnitName, f.TasksAssigned, f.TasksDone, f.TasksOnTime, f.TasksLate, f.TasksOpen, f.DossiersTotal, f.DossiersOnTime, f.DossiersLate, f.DossiersOpen)},
		Head: []string{"Chỉ tiêu", "Số lượng", "Tỷ lệ"},
		Rows: [][]string{
			{"Nhiệm vụ được giao", n(f.TasksAssigned), ""},
			{"Nhiệm vụ hoàn thành đúng hạn", n(f.TasksOnTime), pct(f.TasksOnTime, f.TasksDone)},
			{"Nhiệm vụ hoàn thành quá hạn", n(f.TasksLate), pct(f.TasksLate, f.TasksDone)},
			{"Nhiệm vụ đang thực hiện", n(f.TasksOpen), ""},
			{"Hồ sơ tiếp nhận", n(f.DossiersTotal), ""},
			{"Hồ sơ giải quyết đúng hạn", n(f.DossiersOnTime), pct(f.DossiersOnTime, f.DossiersOnTime+f.DossiersLate)},
			{"Hồ sơ giải quyết quá hạn", n(f.DossiersLate), pct(f.DossiersLate, f.DossiersOnTime+f.DossiersLate)},
			{"Vướng mắc phát sinh / đã tháo gỡ", n(f.Obstacles) + " / " + n(f.ObstaclesSolved), pct(f.ObstaclesSolved, f.Obstacles)},
			{"Gia hạn được chấp thuận", n(f.Extensions), ""},
		},
	}
	secs := []ReviewSection{figures}
	if len(f.Late) > 0 {
		s := ReviewSection{Heading: "Các việc, hồ sơ quá hạn và nguyên nhân", Head: []string{"Loại", "Việc, hồ sơ", "Hạn", "Số ngày quá hạn", "Nguyên nhân"}}
		for _, l := range f.Late {
			kind := map[string]string{"task": "Nhiệm vụ", "dossier": "Hồ sơ"}[l.Kind]
			s.Rows = append(s.Rows, []string{kind, l.Ref, l.Due, n(l.Days), or(l.Cause)})
		}
		secs = append(secs, s)
	}
	if len(f.Inspections) > 0 {
		s := ReviewSection{Heading: "Kết quả kiểm tra", Head: []string{"Nội dung", "Số lượng"}}
		for _, c := range f.Inspections {
			s.Rows = append(s.Rows, []string{c.Label, n(c.Value)})
		}
		secs = append(secs, s)
	}
	if len(f.Lessons) > 0 {
		secs = append(secs, ReviewSection{Heading: "Bài học kinh nghiệm đã ghi nhận", Paras: f.Lessons})
	}
	for _, h := range []struct{ head, text string }{
		{"II. ĐÁNH GIÁ KẾT QUẢ ĐẠT ĐƯỢC", r.Narrative.Results},
		{"III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", r.Narrative.Shortcomings},
		{"IV. BÀI HỌC KINH NGHIỆM", r.Narrative.Lessons},
		{"V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", r.Narrative.NextTasks},
	} {
		secs = append(secs, ReviewSection{Heading: h.head, Paras: paragraphs(h.text)})
	}
	issued := r.IssuedAt
	role := r.SignerRole
	if role == "" {
		role = "TRƯỞNG ĐƠN VỊ"
	}
	return ReviewDoc{
		Agency: agency, Unit: r.UnitName, Number: r.Number, Place: place, IssuedAt: issued,
		Title: r.Period.Title("vi"), Sections: secs, Recipients: r.Recipients,
		SignerRole: role, Signer: r.Signer, Draft: r.Status != review.Issued,
	}
}

// paragraphs splits a section the head wrote into its non-empty lines.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = []string{blank}
	}
	return out
}
