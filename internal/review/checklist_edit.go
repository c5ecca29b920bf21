package review

import (
	"strings"

	"congvu/internal/apperr"
)

// Limits of a checklist version an agency writes.
const (
	maxItems    = 100
	maxCodeLen  = 30
	maxItemText = 1000
)

// CleanItems trims the items of a new version and checks them: at least
// one, each with a code and a text, codes unique (a violation names its
// item by code). Errors: apperr.Invalid naming "items".
func CleanItems(in []Item) ([]Item, error) {
	if len(in) == 0 {
		return nil, apperr.Invalidf("items", "Danh mục cần ít nhất một nội dung", "A checklist needs at least one item")
	}
	if len(in) > maxItems {
		return nil, apperr.Invalidf("items", "Danh mục có tối đa %d nội dung", "A checklist has at most %d items", maxItems)
	}
	seen := map[string]bool{}
	out := make([]Item, 0, len(in))
	for i, it := range in {
		it.Code, it.Text = strings.TrimSpace(it.Code), strings.TrimSpace(it.Text)
		switch {
		case it.Code == "" || it.Text == "":
			return nil, apperr.Invalidf("items", "Nội dung thứ %d cần cả mã và nội dung", "Item %d needs a code and a text", i+1)
		case len([]rune(it.Code)) > maxCodeLen:
			return nil, apperr.Invalidf("items", "Mã của nội dung thứ %d quá dài (tối đa %d ký tự)", "The code of item %d is too long (at most %d)", i+1, maxCodeLen)
		case len([]rune(it.Text)) > maxItemText:
			return nil, apperr.Invalidf("items", "Nội dung thứ %d quá dài (tối đa %d ký tự)", "Item %d is too long (at most %d)", i+1, maxItemText)
		case seen[it.Code]:
			return nil, apperr.Invalidf("items", "Mã %q trùng nhau", "The code %q is used twice", it.Code)
		}
		seen[it.Code] = true
		out = append(out, it)
	}
	return out, nil
}
