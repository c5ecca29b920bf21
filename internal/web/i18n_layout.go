package web

// The strings of the layout and accessibility work (issue #12, items 4 and
// 5): confirmations of destructive actions, the phone menu.
func init() {
	addMessages(map[string][2]string{
		"confirm.action": {"Tôi xác nhận muốn %s", "I confirm: %s"},
		"confirm.short":  {"Xác nhận", "Confirm"},
		"layout.menu":    {"Danh mục chức năng", "Menu"},
		// The menu's groups (nav_groups.go).
		"nav.g.onestop":    {"Một cửa", "One-stop"},
		"nav.g.work":       {"Công việc", "Work"},
		"nav.g.investment": {"Đầu tư công", "Public investment"},
		"nav.g.check":      {"Theo dõi, đánh giá", "Monitoring and evaluation"},
		"nav.g.portal":     {"Cổng thông tin", "Portal"},
		"nav.g.org":        {"Tổ chức", "Organisation"},
	})
}
