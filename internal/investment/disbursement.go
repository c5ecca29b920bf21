package investment

import (
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

// Disbursement (giải ngân) is reported monthly per project and capital
// source (NĐ 85/2025 Art 49, TT 37/2025/TT-BTC form 01a): the cumulative
// amount actually disbursed from 1 January of the plan year to the end of
// the month, and the estimate of the cumulative amount to the end of the
// next month. The rate is the cumulative actual over the year's plan,
// against both denominators (DOMAIN.md §4).
//
// A month already reported is refused as a duplicate (409) unless the
// figure is sent as a correction (đính chính) with its reason: then it
// replaces the month's figure, and both the original and the correction
// stay in the history. The current month may be reported (to date); a
// later one may not.

// Figure is a month's disbursement of one capital source of a project.
type Figure struct {
	ProjectID        int64
	Year             int
	Month            time.Month
	Source           Source
	CumulativeActual int64 // đồng disbursed from 1/1 to the end of Month
	EstimateNext     int64 // đồng expected disbursed from 1/1 to the end of the next month
	Version          int   // 1 as first reported, +1 for each correction
}

// FigureInput is a month's figure as an investor or the appraisal division
// sends it.
type FigureInput struct {
	Year             int
	Month            int
	Source           Source
	CumulativeActual int64
	EstimateNext     int64
	Correction       bool   // replaces the month's figure already reported
	Reason           string // why, for a correction
}

// FigureContext is what DecideFigure needs to know besides the input: the
// figure already reported for the month (nil: none), the year's annual
// plan of the source (nil: none), the Art 72 extension of the year (nil:
// none) and the day it is in Vietnam.
type FigureContext struct {
	Existing  *Figure
	Plan      *CapitalPlan
	Extension *Extension
	Today     calendar.Date
}

// DecideFigure checks a month's figure and returns it as it will be
// stored. Errors, each naming its field: apperr.Invalid for a year, month
// or source that is not one, a negative amount, a month after the current
// one, a year or source without a plan, a cumulative actual above the plan
// allocated locally (with both figures), a correction of nothing or
// without a reason; apperr.Conflict for a closed year and a duplicate month
// not sent as a correction.
func DecideFigure(in FigureInput, c FigureContext) (Figure, error) {
	if err := validYear("year", in.Year); err != nil {
		return Figure{}, err
	}
	if in.Month < 1 || in.Month > 12 {
		return Figure{}, apperr.Invalidf("month", "Tháng %d không hợp lệ (1 đến 12)", "Month %d is not valid (1 to 12)", in.Month)
	}
	if _, err := ParseSource("source", string(in.Source)); err != nil {
		return Figure{}, err
	}
	if err := nonNegative("cumulative_actual", in.CumulativeActual); err != nil {
		return Figure{}, err
	}
	if err := nonNegative("estimate_next", in.EstimateNext); err != nil {
		return Figure{}, err
	}
	if in.Year > c.Today.Year || (in.Year == c.Today.Year && in.Month > int(c.Today.Month)) {
		return Figure{}, apperr.Invalidf("month", "Tháng %02d/%d chưa đến: chỉ báo cáo đến tháng hiện tại %02d/%d",
			"%02d/%d has not come yet: report up to the current month %02d/%d", in.Month, in.Year, int(c.Today.Month), c.Today.Year)
	}
	if YearClosed(in.Year, c.Extension, c.Today) {
		dl := DisbursementDeadline(in.Year, c.Extension)
		return Figure{}, apperr.New(apperr.Conflict, "year",
			"Năm kế hoạch "+itoa(in.Year)+" đã khóa: hạn giải ngân (Điều 72 Luật Đầu tư công) đã hết ngày "+DMY(dl),
			"Plan year "+itoa(in.Year)+" is closed: its disbursement deadline (Public Investment Law Art 72) ended on "+DMY(dl))
	}
	f := Figure{Year: in.Year, Month: time.Month(in.Month), Source: in.Source, CumulativeActual: in.CumulativeActual, EstimateNext: in.EstimateNext, Version: 1}
	switch {
	case c.Existing != nil && !in.Correction:
		return Figure{}, apperr.New(apperr.Conflict, "month",
			"Tháng "+monthYear(in.Month, in.Year)+" nguồn "+in.Source.Label("vi")+" đã được báo cáo ("+formatDong(c.Existing.CumulativeActual)+"): gửi lại dưới dạng đính chính, kèm lý do",
			monthYear(in.Month, in.Year)+" for source "+in.Source.Label("en")+" is already reported ("+formatDong(c.Existing.CumulativeActual)+"): send it again as a correction, with its reason")
	case c.Existing == nil && in.Correction:
		return Figure{}, apperr.Invalidf("correction", "Tháng %s chưa có số liệu để đính chính", "%s has no figure to correct", monthYear(in.Month, in.Year))
	case in.Correction && in.Reason == "":
		return Figure{}, apperr.Invalidf("reason", "Vui lòng nêu lý do đính chính", "Please give the reason for the correction")
	case in.Correction:
		f.Version = c.Existing.Version + 1
	}
	if c.Plan == nil {
		return Figure{}, apperr.New(apperr.Invalid, "source",
			"Dự án chưa có kế hoạch vốn năm "+itoa(in.Year)+" nguồn "+in.Source.Label("vi")+": nhập kế hoạch trước khi báo cáo giải ngân",
			"The project has no "+itoa(in.Year)+" plan for source "+in.Source.Label("en")+": enter the plan before reporting disbursement")
	}
	if in.CumulativeActual > c.Plan.AllocatedLocally {
		return Figure{}, apperr.Invalidf("cumulative_actual", "Lũy kế giải ngân %s vượt kế hoạch vốn địa phương phân bổ %s",
			"The cumulative disbursed %s is above the plan allocated locally %s", formatDong(in.CumulativeActual), formatDong(c.Plan.AllocatedLocally))
	}
	return f, nil
}

func monthYear(m, y int) string {
	if m < 10 {
		return "0" + itoa(m) + "/" + itoa(y)
	}
	return itoa(m) + "/" + itoa(y)
}

// CarrySpan is the months whose standing figure changes when month m's
// figure changes, given the other months already reported: a month with no
// figure of its own stands at the last reported before it, so the change
// runs from m up to the month before the next one reported (or December).
// Rollups keep one cumulative per month this way (store/disbursement_rollup.go).
func CarrySpan(reported []time.Month, m time.Month) (from, to time.Month) {
	to = time.December
	for _, r := range reported {
		if r > m && r-1 < to {
			to = r - 1
		}
	}
	return m, to
}
