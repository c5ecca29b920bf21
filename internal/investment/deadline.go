package investment

import (
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// DisbursementDeadline is the last day a year's plan capital may be
// disbursed (Luật Đầu tư công 58/2024/QH15 Art 72): 31 January of the next
// year, or the extension granted by a decision, which may run to at most 31
// December of the next year.
func DisbursementDeadline(year int, ext *Extension) calendar.Date {
	if ext != nil && ext.Until.Valid() {
		return ext.Until
	}
	return calendar.Date{Year: year + 1, Month: time.January, Day: 31}
}

// LatestExtension is the furthest an Art 72 extension may reach: 31
// December of the year after the plan year.
func LatestExtension(year int) calendar.Date {
	return calendar.Date{Year: year + 1, Month: time.December, Day: 31}
}

// Extension is a decision extending the disbursement of one plan year's
// capital of a project (Art 72: site clearance, force majeure, ...; decided
// by the chairman of the provincial People's Committee for local capital).
type Extension struct {
	Year     int
	Until    calendar.Date
	Decision Decision
}

// Validate checks an extension of plan year Year: a date after the normal
// deadline and no later than 31 December of the next year, with its
// decision.
func (e Extension) Validate() error {
	if err := validYear("year", e.Year); err != nil {
		return err
	}
	if !e.Until.Valid() {
		return apperr.Invalidf("until", "Vui lòng nhập ngày gia hạn (dd/mm/yyyy)", "Please enter the date the extension runs to (dd/mm/yyyy)")
	}
	normal := DisbursementDeadline(e.Year, nil)
	if !e.Until.After(normal) {
		return apperr.Invalidf("until", "Ngày gia hạn %s phải sau hạn giải ngân thông thường %s", "The extension date %s must be after the normal deadline %s",
			DMY(e.Until), DMY(normal))
	}
	if latest := LatestExtension(e.Year); e.Until.After(latest) {
		return apperr.Invalidf("until", "Chỉ được gia hạn giải ngân vốn năm %d đến hết ngày %s (Điều 72 Luật Đầu tư công)",
			"Capital of %d may be extended to %s at the latest (Public Investment Law Art 72)", e.Year, DMY(latest))
	}
	return checkDecision(e.Decision)
}

// YearClosed reports whether plan year year is closed on day today: past
// its disbursement deadline (Art 72) and the extension, if any. A closed
// year takes no new plan, no plan adjustment and no disbursement figure:
// its capital can no longer be disbursed, and what was disbursed is
// settled. Medium-term plans close with the deadline of their last year.
func YearClosed(year int, ext *Extension, today calendar.Date) bool {
	return today.After(DisbursementDeadline(year, ext))
}

// checkDecision checks the decision behind a plan adjustment or an
// extension (quyết định giao, điều chỉnh kế hoạch vốn, gia hạn): its
// number, date (YYYY-MM-DD) and signer are required, the scanned file from
// the file store optional.
func checkDecision(d Decision) error {
	if d.Number == "" {
		return apperr.Invalidf("decision_number", "Vui lòng nhập số quyết định", "Please enter the decision's number")
	}
	if len([]rune(d.Number)) > 60 {
		return apperr.Invalidf("decision_number", "Số quyết định quá dài (tối đa 60 ký tự)", "The decision number is too long (at most 60 characters)")
	}
	if dd, err := calendar.ParseDate(d.Date); err != nil || d.Date == "" || dd.String() != d.Date {
		return apperr.Invalidf("decision_date", "Vui lòng nhập ngày quyết định (dd/mm/yyyy)", "Please enter the decision's date (dd/mm/yyyy)")
	}
	if d.Signer == "" {
		return apperr.Invalidf("decision_signer", "Vui lòng nhập người ký quyết định", "Please enter who signed the decision")
	}
	if len([]rune(d.Signer)) > 120 {
		return apperr.Invalidf("decision_signer", "Tên người ký quá dài (tối đa 120 ký tự)", "The signer's name is too long (at most 120 characters)")
	}
	if d.FileID < 0 {
		return apperr.Invalidf("decision_file_id", "Tệp quyết định không hợp lệ", "The decision's file is not valid")
	}
	return nil
}

// validYear checks a plan year is one congvu keeps plans for.
func validYear(field string, y int) error {
	if y < 2000 || y > 2100 {
		return apperr.Invalidf(field, "Năm %d không hợp lệ (từ 2000 đến 2100)", "Year %d is not valid (2000 to 2100)", y)
	}
	return nil
}
