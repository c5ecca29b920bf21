package investment

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Supervision and evaluation (giám sát, đánh giá đầu tư, Luật Đầu tư công
// 58/2024/QH15 Art 73–77): the investor evaluates the year's plan each
// quarter and for the whole year, and a project of group B or C also has an
// end evaluation and an impact evaluation. congvu tracks each report as an
// obligation of the project with its due date, generated from the project's
// years and group and from due rules that are data: the exact due days are
// not in the texts read (UNVERIFIED), so an administrator can change them,
// each rule with the date it applies from, and the UI says so.

// ObligationKind is the kind of report owed.
type ObligationKind string

// The reports.
const (
	ObQuarterly ObligationKind = "quarterly" // Báo cáo đánh giá thực hiện kế hoạch năm theo quý
	ObYearly    ObligationKind = "yearly"    // Báo cáo đánh giá thực hiện kế hoạch năm
	ObEnd       ObligationKind = "end"       // Đánh giá kết thúc (nhóm B, C)
	ObImpact    ObligationKind = "impact"    // Đánh giá tác động (nhóm B, C)
)

// ObligationKinds lists the kinds in display order.
var ObligationKinds = []ObligationKind{ObQuarterly, ObYearly, ObEnd, ObImpact}

// Label names the kind in "vi" or "en".
func (k ObligationKind) Label(lang string) string {
	l := map[ObligationKind][2]string{
		ObQuarterly: {"Đánh giá thực hiện kế hoạch năm theo quý", "Quarterly evaluation of the annual plan"},
		ObYearly:    {"Đánh giá thực hiện kế hoạch năm", "Yearly evaluation of the annual plan"},
		ObEnd:       {"Đánh giá kết thúc", "End evaluation"},
		ObImpact:    {"Đánh giá tác động", "Impact evaluation"},
	}[k]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Valid reports whether k is a known kind.
func (k ObligationKind) Valid() bool {
	for _, o := range ObligationKinds {
		if o == k {
			return true
		}
	}
	return false
}

// DueRule says when a kind of report is due: on day Day (capped at the
// month's last day) of the month MonthsAfter months after the month the
// evaluated period ends (the quarter, the year; for the end and impact
// evaluations the project's last year). The rule in force at the end of
// the period applies; a period that ends before any rule is in force owes
// nothing. UNVERIFIED: the defaults (migration 0026) are best knowledge.
type DueRule struct {
	Kind        ObligationKind
	From        calendar.Date // in force from this day
	MonthsAfter int
	Day         int
}

// Validate checks a rule. Errors: apperr.Invalid naming the field.
func (r DueRule) Validate() error {
	switch {
	case !r.Kind.Valid():
		return apperr.Invalidf("kind", "Loại báo cáo không hợp lệ: %q", "Unknown kind of report: %q", r.Kind)
	case r.From.Validate() != nil:
		return apperr.Invalidf("from", "Vui lòng nhập ngày áp dụng (dd/mm/yyyy)", "Please enter the date the rule applies from (dd/mm/yyyy)")
	case r.MonthsAfter < 0 || r.MonthsAfter > 120:
		return apperr.Invalidf("months_after", "Số tháng sau kỳ báo cáo phải từ 0 đến 120", "The months after the period must be 0 to 120")
	case r.Day < 1 || r.Day > 31:
		return apperr.Invalidf("day", "Ngày hạn phải từ 1 đến 31", "The due day must be 1 to 31")
	}
	return nil
}

// due is the rule's due date for a period ending in month (year, month).
func (r DueRule) due(year int, month time.Month) calendar.Date {
	t := time.Date(year, month+time.Month(r.MonthsAfter), 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return calendar.Date{Year: t.Year(), Month: t.Month(), Day: min(r.Day, last)}
}

// ruleFor returns the rule of kind in force on day, if any.
func ruleFor(rules []DueRule, kind ObligationKind, day calendar.Date) (DueRule, bool) {
	var best DueRule
	found := false
	for _, r := range rules {
		if r.Kind == kind && !r.From.After(day) && (!found || r.From.After(best.From)) {
			best, found = r, true
		}
	}
	return best, found
}

// ProjectYears is what obligations are generated from: the project, its
// years and whether its group owes the end and impact evaluations.
type ProjectYears struct {
	ProjectID          int64
	StartYear, EndYear int
	// EndAndImpact is true for groups B and C (Luật 58/2024 Art 76–77).
	EndAndImpact bool
}

// YearsOf is what the obligations of p are generated from: its years, and
// for groups B and C the end and impact evaluations (Luật 58/2024 Art
// 76–77 ask them of those groups).
func YearsOf(p Project) ProjectYears {
	return ProjectYears{ProjectID: p.ID, StartYear: p.StartYear, EndYear: p.EndYear, EndAndImpact: p.Group == GroupB || p.Group == GroupC}
}

// Obligation is one report a project owes, and its submission once made.
type Obligation struct {
	ProjectID  int64
	Key        string // "2026-Q1", "2026", "end", "impact"
	Kind       ObligationKind
	Year       int
	Quarter    int
	Due        calendar.Date
	Submission *Submission
}

// Label names the report with its period: "Quý I/2026", "Năm 2026".
func (o Obligation) Label(lang string) string {
	switch o.Kind {
	case ObQuarterly:
		return o.Kind.Label(lang) + " — " + StartPeriod{Year: o.Year, Quarter: o.Quarter}.Label(lang)
	case ObYearly:
		if lang == "en" {
			return fmt.Sprintf("%s — %d", o.Kind.Label(lang), o.Year)
		}
		return fmt.Sprintf("%s — năm %d", o.Kind.Label(lang), o.Year)
	}
	return o.Kind.Label(lang)
}

// ObligationKey is the key of a report: the period for a plan evaluation,
// the kind for the end and impact evaluations.
func ObligationKey(kind ObligationKind, year, quarter int) string {
	switch kind {
	case ObQuarterly:
		return fmt.Sprintf("%d-Q%d", year, quarter)
	case ObYearly:
		return fmt.Sprintf("%d", year)
	}
	return string(kind)
}

// Obligations lists the reports p owes under rules, in due order: for each
// year from its start to its end, four quarterly evaluations and a yearly
// one; then, for groups B and C, the end and impact evaluations after its
// last year. Each is due by the rule in force at the end of its period.
func Obligations(p ProjectYears, rules []DueRule) []Obligation {
	var out []Obligation
	add := func(kind ObligationKind, year, quarter int, endMonth time.Month) {
		end := calendar.Date{Year: year, Month: endMonth + 1, Day: 1}.AddDays(-1)
		if endMonth == time.December {
			end = calendar.Date{Year: year, Month: time.December, Day: 31}
		}
		r, ok := ruleFor(rules, kind, end)
		if !ok {
			return
		}
		out = append(out, Obligation{ProjectID: p.ProjectID, Key: ObligationKey(kind, year, quarter), Kind: kind,
			Year: year, Quarter: quarter, Due: r.due(year, endMonth)})
	}
	if p.EndYear < p.StartYear || p.StartYear < calendar.MinYear || p.EndYear > calendar.MaxYear-10 {
		return nil
	}
	for y := p.StartYear; y <= p.EndYear; y++ {
		for q := 1; q <= 4; q++ {
			add(ObQuarterly, y, q, time.Month(3*q))
		}
		add(ObYearly, y, 0, time.December)
	}
	if p.EndAndImpact {
		add(ObEnd, p.EndYear, 0, time.December)
		add(ObImpact, p.EndYear, 0, time.December)
	}
	return out
}

// ObligationState is where a report stands.
type ObligationState string

// The states.
const (
	ObligationUpcoming ObligationState = "upcoming" // not submitted, due later
	ObligationDueSoon  ObligationState = "due_soon" // not submitted, due within ObligationSoonDays
	ObligationOverdue  ObligationState = "overdue"  // not submitted, past its due date
	ObligationOnTime   ObligationState = "on_time"  // submitted by the due date
	ObligationLate     ObligationState = "late"     // submitted after the due date
)

// ObligationSoonDays is how many days before its due date a report not
// submitted yet is reminded.
const ObligationSoonDays = 7

// Label names the state in "vi" or "en".
func (s ObligationState) Label(lang string) string {
	l := map[ObligationState][2]string{
		ObligationUpcoming: {"Chưa đến hạn", "Not due yet"},
		ObligationDueSoon:  {"Sắp đến hạn", "Due soon"},
		ObligationOverdue:  {"Quá hạn", "Overdue"},
		ObligationOnTime:   {"Đã nộp đúng hạn", "Submitted on time"},
		ObligationLate:     {"Nộp muộn", "Submitted late"},
	}[s]
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// State says where o stands on today.
func (o Obligation) State(today calendar.Date) ObligationState {
	switch {
	case o.Submission != nil && o.Submission.On.After(o.Due):
		return ObligationLate
	case o.Submission != nil:
		return ObligationOnTime
	case today.After(o.Due):
		return ObligationOverdue
	case o.Due.Sub(today) <= ObligationSoonDays:
		return ObligationDueSoon
	}
	return ObligationUpcoming
}

// EvaluationSection is one part of the content of an end or impact
// evaluation (Luật 58/2024 Art 76–77).
type EvaluationSection string

// The sections.
const (
	SecResults          EvaluationSection = "results"          // Kết quả so với mục tiêu
	SecResources        EvaluationSection = "resources"        // Nguồn lực
	SecBenefits         EvaluationSection = "benefits"         // Lợi ích, hiệu quả
	SecSustainability   EvaluationSection = "sustainability"   // Tính bền vững
	SecResponsibilities EvaluationSection = "responsibilities" // Trách nhiệm
	SecLessons          EvaluationSection = "lessons"          // Bài học rút ra
)

// EvaluationSections lists the sections with their labels, in order.
var EvaluationSections = []Choice{
	{string(SecResults), "Kết quả thực hiện so với mục tiêu", "Results against goals"},
	{string(SecResources), "Việc sử dụng nguồn lực", "Use of resources"},
	{string(SecBenefits), "Lợi ích, hiệu quả đầu tư", "Benefits"},
	{string(SecSustainability), "Tính bền vững", "Sustainability"},
	{string(SecResponsibilities), "Trách nhiệm của các bên", "Responsibilities"},
	{string(SecLessons), "Bài học rút ra", "Lessons learned"},
}

// Submission is a submitted report: the day, the file and, for the end
// and impact evaluations, the content by section.
type Submission struct {
	On          calendar.Date
	FileID      int64
	Note        string
	Sections    map[EvaluationSection]string
	SubmittedBy int64
	SubmittedAt time.Time
}

// ValidateSubmission checks a report submitted for o on today: not
// submitted already, dated between the period's start and today, and for
// an end or impact evaluation every section filled (lessons learned among
// them). Errors: apperr.Invalid naming the field, apperr.Conflict.
func ValidateSubmission(o Obligation, s Submission, today calendar.Date) error {
	if o.Submission != nil {
		return apperr.Conflictf("Báo cáo này đã được nộp ngày %s", "This report was submitted on %s", DMY(o.Submission.On))
	}
	switch {
	case s.On.Validate() != nil:
		return apperr.Invalidf("submitted_on", "Vui lòng nhập ngày nộp báo cáo (dd/mm/yyyy)", "Please enter the day the report was submitted (dd/mm/yyyy)")
	case s.On.After(today):
		return apperr.Invalidf("submitted_on", "Ngày nộp (%s) sau ngày hôm nay (%s)", "The submission date (%s) is after today (%s)", DMY(s.On), DMY(today))
	case s.On.Year < o.Year:
		return apperr.Invalidf("submitted_on", "Ngày nộp (%s) trước kỳ báo cáo năm %d", "The submission date (%s) is before the period reported on (%d)", DMY(s.On), o.Year)
	case utf8.RuneCountInString(s.Note) > 4000:
		return apperr.Invalidf("note", "Ghi chú dài quá 4.000 ký tự", "The note is longer than 4,000 characters")
	}
	for k := range s.Sections {
		if !inChoices(EvaluationSections, string(k)) {
			return apperr.Invalidf("sections", "Mục đánh giá không hợp lệ: %q", "Unknown evaluation section: %q", k)
		}
	}
	if o.Kind == ObEnd || o.Kind == ObImpact {
		for _, c := range EvaluationSections {
			v := strings.TrimSpace(s.Sections[EvaluationSection(c.Value)])
			if v == "" {
				return apperr.New(apperr.Invalid, "sections."+c.Value, "Vui lòng nhập mục “"+c.VI+"” của báo cáo đánh giá", "Please fill in the evaluation's section “"+c.EN+"”")
			}
			if utf8.RuneCountInString(v) > 20000 {
				return apperr.New(apperr.Invalid, "sections."+c.Value, "Mục “"+c.VI+"” dài quá 20.000 ký tự", "The section “"+c.EN+"” is longer than 20,000 characters")
			}
		}
	} else if len(s.Sections) > 0 {
		return apperr.Invalidf("sections", "Chỉ báo cáo đánh giá kết thúc và đánh giá tác động có các mục nội dung", "Only the end and impact evaluations have content sections")
	}
	return nil
}
