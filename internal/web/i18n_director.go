package web

// Strings of the director's views: who is late (per unit and per person),
// and a plan's two measures (targets attained, tasks completed).
func init() {
	addMessages(map[string][2]string{
		"plan.measure.targets":        {"Chỉ tiêu đạt", "Targets attained"},
		"plan.measure.targets.detail": {"%d/%d chỉ tiêu đã đạt, %d có số liệu", "%d of %d targets reached, %d reported"},
		"plan.measure.tasks":          {"Nhiệm vụ hoàn thành", "Tasks completed"},

		"late.title":        {"Ai đang trễ hạn", "Who is late"},
		"late.h1":           {"Ai đang trễ hạn — %s", "Who is late — %s"},
		"late.card":         {"Trễ hạn — %s", "Late — %s"},
		"late.intro":        {"Hồ sơ một cửa đã quá hạn giải quyết mà chưa có kết quả (theo đơn vị và người đang xử lý) và nhiệm vụ đã quá hạn mà chưa hoàn thành (theo đơn vị và người chủ trì), tính đến hiện tại.", "One-stop dossiers past their due without a result (by the unit and person handling them) and tasks past their deadline and not done (by the lead unit and person), as of now."},
		"late.unit":         {"Đơn vị", "Unit"},
		"late.show":         {"Xem", "Show"},
		"late.dossiers":     {"hồ sơ quá hạn", "late dossiers"},
		"late.tasks":        {"nhiệm vụ quá hạn", "late tasks"},
		"late.people":       {"Theo người", "By person"},
		"late.units":        {"Theo đơn vị", "By unit"},
		"late.col.dossiers": {"Hồ sơ quá hạn", "Late dossiers"},
		"late.col.tasks":    {"Nhiệm vụ quá hạn", "Late tasks"},
		"late.col.figures":  {"Kết quả công việc", "Work results"},
		"late.col.open":     {"Xem chi tiết", "Details"},
		"late.figures":      {"Kết quả theo tháng", "Monthly results"},
		"late.tasklist":     {"Nhiệm vụ", "Tasks"},
		"late.staff":        {"Cán bộ", "Staff"},
		"late.counts":       {"%d hồ sơ, %d nhiệm vụ", "%d dossiers, %d tasks"},
		"late.none":         {"Không có việc nào trễ hạn.", "Nothing is late."},
		"late.open":         {"Xem ai đang trễ hạn", "See who is late"},
		"late.err.unit":     {"Đơn vị không hợp lệ", "Invalid unit"},
		"units.late":        {"Trễ hạn, kết quả công việc", "Late work, results"},
		"late.err.nounit":   {"Không có đơn vị này", "No such unit"},
	})
}
