package inspection

import (
	"congvu/internal/apperr"
	"strings"
	"testing"
)

func TestLessonValidate(t *testing.T) {
	ok := func() Lesson {
		return Lesson{Kind: LinkDossier, Ref: "000.00.17.H04-260302-0001", What: "Trả kết quả trễ 2 ngày",
			Lesson: "Kiểm tra thời hạn từng bước ngay khi nhận hồ sơ"}
	}
	cases := []struct {
		name  string
		edit  func(*Lesson)
		field string
	}{
		{"complete", func(*Lesson) {}, ""},
		{"unknown kind", func(l *Lesson) { l.Kind = "unit" }, "kind"},
		{"no record", func(l *Lesson) { l.Ref = "  " }, "ref"},
		{"no account of what happened", func(l *Lesson) { l.What = "" }, "what"},
		{"no lesson", func(l *Lesson) { l.Lesson = "abc" }, "lesson"},
		{"a cause too long", func(l *Lesson) { l.Cause = strings.Repeat("a", 2001) }, "cause"},
	}
	for _, c := range cases {
		l := ok()
		c.edit(&l)
		err := l.Validate()
		got := ""
		if err != nil {
			got = fieldOf(err)
		}
		if got != c.field {
			t.Errorf("%s: field %q (%v), want %q", c.name, got, err, c.field)
		}
	}
}

func TestLessonSearchText(t *testing.T) {
	l := Lesson{Ref: "1.000001", What: "Chậm thẩm định đầu tư", Lesson: "Phân công người dự phòng"}
	if got := l.SearchText(); !strings.Contains(got, "cham tham dinh dau tu") || !strings.Contains(got, "phan cong") {
		t.Errorf("search text %q: want the folded texts", got)
	}
}

func fieldOf(err error) string {
	if e := apperr.As(err); e != nil {
		return e.Field
	}
	return "?"
}
