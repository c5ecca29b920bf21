package report

import "strings"

// The kinds of number a workbook shows, each with one format for every
// workbook congvu writes, so that money reads the same in the disbursement
// export, form 01a and the register. A plain int stays a General number:
// a year is 2026 and a month 12, never 2.026. Excel and LibreOffice group
// the digits in the reader's locale: 1.500.000.000 in Vietnamese.
type (
	// Money is an amount in đồng.
	Money int64
	// Count is a number of things (dossiers, projects), grouped.
	Count int64
	// Rate is a fraction (0.4 for 40%) shown as a percentage with one decimal.
	Rate float64
)

// The number formats of Money, Count and Rate.
const (
	xlsxMoney = `#,##0 "đ"`
	xlsxCount = `#,##0`
	xlsxRate  = `0.0%`
)

// RateOf is part over whole as a Rate, or nil (an empty cell) when whole
// is zero: a rate without its denominator is not 0%.
func RateOf(part, whole int64) any {
	if whole == 0 {
		return nil
	}
	return Rate(float64(part) / float64(whole))
}

// plainNumber reports whether a cell read from a workbook should be taken
// as its raw value rather than as the text its format shows: a number is
// read as Excel stores it (1500000000, 0.4), so that grouping or a
// currency sign in its format never reaches the parser, where "1,500"
// would be one and a half in Vietnamese. Dates and times (their shown text
// has '/' or ':') are read as shown, dd/mm/yyyy.
func plainNumber(shown, raw string) bool {
	return shown != raw && raw != "" && !strings.ContainsAny(shown, "/:") && isNumeric(raw)
}

func isNumeric(s string) bool {
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' && i == 0, c == '.', c == 'E', c == 'e', c == '+':
		default:
			return false
		}
	}
	return digits > 0
}
