package web

// The strings of the task lists' paging, counts and exports (issue #12,
// "Lists that scale").
func init() {
	addMessages(map[string][2]string{
		"tasks.count.over":     {"hơn %s", "over %s"},
		"tasks.count":          {"Danh sách có %s nhiệm vụ", "The list holds %s tasks"},
		"tasks.pager.first":    {"Về đầu danh sách", "Back to the start"},
		"tasks.board.all":      {"Xem tất cả", "See them all"},
		"tasks.err.after":      {"Vị trí trang không hợp lệ: hãy mở lại danh sách từ đầu", "Invalid page position: open the list again from the start"},
		"tasks.export.toomany": {"Danh sách có hơn %s nhiệm vụ, quá nhiều để xuất một lần: hãy lọc theo trạng thái, đơn vị hoặc kế hoạch", "The list holds over %s tasks, too many to export at once: filter it by state, unit or plan"},
	})
}
