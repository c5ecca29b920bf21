package web

// The strings of notifications: the bell, its menu, the dossier kinds in
// the inbox and the e-mail settings page (bell.go, inbox.go).
func init() {
	addMessages(map[string][2]string{
		"bell.label":        {"Thông báo", "Notifications"},
		"bell.label.unread": {"Thông báo: %d chưa đọc", "Notifications: %d unread"},
		"bell.latest":       {"Thông báo mới nhất", "Latest notifications"},
		"bell.close":        {"Đóng", "Close"},
		"bell.all":          {"Xem tất cả thông báo", "All notifications"},
		"bell.settings":     {"Cài đặt nhận thư điện tử", "E-mail settings"},

		"notify.kind.dossier_forwarded":  {"Hồ sơ chuyển đến", "Dossier forwarded"},
		"notify.kind.dossier_supplement": {"Hồ sơ đã bổ sung", "Supplement received"},
		"notify.kind.dossier_due_soon":   {"Hồ sơ sắp đến hạn", "Dossier due soon"},
		"notify.kind.dossier_overdue":    {"Hồ sơ quá hạn", "Dossier overdue"},

		"notify.settings.title":     {"Cài đặt thông báo", "Notification settings"},
		"notify.settings.intro":     {"Mọi thông báo đều hiện trong mục Thông báo. Chọn những loại đồng chí muốn nhận thêm qua thư điện tử.", "Every notification appears in the inbox. Choose which kinds also come to you by e-mail."},
		"notify.settings.address":   {"Thư điện tử gửi đến:", "E-mail goes to:"},
		"notify.settings.noaddress": {"Hồ sơ cán bộ của đồng chí chưa có địa chỉ thư điện tử, nên chưa gửi được thư. Đề nghị quản trị viên bổ sung.", "Your staff record has no e-mail address, so no e-mail can be sent. Ask the administrator to add one."},
		"notify.settings.save":      {"Lưu lựa chọn", "Save"},
		"notify.settings.inbox":     {"Về mục Thông báo", "Back to the inbox"},
		"notify.group.dossiers":     {"Hồ sơ thủ tục hành chính", "Dossiers"},
		"notify.group.tasks":        {"Nhiệm vụ", "Tasks"},
		"notify.group.digest":       {"Tổng hợp", "Digest"},
		"notify.err.kind":           {"Loại thông báo không hợp lệ", "Unknown kind of notification"},
		"flash.notify.saved":        {"Đã lưu lựa chọn nhận thư điện tử", "E-mail settings saved"},

		"notify.email.dossier_forwarded":  {"Hồ sơ được chuyển đến tôi hoặc đơn vị tôi", "A dossier is forwarded to me or my unit"},
		"notify.email.dossier_supplement": {"Hồ sơ tôi xử lý đã được bổ sung", "A dossier I handle has its supplement"},
		"notify.email.dossier_due_soon":   {"Hồ sơ sắp đến hạn (còn dưới 24 giờ làm việc)", "A dossier is due within 24 working hours"},
		"notify.email.dossier_overdue":    {"Hồ sơ đã quá hạn", "A dossier is overdue"},
		"notify.email.task_assigned":      {"Được giao nhiệm vụ", "A task is assigned to me"},
		"notify.email.task_due":           {"Nhiệm vụ sắp đến hạn hoặc đến hạn hôm nay", "A task is due soon or today"},
		"notify.email.task_overdue":       {"Nhiệm vụ quá hạn", "A task is overdue"},
		"notify.email.task_returned":      {"Kết quả nhiệm vụ bị trả lại để làm lại", "A task's result is returned for rework"},
		"notify.email.task_update":        {"Diễn biến khác của nhiệm vụ (vướng mắc, gia hạn, trình, nghiệm thu…)", "Other task events (obstacles, extensions, submissions, acceptance…)"},
		"notify.email.digest":             {"Tổng hợp hằng ngày gửi lãnh đạo (nhiệm vụ và hồ sơ)", "The heads' daily digest (tasks and dossiers)"},
	})
}
