package news

import "congvu/internal/apperr"

// Category is a section of the portal's news. The code is its slug in
// the address (/tin-tuc?chuyen-muc=thong-bao) and the key in the store.
type Category string

// The portal's sections.
const (
	CatEvents     Category = "tin-tuc-su-kien"
	CatNotices    Category = "thong-bao"
	CatDirectives Category = "van-ban-chi-dao"
	CatInvestment Category = "dau-tu-cong"
	CatReform     Category = "cai-cach-hanh-chinh"
)

// Categories lists the sections in display order.
var Categories = []Category{CatEvents, CatNotices, CatDirectives, CatInvestment, CatReform}

var categoryLabels = map[Category][2]string{
	CatEvents:     {"Tin tức – sự kiện", "News and events"},
	CatNotices:    {"Thông báo", "Notices"},
	CatDirectives: {"Văn bản chỉ đạo", "Directives"},
	CatInvestment: {"Đầu tư công", "Public investment"},
	CatReform:     {"Cải cách hành chính", "Administrative reform"},
}

// Label is the section's name in "vi" or "en".
func (c Category) Label(lang string) string {
	l, ok := categoryLabels[c]
	if !ok {
		return string(c)
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// Valid reports whether c is a known section.
func (c Category) Valid() bool { _, ok := categoryLabels[c]; return ok }

// ParseCategory checks a section code.
func ParseCategory(field, s string) (Category, error) {
	c := Category(s)
	if !c.Valid() {
		return "", apperr.Invalidf(field, "chuyên mục không hợp lệ: %q", "unknown category: %q", s)
	}
	return c, nil
}
