package store

import (
	"slices"
	"testing"
)

func TestTrigrams(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"ab", nil},
		{"abc", []string{"abc"}},
		{"dau tu", []string{"dau", "au ", "u t", " tu"}},
		{"aaaa", []string{"aaa"}},        // each once
		{"điện", []string{"điệ", "iện"}}, // characters, not bytes
	}
	for _, c := range cases {
		if got := trigrams(c.in); !slices.Equal(got, c.want) {
			t.Errorf("trigrams(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// PostgreSQL's index holds trigrams of words: a search asks it only for
// trigrams of letters and digits, at most searchTrigrams of them, in the
// order given (rarest first), none for a query common in the sample, and
// always checks the whole query.
func TestPostgresSearchAsksForRareWordTrigrams(t *testing.T) {
	rarest := []string{"n v", "van", "guy", " va", "uye", "ngu", "yen"}
	cases := []struct {
		name  string
		query string
		hint  searchHint
		want  []any
	}{
		{"rare", "Nguyễn Văn", searchHint{rarest: rarest}, []any{"%van%", "%guy%", "%uye%", "%ngu%", "%nguyen van%"}},
		{"common", "Nguyễn Văn", searchHint{rarest: rarest, common: true}, []any{"nguyen van"}},
		{"no word trigram", "50%_x", searchHint{rarest: []string{"50%", "0%_", "%_x"}}, []any{`%50\%\_x%`}},
	}
	for _, c := range cases {
		s, ok := postgresDialect{}.search("", "d", c.query, c.hint, true)
		if !ok || !slices.Equal(s.args, c.want) {
			t.Errorf("%s: %v, args %q, want %q", c.name, ok, s.args, c.want)
		}
	}
	if _, ok := (postgresDialect{}).search("", "d", "ab", searchHint{}, true); ok {
		t.Error("a query shorter than a trigram was searched for")
	}
}
