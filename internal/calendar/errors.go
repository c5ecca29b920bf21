package calendar

import (
	"fmt"
	"time"
)

// Error reports invalid input: an impossible date, a year outside 1900–2199, a
// leap month that does not exist, a negative duration, invalid office hours or
// an invalid holiday table. Error returns the Vietnamese message shown to users;
// English returns the same in English. Callers map it to exit status 2 or
// HTTP 400 with errors.As; any other error from this package would be a bug.
type Error struct {
	Field string // the input at fault: "date", "year", "lunar", "duration", "office_hours", "schedule", "limit"
	Value string // the offending value, as written or formatted
	Msg   string // complete Vietnamese message, e.g. "ngày không hợp lệ: 30/2/2026"
	EN    string // complete English message
}

// Error returns the Vietnamese message.
func (e *Error) Error() string { return e.Msg }

// English returns the English message.
func (e *Error) English() string { return e.EN }

func newError(field, value, vi, en string) *Error {
	return &Error{Field: field, Value: value, Msg: vi, EN: en}
}

// dmy formats a date the Vietnamese way, as users write it: 30/2/2026.
func dmy(y int, m time.Month, d int) string { return fmt.Sprintf("%02d/%02d/%04d", d, int(m), y) }

func errDate(y int, m time.Month, d int) *Error {
	v := dmy(y, m, d)
	return newError("date", v, "ngày không hợp lệ: "+v, "invalid date: "+v)
}

func errYear(y int) *Error {
	v := fmt.Sprint(y)
	return newError("year", v,
		fmt.Sprintf("năm %d nằm ngoài phạm vi %d–%d", y, MinYear, MaxYear),
		fmt.Sprintf("year %d is outside the range %d–%d", y, MinYear, MaxYear))
}

func errNegative(field string, v string) *Error {
	return newError(field, v, "thời hạn âm: "+v, "negative duration: "+v)
}
