package review

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/work"
)

// Item is one point of a checklist (a rule of conduct, of working hours, of
// dress or of communication).
type Item struct {
	Code string `json:"code"` // "CT09-01"
	Text string `json:"text"`
}

// Checklist is one version of a discipline or office-culture checklist,
// in force from From (inclusive) until the next version's From.
type Checklist struct {
	Key        string        `json:"key"` // "ct09", "qd733"
	Basis      string        `json:"basis"`
	From       calendar.Date `json:"from"`
	Items      []Item        `json:"items"`
	Unverified bool          `json:"unverified"` // contents to be checked by the agency
}

// Item returns the item with the code, or apperr.Invalid naming "item".
func (c Checklist) Item(code string) (Item, error) {
	for _, it := range c.Items {
		if it.Code == code {
			return it, nil
		}
	}
	return Item{}, apperr.Invalidf("item", "Không có nội dung %q trong danh mục", "No item %q in the checklist", code)
}

// InForce returns the version of key in force on d among versions, or
// apperr.NotFound.
func InForce(versions []Checklist, key string, d calendar.Date) (Checklist, error) {
	var best Checklist
	found := false
	for _, c := range versions {
		if c.Key == key && !d.Before(c.From) && (!found || best.From.Before(c.From)) {
			best, found = c, true
		}
	}
	if !found {
		return Checklist{}, apperr.NotFoundf("Không có danh mục %q hiệu lực ngày %s", "No checklist %q in force on %s", key, d.DMY())
	}
	return best, nil
}

// DefaultChecklists are the seed versions. Their items paraphrase what the
// two texts are known to cover; the wording has not been checked against
// the texts (DOMAIN.md §3, UNVERIFIED), so the agency is to check and edit
// them.
func DefaultChecklists() []Checklist {
	return []Checklist{{
		Key:   "ct09",
		Basis: "Chỉ thị số 09/CT-UBND ngày 27/09/2016 của Chủ tịch UBND tỉnh Bắc Ninh về tăng cường kỷ luật, kỷ cương hành chính",
		From:  calendar.Date{Year: 2016, Month: time.September, Day: 27},
		Items: []Item{
			{"CT09-01", "Chấp hành thời giờ làm việc: không đi muộn, về sớm, không bỏ vị trí làm việc"},
			{"CT09-02", "Không làm việc riêng, không uống rượu, bia trong giờ làm việc"},
			{"CT09-03", "Giải quyết công việc đúng thời hạn được giao; không để hồ sơ, công việc quá hạn không có lý do"},
			{"CT09-04", "Không gây phiền hà, sách nhiễu tổ chức, công dân"},
			{"CT09-05", "Chấp hành sự chỉ đạo, điều hành của cấp trên; báo cáo đúng hạn"},
		},
		Unverified: true,
	}, {
		Key:   "qd733",
		Basis: "Quyết định số 733/QĐ-TTg ngày 14/06/2019 của Thủ tướng Chính phủ: phong trào thi đua \"Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở\" giai đoạn 2019–2025",
		From:  calendar.Date{Year: 2019, Month: time.June, Day: 14},
		Items: []Item{
			{"QD733-01", "Trang phục gọn gàng, lịch sự; đeo thẻ công chức khi làm việc"},
			{"QD733-02", "Giao tiếp, ứng xử với nhân dân văn minh, lịch sự, tận tình"},
			{"QD733-03", "Ứng xử với đồng nghiệp, cấp trên, cấp dưới đúng mực, đoàn kết"},
			{"QD733-04", "Giữ gìn cảnh quan, vệ sinh nơi làm việc; sử dụng tài sản công tiết kiệm"},
		},
		Unverified: true,
	}}
}

// Severity is how grave a violation is: a reminder (nhắc nhở) or a
// discipline (kỷ luật) at khiển trách or above, which forces KHTNV in the
// year (NĐ 335/2025; DOMAIN.md §3).
type Severity string

// The two severities.
const (
	Reminder   Severity = "reminder"   // nhắc nhở, phê bình
	Discipline Severity = "discipline" // khiển trách trở lên
)

// Violation is a breach of a checklist item by a person, recorded by a
// head (own subtree) or an inspector, with an optional evidence file.
type Violation struct {
	ID         int64         `json:"id"`
	AgencyID   int64         `json:"agency_id"`
	PersonID   int64         `json:"person_id"`
	UnitID     int64         `json:"unit_id"` // the person's unit
	Checklist  string        `json:"checklist"`
	ItemCode   string        `json:"item"`
	On         calendar.Date `json:"on"`
	Severity   Severity      `json:"severity"`
	Note       string        `json:"note"`
	EvidenceID int64         `json:"evidence_file_id,omitempty"`
	RecordedBy int64         `json:"recorded_by"`
}

// Validate checks the violation against the checklists in force on its
// date: the item must exist (apperr.Invalid naming "item").
func (v *Violation) Validate(versions []Checklist) error {
	if v.PersonID <= 0 {
		return apperr.Invalidf("person", "Chưa chọn người vi phạm", "No person chosen")
	}
	if !v.On.Valid() {
		return apperr.Invalidf("on", "Ngày vi phạm không hợp lệ", "Invalid date")
	}
	if v.Severity != Reminder && v.Severity != Discipline {
		return apperr.Invalidf("severity", "Mức xử lý không hợp lệ", "Invalid severity")
	}
	v.Note = strings.TrimSpace(v.Note)
	if len([]rune(v.Note)) > 2000 {
		return apperr.Invalidf("note", "Ghi chú quá dài (tối đa 2000 ký tự)", "Note too long (at most 2000 characters)")
	}
	c, err := InForce(versions, v.Checklist, v.On)
	if err != nil {
		return apperr.Invalidf("checklist", "Không có danh mục %q hiệu lực vào ngày vi phạm", "No checklist %q in force on that date", v.Checklist)
	}
	_, err = c.Item(v.ItemCode)
	return err
}

// CanRecord says whether the recorder may record a violation of a person in
// unit: an inspector anywhere in the agency, a head only within their own
// subtree (apperr.Forbidden).
func CanRecord(inspector bool, subtree map[int64]bool, unit int64) error {
	if inspector || subtree[unit] {
		return nil
	}
	return apperr.Forbiddenf("Chỉ ghi nhận vi phạm của người trong đơn vị mình phụ trách", "You may only record violations of people in your own unit")
}

// DeductionRule turns violations into a deduction from the 30 common points
// (NĐ 335/2025 Art 12 names discipline among the common criteria; how many
// points a violation costs is not in DOMAIN.md: UNVERIFIED, data the
// administrator changes).
type DeductionRule struct {
	PerReminder float64 `json:"per_reminder"` // points off per reminder in the period
	Max         float64 `json:"max"`          // at most this much off the common points
	Unverified  bool    `json:"unverified"`
}

// DefaultDeduction is the seed rule: 2 points per reminder, at most 10.
var DefaultDeduction = DeductionRule{PerReminder: 2, Max: 10, Unverified: true}

// Effect is what a person's violations in a period do to their evaluation:
// points off the common points, and whether a discipline forces KHTNV.
type Effect struct {
	Reminders   int     `json:"reminders"`
	Disciplines int     `json:"disciplines"`
	Deduction   float64 `json:"deduction"`
	Disciplined bool    `json:"disciplined"` // feeds evaluation's Disciplined: KHTNV
}

// EffectOf sums a person's violations dated in [from, to].
func EffectOf(r DeductionRule, vs []Violation, from, to calendar.Date) Effect {
	var e Effect
	for _, v := range vs {
		if v.On.Before(from) || to.Before(v.On) {
			continue
		}
		if v.Severity == Discipline {
			e.Disciplines++
		} else {
			e.Reminders++
		}
	}
	e.Deduction = min(r.Max, r.PerReminder*float64(e.Reminders))
	e.Disciplined = e.Disciplines > 0
	return e
}

// Title is an emulation title (danh hiệu thi đua).
type Title string

// The two titles proposed from the year's ratings.
const (
	Advanced Title = "lao_dong_tien_tien" // Lao động tiên tiến
	Emulator Title = "chien_si_thi_dua"   // Chiến sĩ thi đua cơ sở
)

// Label names the title in "vi" or "en".
func (t Title) Label(lang string) string {
	l := map[Title][2]string{
		Advanced: {"Lao động tiên tiến", "Advanced worker"},
		Emulator: {"Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter"},
	}[t]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// EmulationRule says which year grades propose which title. The Law on
// Emulation and Commendation ties Lao động tiên tiến to completing tasks
// well and Chiến sĩ thi đua cơ sở to an excellent result with an
// initiative; the exact mapping is UNVERIFIED and kept as data.
type EmulationRule struct {
	Emulator    []work.Grade `json:"emulator"`     // grades that propose Chiến sĩ thi đua cơ sở
	Advanced    []work.Grade `json:"advanced"`     // grades that propose Lao động tiên tiến
	NoViolation bool         `json:"no_violation"` // no discipline in the year
	Unverified  bool         `json:"unverified"`
}

// DefaultEmulation: HTXSNV proposes Chiến sĩ thi đua cơ sở, HTTNV proposes
// Lao động tiên tiến, and a discipline in the year proposes nothing.
var DefaultEmulation = EmulationRule{
	Emulator:    []work.Grade{work.Excellent},
	Advanced:    []work.Grade{work.Good},
	NoViolation: true,
	Unverified:  true,
}

// Rated is one person's year, as the proposal reads it.
type Rated struct {
	PersonID    int64      `json:"person_id"`
	Name        string     `json:"name"`
	Grade       work.Grade `json:"grade"`
	Disciplined bool       `json:"disciplined"`
}

// Proposal is a title proposed for a person, for the director to confirm.
type Proposal struct {
	Rated
	Title Title `json:"title"`
}

// Propose lists the titles r proposes for the year's ratings, in order.
func Propose(r EmulationRule, ys []Rated) []Proposal {
	has := func(gs []work.Grade, g work.Grade) bool {
		for _, x := range gs {
			if x == g {
				return true
			}
		}
		return false
	}
	var out []Proposal
	for _, y := range ys {
		if r.NoViolation && y.Disciplined {
			continue
		}
		switch {
		case has(r.Emulator, y.Grade):
			out = append(out, Proposal{y, Emulator})
		case has(r.Advanced, y.Grade):
			out = append(out, Proposal{y, Advanced})
		}
	}
	return out
}

// DisciplineCriterion is the common criterion a violation counts against:
// "politics" (phẩm chất chính trị, đạo đức, ý thức tổ chức kỷ luật) in the
// split of evaluation.ND335's 30 points.
const DisciplineCriterion = "politics"

// Apply returns a copy of the head's common points with the deduction
// taken off criterion, never below 0: the flag and the figure the head's
// assessment shows beside the violations (UNVERIFIED: DeductionRule).
func (e Effect) Apply(common map[string]float64, criterion string) map[string]float64 {
	out := make(map[string]float64, len(common))
	for k, v := range common {
		out[k] = v
	}
	if v, ok := out[criterion]; ok {
		out[criterion] = max(0, v-e.Deduction)
	}
	return out
}
