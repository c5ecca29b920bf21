package work

import (
	"fmt"
	"math"
	"regexp"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Plan is a chương trình or kế hoạch công tác: what a unit undertakes to do
// in a year, quarter or month, usually to carry out a document from above
// (the source document), measured by chỉ tiêu (targets) and carried out by
// tasks whose PlanID points to it.
type Plan struct {
	ID          int64
	AgencyID    int64
	OwnerUnitID int64 // the unit that owns the plan and answers for its targets
	Title       string
	Period      Period
	Source      SourceDocument // the document the plan implements; may be empty
	Targets     []Target
	Version     int // optimistic-concurrency version, incremented by storage on each update
}

// SourceDocument identifies the văn bản a plan implements: its number and
// symbol (số, ký hiệu: "09/CT-UBND", "335/2025/NĐ-CP"), date, issuer and
// title (trích yếu).
type SourceDocument struct {
	Number string
	Date   calendar.Date
	Issuer string // "UBND tỉnh Bắc Ninh"
	Title  string // "Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước"
}

// IsZero reports whether no source document is given.
func (s SourceDocument) IsZero() bool {
	return s.Number == "" && s.Issuer == "" && s.Title == "" && s.Date == (calendar.Date{})
}

// documentNumber is "số/ký hiệu": a number, then one or more groups of
// letters, digits and hyphens separated by "/" ("09/CT-UBND",
// "335/2025/NĐ-CP", "733/QĐ-TTg").
var documentNumber = regexp.MustCompile(`^\d+(/[\p{L}\d]+(-[\p{L}\d]+)*)+$`)

// Target is a chỉ tiêu: a measurable commitment of a plan ("giải ngân vốn
// đầu tư công đạt 95%", "thẩm định 40 hồ sơ chủ trương đầu tư") with the
// actual values reported against it.
type Target struct {
	ID            int64
	Name          string
	UnitOfMeasure string  // đơn vị tính: "%", "hồ sơ", "tỷ đồng"
	TargetValue   float64 // > 0
	// Sum is true for a flow counted per report ("số hồ sơ thẩm định trong
	// tháng"): the actuals add up. False for a level or a ratio already
	// cumulative when reported ("tỷ lệ giải ngân lũy kế từ 1/1"): the latest
	// actual is the current value.
	Sum     bool
	Actuals []Actual
}

// Actual is one reported value of a target, with its evidence (văn bản,
// báo cáo or link that proves it).
type Actual struct {
	Label    string        // the reporting period as written: "Tháng 3/2026"
	Date     calendar.Date // the date the value is as of
	Value    float64
	Evidence string
}

// Current returns the target's current actual value: the sum of the actuals
// when Sum is set, otherwise the value of the actual with the latest Date
// (the last one given among equal dates). ok is false without actuals.
func (t Target) Current() (value float64, ok bool) {
	if len(t.Actuals) == 0 {
		return 0, false
	}
	latest := 0
	for i, a := range t.Actuals {
		value += a.Value
		if !a.Date.Before(t.Actuals[latest].Date) {
			latest = i
		}
	}
	if !t.Sum {
		value = t.Actuals[latest].Value
	}
	return value, true
}

// Attainment returns the share of the target reached: Current ÷ TargetValue
// (1 means reached, above 1 exceeded; not capped, so that "vượt chỉ tiêu"
// shows). ok is false when there is no actual yet or the target value is not
// positive.
func (t Target) Attainment() (ratio float64, ok bool) {
	v, ok := t.Current()
	if !ok || !(t.TargetValue > 0) {
		return 0, false
	}
	return v / t.TargetValue, true
}

// Validate checks and normalises a plan. Errors are apperr.Invalid naming
// the field ("title", "period.month", "targets[2].target_value", ...).
func (p *Plan) Validate() error {
	var err error
	if p.AgencyID <= 0 {
		return apperr.Invalidf("agency_id", "thiếu cơ quan", "agency is required")
	}
	if p.OwnerUnitID <= 0 {
		return apperr.Invalidf("owner_unit_id", "thiếu đơn vị chủ trì kế hoạch", "owning unit is required")
	}
	if p.Title, err = apperr.Text("title", p.Title, 3, 300); err != nil {
		return err
	}
	if err := p.Period.Validate(); err != nil {
		return err
	}
	if err := p.Source.validate(); err != nil {
		return err
	}
	if len(p.Targets) > 200 {
		return apperr.Invalidf("targets", "quá nhiều chỉ tiêu: %d, tối đa 200", "too many targets: %d, at most 200", len(p.Targets))
	}
	for i := range p.Targets {
		if err := p.Targets[i].validate(fmt.Sprintf("targets[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (s *SourceDocument) validate() error {
	if s.IsZero() {
		return nil
	}
	var err error
	if s.Number, err = apperr.Text("source.number", s.Number, 1, 50); err != nil {
		return err
	}
	if !documentNumber.MatchString(s.Number) {
		return apperr.Invalidf("source.number", "số, ký hiệu văn bản không hợp lệ: %q (ví dụ 09/CT-UBND)",
			"invalid document number: %q (e.g. 09/CT-UBND)", s.Number)
	}
	if err := s.Date.Validate(); err != nil {
		return apperr.Invalidf("source.date", "ngày ban hành văn bản không hợp lệ", "invalid document date")
	}
	if s.Issuer, err = apperr.Text("source.issuer", s.Issuer, 2, 200); err != nil {
		return err
	}
	s.Title, err = apperr.Text("source.title", s.Title, 0, 500)
	return err
}

func (t *Target) validate(field string) error {
	var err error
	if t.Name, err = apperr.Text(field+".name", t.Name, 2, 300); err != nil {
		return err
	}
	if t.UnitOfMeasure, err = apperr.Text(field+".unit_of_measure", t.UnitOfMeasure, 1, 50); err != nil {
		return err
	}
	if !(t.TargetValue > 0) || math.IsInf(t.TargetValue, 0) {
		return apperr.Invalidf(field+".target_value", "giá trị chỉ tiêu phải lớn hơn 0", "the target value must be greater than 0")
	}
	for j := range t.Actuals {
		a := &t.Actuals[j]
		f := fmt.Sprintf("%s.actuals[%d]", field, j)
		if a.Date.Validate() != nil {
			return apperr.Invalidf(f+".date", "ngày số liệu không hợp lệ", "invalid date of the actual value")
		}
		if math.IsNaN(a.Value) || math.IsInf(a.Value, 0) || a.Value < 0 {
			return apperr.Invalidf(f+".value", "số liệu thực hiện phải là số không âm", "the actual value must be a non-negative number")
		}
		if a.Label, err = apperr.Text(f+".label", a.Label, 0, 100); err != nil {
			return err
		}
		if a.Evidence, err = apperr.Text(f+".evidence", a.Evidence, 0, 1000); err != nil {
			return err
		}
	}
	return nil
}
