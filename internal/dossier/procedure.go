package dossier

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// Level is the online service level of a procedure (mức độ dịch vụ công trực
// tuyến, NĐ 42/2022/NĐ-CP): whether it can be done online end to end, in part,
// or only at the desk.
type Level int

// The levels.
const (
	// LevelInfo: information only (dịch vụ cung cấp thông tin); the dossier
	// is filed at the desk or by post.
	LevelInfo Level = iota + 1
	// LevelPartial: một phần — filed online, but some step (paying, collecting
	// the result) needs the applicant in person.
	LevelPartial
	// LevelFull: toàn trình — the whole procedure is done online.
	LevelFull
)

var levelLabels = map[Level][2]string{
	LevelInfo:    {"Cung cấp thông tin", "Information only"},
	LevelPartial: {"Một phần", "Partial"},
	LevelFull:    {"Toàn trình", "Full"},
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { _, ok := levelLabels[l]; return ok }

// Label names the level in "vi" or "en".
func (l Level) Label(lang string) string { return label(levelLabels, l, lang) }

// CopyKind says in what form a document is handed in.
type CopyKind string

// The kinds of copy listed on the receipt slip (form 01).
const (
	Original      CopyKind = "original"       // bản chính
	CertifiedCopy CopyKind = "certified_copy" // bản sao có chứng thực
	Photocopy     CopyKind = "photocopy"      // bản photocopy / bản sao
	Electronic    CopyKind = "electronic"     // bản điện tử
)

var copyLabels = map[CopyKind][2]string{
	Original:      {"Bản chính", "Original"},
	CertifiedCopy: {"Bản sao có chứng thực", "Certified copy"},
	Photocopy:     {"Bản sao", "Photocopy"},
	Electronic:    {"Bản điện tử", "Electronic"},
}

// Valid reports whether k is a known kind of copy.
func (k CopyKind) Valid() bool { _, ok := copyLabels[k]; return ok }

// Label names the kind in "vi" or "en".
func (k CopyKind) Label(lang string) string { return label(copyLabels, k, lang) }

// Document is one item of the list of papers (thành phần hồ sơ) a procedure
// asks for.
type Document struct {
	Name     string
	Copy     CopyKind
	Quantity int // number of copies of this paper in one set, ≥ 1
}

// Step is one link of the processing chain (quy trình nội bộ): who handles it
// and how long they have. The first step is normally the desk (bộ phận một
// cửa) with Role clerk.
type Step struct {
	Name string
	// UnitID is the unit that handles the step; 0 means any unit of the
	// agency, chosen when the dossier is forwarded.
	UnitID int64
	// Role is who handles the step inside the unit (e.g. clerk for the
	// desk); empty means the unit's officials and their heads.
	Role org.Role
	// Budget is the step's time in working days; fractions such as 0.5 are
	// allowed.
	Budget float64
	// Kind says what the step is besides a hand-off: a plain step (""), a
	// step of concurrent branches (StepParallel, lấy ý kiến), or the step
	// that records a conclusion (StepReport). See branch.go.
	Kind StepKind
}

// Procedure is one version of an administrative procedure (thủ tục hành
// chính) of the national catalogue, as an agency carries it out. A dossier
// keeps the version it started under; see PickVersion.
type Procedure struct {
	Code      string // national code, e.g. "1.009645"
	Name      string
	Field     string // lĩnh vực, e.g. "Đầu tư tại Việt Nam"
	Level     Level
	Limit     calendar.Limit // thời hạn giải quyết
	Fee       int64          // phí, lệ phí in đồng
	Documents []Document
	Steps     []Step
	Version   int
	// EffectiveFrom is the first day this version applies.
	EffectiveFrom calendar.Date
	AgencyID      int64 // the agency that carries the procedure out
	// MaxExtensions is how many times the dossier's time limit may be
	// extended (gia hạn), each by at most the limit's own length; 0, the
	// one-stop default, allows none (an apology, form 04, is the one-stop
	// way). Appraisals allow one (DOMAIN.md §4, NĐ 40/2020 for reference;
	// UNVERIFIED under NĐ 85/2025).
	MaxExtensions int
	// OnlineResult says that the result may be delivered online (trả kết
	// quả trực tuyến): once the dossier is resolved, whoever holds its code
	// and lookup secret may download the result documents the staff
	// attached from the public lookup page. The administrator sets it on
	// the version; false keeps the result at the desk.
	OnlineResult bool
	// LegalBasis is the căn cứ pháp lý the public catalogue shows: the
	// laws, decrees and decisions the procedure rests on, one a line.
	LegalBasis string
}

var procCodeRe = regexp.MustCompile(`^\d\.\d{6}$`)

// ValidProcedureCode reports whether s has the national form "1.009645".
func ValidProcedureCode(s string) bool { return procCodeRe.MatchString(s) }

// Validate checks a procedure version and trims its texts. Errors are
// apperr.Invalid naming the field ("code", "name", "limit", "steps[2].budget",
// ...). For a procedure in working days the step budgets must add up to the
// limit exactly; for one in calendar days the budgets, which are always in
// working days, are not summed.
func (p *Procedure) Validate() error {
	var err error
	if p.Code = strings.TrimSpace(p.Code); !ValidProcedureCode(p.Code) {
		return apperr.Invalidf("code", "mã thủ tục %q không đúng dạng 1.009645", "procedure code %q is not of the form 1.009645", p.Code)
	}
	if p.Name, err = apperr.Text("name", p.Name, 3, 500); err != nil {
		return err
	}
	if p.Field, err = apperr.Text("field", p.Field, 0, 200); err != nil {
		return err
	}
	if p.LegalBasis, err = apperr.Text("legal_basis", p.LegalBasis, 0, 4000); err != nil {
		return err
	}
	if !p.Level.Valid() {
		return apperr.Invalidf("level", "mức độ dịch vụ công không hợp lệ: %d", "invalid online service level: %d", int(p.Level))
	}
	if err := p.Limit.Validate(); err != nil {
		return calendarErr("limit", err)
	}
	if p.Fee < 0 {
		return apperr.Invalidf("fee", "phí, lệ phí không được âm", "the fee cannot be negative")
	}
	for i := range p.Documents {
		if err := p.Documents[i].validate(i); err != nil {
			return err
		}
	}
	if len(p.Steps) == 0 {
		return apperr.Invalidf("steps", "quy trình phải có ít nhất một bước", "the procedure needs at least one step")
	}
	var sum float64
	for i := range p.Steps {
		if err := p.Steps[i].validate(i); err != nil {
			return err
		}
		sum += p.Steps[i].Budget
	}
	if p.Limit.Unit == calendar.WorkingDays && minutes(sum) != minutes(p.Limit.Value) {
		en := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
		return apperr.New(apperr.Invalid, "steps",
			fmt.Sprintf("tổng thời gian các bước %s ngày khác thời hạn giải quyết %s ngày", days(sum), days(p.Limit.Value)),
			fmt.Sprintf("the steps add up to %s days, not the processing time of %s days", en(sum), en(p.Limit.Value)))
	}
	if p.MaxExtensions < 0 || p.MaxExtensions > 3 {
		return apperr.Invalidf("max_extensions", "số lần gia hạn phải từ 0 đến 3", "the number of extensions must be 0 to 3")
	}
	if p.Version < 1 {
		return apperr.Invalidf("version", "số phiên bản phải từ 1 trở lên", "the version must be 1 or more")
	}
	if err := p.EffectiveFrom.Validate(); err != nil {
		return calendarErr("effective_from", err)
	}
	return nil
}

func (d *Document) validate(i int) error {
	f := "documents[" + strconv.Itoa(i) + "]"
	var err error
	if d.Name, err = apperr.Text(f+".name", d.Name, 2, 500); err != nil {
		return err
	}
	if !d.Copy.Valid() {
		return apperr.Invalidf(f+".copy", "loại bản không hợp lệ: %q", "invalid kind of copy: %q", string(d.Copy))
	}
	if d.Quantity < 1 {
		return apperr.Invalidf(f+".quantity", "số lượng phải từ 1 trở lên", "the quantity must be at least 1")
	}
	return nil
}

func (s *Step) validate(i int) error {
	f := "steps[" + strconv.Itoa(i) + "]"
	var err error
	if s.Name, err = apperr.Text(f+".name", s.Name, 2, 300); err != nil {
		return err
	}
	if s.Role != "" && !s.Role.Valid() {
		return apperr.Invalidf(f+".role", "vai trò không hợp lệ: %q", "unknown role: %q", string(s.Role))
	}
	if s.UnitID < 0 {
		return apperr.Invalidf(f+".unit_id", "đơn vị không hợp lệ", "invalid unit")
	}
	if !s.Kind.Valid() {
		return apperr.Invalidf(f+".kind", "loại bước không hợp lệ: %q", "unknown kind of step: %q", string(s.Kind))
	}
	if !(s.Budget > 0) || math.IsInf(s.Budget, 0) || s.Budget > 10000 {
		return apperr.Invalidf(f+".budget", "thời gian của bước %d phải lớn hơn 0 ngày làm việc", "step %d needs a budget of more than 0 working days", i+1)
	}
	return nil
}

// PickVersion returns the version in force on a date: the one with the
// latest EffectiveFrom on or before it (the higher Version on a tie). A
// dossier keeps the version it started under, so call it with the date of
// receipt. The error is apperr.NotFound when no version was in force yet.
func PickVersion(versions []Procedure, on calendar.Date) (Procedure, error) {
	best := -1
	for i, v := range versions {
		if v.EffectiveFrom.After(on) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := versions[best]
		if c := v.EffectiveFrom.Compare(b.EffectiveFrom); c > 0 || c == 0 && v.Version > b.Version {
			best = i
		}
	}
	if best < 0 {
		return Procedure{}, apperr.NotFoundf("chưa có phiên bản thủ tục nào có hiệu lực ngày %s",
			"no version of the procedure was in force on %s", on.DMY())
	}
	return versions[best], nil
}

// minutes rounds a number of working days to whole working minutes, so that
// budgets like 0.1 compare exactly.
func minutes(days float64) int64 { return int64(math.Round(days * calendar.WorkdayMinutes)) }

// days formats a number of days the Vietnamese way, with a decimal comma:
// 31.5 → "31,5".
func days(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// calendarErr turns a *calendar.Error (or anything else) into an
// apperr.Invalid about field.
func calendarErr(field string, err error) error {
	if ce, ok := err.(*calendar.Error); ok {
		return &apperr.Error{Code: apperr.Invalid, Field: field, VI: ce.Msg, EN: ce.EN}
	}
	if ae := apperr.As(err); ae != nil {
		return ae
	}
	return apperr.Invalidf(field, "giá trị không hợp lệ: %v", "invalid value: %v", err)
}

func label[K comparable](m map[K][2]string, k K, lang string) string {
	l, ok := m[k]
	if !ok {
		return ""
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}
