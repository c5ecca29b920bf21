package review

import (
	"strings"
	"testing"

	"congvu/internal/apperr"
)

func TestCleanItems(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []Item
		ok   bool
		want int
	}{
		{"one", []Item{{" A-1 ", " Đúng giờ "}}, true, 1},
		{"none", nil, false, 0},
		{"no code", []Item{{"", "Đúng giờ"}}, false, 0},
		{"no text", []Item{{"A", "  "}}, false, 0},
		{"twice", []Item{{"A", "x"}, {"A", "y"}}, false, 0},
		{"long code", []Item{{strings.Repeat("x", 31), "y"}}, false, 0},
	} {
		got, err := CleanItems(c.in)
		if c.ok != (err == nil) {
			t.Errorf("%s: error %v", c.name, err)
			continue
		}
		if err != nil {
			if e := apperr.As(err); e == nil || e.Field != "items" {
				t.Errorf("%s: %v does not name items", c.name, err)
			}
			continue
		}
		if len(got) != c.want || got[0].Code != "A-1" || got[0].Text != "Đúng giờ" {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
}
