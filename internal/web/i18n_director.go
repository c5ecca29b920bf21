package web

// Strings of the director's views: who is late (per unit and per person),
// and a plan's two measures (targets attained, tasks completed).
func init() {
	addMessages(map[string][2]string{
		"plan.measure.targets":        {"Chỉ tiêu đạt", "Targets attained"},
		"plan.measure.targets.detail": {"%d/%d chỉ tiêu đã đạt, %d có số liệu", "%d of %d targets reached, %d reported"},
		"plan.measure.tasks":          {"Nhiệm vụ hoàn thành", "Tasks completed"},
	})
}
