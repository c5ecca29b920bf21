package investment

import (
	"strings"
	"time"
	"unicode/utf8"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Inspection is a kiểm tra dự án: the managing body's or the department's
// check of a project (Luật Đầu tư công 58/2024/QH15 Art 73–74), recorded
// with its date, the inspectors, what they found and the conclusion
// document (kết luận kiểm tra) from the file store.
type Inspection struct {
	ID               int64
	ProjectID        int64
	On               calendar.Date
	Inspectors       string // the team, as written in the decision
	Findings         string
	Conclusion       string // the conclusion's gist
	ConclusionFileID int64  // 0 when no file is attached
	CreatedBy        int64
	CreatedAt        time.Time
}

// Validate checks an inspection held no later than today. Errors:
// apperr.Invalid naming the field.
func (in Inspection) Validate(today calendar.Date) error {
	switch {
	case in.On.Validate() != nil:
		return apperr.Invalidf("date", "Vui lòng nhập ngày kiểm tra (dd/mm/yyyy)", "Please enter the day of the inspection (dd/mm/yyyy)")
	case in.On.After(today):
		return apperr.Invalidf("date", "Ngày kiểm tra (%s) sau ngày hôm nay (%s)", "The inspection date (%s) is after today (%s)", DMY(in.On), DMY(today))
	case strings.TrimSpace(in.Inspectors) == "":
		return apperr.Invalidf("inspectors", "Vui lòng nhập thành phần đoàn kiểm tra", "Please name the inspectors")
	case utf8.RuneCountInString(in.Inspectors) > 1000:
		return apperr.Invalidf("inspectors", "Thành phần đoàn kiểm tra dài quá 1.000 ký tự", "The inspectors are longer than 1,000 characters")
	case strings.TrimSpace(in.Findings) == "":
		return apperr.Invalidf("findings", "Vui lòng nhập nội dung phát hiện qua kiểm tra", "Please enter the findings")
	case utf8.RuneCountInString(in.Findings) > 20000:
		return apperr.Invalidf("findings", "Nội dung phát hiện dài quá 20.000 ký tự", "The findings are longer than 20,000 characters")
	case utf8.RuneCountInString(in.Conclusion) > 20000:
		return apperr.Invalidf("conclusion", "Kết luận dài quá 20.000 ký tự", "The conclusion is longer than 20,000 characters")
	}
	return nil
}
