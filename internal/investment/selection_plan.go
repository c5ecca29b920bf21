package investment

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Package is a gói thầu of a project's contractor-selection plan, as it
// stands now (the draft the next version will approve). Its ID stays the
// same across versions, so that a selection result names it.
type Package struct {
	ID        int64
	ProjectID int64
	PackageInput
	// InVersion is the number of the latest approved version holding the
	// package, 0 while it is only in the draft.
	InVersion int
	Result    *SelectionResult
}

// checkSelectionDecision checks the decision approving a plan version or a
// selection result (quyết định phê duyệt): number, date and signer are
// required (Luật Đấu thầu 22/2023 Art 39, 41), the date no later than today.
// It returns the decision's date. Errors: apperr.Invalid naming
// decision.number, decision.date or decision.signer.
func checkSelectionDecision(d *Decision, today calendar.Date) (calendar.Date, error) {
	if err := d.validate(true); err != nil {
		return calendar.Date{}, err
	}
	if strings.TrimSpace(d.Signer) == "" {
		return calendar.Date{}, apperr.Invalidf("decision.signer", "thiếu người ký quyết định", "the signer is required")
	}
	day, err := calendar.ParseDate(d.Date)
	if err != nil {
		return calendar.Date{}, apperr.Invalidf("decision.date", "ngày quyết định không hợp lệ: %q", "decision date not valid: %q", d.Date)
	}
	if day.After(today) {
		return calendar.Date{}, apperr.Invalidf("decision.date", "ngày quyết định (%s) sau ngày hôm nay (%s)", "the decision date (%s) is after today (%s)", DMY(day), DMY(today))
	}
	return day, nil
}

// VersionKind says whether a plan version is the first approval or an
// adjustment (điều chỉnh KHLCNT).
type VersionKind string

// The version kinds.
const (
	VersionApproval   VersionKind = "approval"   // Phê duyệt KHLCNT
	VersionAdjustment VersionKind = "adjustment" // Điều chỉnh KHLCNT
)

// Label names the kind in "vi" or "en".
func (k VersionKind) Label(lang string) string {
	switch {
	case k == VersionApproval && lang == "en":
		return "Approval"
	case k == VersionApproval:
		return "Phê duyệt"
	case lang == "en":
		return "Adjustment"
	}
	return "Điều chỉnh"
}

// PlanVersion is one approved state of the plan: the packages it held, as
// they were, and the decision that approved it. Earlier versions stay
// readable.
type PlanVersion struct {
	ID        int64
	ProjectID int64
	No        int // 1 for the approval, 2... for each adjustment
	Kind      VersionKind
	Decision  Decision
	Packages  []Package // as approved; Result is not set
	Total     int64
	CreatedBy int64
	CreatedAt time.Time
}

// TotalPrice sums the packages' prices.
func TotalPrice(ps []Package) int64 {
	var t int64
	for _, p := range ps {
		t += p.Price
	}
	return t
}

// CheckPlanTotal refuses a plan whose packages cost more than the
// project's total investment (Luật Đấu thầu 22/2023 Art 39: the KHLCNT is
// within the total investment), with both figures. Errors: apperr.Invalid
// on field.
func CheckPlanTotal(field string, total, projectTotal int64) error {
	if total > projectTotal {
		return apperr.Invalidf(field, "Tổng giá các gói thầu (%s) vượt tổng mức đầu tư của dự án (%s)",
			"The packages' total price (%s) exceeds the project's total investment (%s)", Money(total), Money(projectTotal))
	}
	return nil
}

// NextVersion builds the version that approves the draft: the first is an
// approval, every later one an adjustment. It refuses an empty draft, a
// draft that changes nothing since the last version, a total above the
// project's total investment, a decision dated before the previous one.
// Errors: apperr.Invalid, apperr.Conflict.
func NextVersion(prev []PlanVersion, draft []Package, d Decision, projectTotal int64, today calendar.Date) (PlanVersion, error) {
	if _, err := checkSelectionDecision(&d, today); err != nil {
		return PlanVersion{}, err
	}
	if len(draft) == 0 {
		return PlanVersion{}, apperr.Conflictf("Kế hoạch chưa có gói thầu nào để phê duyệt", "The plan has no package to approve")
	}
	total := TotalPrice(draft)
	if err := CheckPlanTotal("packages", total, projectTotal); err != nil {
		return PlanVersion{}, err
	}
	v := PlanVersion{No: 1, Kind: VersionApproval, Decision: d, Packages: draft, Total: total}
	if n := len(prev); n > 0 {
		last := prev[n-1]
		if d.Date < last.Decision.Date {
			return PlanVersion{}, apperr.Invalidf("decision.date", "ngày quyết định điều chỉnh (%s) trước ngày của phiên bản %d (%s)",
				"the adjustment's date (%s) is before that of version %d (%s)", dmy(d.Date), last.No, dmy(last.Decision.Date))
		}
		if samePackages(last.Packages, draft) {
			return PlanVersion{}, apperr.Conflictf("Kế hoạch không thay đổi so với phiên bản %d: sửa gói thầu trước khi điều chỉnh",
				"The plan is unchanged since version %d: change a package before adjusting", last.No)
		}
		v.No, v.Kind = last.No+1, VersionAdjustment
	}
	return v, nil
}

// samePackages reports whether two package lists hold the same packages
// with the same fields.
func samePackages(a, b []Package) bool {
	if len(a) != len(b) {
		return false
	}
	byID := make(map[int64]PackageInput, len(a))
	for _, p := range a {
		byID[p.ID] = p.PackageInput
	}
	for _, p := range b {
		q, ok := byID[p.ID]
		if !ok || q != p.PackageInput {
			return false
		}
	}
	return true
}

// SelectionResult is the approved result of a package's selection (kết
// quả lựa chọn nhà thầu): the winner and the winning price.
type SelectionResult struct {
	PackageID    int64
	Winner       string
	WinningPrice int64 // giá trúng thầu, đồng
	Decision     Decision
	CreatedBy    int64
	CreatedAt    time.Time
}

// ValidateResult checks a result for package p: a winner, a winning price
// above 0 and not above the package price, a valid decision; the package
// must be in an approved version and have no result yet. Errors:
// apperr.Invalid naming the field, apperr.Conflict.
func ValidateResult(p Package, r *SelectionResult, today calendar.Date) error {
	switch {
	case p.InVersion == 0:
		return apperr.Conflictf("Gói thầu %q chưa có trong kế hoạch đã phê duyệt", "Package %q is not in an approved plan yet", p.Name)
	case p.Result != nil:
		return apperr.Conflictf("Gói thầu %q đã có kết quả lựa chọn nhà thầu", "Package %q has a selection result already", p.Name)
	case strings.TrimSpace(r.Winner) == "":
		return apperr.Invalidf("winner", "Vui lòng nhập nhà thầu trúng thầu", "The winner is required")
	case utf8.RuneCountInString(r.Winner) > 300:
		return apperr.Invalidf("winner", "Tên nhà thầu dài quá 300 ký tự", "The winner's name is longer than 300 characters")
	case r.WinningPrice <= 0:
		return apperr.Invalidf("winning_price", "Giá trúng thầu phải là số đồng lớn hơn 0", "The winning price must be a whole number of đồng above 0")
	case r.WinningPrice > p.Price:
		return apperr.Invalidf("winning_price", "Giá trúng thầu (%s) vượt giá gói thầu (%s)", "The winning price (%s) exceeds the package price (%s)",
			Money(r.WinningPrice), Money(p.Price))
	}
	_, err := checkSelectionDecision(&r.Decision, today)
	return err
}

// dmy writes a YYYY-MM-DD date as dd/mm/yyyy.
func dmy(iso string) string {
	d, err := calendar.ParseDate(iso)
	if err != nil {
		return iso
	}
	return DMY(d)
}

// SavingsRate is the tỷ lệ tiết kiệm of a result: (package price − winning
// price) ÷ package price, as a fraction (0.05 for 5%); 0 for a price of 0.
func SavingsRate(price, winning int64) float64 {
	if price <= 0 {
		return 0
	}
	return float64(price-winning) / float64(price)
}

// Money writes an amount the way the department's documents do:
// 1234567 → "1.234.567 đ".
func Money(n int64) string {
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-n)
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return sign + b.String() + " đ"
}
