package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FormatDuration formats d as hours and minutes, the way remaining and
// elapsed working time is shown: "13h20m", "0h0m", "-2h5m". Hours may exceed
// 24; seconds and below are truncated toward zero.
func FormatDuration(d time.Duration) string {
	sign := ""
	u := uint64(d)
	if d < 0 {
		sign, u = "-", uint64(-(d+1))+1 // safe for math.MinInt64
	}
	m := u / uint64(time.Minute)
	if m == 0 {
		sign = "" // -30s truncates to 0h0m, not -0h0m
	}
	return fmt.Sprintf("%s%dh%dm", sign, m/60, m%60)
}

// ParseDuration parses what FormatDuration writes, and also "13h" or "20m":
// an optional minus sign, then hours followed by "h", minutes followed by
// "m", or both. Errors are *Error.
func ParseDuration(s string) (time.Duration, error) {
	bad := newError("duration", s, fmt.Sprintf("thời lượng không hợp lệ: %q", s), fmt.Sprintf("invalid duration: %q", s))
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	if t == "" {
		return 0, bad
	}
	var total time.Duration
	for _, unit := range []struct {
		suffix string
		d      time.Duration
	}{{"h", time.Hour}, {"m", time.Minute}} {
		i := strings.Index(t, unit.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.ParseInt(t[:i], 10, 64)
		if err != nil || t[:i] == "" || t[0] == '+' || t[0] == '-' || n > int64(maxSpan/int64(unit.d)) {
			return 0, bad
		}
		total += time.Duration(n) * unit.d
		t = t[i+1:]
	}
	if t != "" {
		return 0, bad
	}
	if neg {
		total = -total
	}
	return total, nil
}
