package web

import (
	"time"

	"congvu/internal/calendar"
)

// workingTimeText writes an amount of working time in words, in days of
// eight hours when it is whole days: "5 ngày làm việc", "2 ngày 3 giờ làm
// việc", "40 phút làm việc" ("5 working days" in English), never Go's
// "40h0m" (calendar.WorkingTimeText, shared with the API and the CLI).
func workingTimeText(lang string, d time.Duration) string { return calendar.WorkingTimeText(lang, d) }
