package httpx

import (
	"strings"
	"testing"
	"time"

	"congvu/internal/apperr"
)

// A challenge is met once, by its proof of work or its answer, before it
// expires, and only with the key that signed it.
func TestChallenger(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c := NewChallenger([]byte("khoá-thử"), clock)
	c.Bits = 8
	answer := func(ch Challenge) string {
		words := map[string]int{"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
		f := strings.Fields(strings.ToLower(ch.Question[0]))
		return itoa(words[f[0]] + words[f[2]])
	}
	for _, tc := range []struct {
		name          string
		nonce, answer func(ch Challenge) string
		later         time.Duration
		otherKey      bool
		field         string // "" when met
	}{
		{"the proof of work", func(ch Challenge) string { return SolveChallenge(ch.Token, 8) }, nil, 0, false, ""},
		{"the answer", nil, answer, 0, false, ""},
		{"a wrong answer", nil, func(Challenge) string { return "99" }, 0, false, "answer"},
		{"no answer", nil, nil, 0, false, "answer"},
		{"a nonce short of the bits", func(ch Challenge) string {
			for i := 0; ; i++ {
				if n := itoa(i); leadingZeroBits(ch.Token, n) < 8 {
					return n
				}
			}
		}, nil, 0, false, "challenge"},
		{"expired", func(ch Challenge) string { return SolveChallenge(ch.Token, 8) }, nil, ChallengeTTL + time.Second, false, "challenge"},
		{"just in time", func(ch Challenge) string { return SolveChallenge(ch.Token, 8) }, nil, ChallengeTTL, false, ""},
		{"another server's key", func(ch Challenge) string { return SolveChallenge(ch.Token, 8) }, nil, 0, true, "challenge"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			now = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
			ch := c.Issue()
			now = now.Add(tc.later)
			var nonce, ans string
			if tc.nonce != nil {
				nonce = tc.nonce(ch)
			}
			if tc.answer != nil {
				ans = tc.answer(ch)
			}
			check := c
			if tc.otherKey {
				check = NewChallenger([]byte("khoá-khác"), clock)
				check.Bits = 8
			}
			err := check.Check(ch.Token, nonce, ans)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if err := c.Check(ch.Token, nonce, ans); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(apperr.As(err).Message("vi"), "đã được dùng") {
					t.Errorf("met twice: %v", err)
				}
				return
			}
			if e := apperr.As(err); e == nil || e.Field != tc.field {
				t.Errorf("err %v, want Invalid on %s", err, tc.field)
			}
			// A wrong answer spends the question: the right one is then refused.
			if tc.name == "a wrong answer" {
				if err := c.Check(ch.Token, "", answer(ch)); apperr.As(err) == nil || !strings.Contains(apperr.As(err).Message("vi"), "đã được dùng") {
					t.Errorf("the right answer after a wrong one: %v", err)
				}
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
