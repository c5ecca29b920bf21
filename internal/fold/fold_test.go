package fold

import "testing"

func TestString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đầu tư", "dau tu"},
		{"Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"},
		{"NGUYỄN   Thị  Ánh", "nguyen thi anh"},
		{"đường Lý Thái Tổ", "duong ly thai to"},
		{"  Phòng KGVX ", "phong kgvx"},
		{"", ""},
		{"1.009645", "1.009645"},
		// Invalid UTF-8 folds to U+FFFD, which folds to itself, so that
		// String stays idempotent (FuzzString checks it on any input).
		{"Đ\xffà", "d\ufffda"},
		{"\xc3 \xa0Ấ", "\ufffd \ufffda"},
		{"\xf1ư", "\ufffdu"}, // a 4-byte lead before a letter with a diacritic (found by FuzzString)
		{"\u0301 a\u00a0\u0085B", "a b"},
	}
	for _, c := range cases {
		if got := String(c.in); got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := String(c.want); got != c.want {
			t.Errorf("String(%q) = %q: folding twice changes it", c.want, got)
		}
	}
}

func TestLikePattern(t *testing.T) {
	if got, want := LikePattern("Đầu 50%_x"), `%dau 50\%\_x%`; got != want {
		t.Errorf("LikePattern = %q, want %q", got, want)
	}
}
