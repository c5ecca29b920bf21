package dossier

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
	"congvu/internal/org"
)

// FormatCode builds a dossier code (mã hồ sơ) [practice, DOMAIN.md §1.3]:
// {agency code}-{yyMMdd}-{NNNN}, e.g. "000.00.06.H56-231027-0361". The
// agency code is the electronic identifier of QĐ 20/2020/QĐ-TTg; day is the
// day of receipt; seq runs per receiving agency and restarts each day (the
// store allocates it inside a transaction). NNNN has at least four digits and
// more when seq reaches 10000.
func FormatCode(agencyCode string, day calendar.Date, seq int) string {
	return fmt.Sprintf("%s-%02d%02d%02d-%04d", agencyCode, day.Year%100, int(day.Month), day.Day, seq)
}

// ParseCode splits a dossier code into the agency code, the day of receipt
// (taken in 2000–2099) and the sequence number. The error is apperr.Invalid
// on field "code" when s is not a well-formed code: one FormatCode writes,
// so that a sequence number with a surplus leading zero is refused.
func ParseCode(s string) (agency string, day calendar.Date, seq int, err error) {
	bad := apperr.Invalidf("code", "mã hồ sơ %q không đúng dạng CCC.BB.AA.Hnn-yyMMdd-NNNN",
		"dossier code %q is not of the form CCC.BB.AA.Hnn-yyMMdd-NNNN", s)
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) != 3 || !org.ValidCode(parts[0]) || len(parts[1]) != 6 || !digits(parts[1]) ||
		len(parts[2]) < 4 || !digits(parts[2]) || (len(parts[2]) > 4 && parts[2][0] == '0') {
		return "", calendar.Date{}, 0, bad
	}
	n := func(i int) int { v, _ := strconv.Atoi(parts[1][i : i+2]); return v }
	day = calendar.Date{Year: 2000 + n(0), Month: time.Month(n(2)), Day: n(4)}
	seq, convErr := strconv.Atoi(parts[2])
	if day.Validate() != nil || convErr != nil || seq < 1 {
		return "", calendar.Date{}, 0, bad
	}
	return parts[0], day, seq, nil
}

// digits reports whether s is non-empty and all ASCII digits.
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
