// Package fold makes Vietnamese text searchable without diacritics, so that
// "dau tu" finds "đầu tư" and "Nguyen" finds "Nguyễn", as staff and citizens
// type on keyboards without a Vietnamese input method.
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// String lower-cases s, strips its diacritics (đ becomes d), and folds runs
// of white space into one space.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	// Invalid bytes become U+FFFD first: left in, the normaliser may take
	// them and the letter after them as one bad sequence and keep that
	// letter's diacritics, so that folding twice would differ.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.TrimRight(b.String(), " ")
}

// LikePattern returns a SQL LIKE pattern matching folded text containing
// the folded query, with LIKE's wildcards in the query escaped ('\').
func LikePattern(query string) string {
	q := String(query)
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(q) + "%"
}
