package apperr

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text checks a free-text input: valid UTF-8, no control characters other
// than newlines and tabs, and between min and max characters once trimmed.
// It returns the trimmed text. min 0 means optional.
func Text(field, s string, min, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", Invalidf(field, "%s chứa ký tự không hợp lệ (không phải UTF-8)", "%s is not valid UTF-8", field)
	}
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 0 && min > 0 {
		return "", Invalidf(field, "thiếu %s (bắt buộc)", "%s is required", field)
	}
	if n < min {
		return "", Invalidf(field, "%s quá ngắn: cần ít nhất %d ký tự", "%s is too short: at least %d characters", field, min)
	}
	if n > max {
		return "", Invalidf(field, "%s quá dài: %d ký tự, tối đa %d", "%s is too long: %d characters, at most %d", field, n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return "", Invalidf(field, "%s chứa ký tự điều khiển không được phép", "%s contains a control character", field)
		}
	}
	return s, nil
}
