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

// What a refusal says in words (refusal.go), by the action refused.
func init() {
	addMessages(map[string][2]string{
		"perm.any":            {"Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"},
		"perm.dossier.intake": {"Chỉ cán bộ bộ phận một cửa mới được tiếp nhận hồ sơ", "Only the one-stop desk's clerks may receive dossiers"},
		"perm.dossier.view":   {"Bạn không có quyền xem hồ sơ thủ tục hành chính", "You are not allowed to see the dossiers"},
		"perm.dossier.handle": {"Bạn không có quyền xử lý hồ sơ", "You are not allowed to handle dossiers"},
		"perm.dossier.stats":  {"Chỉ lãnh đạo cơ quan, lãnh đạo phòng và thanh tra mới được xem thống kê hồ sơ", "Only the agency's and divisions' leaders and the inspectors may see the dossier statistics"},
		"perm.task.create":    {"Chỉ lãnh đạo cơ quan và lãnh đạo phòng mới được lập kế hoạch và giao nhiệm vụ", "Only the agency's and divisions' leaders may make plans and assign tasks"},
		"perm.task.view":      {"Bạn không có quyền xem nhiệm vụ của đơn vị này", "You are not allowed to see this unit's tasks"},
		"perm.org.manage":     {"Chỉ quản trị viên của cơ quan mới được thêm, sửa đơn vị và cán bộ", "Only the agency's administrator may add or change units and staff"},
	})
}

// Working time in words (worktime.go).
func init() {
	addMessages(map[string][2]string{
		"span.workday":  {"1 ngày làm việc", "1 working day"},
		"span.workdays": {"%d ngày làm việc", "%d working days"},
		"span.days":     {"%d ngày", "%d days"},
		"span.hours":    {"%d giờ", "%d hours"},
		"span.minutes":  {"%d phút", "%d minutes"},
		"span.working":  {"%s làm việc", "%s of working time"},
	})
}

// The flag on figures that rest on an assumption (figures.html).
func init() {
	addMessages(map[string][2]string{
		"figures.unverified.flag": {"Chưa được đối chiếu với văn bản gốc — quản trị viên có thể sửa", "Not yet checked against the original text — an administrator may correct it"},
	})
}
