package news

import (
	"strings"

	"congvu/internal/fold"
)

// maxSlug keeps an address readable; the words past it are cut at a dash.
const maxSlug = 80

// Slug makes the address of a title: diacritics removed (đ becomes d, as
// fold does for search), lower case, words joined by dashes, nothing but
// a–z and 0–9 left. "Đầu tư công năm 2021" becomes "dau-tu-cong-nam-2021".
// An empty result (a title of only symbols) is "bai-viet".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold.String(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "bai-viet"
	}
	return s
}

// SlugWithID makes a slug unique without asking the store: the title's
// slug and the article's number, "dau-tu-cong-nam-2021-42". Two articles
// of the same title keep distinct addresses, and a renamed article's
// new address still ends in its number.
func SlugWithID(title string, id int64) string {
	return Slug(title) + "-" + itoa(id)
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
