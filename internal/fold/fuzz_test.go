package fold

import (
	"testing"
	"unicode/utf8"
)

// FuzzString checks the properties search relies on: folding is idempotent
// (a folded query matches folded stored text), the result is valid UTF-8 even
// for invalid input, and it has no leading, trailing or doubled spaces.
func FuzzString(f *testing.F) {
	for _, s := range []string{"Đầu tư", "Sở Kế hoạch và Đầu tư", "NGUYỄN   Thị  Ánh", "  Phòng KGVX ", "",
		"1.009645", "Nguyễn Văn A\u00a0\t\n", "\xff\xfeĐ", "a\u0301\u0323", "ǅ", "İstanbul", "\u212b", "ﬁ", "Ω\u0345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := String(s)
		if twice := String(once); twice != once {
			t.Fatalf("String is not idempotent on %q: %q then %q", s, once, twice)
		}
		if !utf8.ValidString(once) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", s, once)
		}
		if len(once) > 0 && (once[0] == ' ' || once[len(once)-1] == ' ') {
			t.Fatalf("String(%q) = %q has an outer space", s, once)
		}
	})
}
