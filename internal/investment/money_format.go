package investment

import "strconv"

// formatDong writes an amount of money the way the department's documents
// do, in both languages: "1.234.567 đ".
func formatDong(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := false
	if v < 0 {
		neg, s = true, s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+4)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out) + " đ"
	}
	return string(out) + " đ"
}

// FormatDong is formatDong for the other packages' messages about money.
func FormatDong(v int64) string { return formatDong(v) }

func formatInt(v int64) string { return strconv.FormatInt(v, 10) }
