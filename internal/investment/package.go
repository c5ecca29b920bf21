package investment

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"congvu/internal/apperr"
)

// A contractor-selection plan (kế hoạch lựa chọn nhà thầu, KHLCNT) lists a
// project's packages (gói thầu) with, for each, what Luật Đấu thầu
// 22/2023/QH15 Art 39 asks: name, price, funding source, selection form and
// method, domestic or international, online or not, the time selection
// starts (by month or quarter), the contract type and the contract's
// duration.

// SelectionForm is a hình thức lựa chọn nhà thầu (Luật Đấu thầu 22/2023
// Art 20–29).
type SelectionForm string

// The selection forms.
const (
	FormOpenBidding          SelectionForm = "open_bidding"          // Đấu thầu rộng rãi (Art 21)
	FormLimitedBidding       SelectionForm = "limited_bidding"       // Đấu thầu hạn chế (Art 22)
	FormDirectAppointment    SelectionForm = "direct_appointment"    // Chỉ định thầu (Art 23)
	FormCompetitiveQuotation SelectionForm = "competitive_quotation" // Chào hàng cạnh tranh (Art 24)
	FormDirectProcurement    SelectionForm = "direct_procurement"    // Mua sắm trực tiếp (Art 25)
	FormSelfPerformance      SelectionForm = "self_performance"      // Tự thực hiện (Art 26)
	FormCommunity            SelectionForm = "community"             // Tham gia thực hiện của cộng đồng (Art 27)
	FormPriceNegotiation     SelectionForm = "price_negotiation"     // Đàm phán giá (Art 28)
	FormSpecial              SelectionForm = "special"               // Lựa chọn nhà thầu trong trường hợp đặc biệt (Art 29)
)

// SelectionMethod is a phương thức lựa chọn nhà thầu (Luật Đấu thầu
// 22/2023 Art 37): how many stages and envelopes.
type SelectionMethod string

// The selection methods.
const (
	MethodOneStageOneEnvelope SelectionMethod = "1s1e" // Một giai đoạn một túi hồ sơ
	MethodOneStageTwoEnvelope SelectionMethod = "1s2e" // Một giai đoạn hai túi hồ sơ
	MethodTwoStageOneEnvelope SelectionMethod = "2s1e" // Hai giai đoạn một túi hồ sơ
	MethodTwoStageTwoEnvelope SelectionMethod = "2s2e" // Hai giai đoạn hai túi hồ sơ
)

// ContractType is a loại hợp đồng (Luật Đấu thầu 22/2023 Art 64).
type ContractType string

// The contract types.
const (
	ContractLumpSum      ContractType = "lump_sum"      // Trọn gói
	ContractFixedUnit    ContractType = "fixed_unit"    // Theo đơn giá cố định
	ContractAdjustedUnit ContractType = "adjusted_unit" // Theo đơn giá điều chỉnh
	ContractTimeBased    ContractType = "time_based"    // Theo thời gian
	ContractOutputBased  ContractType = "output_based"  // Theo kết quả đầu ra
	ContractPercentage   ContractType = "percentage"    // Theo tỷ lệ phần trăm
	ContractMixed        ContractType = "mixed"         // Hỗn hợp
)

// Choice is one listed value with its labels, for forms and checks.
type Choice struct {
	Value  string
	VI, EN string
}

// Label returns the choice's label in "vi" or "en".
func (c Choice) Label(lang string) string {
	if lang == "en" {
		return c.EN
	}
	return c.VI
}

// SelectionForms lists the forms in the order the law gives them.
var SelectionForms = []Choice{
	{string(FormOpenBidding), "Đấu thầu rộng rãi", "Open bidding"},
	{string(FormLimitedBidding), "Đấu thầu hạn chế", "Limited bidding"},
	{string(FormDirectAppointment), "Chỉ định thầu", "Direct appointment"},
	{string(FormCompetitiveQuotation), "Chào hàng cạnh tranh", "Competitive quotation"},
	{string(FormDirectProcurement), "Mua sắm trực tiếp", "Direct procurement"},
	{string(FormSelfPerformance), "Tự thực hiện", "Self-performance"},
	{string(FormCommunity), "Tham gia thực hiện của cộng đồng", "Community participation"},
	{string(FormPriceNegotiation), "Đàm phán giá", "Price negotiation"},
	{string(FormSpecial), "Lựa chọn nhà thầu trong trường hợp đặc biệt", "Selection in special cases"},
}

// SelectionMethods lists the methods.
var SelectionMethods = []Choice{
	{string(MethodOneStageOneEnvelope), "Một giai đoạn một túi hồ sơ", "Single stage, one envelope"},
	{string(MethodOneStageTwoEnvelope), "Một giai đoạn hai túi hồ sơ", "Single stage, two envelopes"},
	{string(MethodTwoStageOneEnvelope), "Hai giai đoạn một túi hồ sơ", "Two stages, one envelope"},
	{string(MethodTwoStageTwoEnvelope), "Hai giai đoạn hai túi hồ sơ", "Two stages, two envelopes"},
}

// ContractTypes lists the contract types.
var ContractTypes = []Choice{
	{string(ContractLumpSum), "Trọn gói", "Lump sum"},
	{string(ContractFixedUnit), "Theo đơn giá cố định", "Fixed unit price"},
	{string(ContractAdjustedUnit), "Theo đơn giá điều chỉnh", "Adjustable unit price"},
	{string(ContractTimeBased), "Theo thời gian", "Time-based"},
	{string(ContractOutputBased), "Theo kết quả đầu ra", "Output-based"},
	{string(ContractPercentage), "Theo tỷ lệ phần trăm", "Percentage-based"},
	{string(ContractMixed), "Hỗn hợp", "Mixed"},
}

// ChoiceLabel returns the label of value in list, or value itself.
func ChoiceLabel(list []Choice, value, lang string) string {
	for _, c := range list {
		if c.Value == value {
			return c.Label(lang)
		}
	}
	return value
}

func inChoices(list []Choice, v string) bool {
	for _, c := range list {
		if c.Value == v {
			return true
		}
	}
	return false
}

// StartPeriod is when selection starts (thời gian bắt đầu tổ chức lựa chọn
// nhà thầu), stated by month or by quarter (Art 39): exactly one of Month
// (1–12) and Quarter (1–4) is set.
type StartPeriod struct {
	Year    int
	Month   int
	Quarter int
}

// ParseStartPeriod reads "2026-03" (a month) or "2026-Q2" (a quarter).
// Errors: apperr.Invalid on field.
func ParseStartPeriod(field, s string) (StartPeriod, error) {
	bad := apperr.Invalidf(field, "thời gian bắt đầu lựa chọn nhà thầu phải là tháng (2026-03) hoặc quý (2026-Q2): %q",
		"the selection start must be a month (2026-03) or a quarter (2026-Q2): %q", s)
	y, rest, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(y) != 4 {
		return StartPeriod{}, bad
	}
	year, err := strconv.Atoi(y)
	if err != nil || year < 2000 || year > 2100 {
		return StartPeriod{}, bad
	}
	p := StartPeriod{Year: year}
	if q, isQ := strings.CutPrefix(strings.ToUpper(rest), "Q"); isQ {
		n, err := strconv.Atoi(q)
		if err != nil || len(q) != 1 || n < 1 || n > 4 {
			return StartPeriod{}, bad
		}
		p.Quarter = n
		return p, nil
	}
	n, err := strconv.Atoi(rest)
	if err != nil || len(rest) != 2 || n < 1 || n > 12 {
		return StartPeriod{}, bad
	}
	p.Month = n
	return p, nil
}

// String is the stored form: "2026-03" or "2026-Q2".
func (p StartPeriod) String() string {
	if p.Quarter > 0 {
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Quarter)
	}
	return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
}

var romanQuarters = [...]string{"", "I", "II", "III", "IV"}

// Label is how the plan's table writes it: "Tháng 3/2026", "Quý II/2026".
func (p StartPeriod) Label(lang string) string {
	switch {
	case p.Quarter > 0 && lang == "en":
		return fmt.Sprintf("Q%d %d", p.Quarter, p.Year)
	case p.Quarter > 0:
		return fmt.Sprintf("Quý %s/%d", romanQuarters[p.Quarter], p.Year)
	case lang == "en":
		return fmt.Sprintf("%02d/%d", p.Month, p.Year)
	}
	return fmt.Sprintf("Tháng %d/%d", p.Month, p.Year)
}

// MaxPackageDays bounds a contract's duration in days (about 20 years).
const MaxPackageDays = 7300

// PackageInput is a package as the investor states it, before it is in a
// plan.
type PackageInput struct {
	Name          string
	Price         int64  // giá gói thầu, đồng
	Source        Source // nguồn vốn: one of the project's capital sources
	Form          SelectionForm
	Method        SelectionMethod
	International bool // đấu thầu quốc tế; domestic when false
	Online        bool // lựa chọn nhà thầu qua mạng
	Start         StartPeriod
	Contract      ContractType
	DurationDays  int // thời gian thực hiện hợp đồng, ngày
}

// Validate checks every field Art 39 asks for. Errors: apperr.Invalid
// naming the field.
func (p PackageInput) Validate() error {
	name := strings.TrimSpace(p.Name)
	switch {
	case name == "":
		return apperr.Invalidf("name", "Vui lòng nhập tên gói thầu", "The package name is required")
	case utf8.RuneCountInString(name) > 500:
		return apperr.Invalidf("name", "Tên gói thầu dài quá 500 ký tự", "The package name is longer than 500 characters")
	case p.Price <= 0:
		return apperr.Invalidf("price", "Giá gói thầu phải là số đồng lớn hơn 0", "The package price must be a whole number of đồng above 0")
	case !p.Source.Valid():
		return apperr.Invalidf("source", "Nguồn vốn không hợp lệ: %q", "Unknown funding source: %q", p.Source)
	case !inChoices(SelectionForms, string(p.Form)):
		return apperr.Invalidf("form", "Hình thức lựa chọn nhà thầu không hợp lệ: %q", "Unknown selection form: %q", p.Form)
	case !inChoices(SelectionMethods, string(p.Method)):
		return apperr.Invalidf("method", "Phương thức lựa chọn nhà thầu không hợp lệ: %q", "Unknown selection method: %q", p.Method)
	case p.Start.Year == 0 || (p.Start.Month == 0) == (p.Start.Quarter == 0):
		return apperr.Invalidf("start", "Vui lòng nêu thời gian bắt đầu lựa chọn nhà thầu theo tháng hoặc quý", "Give the selection start as a month or a quarter")
	case !inChoices(ContractTypes, string(p.Contract)):
		return apperr.Invalidf("contract_type", "Loại hợp đồng không hợp lệ: %q", "Unknown contract type: %q", p.Contract)
	case p.DurationDays <= 0 || p.DurationDays > MaxPackageDays:
		return apperr.Invalidf("duration_days", "Thời gian thực hiện hợp đồng phải từ 1 đến %d ngày", "The contract duration must be 1 to %d days", MaxPackageDays)
	}
	return nil
}
