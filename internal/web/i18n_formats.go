package web

// Strings of the formats part of issue #12: how numbers, dates and times
// are typed, and the words that replace developer text on the pages.
func init() {
	addMessages(map[string][2]string{
		"num.err.empty":   {"Vui lòng nhập số", "Please enter a number"},
		"num.err.invalid": {"Không phải là số: %q — viết ví dụ 1.500.000 hoặc 2,5", "Not a number: %q — write e.g. 1.500.000 or 2,5"},
		"num.err.mixed":   {"Không rõ số %q: dùng dấu chấm ngăn cách hàng nghìn và một dấu phẩy trước phần thập phân, ví dụ 1.234,5", "Ambiguous number %q: use dots between thousands and one comma before the decimals, e.g. 1.234,5"},
		"num.err.group":   {"Số %q nhóm chữ số sai: mỗi nhóm sau dấu chấm có đúng 3 chữ số, ví dụ 1.500.000", "Number %q is wrongly grouped: each group after a dot has exactly 3 digits, e.g. 1.500.000"},
	})
}

func init() {
	addMessages(map[string][2]string{
		"err.title.405": {"Thao tác không được hỗ trợ", "Method not allowed"},
		"err.method":    {"Địa chỉ này không nhận thao tác đó. Vui lòng quay lại trang trước và dùng các nút trên trang.", "This address does not accept that action. Please go back and use the buttons on the page."},
	})
}
