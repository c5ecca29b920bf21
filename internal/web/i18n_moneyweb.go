package web

// Strings of the capital section's Art 72 deadline and the other
// additions of making the money pages live (capital*.go).
func init() {
	addMessages(map[string][2]string{
		"money.deadline":          {"Hạn giải ngân kế hoạch vốn năm %d (Điều 72 Luật Đầu tư công): %s.", "Deadline to disburse the %d plan (Public Investment Law Art 72): %s."},
		"money.deadline.normal":   {"Có thể gia hạn theo quyết định, tối đa đến %s.", "A decision may extend it, to %s at the latest."},
		"money.deadline.extended": {"Đã gia hạn theo quyết định %s (hạn thông thường %s; tối đa %s).", "Extended by decision %s (normally %s; at the latest %s)."},
		"money.deadline.closed":   {"Đã hết hạn: năm kế hoạch đã khóa.", "Past: the plan year is closed."},
	})
}
