package inspection

import (
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Plan is the agency's inspection plan of a year (kế hoạch kiểm tra năm),
// approved by a decision; its inspections are the plan's entries.
type Plan struct {
	ID       int64
	AgencyID int64
	Year     int
	Title    string
	// Decision is the approving decision's number and date, when known
	// ("45/QĐ-STC ngày 10/01/2026").
	Decision  string
	CreatedBy int64
	CreatedAt time.Time
}

// Validate checks a plan's year and title.
func (p *Plan) Validate() error {
	if p.Year < calendar.MinYear || p.Year > calendar.MaxYear {
		return apperr.Invalidf("year", "năm không hợp lệ: %d", "invalid year: %d", p.Year)
	}
	var err error
	if p.Title, err = apperr.Text("title", p.Title, 5, 300); err != nil {
		return err
	}
	p.Decision = strings.TrimSpace(p.Decision)
	if len([]rune(p.Decision)) > 200 {
		return apperr.Invalidf("decision", "số, ngày quyết định dài quá 200 ký tự", "the decision is longer than 200 characters")
	}
	return nil
}

// Status is where an inspection stands.
type Status string

// The statuses: open from the draw of its sample to its conclusion, which
// locks it (findings and recommendations are then what the conclusion
// says; the recommendations' tasks go on to closure).
const (
	Open      Status = "open"
	Concluded Status = "concluded"
)

var statusLabels = map[Status][2]string{
	Open:      {"Đang kiểm tra", "In progress"},
	Concluded: {"Đã kết luận", "Concluded"},
}

// Label names the status in "vi" or "en".
func (s Status) Label(lang string) string { return pick(statusLabels[s], lang) }

// MaxSample is the most items one inspection may sample.
const MaxSample = 200

// Inspection is one inspection of the plan.
type Inspection struct {
	ID       int64
	AgencyID int64
	PlanID   int64
	Title    string
	Subject  Subject
	// UnitIDs are the inspected units (đơn vị được kiểm tra): the sample
	// is drawn from their dossiers (the lead unit), tasks (the lead unit)
	// or projects (the managing unit).
	UnitIDs []int64
	// From and To bound the population: dossiers received, tasks
	// assigned, projects created in [From, To].
	From, To calendar.Date
	// SampleSize is how many items were asked for; Seed the draw's seed,
	// recorded so that anyone may draw the same sample again;
	// Population how many items there were to draw from.
	SampleSize int
	Seed       uint64
	Population int
	// LeadID is the inspector who leads (trưởng đoàn); Members the other
	// inspectors of the team. Only they write the inspection.
	LeadID  int64
	Members []int64
	Status  Status
	// The conclusion (kết luận kiểm tra), once concluded.
	Conclusion Conclusion
	Version    int
	CreatedAt  time.Time
	// Items are the sampled items with their checklists; Findings and
	// Recommendations what the team recorded.
	Items           []Item
	Findings        []Finding
	Recommendations []Recommendation
}

// Validate checks what the inspection's creator gives.
func (in *Inspection) Validate() error {
	var err error
	if in.Title, err = apperr.Text("title", in.Title, 5, 300); err != nil {
		return err
	}
	if in.Subject == "" {
		return apperr.Invalidf("subject", "chọn đối tượng kiểm tra", "choose what to inspect")
	}
	if !in.Subject.Valid() {
		return apperr.Invalidf("subject", "đối tượng kiểm tra không hợp lệ: %q (hồ sơ, nhiệm vụ hoặc dự án)", "unknown subject %q (dossier, task or project)", string(in.Subject))
	}
	if len(in.UnitIDs) == 0 {
		return apperr.Invalidf("unit_ids", "chọn ít nhất một đơn vị được kiểm tra", "choose at least one inspected unit")
	}
	if !in.From.Valid() || !in.To.Valid() {
		return apperr.Invalidf("from", "cần khoảng thời gian kiểm tra (từ ngày, đến ngày)", "the period inspected is required (from, to)")
	}
	if in.To.Before(in.From) {
		return apperr.Invalidf("to", "đến ngày phải không trước từ ngày", "to must not be before from")
	}
	if in.SampleSize < 1 || in.SampleSize > MaxSample {
		return apperr.Invalidf("sample_size", "cỡ mẫu phải từ 1 đến %d", "the sample size must be 1 to %d", MaxSample)
	}
	return nil
}

// Writers are the people who write the inspection: its lead and members.
func (in Inspection) Writers() []int64 { return append([]int64{in.LeadID}, in.Members...) }

// Item is one sampled item and its checklist.
type Item struct {
	Subject Subject
	RefID   int64  // the dossier's, task's or project's id
	Ref     string // what the page shows: the dossier's code, "#12", the project's code
	Title   string // the applicant and procedure, the task's title, the project's name
	Checks  []Check
}

// Severity grades a finding.
type Severity string

// The severities.
const (
	Minor Severity = "minor" // tồn tại, hạn chế
	Major Severity = "major" // vi phạm
)

var severityLabels = map[Severity][2]string{
	Minor: {"Tồn tại, hạn chế", "Shortcoming"},
	Major: {"Vi phạm", "Violation"},
}

// Valid reports whether s is a severity.
func (s Severity) Valid() bool { _, ok := severityLabels[s]; return ok }

// Label names the severity in "vi" or "en".
func (s Severity) Label(lang string) string { return pick(severityLabels[s], lang) }

// Finding is what the team found (phát hiện qua kiểm tra), about the
// sample or one item of it.
type Finding struct {
	ID       int64
	Seq      int // 1, 2, ... within the inspection
	RefID    int64
	Text     string
	Severity Severity
	At       time.Time
	ByID     int64
}

// Validate checks a finding.
func (f *Finding) Validate() error {
	var err error
	if f.Text, err = apperr.Text("text", f.Text, 5, 2000); err != nil {
		return err
	}
	if f.Severity == "" {
		f.Severity = Minor
	}
	if !f.Severity.Valid() {
		return apperr.Invalidf("severity", "mức độ không hợp lệ: %q", "unknown severity %q", string(f.Severity))
	}
	return nil
}

// Recommendation is a kiến nghị: what is to be done, by whom and by when.
// It becomes a task (TaskID) assigned by the inspection's lead to the
// owner, and the inspection shows that task's state until it is closed.
type Recommendation struct {
	ID            int64
	Seq           int
	FindingID     int64 // the finding it answers, 0 for the whole inspection
	Text          string
	OwnerUnitID   int64
	OwnerPersonID int64
	Due           calendar.Date
	TaskID        int64
	// TaskState is the task's state as the store read it ("done" closes it).
	TaskState string
	At        time.Time
}

// Validate checks a recommendation against today (its due may not be past).
func (r *Recommendation) Validate(today calendar.Date) error {
	var err error
	if r.Text, err = apperr.Text("text", r.Text, 5, 300); err != nil {
		return err
	}
	if r.OwnerPersonID <= 0 {
		return apperr.Invalidf("owner_person_id", "chọn người chịu trách nhiệm thực hiện kiến nghị", "choose who carries the recommendation out")
	}
	if !r.Due.Valid() {
		return apperr.Invalidf("due", "cần hạn thực hiện kiến nghị", "the recommendation's deadline is required")
	}
	if r.Due.Before(today) {
		return apperr.Invalidf("due", "hạn thực hiện không được trước hôm nay", "the deadline may not be before today")
	}
	return nil
}

// Closed reports whether the recommendation's task is done or cancelled.
func (r Recommendation) Closed() bool { return r.TaskState == "done" || r.TaskState == "cancelled" }

// Conclusion is the kết luận kiểm tra: its number, date, signer and text.
type Conclusion struct {
	Number   string // "12/KL-TTr"
	On       calendar.Date
	Signer   string
	Text     string
	ByID     int64
	IssuedAt time.Time
}

// Validate checks a conclusion.
func (c *Conclusion) Validate() error {
	var err error
	if c.Number, err = apperr.Text("number", c.Number, 2, 50); err != nil {
		return err
	}
	if !c.On.Valid() {
		return apperr.Invalidf("on", "cần ngày kết luận", "the conclusion's date is required")
	}
	if c.Signer, err = apperr.Text("signer", c.Signer, 3, 200); err != nil {
		return err
	}
	if c.Text, err = apperr.Text("text", c.Text, 10, 20000); err != nil {
		return err
	}
	return nil
}

// Summary counts an inspection's checklist: per criterion, how many
// sampled items met it, did not, or wait for the inspector.
type Summary struct {
	Code                    Code
	Pass, Fail, NA, Pending int
}

// Summarize tallies the items' checks by criterion, in the printed order.
func Summarize(items []Item) []Summary {
	by := map[Code]*Summary{}
	var order []Code
	for _, it := range items {
		for _, c := range it.Checks {
			s := by[c.Code]
			if s == nil {
				s = &Summary{Code: c.Code}
				by[c.Code] = s
				order = append(order, c.Code)
			}
			switch c.Verdict {
			case Pass:
				s.Pass++
			case Fail:
				s.Fail++
			case NA:
				s.NA++
			default:
				s.Pending++
			}
		}
	}
	var out []Summary
	for _, k := range Criteria {
		if s := by[k.Code]; s != nil {
			out = append(out, *s)
		}
	}
	return out
}
